import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeConnectorContract } from '@hub/source-kit/testing';
// The end-to-end tests' hand-built replica: one fixture, asserted the same way everywhere.
import { UL_FIXTURE, writeUlSqlite } from './testing';
import { UlConnector } from './ul-connector';

const dir = mkdtempSync(path.join(tmpdir(), 'hub-ul-contract-'));
writeUlSqlite(UL_FIXTURE, dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeConnectorContract('UL connector', {
  connect: () =>
    UlConnector.connect({
      database: {
        kind: 'sqlite',
        schemas: { sifac: path.join(dir, 'sifac.sqlite'), siham: path.join(dir, 'siham.sqlite') },
      },
      asOf: () => '2026-01-01',
    }),
  // Nothing listens on port 1: refused at once, as a replica that is down.
  connectDown: () =>
    UlConnector.connect({
      database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 2000 },
    }),
  fixture: {
    // 000020004512 (its addition rolled in) and 000020004513 in service; 000020004514 disposed.
    inventory: {
      'PF-XGAMMA': ['UL:000020004512', 'UL:000020004513'],
      'PF-MICRO': ['UL:000020004600'],
    },
    staffId: 'UL:00123456',
    expenses: { year: 2025, count: 4 },
    unknown: { costCentre: 'PF-NONE', id: 'UL:000099999999' },
  },
});
