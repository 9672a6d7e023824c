// Writing a SQL source's stand-in (SQLite files, or rows batched for a real server): tests and the demo.
export { batchedInserts, type SqlTable, sqlTable, writeSqliteFiles } from './tables';
