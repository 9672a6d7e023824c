import path from 'node:path';
import { DEFAULT_ANSWER_BUDGET, type SignIn } from '@hub/gateway';
import type { Tutelle } from '@hub/schema';
import { type Environment, SettingError, Settings, type TutelleDescriptor } from '@hub/source-kit';
import {
  DEFAULT_REVIEW_FLOOR,
  DEFAULT_THRESHOLD,
  parseSiteDatabase,
  type SiteDatabaseConfig,
  type TutelleSubgraphUrls,
} from '@hub/subgraph-site';
import { DEFAULT_REJECTED_ROWS_THRESHOLD } from '@hub/tutelle-subgraph';
import { DEFAULT_GATEWAY_PORT, DEFAULT_SITE_PORT } from './subgraphs';
import { SUPERGRAPH_PATH } from './supergraph';
import { TUTELLE_DESCRIPTORS } from './tutelles';
import { signInFrom, WEB_DIST } from './web';

/**
 * Every setting of the hub, read from the environment here and nowhere else (the README's configuration
 * reference lists them; each tutelle's own come from its descriptor). A value that cannot be used stops
 * the start with the setting's name. Defaults give the embedded demo: SQLite files under `.hub/`, fixed
 * local ports.
 */
export interface HubConfig {
  /** Folder of the embedded default: the site database and the demo sources. */
  dataDir: string;
  /** Each service's port, by service name (`gateway`, `site`, each configured tutelle's `ul`...). */
  ports: Record<string, number>;
  host: string;
  supergraphPath: string;
  site: SiteDatabaseConfig;
  /** The matcher's join threshold and review floor (HUB_MATCH_THRESHOLD, HUB_MATCH_REVIEW_FLOOR). */
  match: { threshold: number; reviewFloor: number };
  /** The tutelles this site runs (`HUB_TUTELLES`), in the registry's order, with their sources' options. */
  tutelles: ConfiguredTutelle[];
  /** Subgraphs composed into the graph whose tutelle this site does not run: present, and empty. */
  absentSubgraphs: string[];
  /** The GMAO stand-in `hub start` serves where the CHRU runs with no real API configured; null otherwise. */
  gmaoStandIn: { port: number } | null;
  /** Subgraph URLs for a gateway whose subgraphs are not at the composed defaults. */
  subgraphUrls: Record<string, string>;
  /** Where the site reads the tutelles' subgraphs (the same URLs the gateway uses). */
  tutelleSubgraphs: TutelleSubgraphUrls;
  /** The tariff policy file; the committed default when not set. */
  tariffPolicy?: string;
  /** Redis for the caches (persisted queries, responses, source reads); in memory when not set. */
  redisUrl?: string;
  /** Origins a browser application may call the gateway from (`HUB_CORS_ORIGINS`); none by default. */
  corsOrigins: string[];
  /** How long the gateway serves an answer from its response cache, seconds; 0: off. */
  responseCacheTtlSeconds: number;
  /** Values of the answers the gateway may build at once (`HUB_GATEWAY_ANSWER_BUDGET`); 0: no bound. */
  answerBudgetValues: number;
  /** How long the site keeps a platform's tariff cost base between requests, seconds; 0: off. */
  tariffCacheTtlSeconds: number;
  /** The built interface the gateway serves at `/` (gateway/web/dist); `HUB_WEB_DIST`. */
  webDist: string;
  /** How the interface signs people in: the site's OIDC provider (`HUB_OIDC_*`), else the demo's page. */
  signIn: SignIn;
  /** Share of a source's rows rejected above which it is degraded (`HUB_REJECTED_ROWS_THRESHOLD`). */
  rejectedRowsThreshold: number;
}

export interface ConfiguredTutelle {
  // biome-ignore lint/suspicious/noExplicitAny: each descriptor has its own connector's options.
  descriptor: TutelleDescriptor<any>;
  /** Its connector's options, from its own settings. */
  options: unknown;
  /** How long its subgraph keeps a record it read, seconds; 0: off. */
  readCacheTtlSeconds: number;
}

export const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../.hub');

export function demoDir(dataDir: string): string {
  return path.join(dataDir, 'demo');
}

/** The setting that holds a service's port: `HUB_UL_PORT`. */
export const portSetting = (service: string) => `HUB_${service.toUpperCase()}_PORT`;

/** The tutelles `HUB_TUTELLES` names (codes, comma-separated), every registered one when unset. */
function configuredTutelles(settings: Settings): TutelleDescriptor[] {
  const codes = settings.list('HUB_TUTELLES');
  if (!codes) return [...TUTELLE_DESCRIPTORS];
  const known = TUTELLE_DESCRIPTORS.map((d) => d.tutelle as string);
  const unknown = codes.filter((code) => !known.includes(code.toUpperCase()));
  if (unknown.length > 0 || codes.length === 0)
    throw new SettingError(
      'HUB_TUTELLES',
      `HUB_TUTELLES: ${unknown.length ? `unknown tutelle ${unknown.join(', ')}` : 'empty'}; ` +
        `known: ${known.join(', ')}`,
    );
  const wanted = new Set(codes.map((code) => code.toUpperCase()));
  return TUTELLE_DESCRIPTORS.filter((d) => wanted.has(d.tutelle));
}

/** Two services on one port would not both start: say which, and which settings, before either does. */
function refuseClashes(ports: Record<string, number>): void {
  const byPort = new Map<number, string>();
  for (const [service, port] of Object.entries(ports)) {
    const other = byPort.get(port);
    if (port !== 0 && other)
      throw new SettingError(
        portSetting(service),
        `Port ${port} is given to both ${other} (${portSetting(other)}) and ${service} (${portSetting(service)})`,
      );
    byPort.set(port, service);
  }
}

export function loadConfig(env: Environment = process.env): HubConfig {
  const settings = new Settings(env);
  const dataDir = path.resolve(settings.text('HUB_DATA_DIR') ?? DEFAULT_DATA_DIR);
  const host = settings.text('HUB_HOST') ?? '127.0.0.1';
  const descriptors = configuredTutelles(settings);
  const ports: Record<string, number> = {
    gateway: settings.port(portSetting('gateway'), DEFAULT_GATEWAY_PORT),
    site: settings.port(portSetting('site'), DEFAULT_SITE_PORT),
    ...Object.fromEntries(
      descriptors.map((d) => [d.name, settings.port(portSetting(d.name), d.defaultPort)]),
    ),
  };
  const chru = descriptors.find((d) => d.name === 'chru');
  const gmaoStandIn =
    chru && !settings.text('HUB_CHRU_GMAO_URL')
      ? { port: settings.port('HUB_CHRU_GMAO_STANDIN_PORT', 4090) }
      : null;
  refuseClashes({ ...ports, ...(gmaoStandIn ? { chru_gmao_standin: gmaoStandIn.port } : {}) });
  // The demo's ports differ from the composed defaults: point the gateway at them unless told otherwise.
  const subgraphUrls: Record<string, string> = {};
  for (const service of ['site', ...descriptors.map((d) => d.name)]) {
    const setting = `HUB_SUBGRAPH_URL_${service.toUpperCase()}`;
    subgraphUrls[service] = settings.url(setting, `http://${host}:${ports[service]}/graphql`);
  }
  const present = new Set(descriptors);
  return {
    dataDir,
    ports,
    host,
    supergraphPath: path.resolve(settings.text('HUB_SUPERGRAPH') ?? SUPERGRAPH_PATH),
    site: siteDatabase(settings, dataDir),
    match: matchOptions(settings),
    tutelles: descriptors.map((descriptor) => ({
      descriptor,
      options: descriptor.configure(settings, path.join(demoDir(dataDir), descriptor.name)),
      readCacheTtlSeconds: settings.amount(
        `HUB_${descriptor.name.toUpperCase()}_READ_CACHE_TTL_S`,
        'seconds',
        descriptor.readCacheTtlSeconds,
      ),
    })),
    absentSubgraphs: TUTELLE_DESCRIPTORS.filter((d) => !present.has(d)).map((d) => d.name),
    gmaoStandIn,
    subgraphUrls,
    tutelleSubgraphs: Object.fromEntries(
      descriptors.map((d) => [d.tutelle, subgraphUrls[d.name]]),
    ) as Partial<Record<Tutelle, string>>,
    ...(settings.url('HUB_REDIS_URL') ? { redisUrl: settings.url('HUB_REDIS_URL') } : {}),
    ...(settings.text('HUB_TARIFF_POLICY')
      ? { tariffPolicy: path.resolve(settings.text('HUB_TARIFF_POLICY')!) }
      : {}),
    corsOrigins: corsOrigins(settings),
    webDist: path.resolve(settings.text('HUB_WEB_DIST') ?? WEB_DIST),
    signIn: signInFrom(settings),
    rejectedRowsThreshold: share(
      settings,
      'HUB_REJECTED_ROWS_THRESHOLD',
      'share of rows',
      DEFAULT_REJECTED_ROWS_THRESHOLD,
    ),
    responseCacheTtlSeconds: settings.amount('HUB_RESPONSE_CACHE_TTL_S', 'seconds', 30),
    tariffCacheTtlSeconds: settings.amount('HUB_TARIFF_CACHE_TTL_S', 'seconds', 60),
    answerBudgetValues: settings.amount(
      'HUB_GATEWAY_ANSWER_BUDGET',
      'values',
      DEFAULT_ANSWER_BUDGET.maxValuesInFlight,
    ),
  };
}

/** A setting between 0 and 1: a probability, a share. */
function share(settings: Settings, name: string, what: string, fallback: number): number {
  const value = settings.amount(name, what, fallback);
  if (value > 1) throw new SettingError(name, `${name} is a ${what}, 0 to 1, not ${value}`);
  return value;
}

/** The matcher's threshold and review floor: the floor at most the threshold. */
function matchOptions(settings: Settings): HubConfig['match'] {
  const threshold = share(settings, 'HUB_MATCH_THRESHOLD', 'probability', DEFAULT_THRESHOLD);
  const reviewFloor = share(settings, 'HUB_MATCH_REVIEW_FLOOR', 'probability', DEFAULT_REVIEW_FLOOR);
  if (reviewFloor > threshold)
    throw new SettingError(
      'HUB_MATCH_REVIEW_FLOOR',
      `HUB_MATCH_REVIEW_FLOOR (${reviewFloor}) is above HUB_MATCH_THRESHOLD (${threshold})`,
    );
  return { threshold, reviewFloor };
}

/** `HUB_SITE_DB`: `postgresql://…`, `sqlite:<file>` or a file path; any other scheme is a mistake. */
function siteDatabase(settings: Settings, dataDir: string): SiteDatabaseConfig {
  const value = settings.text('HUB_SITE_DB') ?? `sqlite:${path.join(dataDir, 'site.sqlite')}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme && !/^postgres(ql)?$/i.test(scheme))
    throw new SettingError(
      'HUB_SITE_DB',
      `HUB_SITE_DB: unsupported scheme "${scheme}:" (postgresql://…, sqlite:<file> or a file path)`,
    );
  return parseSiteDatabase(value);
}

/** `HUB_CORS_ORIGINS`: comma-separated origins (`https://portal.univ-lorraine.fr`), each a URL's origin. */
function corsOrigins(settings: Settings): string[] {
  return (settings.list('HUB_CORS_ORIGINS') ?? []).map((origin) => {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new SettingError(
        'HUB_CORS_ORIGINS',
        `Invalid origin ${JSON.stringify(origin)} in HUB_CORS_ORIGINS: scheme, host and port only`,
      );
    return origin;
  });
}
