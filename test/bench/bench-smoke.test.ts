import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GATEWAY_KINDS, markdownReport, runBench, SMOKE_RUN } from '@hub/ops/bench';

/**
 * The benchmark suite's smoke pass: it starts the demo site's subgraphs and every gateway under test, asks
 * each the operations (two of them with big answers), checks every answer against the reference one, loads each briefly and prints
 * its table. No timing is asserted: figures come from the full run (`pnpm bench`, docs/PERFORMANCE.md).
 */
it('runs every gateway on every operation with right answers, and prints the table', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  const progress: string[] = [];
  try {
    const report = await runBench({
      ...SMOKE_RUN,
      gateways: GATEWAY_KINDS,
      dataDir,
      seed: 42,
      pin: false,
      log: (line) => progress.push(`${new Date().toISOString().slice(11, 19)} ${line}`),
    });
    console.log(`${progress.join('\n')}\n\n${markdownReport(report)}`);
    expect(report.rows).toHaveLength(GATEWAY_KINDS.length * 6);
    // Every gateway, Hive Gateway's included, gives the reference answer, under load too.
    expect(report.rows.filter((row) => row.problem)).toEqual([]);
    for (const row of report.rows.filter((r) => !r.problem)) {
      expect(row.peakRssMb).toBeGreaterThan(0);
      expect(row.answerBytes).toBeGreaterThan(0);
      expect(Number.isFinite(row.minorFaultsPerRequest)).toBe(true);
      // Every gateway's process reports its garbage: each answer allocates (its bytes at least).
      expect(row.gcMsPerRequest).toBeGreaterThanOrEqual(0);
      expect(row.allocatedBytesPerRequest).toBeGreaterThan(0);
    }
    // The big answers are big: a page of 500 instruments, every platform with its equipment.
    for (const row of report.rows.filter(
      (r) => r.operation === 'inventory-page-500' || r.operation === 'site-platforms',
    ))
      expect(row.answerBytes).toBeGreaterThan(100_000);
    // Without caches, every request costs the subgraphs something (concurrent requests' fetches to one
    // subgraph may travel together: a fraction of a request each), and without merging one request at least.
    for (const row of report.rows.filter((r) => r.gateway === 'hub-no-cache'))
      expect(row.subgraphRequestsPerRequest).toBeGreaterThan(0);
    for (const row of report.rows.filter((r) => r.gateway === 'hive-no-dedup'))
      expect(row.subgraphRequestsPerRequest).toBeGreaterThanOrEqual(1);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 400_000);
