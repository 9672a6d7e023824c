import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSiteDatabase } from '@hub/subgraph-site';
import { loadConfig } from './config';
import { loadRegistryFile, prepareDemo } from './services';

/*
 * `hub start` prepares the demo: it loads the demo registry into an empty site database, or over the demo
 * registry it loaded before, and never over a registry an operator loaded (issue 14: pointed at a configured
 * database, it replaced the operator's platforms with the demo's, saying only "Registry loaded").
 */

const FIXTURE = path.resolve(__dirname, '../../test/fixtures/registry.yaml');

async function platformCount(config: ReturnType<typeof loadConfig>): Promise<number> {
  const orm = await openSiteDatabase(config.site);
  try {
    const [row] = await orm.em.getConnection().execute('select count(*) as n from platform');
    return Number(row?.n);
  } finally {
    await orm.close(true);
  }
}

describe('hub start’s demo registry', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-demo-registry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads into an empty database, and again over its own', async () => {
    const config = loadConfig({ HUB_DATA_DIR: dir });
    const lines: string[] = [];
    await prepareDemo(config, { scale: 1, seed: 42 }, (line) => lines.push(line));
    const demo = await platformCount(config);
    expect(demo).toBeGreaterThan(100);
    expect(lines.at(-1)).toMatch(/^Registry loaded: \d+ platforms/);
    await prepareDemo(config, { scale: 1, seed: 42 }, (line) => lines.push(line));
    expect(await platformCount(config)).toBe(demo);
    expect(lines.at(-1)).toMatch(/^Registry loaded/);
  });

  it('leaves a registry the operator loaded as it is, and says so', async () => {
    const config = loadConfig({ HUB_DATA_DIR: dir });
    await loadRegistryFile(config, FIXTURE, { author: 'operator' });
    const operators = await platformCount(config);
    expect(operators).toBeLessThan(10);
    const lines: string[] = [];
    await prepareDemo(config, { scale: 1, seed: 42 }, (line) => lines.push(line));
    expect(await platformCount(config)).toBe(operators);
    expect(lines.at(-1)).toBe(
      'The registry in the site database was not loaded by `hub start`: left as it is (the demo registry is not loaded)',
    );
  });
});
