import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeConnectorContract } from '@hub/source-kit/testing';
import { CnrsConnector } from './cnrs-connector';
// The end-to-end tests' hand-built replica: one fixture, asserted the same way everywhere.
import { CNRS_FIXTURE, writeCnrsSqlite } from './testing';

const dir = mkdtempSync(path.join(tmpdir(), 'hub-cnrs-contract-'));
writeCnrsSqlite(CNRS_FIXTURE, dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeConnectorContract('CNRS connector', {
  connect: () =>
    CnrsConnector.connect({
      database: { kind: 'sqlite', schemas: { cnrs_dr06: path.join(dir, 'cnrs_dr06.sqlite') } },
    }),
  // Nothing listens on port 1: refused at once, as a replica that is down.
  connectDown: () =>
    CnrsConnector.connect({
      database: { kind: 'mariadb', url: 'mariadb://hub@127.0.0.1:1/cnrs_dr06', timeoutMs: 2000 },
    }),
  fixture: {
    // 345 in service and 346 out of order are listed; 347, retired, is not.
    inventory: { 'PF-XGAMMA': ['CNRS:345', 'CNRS:346'], 'PF-CNRS1': ['CNRS:400'] },
    staffId: 'CNRS:40412',
    expenses: { year: 2025, count: 2 },
    unknown: { costCentre: 'PF-NONE', id: 'CNRS:999999' },
  },
});
