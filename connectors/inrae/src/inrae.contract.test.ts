import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeConnectorContract } from '@hub/source-kit/testing';
import { connectInrae } from './inrae-connector';
// The end-to-end tests' hand-built extraction, its damaged rows included: one fixture everywhere.
import { INRAE_FIXTURE, writeInraeExtractions } from './testing';

const dir = mkdtempSync(path.join(tmpdir(), 'hub-inrae-contract-'));
beforeAll(() => writeInraeExtractions(INRAE_FIXTURE, dir, '2026-10-31'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeConnectorContract('INRAE connector', {
  connect: async () => connectInrae({ folder: dir }),
  connectDown: async () => connectInrae({ folder: path.join(dir, 'not-there') }),
  // The newest workbook saved again: a new version, the same rows.
  changeSource: async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'extraction_INRAE_2026-10-31.xlsx'), later, later);
  },
  fixture: {
    // -0013 is out of order (listed); -0014 and -0015 are rejected rows; -0002 is disposed.
    inventory: { 'PF-XG-INRAE': ['INRAE:INRAE-54-2019-0012', 'INRAE:INRAE-54-2020-0013'] },
    staffId: 'INRAE:I0001',
    expenses: { year: 2025, count: 2 },
    unknown: { costCentre: 'PF-NONE', id: 'INRAE:INRAE-54-1999-9999' },
  },
});
