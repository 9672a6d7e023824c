import path from 'node:path';
import type { ChruConnectorOptions } from '@hub/connector-chru';
import type { CnrsConnectorOptions } from '@hub/connector-cnrs';
import type { InraeConnectorOptions } from '@hub/connector-inrae';
import type { UlConnectorOptions } from '@hub/connector-ul';
import { FEDERATED_TUTELLES, TUTELLES } from '@hub/schema';
import { chruConnectorOptionsFromEnv } from '@hub/subgraph-chru';
import { cnrsConnectorOptionsFromEnv } from '@hub/subgraph-cnrs';
import { inraeConnectorOptionsFromEnv } from '@hub/subgraph-inrae';
import { parseSiteDatabase, type SiteDatabaseConfig, type TutelleSubgraphUrls } from '@hub/subgraph-site';
import { ulConnectorOptionsFromEnv } from '@hub/subgraph-ul';
import { SUPERGRAPH_PATH } from './supergraph';
import { WEB_DIST } from './web';

/**
 * Every setting of the hub, read from the environment in one place (the README's configuration reference
 * lists them). Defaults give the embedded demo: SQLite files under `.hub/`, fixed local ports.
 */
export interface HubConfig {
  /** Folder of the embedded default: the site database and the demo sources. */
  dataDir: string;
  ports: { gateway: number; site: number; ul: number; cnrs: number; inrae: number; chru: number };
  host: string;
  supergraphPath: string;
  site: SiteDatabaseConfig;
  /** UL's replica; the demo's SQLite files when not configured. */
  ul: UlConnectorOptions;
  /** CNRS's replica; the demo's SQLite file when not configured. */
  cnrs: CnrsConnectorOptions;
  /** INRAE's extraction folder; the demo's when not configured. */
  inrae: InraeConnectorOptions;
  /** The CHRU's GMAO API and CSV exports; the demo's stand-in and files when not configured. */
  chru: ChruConnectorOptions;
  /** Whether `hub start` must serve the GMAO stand-in (no real API configured). */
  gmaoStandIn: boolean;
  /** Subgraph URLs for a gateway whose subgraphs are not at the composed defaults. */
  subgraphUrls: Record<string, string>;
  /** Where the site reads the tutelles' subgraphs (the same URLs the gateway uses). */
  tutelleSubgraphs: TutelleSubgraphUrls;
  /** The tariff policy file; the committed default when not set. */
  tariffPolicy?: string;
  /** Redis for the caches (persisted queries, responses, source reads); in memory when not set. */
  redisUrl?: string;
  /** How long the gateway serves an answer from its response cache, seconds; 0: off. */
  responseCacheTtlSeconds: number;
  /** How long the site keeps a platform's tariff cost base between requests, seconds; 0: off. */
  tariffCacheTtlSeconds: number;
  /** The built interface the gateway serves at `/` (gateway/web/dist); `HUB_WEB_DIST`. */
  webDist: string;
  /** How long each tutelle subgraph keeps a record it read, seconds; 0: off. */
  readCacheTtlSeconds: Record<keyof typeof READ_CACHE_TTL_SECONDS, number>;
}

/**
 * How long a read record stays good, per tutelle, in seconds (0: no read cache). The SQL replicas are read
 * by key: a short cache spares them the portal's repeated questions. The file and API sources are read
 * whole and kept by their connectors, which see a new workbook or export at once: a cache in front of
 * them would only hide it.
 */
const READ_CACHE_TTL_SECONDS = { ul: 60, cnrs: 60, inrae: 0, chru: 0 };

const seconds = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds, not ${value}`);
  return n;
};

export const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../.hub');

export function demoDir(dataDir: string): string {
  return path.join(dataDir, 'demo');
}

const port = (value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Invalid port ${JSON.stringify(value)}`);
  return n;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = path.resolve(env.HUB_DATA_DIR ?? DEFAULT_DATA_DIR);
  const subgraphUrls = Object.fromEntries(
    Object.entries(env)
      .filter(([key, value]) => key.startsWith('HUB_SUBGRAPH_URL_') && value)
      .map(([key, value]) => [key.slice('HUB_SUBGRAPH_URL_'.length).toLowerCase(), value as string]),
  );
  const ports = {
    gateway: port(env.HUB_GATEWAY_PORT, 4000),
    site: port(env.HUB_SITE_PORT, 4001),
    ul: port(env.HUB_UL_PORT, 4002),
    cnrs: port(env.HUB_CNRS_PORT, 4003),
    inrae: port(env.HUB_INRAE_PORT, 4004),
    chru: port(env.HUB_CHRU_PORT, 4005),
  };
  const host = env.HUB_HOST ?? '127.0.0.1';
  // The demo's ports differ from the composed defaults: point the gateway at them unless told otherwise.
  subgraphUrls.site ??= `http://${host}:${ports.site}/graphql`;
  subgraphUrls.ul ??= `http://${host}:${ports.ul}/graphql`;
  subgraphUrls.cnrs ??= `http://${host}:${ports.cnrs}/graphql`;
  subgraphUrls.inrae ??= `http://${host}:${ports.inrae}/graphql`;
  subgraphUrls.chru ??= `http://${host}:${ports.chru}/graphql`;
  return {
    dataDir,
    ports,
    host,
    supergraphPath: path.resolve(env.HUB_SUPERGRAPH ?? SUPERGRAPH_PATH),
    site: parseSiteDatabase(env.HUB_SITE_DB ?? `sqlite:${path.join(dataDir, 'site.sqlite')}`),
    ul: ulConnectorOptionsFromEnv(env, path.join(demoDir(dataDir), 'ul')),
    cnrs: cnrsConnectorOptionsFromEnv(env, path.join(demoDir(dataDir), 'cnrs')),
    inrae: inraeConnectorOptionsFromEnv(env, path.join(demoDir(dataDir), 'inrae')),
    chru: chruConnectorOptionsFromEnv(env, path.join(demoDir(dataDir), 'chru')),
    gmaoStandIn: !env.HUB_CHRU_GMAO_URL,
    subgraphUrls,
    tutelleSubgraphs: Object.fromEntries(
      FEDERATED_TUTELLES.map((t) => [t, subgraphUrls[TUTELLES[t].subgraph]]),
    ) as TutelleSubgraphUrls,
    ...(env.HUB_REDIS_URL ? { redisUrl: env.HUB_REDIS_URL } : {}),
    ...(env.HUB_TARIFF_POLICY ? { tariffPolicy: path.resolve(env.HUB_TARIFF_POLICY) } : {}),
    webDist: path.resolve(env.HUB_WEB_DIST ?? WEB_DIST),
    responseCacheTtlSeconds: seconds('HUB_RESPONSE_CACHE_TTL_S', env.HUB_RESPONSE_CACHE_TTL_S, 30),
    tariffCacheTtlSeconds: seconds('HUB_TARIFF_CACHE_TTL_S', env.HUB_TARIFF_CACHE_TTL_S, 60),
    readCacheTtlSeconds: Object.fromEntries(
      Object.entries(READ_CACHE_TTL_SECONDS).map(([tutelle, fallback]) => {
        const name = `HUB_${tutelle.toUpperCase()}_READ_CACHE_TTL_S`;
        return [tutelle, seconds(name, env[name], fallback)];
      }),
    ) as HubConfig['readCacheTtlSeconds'],
  };
}
