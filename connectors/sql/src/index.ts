// @hub/connector-sql: SQL sources through MikroORM. Add exports with intention: it is public API.
export { SqlSource, type SqlSourceConfig } from './sql-source';
