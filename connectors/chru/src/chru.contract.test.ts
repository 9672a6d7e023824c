import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeConnectorContract } from '@hub/source-kit/testing';
import { connectChru } from './chru-connector';
// The end-to-end tests' hand-built CHRU, its damaged item and rows included: one fixture everywhere.
import { CHRU_FIXTURE, type GmaoStandIn, startGmaoStandIn, writeChruSources } from './testing';

const dir = mkdtempSync(path.join(tmpdir(), 'hub-chru-contract-'));
let gmao: GmaoStandIn;
beforeAll(async () => {
  await writeChruSources(CHRU_FIXTURE, dir);
  gmao = await startGmaoStandIn({ items: CHRU_FIXTURE.equipements, token: 't' });
});
afterAll(async () => {
  await gmao?.close();
  rmSync(dir, { recursive: true, force: true });
});

describeConnectorContract('CHRU connector', {
  connect: async () => connectChru({ gmao: { baseUrl: gmao.url, token: 't' }, exportsFolder: dir }),
  // Nothing listens on port 1, and the exports' folder is not there: every source down.
  connectDown: async () =>
    connectChru({
      gmao: { baseUrl: 'http://127.0.0.1:1', token: 't', timeoutMs: 500 },
      exportsFolder: path.join(dir, 'missing'),
    }),
  // A new drop of the exports, the same rows.
  changeSource: async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'depenses_uf.csv'), later, later);
  },
  fixture: {
    // GMAO-004513 is out of order (listed); -004514 has no price (rejected); -000100 is retired.
    inventory: { '4521': ['CHRU:GMAO-004512', 'CHRU:GMAO-004513'] },
    staffId: 'CHRU:C0042',
    expenses: { year: 2025, count: 1 },
    unknown: { costCentre: '9999', id: 'CHRU:GMAO-999999' },
  },
});
