import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { demoDir, type HubConfig, loadConfig } from './config';
import { writeDemo } from './demo';
import { EXAMPLE_QUERY_PAGED } from './example';
import { loadRegistryFile, startOnFreePorts, stopServices } from './services';

/*
 * Figures for the caches, on the demo site (seed 42): the portal's main query (the README's example, its
 * page size a variable) cold, then warm over a short bounded loop, with the caches as configured (in
 * memory, or Redis with --redis) and with none; the hit rates each cache's /metrics reports. Prints
 * figures; asserts nothing (tests do that).
 *
 *   npx tsx ops/src/cache-figures.ts [--requests 200] [--distinct 10] [--redis redis://127.0.0.1:6379/12]
 *
 * (With --redis, a database of its own and empty: what it holds from a previous run would be hits.) Both
 * runs share one process, so the second's cold figure has the JIT already warm.
 */

async function timed(url: string, first: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: EXAMPLE_QUERY_PAGED, variables: { first } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`The main query failed: ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

/** hit / (hit + miss) of one cache, from a service's /metrics. */
async function hitRate(url: string, cache: string): Promise<{ hits: number; misses: number; rate: number }> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const count = (outcome: string) =>
    Number(
      new RegExp(`hub_cache_lookups_total\\{cache="${cache}",outcome="${outcome}"[^}]*} (\\d+)`).exec(
        text,
      )?.[1] ?? 0,
    );
  const hits = count('hit');
  const misses = count('miss');
  return { hits, misses, rate: hits + misses ? Math.round((1000 * hits) / (hits + misses)) / 10 : 0 };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

async function measure(config: HubConfig, label: string, requests: number, distinct: number) {
  const services = await startOnFreePorts(config);
  const gateway = services.get('gateway')!;
  try {
    const cold = await timed(gateway.url, 2);
    const warm: number[] = [];
    for (let i = 0; i < requests; i += 1) warm.push(await timed(gateway.url, 2 + (i % distinct)));
    const reads = await Promise.all(
      config.tutelles.map((t) => hitRate(services.get(t.descriptor.name)!.url, 'source-read')),
    );
    const total = reads.reduce((sum, r) => ({ hits: sum.hits + r.hits, misses: sum.misses + r.misses }), {
      hits: 0,
      misses: 0,
    });
    console.log(`\n${label}`);
    console.log(`  cold (first request, sources read): ${Math.round(cold)} ms`);
    console.log(
      `  warm, ${requests} requests over ${distinct} page sizes: p50 ${percentile(warm, 50)} ms, p95 ${percentile(warm, 95)} ms`,
    );
    console.log(
      `  of which the first lap (each page size asked once: response-cache misses): p50 ${percentile(warm.slice(0, distinct), 50)} ms`,
    );
    console.log(`  response cache: ${JSON.stringify(await hitRate(gateway.url, 'response'))}`);
    const rate =
      total.hits + total.misses ? Math.round((1000 * total.hits) / (total.hits + total.misses)) / 10 : 0;
    console.log(
      `  source-read cache (${config.tutelles.length} tutelles): ${JSON.stringify({ ...total, rate })}`,
    );
  } finally {
    await stopServices([...services.values()]);
  }
}

const program = new Command()
  .option('--requests <n>', 'warm requests', (v) => Number(v), 200)
  .option('--distinct <n>', 'distinct page sizes among them', (v) => Number(v), 10)
  .option('--redis <url>', 'Redis for the caches (in memory otherwise)')
  .parse();

async function main() {
  const options = program.opts<{ requests: number; distinct: number; redis?: string }>();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-cache-figures-'));
  process.env.LOG_LEVEL ??= 'warn';
  try {
    console.log(`Demo site: ${JSON.stringify(await writeDemo(demoDir(dataDir), { seed: 42, scale: 1 }))}`);
    const env = {
      ...process.env,
      HUB_DATA_DIR: dataDir,
      ...(options.redis ? { HUB_REDIS_URL: options.redis } : {}),
    };
    const config = loadConfig(env);
    await loadRegistryFile(config, path.join(demoDir(dataDir), 'registry.yaml'));
    await measure(
      config,
      `Caches on (${options.redis ? 'Redis' : 'in memory'}, defaults)`,
      options.requests,
      options.distinct,
    );
    const none = {
      ...config,
      responseCacheTtlSeconds: 0,
      tutelles: config.tutelles.map((t) => ({ ...t, readCacheTtlSeconds: 0 })),
    };
    await measure(none, 'No caches (response and read caches off)', options.requests, options.distinct);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
