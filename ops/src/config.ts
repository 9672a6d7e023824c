import path from 'node:path';
import type { UlConnectorOptions } from '@hub/connector-ul';
import { parseSiteDatabase, type SiteDatabaseConfig } from '@hub/subgraph-site';
import { ulConnectorOptionsFromEnv, ulSqliteDatabase } from '@hub/subgraph-ul';
import { SUPERGRAPH_PATH } from './supergraph';

/**
 * Every setting of the hub, read from the environment in one place (the README's configuration reference
 * lists them). Defaults give the embedded demo: SQLite files under `.hub/`, fixed local ports.
 */
export interface HubConfig {
  /** Folder of the embedded default: the site database and the demo sources. */
  dataDir: string;
  ports: { gateway: number; site: number; ul: number };
  host: string;
  supergraphPath: string;
  site: SiteDatabaseConfig;
  /** UL's replica; the demo's SQLite files when not configured. */
  ul: UlConnectorOptions;
  /** Subgraph URLs for a gateway whose subgraphs are not at the composed defaults. */
  subgraphUrls: Record<string, string>;
}

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
  };
  const host = env.HUB_HOST ?? '127.0.0.1';
  // The demo's ports differ from the composed defaults: point the gateway at them unless told otherwise.
  subgraphUrls.site ??= `http://${host}:${ports.site}/graphql`;
  subgraphUrls.ul ??= `http://${host}:${ports.ul}/graphql`;
  return {
    dataDir,
    ports,
    host,
    supergraphPath: path.resolve(env.HUB_SUPERGRAPH ?? SUPERGRAPH_PATH),
    site: parseSiteDatabase(env.HUB_SITE_DB ?? `sqlite:${path.join(dataDir, 'site.sqlite')}`),
    ul:
      env.HUB_UL_DATABASE_URL || env.HUB_UL_SQLITE_DIR
        ? ulConnectorOptionsFromEnv(env)
        : { database: ulSqliteDatabase(path.join(demoDir(dataDir), 'ul')) },
    subgraphUrls,
  };
}
