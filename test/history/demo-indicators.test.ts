import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { ulSqliteDatabase } from '@hub/connector-ul';
import { writeDemo } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * The CORIS indicators on the demo site (seed 42; HUB_DEMO_SCALE for another size) through the gateway: prints
 * each one's time and the tutelles' subgraph requests it made (site → tutelles, counted by the tutelle
 * subgraphs' statement counters where SQL); asserts the batching only (one request per tutelle at most
 * for the staff), never a time: the machine is shared.
 */

const scale = Number(process.env.HUB_DEMO_SCALE ?? 1);

const QUERIES: Record<string, string> = {
  'corisStaff(TUTELLE)': '{ corisStaff(year: 2025, groupBy: TUTELLE) { rows { key headcount fte } } }',
  'corisStaff(CATEGORY)': '{ corisStaff(year: 2025, groupBy: CATEGORY) { rows { key headcount fte } } }',
  'corisStaff(PLATFORM)': '{ corisStaff(year: 2025, groupBy: PLATFORM) { rows { key headcount } } }',
  'corisEquipment(KIND)': '{ corisEquipment(groupBy: KIND) { rows { key count valueHT { amount } } } }',
  'corisEquipment(AGE_BAND)': '{ corisEquipment(groupBy: AGE_BAND) { rows { key count } } }',
  corisRenewal: '{ corisRenewal(fromYear: 2026) { years { year count valueHT { amount } } } }',
  corisLabels: '{ corisLabels(withinMonths: 6) { rows { platformCode due } } }',
  'siteHistory(2018-2026)':
    '{ siteHistory(fromYear: 2018, toYear: 2026) { asOf instruments headcount fte } }',
};

describe(`the CORIS indicators on the demo site ×${scale}`, () => {
  let dir: string;
  let hub: Hub;
  let steering: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-coris-demo-'));
    await writeDemo(dir, { seed: 42, scale });
    hub = await startSubgraphsAndGateway({
      registryFile: path.join(dir, 'registry.yaml'),
      ul: { database: ulSqliteDatabase(path.join(dir, 'ul')) },
      cnrs: { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) },
      inraeFolder: path.join(dir, 'inrae'),
      chru: {
        exportsFolder: path.join(dir, 'chru'),
        gmaoItems: JSON.parse(readFileSync(path.join(dir, 'chru', 'gmao-equipements.json'), 'utf8')),
      },
    });
    await hub.site.inventory.sync();
    steering = await mintToken(jwtSecret(), { subject: 'coris', roles: [Role.STEERING] });
  });
  afterAll(async () => {
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers each indicator with a bounded number of source reads', async () => {
    const lines: string[] = [];
    for (const [name, query] of Object.entries(QUERIES)) {
      const statements = [hub.ul.connector.source.statementCount, hub.cnrs.connector.source.statementCount];
      const started = process.cpuUsage();
      const wall = performance.now();
      const answer = await hub.query(query, { token: steering });
      const cpu = process.cpuUsage(started);
      expect(answer.errors).toBeUndefined();
      const ul = hub.ul.connector.source.statementCount - statements[0]!;
      const cnrs = hub.cnrs.connector.source.statementCount - statements[1]!;
      // Staff: one batched read per tutelle whatever the number of people (a few statements each).
      expect(ul).toBeLessThanOrEqual(4);
      expect(cnrs).toBeLessThanOrEqual(4);
      lines.push(
        `${name.padEnd(26)} ${Math.round(performance.now() - wall)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU (this process: gateway and subgraphs), UL ${ul} / CNRS ${cnrs} SQL statements`,
      );
    }
    console.log(`CORIS indicators, demo ×${scale}:\n${lines.join('\n')}`);
  });
});
