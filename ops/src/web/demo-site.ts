import { startGateway } from '@hub/gateway';
import type { RunningServer } from '@hub/service-kit';
import type { startSiteSubgraph } from '@hub/subgraph-site';
import { loadConfig } from '../config';
import { prepareDemo, startOnFreePorts } from '../services';
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
  const config = loadConfig({ ...process.env, HUB_DATA_DIR: options.dataDir });
  await prepareDemo(config, { scale: options.scale, seed: options.seed ?? 42 });
  const services = await startOnFreePorts(config);
  // The configuration's gateway serves the interface without the demo's sign-in: this one with it.
  await services.get('gateway')!.close();
  services.delete('gateway');
  const running: RunningServer[] = [...services.values()];
  try {
    const site = services.get('site') as Awaited<ReturnType<typeof startSiteSubgraph>>;
    await site.inventory.sync();
    const urls = Object.fromEntries([...services].map(([name, server]) => [name, server.url]));
    const gateway = await startGateway({
      supergraphPath: config.supergraphPath,
      port: 0,
      subgraphUrls: urls,
      absentSubgraphs: config.absentSubgraphs,
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
