import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChruConnectorOptions } from '@hub/connector-chru';
import { startGateway } from '@hub/gateway';
import { logger, type RunningServer, type Tracing } from '@hub/service-kit';
import {
  exportRegistry,
  type LoadOptions,
  loadRegistry,
  openSiteDatabase,
  parseRegistryFile,
  startSiteSubgraph,
} from '@hub/subgraph-site';
import { type ReadCacheOptions, startTutelleSubgraph } from '@hub/tutelle-subgraph';
import { type ConfiguredTutelle, demoDir, type HubConfig, portSetting } from './config';
import { webAppOptions } from './web';

/** A tutelle subgraph's read cache from the configuration: its TTL, Redis when configured. */
function readCache(config: HubConfig, tutelle: ConfiguredTutelle): ReadCacheOptions | false {
  const { readCacheTtlSeconds: ttlSeconds } = tutelle;
  return ttlSeconds > 0 ? { ttlSeconds, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) } : false;
}

/** The site, each tutelle the configuration names, then the gateway: what `hub start` runs, in order. */
export function serviceNames(config: HubConfig): string[] {
  return ['site', ...config.tutelles.map((t) => t.descriptor.name), 'gateway'];
}

/** One service of the hub, started from the configuration: `hub serve <name>` runs one, `hub start` all. */
export async function startService(config: HubConfig, name: string): Promise<RunningServer> {
  try {
    return await startNamed(config, name);
  } catch (error) {
    // A port clash names the service and the setting that gave it the port.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(
        `${name} cannot listen on port ${config.ports[name]}: it is in use (${portSetting(name)})`,
        { cause: error },
      );
    throw error;
  }
}

async function startNamed(config: HubConfig, name: string): Promise<RunningServer> {
  if (name === 'site')
    return startSiteSubgraph({
      database: config.site,
      tutelleSubgraphs: config.tutelleSubgraphs,
      tutelles: config.tutelles.map((t) => t.descriptor.tutelle),
      ...(config.tariffPolicy ? { tariffPolicy: config.tariffPolicy } : {}),
      tariffCacheTtlSeconds: config.tariffCacheTtlSeconds,
      match: config.match,
      port: config.ports.site!,
      host: config.host,
    });
  if (name === 'gateway')
    return startGateway({
      supergraphPath: config.supergraphPath,
      port: config.ports.gateway!,
      host: config.host,
      subgraphUrls: config.subgraphUrls,
      absentSubgraphs: config.absentSubgraphs,
      corsOrigins: config.corsOrigins,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
      responseCache:
        config.responseCacheTtlSeconds > 0 ? { ttlSeconds: config.responseCacheTtlSeconds } : false,
      answerBudget: config.answerBudgetValues > 0 ? { maxValuesInFlight: config.answerBudgetValues } : false,
      web: webAppOptions(config.webDist, config.signIn),
    });
  const tutelle = config.tutelles.find((t) => t.descriptor.name === name);
  if (!tutelle) {
    const known = serviceNames(config).join(', ');
    throw new Error(`No service ${JSON.stringify(name)} in this configuration (HUB_TUTELLES): ${known}`);
  }
  return startTutelleSubgraph({
    connector: await tutelle.descriptor.connect(tutelle.options),
    port: config.ports[name]!,
    host: config.host,
    readCache: readCache(config, tutelle),
    rejectedRowsThreshold: config.rejectedRowsThreshold,
  });
}

/** Start services in order (subgraphs before the gateway); on any failure, stop those already started. */
export async function startServices(config: HubConfig, names: string[]): Promise<RunningServer[]> {
  const running: RunningServer[] = [];
  try {
    for (const name of names) running.push(await startService(config, name));
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

/** Validate a registry file and load it into the site database (refused where it would erase graph edits). */
export async function loadRegistryFile(config: HubConfig, file: string, options: LoadOptions = {}) {
  const registry = parseRegistryFile(readFileSync(file, 'utf8'), file);
  const orm = await openSiteDatabase(config.site);
  try {
    return await loadRegistry(orm.em.fork(), registry, options);
  } finally {
    await orm.close(true);
  }
}

/** Who `hub start` loads the demo registry as: a registry whose last change is its own may be replaced. */
const DEMO_AUTHOR = 'hub start (demo)';

/**
 * Whether `hub start` may load the demo registry: into a database with no platform, or one whose registry
 * it loaded itself and nobody changed since. Never over a registry someone else loaded or edited.
 */
async function demoMayLoad(config: HubConfig): Promise<boolean> {
  const orm = await openSiteDatabase(config.site);
  try {
    const connection = orm.em.getConnection();
    const [platforms] = await connection.execute<Array<{ n: number | string }>>(
      'select count(*) as n from platform',
    );
    if (Number(platforms?.n ?? 0) === 0) return true;
    const [last] = await connection.execute<Array<{ author: string }>>(
      'select author from platform_change order by id desc limit 1',
    );
    return last?.author === DEMO_AUTHOR;
  } finally {
    await orm.close(true);
  }
}

/** Export the registry as a registry file. */
export async function exportRegistryFile(config: HubConfig, file: string): Promise<number> {
  const orm = await openSiteDatabase(config.site);
  try {
    const { yaml, platforms } = await exportRegistry(orm.em);
    writeFileSync(file, yaml);
    return platforms;
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
  // A tutelle the generator does not make (one added since) runs over the sample its package ships.
  for (const { descriptor } of config.tutelles) {
    const folder = path.join(dir, descriptor.name);
    if (descriptor.sample && !existsSync(folder)) await descriptor.sample(folder);
  }
  if (!(await demoMayLoad(config))) {
    log(
      'The registry in the site database was not loaded by `hub start`: left as it is (the demo registry is not loaded)',
    );
    return dir;
  }
  const report = await loadRegistryFile(config, path.join(dir, 'registry.yaml'), { author: DEMO_AUTHOR });
  log(`Registry loaded: ${report.platforms} platforms, ${report.staff} staff, ${report.services} services`);
  return dir;
}

/**
 * The GMAO API stand-in over the demo's items, where `hub start` runs without a real CHRU API: on the
 * configured port (`HUB_CHRU_GMAO_STANDIN_PORT`, 0 for a free one).
 */
export async function startDemoGmao(demoDir: string, port: number): Promise<RunningServer> {
  const { startGmaoStandIn } = await import('@hub/connector-chru/testing');
  const { GMAO_ITEMS_FILE } = await import('./demo');
  const { GMAO_STAND_IN_TOKEN } = await import('@hub/connector-chru');
  const items = JSON.parse(readFileSync(path.join(demoDir, 'chru', GMAO_ITEMS_FILE), 'utf8'));
  const standIn = await startGmaoStandIn({ items, token: GMAO_STAND_IN_TOKEN, port }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    throw new Error(
      `The GMAO stand-in cannot listen on port ${port}: it is in use (HUB_CHRU_GMAO_STANDIN_PORT)`,
      {
        cause: error,
      },
    );
  });
  const bound = Number(new URL(standIn.url).port);
  return { name: 'gmao-stand-in', url: standIn.url, port: bound, close: () => standIn.close() };
}

/** The configuration with the CHRU's GMAO API at `url` (a stand-in started on a free port). */
export function withGmaoAt(config: HubConfig, url: string): HubConfig {
  const tutelles = config.tutelles.map((t) => {
    if (t.descriptor.name !== 'chru') return t;
    const options = t.options as ChruConnectorOptions;
    return { ...t, options: { ...options, gmao: { ...options.gmao, baseUrl: url } } };
  });
  return { ...config, tutelles, gmaoStandIn: null };
}

/**
 * The configuration's services on free ports (other engineers run the hub on the fixed ones), the GMAO
 * stand-in first where no real API is configured, then the tutelles, the site and the gateway, each told
 * where the others listen. By name; on any failure, those already started are stopped.
 */
export async function startOnFreePorts(config: HubConfig): Promise<Map<string, RunningServer>> {
  const running = new Map<string, RunningServer>();
  const free = { ...config, ports: Object.fromEntries(Object.keys(config.ports).map((name) => [name, 0])) };
  try {
    let current: HubConfig = free;
    if (config.gmaoStandIn) {
      const gmao = await startDemoGmao(demoDir(config.dataDir), 0);
      running.set(gmao.name, gmao);
      current = withGmaoAt(free, gmao.url);
    }
    for (const { descriptor } of config.tutelles)
      running.set(descriptor.name, await startService(current, descriptor.name));
    const urls = Object.fromEntries([...running].map(([name, server]) => [name, server.url]));
    const tutelleSubgraphs = Object.fromEntries(
      config.tutelles.map((t) => [t.descriptor.tutelle, urls[t.descriptor.name]]),
    );
    current = { ...current, tutelleSubgraphs };
    const site = await startService(current, 'site');
    running.set('site', site);
    current = { ...current, subgraphUrls: { ...urls, site: site.url } };
    running.set('gateway', await startService(current, 'gateway'));
    return running;
  } catch (error) {
    await stopServices([...running.values()]);
    throw error;
  }
}
