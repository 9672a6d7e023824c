import { startGateway } from '@hub/gateway';
import type { RunningServer } from '@hub/subgraph-kit';
import { loadConfig } from '../config';
import { prepareDemo, SERVICES, startDemoGmao } from '../services';
import { ensureWebApp, webAppOptions } from '.';

export interface DemoSite {
  /** The interface's address (the gateway's `/`). */
  siteUrl: string;
  close(): Promise<void>;
}

/**
 * The demo site at a scale, as `pnpm start` serves it but on free ports (others may run the hub on the fixed
 * ones), its inventory synced, the interface built: for the screenshots and the interface's benchmark.
 */
export async function startDemoSite(options: {
  dataDir: string;
  scale: number;
  seed?: number;
}): Promise<DemoSite> {
  ensureWebApp();
  const env = {
    ...process.env,
    HUB_DATA_DIR: options.dataDir,
    ...Object.fromEntries(['SITE', 'UL', 'CNRS', 'INRAE', 'CHRU'].map((s) => [`HUB_${s}_PORT`, '0'])),
  };
  const config = loadConfig(env);
  const demo = await prepareDemo(config, { scale: options.scale, seed: options.seed ?? 42 });
  const running: RunningServer[] = [];
  try {
    const gmao = await startDemoGmao(demo, 0);
    running.push(gmao);
    config.chru = { ...config.chru, gmao: { ...config.chru.gmao, baseUrl: gmao.url } };
    const tutelles = {
      ul: await SERVICES.ul(config),
      cnrs: await SERVICES.cnrs(config),
      inrae: await SERVICES.inrae(config),
      chru: await SERVICES.chru(config),
    };
    running.push(...Object.values(tutelles));
    const urls = Object.fromEntries(Object.entries(tutelles).map(([name, s]) => [name, s.url]));
    const withUrls = loadConfig({
      ...env,
      ...Object.fromEntries(
        Object.entries(urls).map(([name, url]) => [`HUB_SUBGRAPH_URL_${name.toUpperCase()}`, url]),
      ),
    });
    const site = await SERVICES.site(withUrls);
    running.push(site);
    await site.inventory.sync();
    const gateway = await startGateway({
      supergraphPath: config.supergraphPath,
      port: 0,
      subgraphUrls: { ...urls, site: site.url },
      web: webAppOptions(config.webDist, { kind: 'demo' }),
    });
    running.push(gateway);
    return {
      siteUrl: gateway.url.replace(/graphql$/, ''),
      close: async () => {
        for (const server of running.reverse()) await server.close();
      },
    };
  } catch (error) {
    for (const server of running.reverse()) await server.close();
    throw error;
  }
}
