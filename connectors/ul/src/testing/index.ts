// Stand-ins for UL's SIFAC/SIHAM replica, for tests and the demo (never the product): its rows, a
// hand-built fixture, and writers into SQLite files or a PostgreSQL server.
export { UL_FIXTURE } from './fixture';
export type { UlAffectation, UlAgent, UlDepense, UlImmobilisation, UlRows } from './rows';
export { loadUlPostgres, writeUlSqlite } from './write';
