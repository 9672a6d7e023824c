import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { CACHE_STATUS_HEADER } from '@hub/gateway';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { createClient } from 'redis';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const REDIS = new URL(process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
/** A database of its own (not the 0 other tests share), emptied before and after. */
const DB = 11;

/**
 * A TCP proxy in front of the local Redis that the test can freeze (connections stay open, nothing goes
 * through: a Redis that hangs) or cut (connections closed, new ones refused: a Redis that is gone).
 */
class RedisProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private frozen = false;
  port = 0;

  async start(port = 0): Promise<void> {
    this.frozen = false;
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      if (this.frozen) return;
      const upstream = net.connect(Number(REDIS.port || 6379), REDIS.hostname);
      this.sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', end);
      upstream.on('close', end);
      client.on('close', end);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/${DB}`;
  }

  /** Redis hung: connected clients stay connected and get no answer; new ones are accepted and ignored. */
  freeze(): void {
    this.frozen = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
    }
  }

  /** Redis gone: every connection closed, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

const QUERIES = [
  '{ platforms { totalCount nodes { code staffCount } } }',
  '{ platform(code: "XGAMMA") { costCentres { tutelle code equipment { totalCount nodes { id designation valueHT { amount } } } } } }',
  '{ platform(code: "MICROSCOPY") { costCentres { tutelle equipment { totalCount } } staff { member { id grade } } } }',
  '{ platform(code: "XGAMMA") { staff { member { id firstName assignments { yearlyCost { amount } } } } } }',
];

describe('a Redis outage mid-test', () => {
  let hub: Hub;
  const proxy = new RedisProxy();
  const admin = createClient({ url: `redis://${REDIS.host}/${DB}` });
  let token: string;
  /** Each query's answer with the caches cold and Redis up: what every later answer must be. */
  const expected: unknown[] = [];

  async function ask(query: string) {
    const started = Date.now();
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return {
      cache: response.headers.get(CACHE_STATUS_HEADER),
      body: await response.json(),
      ms: Date.now() - started,
    };
  }

  beforeAll(async () => {
    await admin.connect();
    await admin.flushDb();
    await proxy.start();
    hub = await startSubgraphsAndGateway({
      redisUrl: proxy.url,
      responseCache: { ttlSeconds: 60 },
      readCache: { ttlSeconds: 60 },
    });
    token = await mintToken(jwtSecret(), { subject: 'c', roles: [Role.CENTRAL] });
    const answersKept = async () => (await admin.keys('hub:gateway:answers:*')).length;
    for (const query of QUERIES) {
      const kept = await answersKept();
      const { body, cache } = await ask(query);
      expect(cache).toBe('miss');
      expect(body.errors).toBeUndefined();
      expected.push(body);
      // A write sent while the gateway's Redis client is still connecting is dropped after 500 ms (a miss,
      // by design): ask again until Redis holds the answer, so that the tests below start from a warm cache.
      for (let tries = 0; (await answersKept()) === kept && tries < 50; tries++) await ask(query);
    }
  });
  afterAll(async () => {
    await hub?.close();
    await proxy.cut();
    await admin.flushDb();
    admin.destroy();
  });

  it('answers from Redis while it is up', async () => {
    for (const [i, query] of QUERIES.entries()) {
      const { body, cache } = await ask(query);
      expect(cache).toBe('hit');
      expect(body).toEqual(expected[i]);
    }
    expect((await admin.keys('hub:*:reads:*')).length).toBeGreaterThan(0);
  });

  it('answers every query correctly when Redis hangs, within its command timeout', async () => {
    proxy.freeze();
    for (const [i, query] of QUERIES.entries()) {
      const { body, ms } = await ask(query);
      expect(body).toEqual(expected[i]);
      expect(ms).toBeLessThan(3000);
    }
  });

  it('answers every query correctly when Redis goes away, from the sources', async () => {
    await proxy.cut();
    for (const [i, query] of QUERIES.entries()) {
      const { body, cache, ms } = await ask(query);
      expect(cache).toBe('miss');
      expect(body).toEqual(expected[i]);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('uses Redis again once it is back', async () => {
    await proxy.cut();
    await proxy.start(proxy.port);
    const deadline = Date.now() + 10_000;
    let cache: string | null = null;
    while (cache !== 'hit' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const answer = await ask(QUERIES[0]!);
      expect(answer.body).toEqual(expected[0]);
      cache = answer.cache;
    }
    expect(cache).toBe('hit');
  });
});
