import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connectChru } from '@hub/connector-chru';
import { CnrsConnector } from '@hub/connector-cnrs';
import { connectInrae } from '@hub/connector-inrae';
import { UlConnector } from '@hub/connector-ul';
import { startGateway } from '@hub/gateway';
import { logger, type RunningServer, type Tracing } from '@hub/subgraph-kit';
import { loadRegistry, openSiteDatabase, parseRegistryFile, startSiteSubgraph } from '@hub/subgraph-site';
import { type ReadCacheOptions, startTutelleSubgraph } from '@hub/tutelle-subgraph';
import { demoDir, type HubConfig } from './config';
import { webAppOptions } from './web';

/** A tutelle subgraph's read cache from the configuration: its TTL, Redis when configured. */
function readCache(
  config: HubConfig,
  tutelle: keyof HubConfig['readCacheTtlSeconds'],
): ReadCacheOptions | false {
  const ttlSeconds = config.readCacheTtlSeconds[tutelle];
  return ttlSeconds > 0 ? { ttlSeconds, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) } : false;
}

/** Each service of the hub, started from the configuration: `hub serve <name>` runs one, `hub start` all. */
export const SERVICES = {
  site: (config: HubConfig) =>
    startSiteSubgraph({
      database: config.site,
      tutelleSubgraphs: config.tutelleSubgraphs,
      ...(config.tariffPolicy ? { tariffPolicy: config.tariffPolicy } : {}),
      tariffCacheTtlSeconds: config.tariffCacheTtlSeconds,
      port: config.ports.site,
      host: config.host,
    }),
  ul: async (config: HubConfig) =>
    startTutelleSubgraph({
      connector: await UlConnector.connect(config.ul),
      port: config.ports.ul,
      host: config.host,
      readCache: readCache(config, 'ul'),
    }),
  cnrs: async (config: HubConfig) =>
    startTutelleSubgraph({
      connector: await CnrsConnector.connect(config.cnrs),
      port: config.ports.cnrs,
      host: config.host,
      readCache: readCache(config, 'cnrs'),
    }),
  inrae: async (config: HubConfig) =>
    startTutelleSubgraph({
      connector: connectInrae(config.inrae),
      port: config.ports.inrae,
      host: config.host,
      readCache: readCache(config, 'inrae'),
    }),
  chru: async (config: HubConfig) =>
    startTutelleSubgraph({
      connector: connectChru(config.chru),
      port: config.ports.chru,
      host: config.host,
      readCache: readCache(config, 'chru'),
    }),
  gateway: (config: HubConfig) =>
    startGateway({
      supergraphPath: config.supergraphPath,
      port: config.ports.gateway,
      host: config.host,
      subgraphUrls: config.subgraphUrls,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      responseCache:
        config.responseCacheTtlSeconds > 0 ? { ttlSeconds: config.responseCacheTtlSeconds } : false,
      web: webAppOptions(config.webDist),
    }),
} satisfies Record<string, (config: HubConfig) => Promise<RunningServer>>;

export type ServiceName = keyof typeof SERVICES;

/** Start services in order (subgraphs before the gateway); on any failure, stop those already started. */
export async function startServices(config: HubConfig, names: ServiceName[]): Promise<RunningServer[]> {
  const running: RunningServer[] = [];
  try {
    for (const name of names) running.push(await SERVICES[name](config));
    return running;
  } catch (error) {
    await stopServices(running);
    throw error;
  }
}

export async function stopServices(running: RunningServer[]): Promise<void> {
  for (const server of [...running].reverse()) await server.close();
}

/**
 * Stop cleanly on Ctrl-C or a service manager's SIGTERM: each server stops accepting connections, finishes
 * the requests in flight (10 s at most, then closes what is left), and the process exits. Traces still
 * pending are sent first.
 */
export function stopOnSignal(running: RunningServer[], tracing: Tracing | null = null): void {
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await stopServices(running);
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Validate a registry file and load it into the site database. */
export async function loadRegistryFile(config: HubConfig, file: string) {
  const registry = parseRegistryFile(readFileSync(file, 'utf8'), file);
  const orm = await openSiteDatabase(config.site);
  try {
    return await loadRegistry(orm.em.fork(), registry);
  } finally {
    await orm.close(true);
  }
}

/**
 * The demo site in the configuration's data folder at this scale and seed, generated when it is not there
 * yet (or `fresh`), then its registry loaded. Returns the demo folder.
 */
export async function prepareDemo(
  config: HubConfig,
  options: { scale: number; seed: number; fresh?: boolean },
  log: (line: string) => void = () => {},
): Promise<string> {
  const dir = demoDir(config.dataDir);
  const manifest = path.join(dir, 'manifest.json');
  const current = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : null;
  if (options.fresh || current?.seed !== options.seed || current?.scale !== options.scale) {
    const { writeDemo } = await import('./demo');
    log(`Generating the demo site (scale ${options.scale}, seed ${options.seed}) in ${dir}…`);
    log(`  ${JSON.stringify(await writeDemo(dir, { seed: options.seed, scale: options.scale }))}`);
  }
  const report = await loadRegistryFile(config, path.join(dir, 'registry.yaml'));
  log(`Registry loaded: ${report.platforms} platforms, ${report.staff} staff, ${report.services} services`);
  return dir;
}

/**
 * The GMAO API stand-in over the demo's items, where `hub start` runs without a real CHRU API: on the
 * demo's port unless told otherwise (0 for a free one).
 */
export async function startDemoGmao(demoDir: string, port?: number): Promise<RunningServer> {
  const { startGmaoStandIn } = await import('./standins');
  const { GMAO_ITEMS_FILE } = await import('./demo');
  const { DEMO_GMAO } = await import('@hub/subgraph-chru');
  const items = JSON.parse(readFileSync(path.join(demoDir, 'chru', GMAO_ITEMS_FILE), 'utf8'));
  const standIn = await startGmaoStandIn({ items, token: DEMO_GMAO.token, port: port ?? DEMO_GMAO.port });
  const bound = Number(new URL(standIn.url).port);
  return { name: 'gmao-stand-in', url: standIn.url, port: bound, close: () => standIn.close() };
}
