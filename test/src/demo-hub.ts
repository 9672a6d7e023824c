import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { ulSqliteDatabase } from '@hub/connector-ul';
import { ensureWebApp, GMAO_ITEMS_FILE, webAppOptions, writeDemo } from '@hub/ops';
import { SiteInventory, SubgraphInventoryFeed, TutelleSubgraphs } from '@hub/subgraph-site';
import { type Hub, startSubgraphsAndGateway } from './harness';

/** The subgraphs' sources of a demo site written to `dir` (`writeDemo`): what `startSubgraphsAndGateway` reads. */
export function demoSources(dir: string) {
  return {
    registryFile: path.join(dir, 'registry.yaml'),
    ul: { database: ulSqliteDatabase(path.join(dir, 'ul')) },
    cnrs: { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) },
    inraeFolder: path.join(dir, 'inrae'),
    chru: {
      exportsFolder: path.join(dir, 'chru'),
      gmaoItems: JSON.parse(readFileSync(path.join(dir, 'chru', GMAO_ITEMS_FILE), 'utf8')),
    },
  };
}

/**
 * The hub as `pnpm start` runs it, on disposable ports: the demo site (scale 1, seed 42) in every source
 * format, its inventory synced and reconciled, and the interface built and served at `/`. Always `close()`.
 */
export async function startDemoHub(): Promise<Hub & { siteUrl: string }> {
  ensureWebApp();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-web-demo-'));
  try {
    await writeDemo(dir, { scale: 1, seed: 42 });
    const hub = await startSubgraphsAndGateway({
      ...demoSources(dir),
      web: webAppOptions(undefined, { kind: 'demo' }),
    });
    const tutelles = { UL: hub.ul.url, CNRS: hub.cnrs.url, INRAE: hub.inrae.url, CHRU: hub.chru.url };
    await new SiteInventory(hub.site.orm.em, new SubgraphInventoryFeed(new TutelleSubgraphs(tutelles))).sync({
      pageSize: 500,
    });
    return {
      ...hub,
      siteUrl: hub.gatewayUrl.replace(/graphql$/, ''),
      close: async () => {
        await hub.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
