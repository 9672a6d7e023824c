// Stand-ins for INRAE's extraction workbooks, for tests and the demo (never the product): their rows, a
// hand-built fixture, and the writer of the workbooks.
export { INRAE_FIXTURE } from './fixture';
export type { Cell, InraeAgent, InraeDepense, InraeEquipement, InraeRows } from './rows';
export { writeInraeExtractions } from './write';
