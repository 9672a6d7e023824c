// @hub/connector-sql: SQL sources through MikroORM. Add exports with intention: it is public API.
export { isTransientSqlError, SqlSource, type SqlSourceConfig } from './sql-source';
