import { CACHE_STATUS_HEADER } from '@hub/gateway';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const STAFF = '{ platform(code: "XGAMMA") { staff { member { id firstName } } } }';
const EQUIPMENT = (code: string) =>
  `{ platform(code: "${code}") { code costCentres { tutelle code equipment { totalCount nodes { id } } } } }`;

async function post(hub: Hub, query: string, token?: string) {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { cache: response.headers.get(CACHE_STATUS_HEADER), body: (await response.json()) as any };
}

const metric = async (url: string, pattern: RegExp) => {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
};

/** The gateway's response cache, in memory: same operation, variables and scope, same answer, once read. */
describe('response cache', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      responseCache: { ttlSeconds: 1 },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers a repeated query from the cache, the same answer, without asking the subgraphs', async () => {
    const reads = jest.spyOn(hub.ul.connector, 'inventoryByCostCentres');
    const first = await post(hub, EQUIPMENT('XGAMMA'));
    const second = await post(hub, EQUIPMENT('XGAMMA'));
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.body).toEqual(first.body);
    expect(first.body.data.platform.costCentres[0].equipment.totalCount).toBeGreaterThan(0);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(
      await metric(hub.gatewayUrl, /hub_cache_lookups_total\{cache="response",outcome="hit"[^}]*} (\d+)/),
    ).toBe(1);
  });

  it("keys answers by the caller's roles and platforms: none is served to another scope", async () => {
    const manager = (platforms: string[]) =>
      mintToken(jwtSecret(), { subject: 'm', roles: [Role.PLATFORM], platforms });
    const anonymous = await post(hub, STAFF);
    const xgamma = await post(hub, STAFF, await manager(['XGAMMA']));
    const other = await post(hub, STAFF, await manager(['MICROSCOPY']));
    const xgammaAgain = await post(hub, STAFF, await manager(['XGAMMA']));
    expect([anonymous.cache, xgamma.cache, other.cache, xgammaAgain.cache]).toEqual([
      'miss',
      'miss',
      'miss',
      'hit',
    ]);
    expect(anonymous.body.data.platform.staff[0].member.firstName).toBeNull();
    expect(other.body.data.platform.staff[0].member.firstName).toBeNull();
    expect(xgammaAgain.body.data.platform.staff[0].member.firstName).toBe('Marie');
  });

  it('keeps no answer that carries errors, and none past its TTL', async () => {
    // The public's staff answer has FORBIDDEN errors: asked again, it is read again.
    expect((await post(hub, STAFF)).cache).toBe('miss');
    const query = EQUIPMENT('MICROSCOPY');
    expect((await post(hub, query)).cache).toBe('miss');
    expect((await post(hub, query)).cache).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await post(hub, query)).cache).toBe('miss');
  });
});

/** The tutelle subgraphs' read cache, in memory: each record read once per TTL, misses only, once. */
describe('source-read cache', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      readCache: { ttlSeconds: 60 },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('reads only the keys of a batch it does not have, and answers the same', async () => {
    const reads = jest.spyOn(hub.ul.connector, 'inventoryByCostCentres');
    const xgamma = await hub.query(EQUIPMENT('XGAMMA'));
    const both = await hub.query(
      `{ platforms { nodes { code costCentres { tutelle code equipment { totalCount nodes { id } } } } } }`,
    );
    const again = await hub.query(EQUIPMENT('XGAMMA'));
    expect(reads.mock.calls.map(([codes]) => [...codes].sort())).toEqual([['PF-XGAMMA'], ['PF-MICRO']]);
    reads.mockRestore();
    expect(again).toEqual(xgamma);
    const fromBoth = both.data?.platforms.nodes.find((p: any) => p.code === 'XGAMMA');
    expect(fromBoth).toEqual(xgamma.data?.platform);
    expect(
      await metric(hub.ul.url, /hub_cache_lookups_total\{cache="source-read",outcome="hit"[^}]*} (\d+)/),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await metric(
        hub.ul.url,
        /hub_source_read_duration_seconds_count\{[^}]*read="inventoryByCostCentres"[^}]*} (\d+)/,
      ),
    ).toBe(2);
  });

  it('shares one read between concurrent requests missing the same key (single flight)', async () => {
    // A slow source: the five requests all miss while the first read is still out.
    const connector = hub.cnrs.connector;
    const read = connector.staffByIds.bind(connector);
    const reads = jest.spyOn(connector, 'staffByIds').mockImplementation(async (ids) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return read(ids);
    });
    const query = '{ platform(code: "XGAMMA") { staff { member { id grade } } } }';
    const answers = await Promise.all(Array.from({ length: 5 }, () => hub.query(query)));
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.data?.platform.staff.map((s: any) => s.member.id)).toContain('CNRS:40412');
  });

  it('serves the same records to every role: roles withhold fields, not reads', async () => {
    const reads = jest.spyOn(hub.ul.connector, 'staffByIds');
    // Someone the tests before have not read yet.
    const query = '{ ulStaffMember(id: "UL:00123458") { grade assignments { yearlyCost { amount } } } }';
    const publicAnswer = await hub.query(query);
    const central = await hub.query(query, {
      token: await mintToken(jwtSecret(), { subject: 'c', roles: [Role.CENTRAL] }),
    });
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(publicAnswer.data?.ulStaffMember.assignments).toBeNull();
    expect(central.data?.ulStaffMember.assignments[0].yearlyCost.amount).toEqual(expect.any(Number));
  });
});
