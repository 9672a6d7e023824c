import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InventoryRecordData } from '@hub/source-kit';
import {
  exportInventory,
  groupByReconciledEquipment,
  InventoryReader,
  openSiteDatabase,
  pairwiseQuality,
  parseRegistryFile,
  RegistryCache,
  RegistryReader,
  ReviewKind,
  readTariffPolicy,
  reconcile,
  reviewQueue,
  SiteInventory,
  type SiteOrm,
  SnapshotStore,
  SubgraphInventoryFeed,
  type SyncProgress,
  TariffEngine,
  TutelleSubgraphs,
  toMatchInput,
} from '@hub/subgraph-site';
import type { HubConfig } from '../config';
import { type DemoNoise, writeDemo } from '../demo';
import { readDemoRecords, readDemoTruth } from './demo-records';

/*
 * `hub inventory …`: the site-wide inventory from the command line. The sync is a command (and a cron
 * job), not a mutation: a whole read takes minutes at national scale, longer than any HTTP request
 * should stay open, and it resumes where it stopped when run again.
 */

const number = (n: number) => n.toLocaleString('en-GB');

/** A record id as a number in [0, 1), the same every run (FNV-1a). */
function shareOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 4294967296;
}

/** One line per page, rewritten in place on a terminal. */
function showProgress(progress: SyncProgress): void {
  const line = `${progress.tutelle.padEnd(6)} page ${number(progress.pages)}: ${number(progress.read)} read, +${number(progress.inserted)} new, ~${number(progress.updated)} changed, ${number(progress.unchanged)} unchanged${progress.done ? `, -${number(progress.removed)} removed` : ''}${progress.resumed ? ' (resumed)' : ''}`;
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}${progress.done ? '\n' : ''}`);
  else if (progress.done) process.stderr.write(`${line}\n`);
}

async function withInventory<T>(
  config: HubConfig,
  run: (inventory: SiteInventory, orm: SiteOrm, tutelles: TutelleSubgraphs) => Promise<T>,
  wait = false,
): Promise<T> {
  const orm = await openSiteDatabase(config.site);
  try {
    const tutelles = new TutelleSubgraphs(config.tutelleSubgraphs);
    return await run(
      new SiteInventory(orm.em, new SubgraphInventoryFeed(tutelles), { wait }, config.match),
      orm,
      tutelles,
    );
  } finally {
    await orm.close(true);
  }
}

export async function syncCommand(config: HubConfig, pageSize: number, wait: boolean): Promise<void> {
  await withInventory(
    config,
    async (inventory, orm, tutelles) => {
      const { reconciliation } = await inventory.sync({ pageSize, onProgress: showProgress });
      // The review queue as the graph pages it: records left apart on a near score, and links made on a weak one.
      const queue = reviewQueue(await inventory.snapshot());
      const possible = queue.filter((item) => item.kind === ReviewKind.POSSIBLE_MATCH).length;
      console.log(
        `Reconciled ${number(reconciliation.records)} records into ${number(reconciliation.equipment)} instruments (${number(reconciliation.candidatePairs)} candidate pairs scored) in ${number(reconciliation.milliseconds)} ms; ${number(queue.length)} to review: ${number(possible)} possible matches, ${number(queue.length - possible)} uncertain links`,
      );
      // What the sources cannot rebuild: today's figures and tariffs (and the last year end's, once), kept
      // (docs/HISTORY.md); the tariffs grouped by the reconciled inventory, as the graph computes them.
      const engine = new TariffEngine(readTariffPolicy(config.tariffPolicy), tutelles, {
        grouping: groupByReconciledEquipment(inventory),
      });
      const sources = {
        registry: new RegistryReader(new RegistryCache(orm.em)),
        tutelles,
        inventory: new InventoryReader(inventory),
        tariffs: engine.forRequest(),
      };
      const stored = await new SnapshotStore(orm.em).afterSync(
        sources,
        new Date().toISOString().slice(0, 10),
      );
      console.log(`Stored ${number(stored)} indicator snapshots (the site's and each platform's)`);
    },
    wait,
  );
}

export async function reconcileCommand(config: HubConfig): Promise<void> {
  await withInventory(config, async (inventory) => {
    const summary = await inventory.reconcile();
    console.log(
      `${number(summary.records)} records → ${number(summary.equipment)} instruments in ${number(summary.milliseconds)} ms`,
    );
  });
}

export async function exportCommand(config: HubConfig, file: string): Promise<void> {
  await withInventory(config, async (inventory) => {
    const lines = await exportInventory(await inventory.snapshot(), file);
    console.log(`Wrote ${number(lines)} instruments to ${file}`);
  });
}

/**
 * The matcher against the demo's truth at a scale: generation and reading apart (they are the sources'
 * cost, not the matcher's), then reconciliation timed alone. The records read are kept in the folder
 * (`records.json`), so a second run measures the matcher without generating again.
 */
export async function benchCommand(options: {
  scale: number;
  seed: number;
  dir: string;
  withoutSerials?: number;
  noise?: DemoNoise;
}): Promise<void> {
  const { dir } = options;
  const asOf = '2026-10-31';
  let started = performance.now();
  const cache = path.join(dir, 'records.json');
  if (!existsSync(path.join(dir, 'truth.json'))) {
    console.log(`Generating the demo at scale ${options.scale} in ${dir}…`);
    await writeDemo(dir, { scale: options.scale, seed: options.seed, asOf, noise: options.noise });
    console.log(`  generated in ${number(Math.round(performance.now() - started))} ms`);
  }
  started = performance.now();
  let records: InventoryRecordData[];
  if (existsSync(cache)) records = JSON.parse(readFileSync(cache, 'utf8'));
  else {
    records = await readDemoRecords(dir, asOf);
    writeFileSync(cache, JSON.stringify(records));
  }
  console.log(
    `  ${number(records.length)} records read in ${number(Math.round(performance.now() - started))} ms`,
  );
  const registry = parseRegistryFile(readFileSync(path.join(dir, 'registry.yaml'), 'utf8'));
  const platforms = new Map(
    registry.platforms.flatMap((p) =>
      Object.entries(p.costCentres).flatMap(([tutelle, codes]) =>
        (codes ?? []).map((code) => [`${tutelle}|${code}`, p.code] as const),
      ),
    ),
  );
  // A serial-poor site: this share of the records loses its serial (as '0', '-' or nothing typed would),
  // chosen by record id so that every run drops the same ones.
  const dropped = options.withoutSerials ?? 0;
  const inputs = records.map((r) => {
    // Values in cents, as the index keeps them (sync.ts).
    const input = toMatchInput({ ...r, valueHTCents: Math.round(r.valueHT.amount * 100) }, platforms);
    return shareOf(r.id) < dropped ? { ...input, serialNumberNormalized: null } : input;
  });
  started = performance.now();
  // CPU time beside the wall clock: on a shared machine the wall clock also counts the others' work.
  const cpu = process.cpuUsage();
  const report = reconcile(inputs);
  const elapsed = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const quality = pairwiseQuality(report.clusters, readDemoTruth(dir).instrumentOf);
  const figures = {
    scale: options.scale,
    withoutSerials: dropped,
    records: records.length,
    candidatePairs: report.stats.candidatePairs,
    pairsByRule: report.stats.pairsByRule,
    instruments: report.clusters.length,
    reconciliationMs: Math.round(elapsed),
    reconciliationCpuMs: Math.round((user + system) / 1000),
    precision: Number(quality.precision.toFixed(4)),
    recall: Number(quality.recall.toFixed(4)),
    f1: Number(quality.f1.toFixed(4)),
    truePairs: quality.truePairs,
    predictedPairs: quality.predictedPairs,
  };
  console.log(JSON.stringify(figures, null, 2));
}
