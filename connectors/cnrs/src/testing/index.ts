// Stand-ins for CNRS's replica, for tests and the demo (never the product): its rows, a hand-built
// fixture, and writers into a SQLite file or a MariaDB server.
export { CNRS_FIXTURE } from './fixture';
export type { CnrsAgent, CnrsDepense, CnrsInventaire, CnrsRows } from './rows';
export { loadCnrsMariadb, writeCnrsSqlite } from './write';
