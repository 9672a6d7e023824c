// Writing a SQL source's stand-in (SQLite files, or rows batched for a real server): tests and the demo.

// A fresh database on the machine's PostgreSQL or MariaDB, for one test file of any package.
export { createMariadbDatabase, MARIADB_ADMIN_URL } from './mariadb';
export { createPostgresDatabase, POSTGRES_ADMIN_URL } from './postgres';
export { batchedInserts, type SqlTable, sqlTable, writeSqliteFiles } from './tables';
