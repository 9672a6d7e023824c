import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHRU_FIXTURE, startGmaoStandIn } from '@hub/connector-chru/testing';
import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { INRAE_FIXTURE } from '@hub/connector-inrae/testing';
import { createMariadbDatabase, createPostgresDatabase } from '@hub/connector-sql/testing';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { loadCnrsMariadb, loadUlPostgres, writeChruSources, writeInraeExtractions } from '@hub/ops';
import { loadRegistry, openSiteDatabase, parseRegistryFile, type SiteOrm } from '@hub/subgraph-site';
import { FIXTURE_REGISTRY } from './harness';
import { type Replica, RoundRobinProxy, startReplica } from './replicas';

/*
 * The hub as a cluster runs it, on this machine: every service as `hub serve` processes on PostgreSQL (the
 * site) and Redis (the caches), each service behind a round-robin proxy (its Service): the clients go
 * through the gateway's, and the gateway's and the site's calls to subgraphs through theirs. UL on
 * PostgreSQL, CNRS on MariaDB, INRAE's and the CHRU's files as in the other tests; no SQLite anywhere.
 */

export const REPLICATED_SERVICES = ['ul', 'cnrs', 'inrae', 'chru', 'site', 'gateway'] as const;
export type ReplicatedService = (typeof REPLICATED_SERVICES)[number];

export interface ReplicatedHub {
  /** The gateway's Service: `…/graphql`. */
  gatewayUrl: string;
  proxies: Record<ReplicatedService, RoundRobinProxy>;
  replicas: Record<ReplicatedService, Replica[]>;
  /** The environment every replica runs with (for `hub inventory sync` processes, say). */
  env: NodeJS.ProcessEnv;
  /** The hub's database, as an operator's `hub registry load` reaches it. */
  orm: SiteOrm;
  /** One more replica of a service, in its Service's rotation once it answers. */
  start(service: ReplicatedService): Promise<Replica>;
  close(): Promise<void>;
}

/** Every replica started in parallel; all settled before a failure is thrown, so that `close()` stops each. */
async function allStarted(starts: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function startReplicatedHub(options: {
  replicas: number;
  responseCacheTtlSeconds: number;
}): Promise<ReplicatedHub> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-replicas-'));
  const proxies = Object.fromEntries(REPLICATED_SERVICES.map((s) => [s, new RoundRobinProxy()])) as Record<
    ReplicatedService,
    RoundRobinProxy
  >;
  const replicas = Object.fromEntries(REPLICATED_SERVICES.map((s) => [s, [] as Replica[]])) as Record<
    ReplicatedService,
    Replica[]
  >;
  const [site, ul, cnrs] = await Promise.all([
    createPostgresDatabase(),
    createPostgresDatabase(),
    createMariadbDatabase(),
  ]);
  let gmao: Awaited<ReturnType<typeof startGmaoStandIn>> | null = null;
  let orm: SiteOrm | null = null;
  const close = async () => {
    for (const service of [...REPLICATED_SERVICES].reverse())
      for (const replica of replicas[service]) await replica.stop();
    for (const proxy of Object.values(proxies)) await proxy.close();
    await orm?.close(true);
    await gmao?.close();
    await Promise.all([site.drop(), ul.drop(), cnrs.drop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await loadUlPostgres(UL_FIXTURE, ul.url);
    await loadCnrsMariadb(CNRS_FIXTURE, cnrs.url);
    await writeInraeExtractions(INRAE_FIXTURE, path.join(dir, 'inrae'), '2026-10-31');
    await writeChruSources(CHRU_FIXTURE, path.join(dir, 'chru'));
    gmao = await startGmaoStandIn({ items: CHRU_FIXTURE.equipements, token: 'test-token' });
    const urls = Object.fromEntries(
      await Promise.all(REPLICATED_SERVICES.map(async (s) => [s, await proxies[s].listen()])),
    ) as Record<ReplicatedService, string>;
    // A Redis database of this run's own: the caches' keys are the same in every test using Redis.
    const redisDb = 1 + Math.floor(Math.random() * 15);
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      HUB_HOST: '127.0.0.1',
      HUB_DATA_DIR: dir,
      HUB_SITE_DB: site.url,
      HUB_REDIS_URL: `${process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/${redisDb}`,
      HUB_RESPONSE_CACHE_TTL_S: String(options.responseCacheTtlSeconds),
      HUB_UL_DATABASE_URL: ul.url,
      HUB_CNRS_DATABASE_URL: cnrs.url,
      HUB_INRAE_FOLDER: path.join(dir, 'inrae'),
      HUB_CHRU_EXPORTS_DIR: path.join(dir, 'chru'),
      HUB_CHRU_GMAO_URL: gmao.url,
      HUB_CHRU_GMAO_TOKEN: 'test-token',
      ...Object.fromEntries(
        REPLICATED_SERVICES.filter((s) => s !== 'gateway').map((s) => [
          `HUB_SUBGRAPH_URL_${s.toUpperCase()}`,
          `${urls[s]}/graphql`,
        ]),
      ),
    };
    const start = async (service: ReplicatedService) => {
      const replica = await startReplica(service, env);
      replicas[service].push(replica);
      proxies[service].add(replica.url);
      return replica;
    };
    const each = (service: ReplicatedService) =>
      Array.from({ length: options.replicas }, () => start(service));
    await allStarted(REPLICATED_SERVICES.filter((s) => s !== 'gateway' && s !== 'site').flatMap(each));
    // The site's replicas start together on an empty database: their migrations must not collide.
    await allStarted(each('site'));
    await allStarted(each('gateway'));
    orm = await openSiteDatabase({ kind: 'postgresql', url: site.url });
    await loadRegistry(orm.em.fork(), parseRegistryFile(readFileSync(FIXTURE_REGISTRY, 'utf8')));
    return { gatewayUrl: `${urls.gateway}/graphql`, proxies, replicas, env, orm, start, close };
  } catch (error) {
    await close();
    throw error;
  }
}
