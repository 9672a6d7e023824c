import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const QUERY = '{ platforms { totalCount } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');
const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DOWN_UL = {
  database: { kind: 'postgresql' as const, url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 },
};

async function post(url: string, body: object) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
}

const hashOnly = { extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } };
const withQuery = { query: QUERY, ...hashOnly };

/** Automatic persisted queries kept in Redis: a hash is enough once the query is known; Redis down costs nothing but the cache. */
describe('persisted queries in Redis', () => {
  let hub: Hub;
  const redis = createClient({ url: REDIS_URL });

  beforeAll(async () => {
    await redis.connect();
    await redis.del(`hub:gateway:apq:${HASH}`);
    hub = await startSubgraphsAndGateway({
      ul: DOWN_UL,
      redisUrl: REDIS_URL,
    });
  });
  afterAll(async () => {
    await hub?.close();
    await redis.del(`hub:gateway:apq:${HASH}`);
    redis.destroy();
  });

  it('answers a hash once the query has been sent with it, from Redis', async () => {
    expect((await post(hub.gatewayUrl, hashOnly)).errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect((await post(hub.gatewayUrl, withQuery)).data).toEqual({ platforms: { totalCount: 3 } });
    expect(await redis.get(`hub:gateway:apq:${HASH}`)).toBe(QUERY);
    expect((await post(hub.gatewayUrl, hashOnly)).data).toEqual({ platforms: { totalCount: 3 } });
  });

  it('answers correctly when Redis is unreachable: every lookup a miss, no error', async () => {
    const noRedis = await startSubgraphsAndGateway({
      ul: DOWN_UL,
      redisUrl: 'redis://127.0.0.1:1',
    });
    try {
      const started = Date.now();
      expect((await post(noRedis.gatewayUrl, withQuery)).data).toEqual({ platforms: { totalCount: 3 } });
      expect((await post(noRedis.gatewayUrl, hashOnly)).errors?.[0]?.extensions?.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      expect((await post(noRedis.gatewayUrl, { query: QUERY })).data).toEqual({
        platforms: { totalCount: 3 },
      });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await noRedis.close();
    }
  });
});
