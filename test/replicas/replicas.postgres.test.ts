import { readFileSync } from 'node:fs';
import { type BenchOperation, loadOperations } from '@hub/ops/bench';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { loadRegistry, parseRegistryFile } from '@hub/subgraph-site';
import { FIXTURE_REGISTRY, postGraphQL } from '../src/harness';
import { finished, hubProcess } from '../src/replicas';
import { REPLICATED_SERVICES, type ReplicatedHub, startReplicatedHub } from '../src/replicated-hub';

/*
 * Two replicas of every service behind round-robin proxies (test/src/replicated-hub.ts): the same answers
 * from each, a change made through one seen through all within the bound, syncs one at a time, and a
 * rolling restart that loses nothing.
 */

/** The response cache's TTL here: the bound within which a change made through one replica shows on all. */
const RESPONSE_CACHE_TTL_S = 2;

describe('the hub as replicas', () => {
  // Twelve processes on a shared machine: start-up and the rolling restart take minutes, not seconds.
  jest.setTimeout(600_000);
  let hub: ReplicatedHub;
  let admin: string;
  /** The bench's four operations, with its variables and callers. */
  let operations: BenchOperation[];
  const ask = (url: string, operation: BenchOperation) =>
    postGraphQL(url, operation.query, operation.variables, undefined, operation.headers);

  beforeAll(async () => {
    admin = await mintToken(jwtSecret(), { subject: 'admin@univ-lorraine.fr', roles: [Role.ADMIN] });
    hub = await startReplicatedHub({ replicas: 2, responseCacheTtlSeconds: RESPONSE_CACHE_TTL_S });
    operations = await loadOperations(
      (query, variables, token) => postGraphQL(hub.gatewayUrl, query, variables, token),
      process.env,
    );
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('gives the same answers whichever gateway replica serves (and whichever subgraph replica it reaches)', async () => {
    for (const operation of operations) {
      const { name } = operation;
      const answers = [];
      for (const replica of [...hub.replicas.gateway, ...hub.replicas.gateway])
        answers.push(await ask(`${replica.url}/graphql`, operation));
      expect({ name, errors: answers[0]!.errors }).toEqual({ name, errors: undefined });
      for (const answer of answers.slice(1)) expect(answer.data).toEqual(answers[0]!.data);
    }
  });

  it('shows a registry change on every replica within the response cache TTL', async () => {
    const query = '{ platform(code: "XGAMMA") { name } }';
    expect((await postGraphQL(hub.gatewayUrl, query)).data?.platform.name).toBe(
      'Centre de compétences XGamma',
    );
    const file = parseRegistryFile(readFileSync(FIXTURE_REGISTRY, 'utf8'));
    file.platforms[0] = { ...file.platforms[0]!, name: 'XGamma renamed' };
    await loadRegistry(hub.orm.em.fork(), file);
    const changed = Date.now();
    await seenEverywhere(query, (data) => data?.platform.name === 'XGamma renamed', changed);
  });

  it('runs two syncs started at once one at a time, into one inventory; a decision made on one replica shows on all', async () => {
    const syncEnv = hub.env;
    const runs = await Promise.all([
      finished(hubProcess(['inventory', 'sync', '--page-size', '2'], syncEnv)),
      finished(hubProcess(['inventory', 'sync', '--page-size', '2'], syncEnv)),
    ]);
    // Each finished, or was refused naming the other; never both writing at once.
    for (const run of runs)
      if (run.code !== 0) expect(run.output).toMatch(/already running: held by \S+:\d+ since/);
    expect(runs.some((run) => run.code === 0)).toBe(true);
    const records = await hub.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: string; distinct_ids: string }>>(
        'select count(*) as n, count(distinct id) as distinct_ids from inventory_record where not removed',
      );
    // Every fixture record once: UL 4, CNRS 4, INRAE 3, CHRU 3.
    expect(records[0]).toEqual({ n: '14', distinct_ids: '14' });
    // A third run with --wait finds nothing to change.
    const again = await finished(hubProcess(['inventory', 'sync', '--wait'], syncEnv));
    expect(again.code).toBe(0);
    // What the sync says is left to review is the queue reviewers page through.
    const queue = await postGraphQL(
      `${hub.replicas.gateway[0]!.url}/graphql`,
      '{ inventoryReviewQueue(first: 1) { totalCount } }',
      {},
      admin,
    );
    expect(again.output).toContain(`; ${queue.data!.inventoryReviewQueue.totalCount} to review: `);

    const inventory = '{ siteInventory(first: 50) { nodes { id records { id } } } }';
    const merge = await postGraphQL(
      `${hub.replicas.gateway[0]!.url}/graphql`,
      'mutation { mergeEquipment(ids: ["EQ-CNRS:346", "EQ-INRAE:INRAE-54-2020-0013"]) { kind } }',
      {},
      admin,
    );
    expect(merge.errors).toBeUndefined();
    const merged = Date.now();
    await seenEverywhere(
      inventory,
      (data) =>
        data?.siteInventory.nodes.some(
          (n: { records: unknown[]; id: string }) => n.id === 'EQ-CNRS:346' && n.records.length === 2,
        ),
      merged,
    );
  });

  it('loses no request while every service restarts, one replica at a time (SIGTERM)', async () => {
    let stop = false;
    let served = 0;
    const failed: string[] = [];
    const sheet = operations.find((o) => o.name === 'platform-sheet')!;
    const client = async () => {
      while (!stop) {
        const answer = await ask(hub.gatewayUrl, sheet).catch((error: Error) => ({
          status: 0,
          errors: [{ message: error.message }],
          data: null,
        }));
        if (answer.status !== 200 || answer.errors) failed.push(JSON.stringify(answer.errors).slice(0, 300));
        else served++;
      }
    };
    const load = [client(), client(), client(), client()];
    for (const service of REPLICATED_SERVICES) {
      for (const old of [...hub.replicas[service]]) {
        // As a terminating pod: out of the Service's endpoints first, then SIGTERM; its replacement joins once up.
        hub.proxies[service].remove(old.url);
        hub.replicas[service].splice(hub.replicas[service].indexOf(old), 1);
        await old.stop();
        await hub.start(service);
      }
    }
    stop = true;
    await Promise.all(load);
    expect(failed).toEqual([]);
    expect(served).toBeGreaterThan(0);
    for (const proxy of Object.values(hub.proxies)) expect(proxy.failures).toBe(0);
  });

  /** Asks every gateway replica, through every path to the site, until each says it; within the bound. */
  async function seenEverywhere(query: string, seen: (data: any) => boolean, since: number) {
    const boundMs = RESPONSE_CACHE_TTL_S * 1000 + 1000;
    for (;;) {
      const answers = await Promise.all(
        [...hub.replicas.gateway, ...hub.replicas.gateway, ...hub.replicas.gateway].map((r) =>
          postGraphQL(`${r.url}/graphql`, query, {}, admin),
        ),
      );
      if (answers.every((a) => seen(a.data))) break;
      expect(Date.now() - since).toBeLessThan(boundMs);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
