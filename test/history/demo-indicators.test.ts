import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWorkbook, writeDemo } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { TutelleSubgraphs } from '@hub/subgraph-site';
import { Workbook } from 'exceljs';
import { demoSources } from '../src/demo-hub';
import { englishCells } from '../src/french-sheets';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * The CORIS indicators on the demo site (seed 42; HUB_DEMO_SCALE for another size) through the gateway: prints
 * each one's time and the SQL statements it made the tutelles' sources run (UL's and CNRS's statement
 * counters; INRAE's and the CHRU's files are read once, when their subgraphs start), asked twice: cold,
 * then again (the equipment, renewal and labels kept per inventory and registry version); then the
 * year's workbook as `hub coris workbook` computes it. Asserts the batching only (a few statements per
 * tutelle for the staff, whatever the number of people or platforms), never a time: the machine is shared.
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
  // Every platform's series in one request: the staff still read once per tutelle.
  'Platform.history ×500': `{ platforms(first: 500) { nodes { code history(fromYear: 2022, toYear: 2026) { instruments headcount } } } }`,
  'tariffDivergence(2025)':
    '{ tariffDivergence(year: 2025) { site { comparisons meanAbsoluteGapPercent } unavailable { platformCode } } }',
};

describe(`the CORIS indicators on the demo site ×${scale}`, () => {
  let dir: string;
  let hub: Hub;
  let steering: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-coris-demo-'));
    await writeDemo(dir, { seed: 42, scale });
    hub = await startSubgraphsAndGateway({
      ...demoSources(dir),
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
    for (const [name, query] of [
      ...Object.entries(QUERIES),
      ...Object.entries(QUERIES).map(([name, query]) => [`${name}, again`, query] as const),
    ]) {
      const statements = [hub.ul.connector.source.statementCount, hub.cnrs.connector.source.statementCount];
      const started = process.cpuUsage();
      const wall = performance.now();
      const answer = await hub.query(query, { token: steering });
      const cpu = process.cpuUsage(started);
      expect(answer.errors).toBeUndefined();
      const ul = hub.ul.connector.source.statementCount - statements[0]!;
      const cnrs = hub.cnrs.connector.source.statementCount - statements[1]!;
      // Staff: one batched read per tutelle whatever the number of people (a few statements each); the
      // tariffs read the cost bases of every platform the same way.
      expect(ul).toBeLessThanOrEqual(name.startsWith('tariff') ? 12 : 4);
      expect(cnrs).toBeLessThanOrEqual(name.startsWith('tariff') ? 12 : 4);
      lines.push(
        `${name.padEnd(34)} ${Math.round(performance.now() - wall)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU (this process: gateway and subgraphs), UL ${ul} / CNRS ${cnrs} SQL statements`,
      );
    }
    console.log(`CORIS indicators, demo ×${scale}:\n${lines.join('\n')}`);
    // Twenty indicator requests in one test: raised above the suite's one timeout for a loaded machine.
  }, 300_000);

  it('writes the year’s workbook with one staff read per tutelle', async () => {
    // `hub coris workbook --year 2025`'s own code (ops/src/coris.ts), over this hub's database and subgraphs.
    const statements = [hub.ul.connector.source.statementCount, hub.cnrs.connector.source.statementCount];
    const started = performance.now();
    const progress: string[] = [];
    const run = await buildWorkbook(
      hub.site.orm.em,
      new TutelleSubgraphs({ UL: hub.ul.url, CNRS: hub.cnrs.url, INRAE: hub.inrae.url, CHRU: hub.chru.url }),
      undefined,
      { year: 2025, out: path.join(dir, 'coris-2025.xlsx'), format: 'xlsx' },
      (line) => progress.push(line.trim()),
    );
    const ms = Math.round(performance.now() - started);
    expect(run.sheets).toHaveLength(10);
    // The workbook's tariffs are the graph's: instruments grouped by the reconciled inventory in both.
    const workbook = await new Workbook().xlsx.readFile(run.files[0]!);
    const siteRow: unknown[] = [];
    workbook.getWorksheet('Tarifs (synthèse)')!.eachRow((row) => {
      if (row.getCell(1).value === 'SITE') siteRow.push(...(row.values as unknown[]).slice(1));
    });
    const graph = await hub.query(
      '{ tariffDivergence(year: 2025) { site { comparisons meanAbsoluteGapPercent yearlyGap { amount } } } }',
      { token: steering },
    );
    const site = (graph.data as any).tariffDivergence.site;
    expect(siteRow[1]).toBe(site.comparisons);
    expect(siteRow[3]).toBeCloseTo(site.meanAbsoluteGapPercent, 2);
    expect(siteRow[5]).toBeCloseTo(site.yearlyGap.amount, 2);
    expect(readFileSync(run.files[0]!).subarray(0, 2).toString()).toBe('PK');
    // French throughout: no code or English word in any sheet (the XLSX of the steering committee).
    expect(englishCells(workbook)).toEqual([]);
    // The three staff sheets share one read per tutelle.
    expect(run.staffReads).toEqual({ UL: 1, CNRS: 1, INRAE: 1, CHRU: 1 });
    const ul = hub.ul.connector.source.statementCount - statements[0]!;
    const cnrs = hub.cnrs.connector.source.statementCount - statements[1]!;
    console.log(
      `CORIS workbook 2025, demo ×${scale}: ${ms} ms wall (${progress.join(', ')}); staff reads ${JSON.stringify(run.staffReads)}, tariff requests ${JSON.stringify(run.tariffRequests)}; SQL statements UL ${ul} / CNRS ${cnrs}`,
    );
  });
});
