import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cnrsTutelle } from '@hub/connector-cnrs';
import { ulTutelle } from '@hub/connector-ul';
import { hubIdOf, Tutelle } from '@hub/schema';
import { type InventoryRecordData, Settings, type TutelleDescriptor } from '@hub/source-kit';
import { blockedPairs, type MatchOptions, reconcile, toMatchInput } from '@hub/subgraph-site';

/*
 * `hub inventory abt-buy`: the Leipzig Abt-Buy benchmark (test/fixtures/abt-buy) through the hub.
 * UL's rows go into a PostgreSQL database and CNRS's into a MariaDB one, each of its own; the connectors
 * are configured on them as a site configures them (HUB_UL_DATABASE_URL, HUB_CNRS_DATABASE_URL), read
 * page by page, and the matcher reconciles what they read. Scored over (UL record, CNRS record) pairs.
 */

export interface AbtBuyOptions {
  dir: string;
  postgresUrl: string;
  mariadbUrl: string;
  /** The matcher's threshold and review floor (HUB_MATCH_THRESHOLD, HUB_MATCH_REVIEW_FLOOR). */
  match?: MatchOptions;
}

export interface AbtBuyFigures {
  records: number;
  truePairs: number;
  blockingRecall: number;
  candidatePairs: number;
  precision: number;
  recall: number;
  f1: number;
  reviewQueue: number;
  reconciliationMs: number;
}

const PLATFORM = 'BENCH';

/** The database part of a URL, and the same server's maintenance URL (to create it). */
function split(url: string, maintenance: string): { name: string; server: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = `/${maintenance}`;
  return { name, server: u.toString() };
}

function loadPostgres(url: string, file: string): void {
  const { name, server } = split(url, 'postgres');
  execFileSync('psql', [
    server,
    '-q',
    '-c',
    `DROP DATABASE IF EXISTS "${name}"`,
    '-c',
    `CREATE DATABASE "${name}"`,
  ]);
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-f', file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function mariadbArgs(url: string): string[] {
  const u = new URL(url);
  return [
    '-h',
    u.hostname,
    '-P',
    u.port || '3306',
    '-u',
    decodeURIComponent(u.username || 'root'),
    ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []),
  ];
}

function loadMariadb(url: string, file: string): void {
  const { name } = split(url, '');
  execFileSync('mariadb', [
    ...mariadbArgs(url),
    '-e',
    `DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\``,
  ]);
  execFileSync('mariadb', [...mariadbArgs(url), name], { input: readFileSync(file) });
}

async function readThrough<T>(descriptor: TutelleDescriptor<T>, env: Record<string, string>) {
  const connector = await descriptor.connect(descriptor.configure(new Settings(env), ''));
  try {
    const records: InventoryRecordData[] = [];
    for await (const page of connector.readInventory({ pageSize: 500 })) records.push(...page.records);
    return records;
  } finally {
    await connector.close();
  }
}

export async function abtBuy(options: AbtBuyOptions): Promise<AbtBuyFigures> {
  loadPostgres(options.postgresUrl, path.join(options.dir, 'ul.sql'));
  loadMariadb(options.mariadbUrl, path.join(options.dir, 'cnrs.sql'));
  const records = [
    ...(await readThrough(ulTutelle, { HUB_UL_DATABASE_URL: options.postgresUrl })),
    ...(await readThrough(cnrsTutelle, { HUB_CNRS_DATABASE_URL: options.mariadbUrl })),
  ];
  // CNRS's hub ids are its row ids; the truth names its inventory numbers.
  const cnrsIdOf = new Map(
    records.filter((r) => r.tutelle === Tutelle.CNRS).map((r) => [r.inventoryNumber, r.id] as const),
  );
  const truePairs = readFileSync(path.join(options.dir, 'truth.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [ul, cnrs] = line.split(',') as [string, string];
      const cnrsId = cnrsIdOf.get(cnrs);
      if (!cnrsId) throw new Error(`truth.csv: no CNRS record ${cnrs}`);
      return [hubIdOf(Tutelle.UL, ul), cnrsId] as const;
    });
  const platforms = new Map([
    [`${Tutelle.UL}|PF-BENCH`, PLATFORM],
    [`${Tutelle.CNRS}|PF-BENCH`, PLATFORM],
  ]);
  // Values in cents, as the index keeps them (sync.ts).
  const inputs = records.map((r) =>
    toMatchInput({ ...r, valueHTCents: Math.round(r.valueHT.amount * 100) }, platforms),
  );

  // Blocking recall: the share of true pairs the blocking rules put among the candidates.
  const candidates = new Set(blockedPairs(inputs).map(([a, b]) => `${a}\t${b}`));
  const kept = truePairs.filter(([a, b]) => candidates.has(`${a}\t${b}`) || candidates.has(`${b}\t${a}`));

  const started = performance.now();
  const report = reconcile(inputs, undefined, options.match);
  const reconciliationMs = Math.round(performance.now() - started);
  // Pairwise over (UL, CNRS) pairs: the truth's pairs, against the pairs put in one instrument.
  const expected = new Set(truePairs.map(([a, b]) => `${a}\t${b}`));
  const predicted = new Set<string>();
  for (const cluster of report.clusters)
    for (const a of cluster.recordIds.filter((id) => id.startsWith(`${Tutelle.UL}:`)))
      for (const b of cluster.recordIds.filter((id) => id.startsWith(`${Tutelle.CNRS}:`)))
        predicted.add(`${a}\t${b}`);
  let correct = 0;
  for (const pair of predicted) if (expected.has(pair)) correct++;
  const precision = predicted.size === 0 ? 1 : correct / predicted.size;
  const recall = correct / expected.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    records: records.length,
    truePairs: expected.size,
    blockingRecall: kept.length / truePairs.length,
    candidatePairs: report.stats.candidatePairs,
    precision,
    recall,
    f1,
    reviewQueue: report.possibleMatches.length,
    reconciliationMs,
  };
}
