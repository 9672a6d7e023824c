import { buildSchema } from 'graphql';
import { mintToken } from './auth';
import { type RunningServer, startGraphQLServer } from './server';

const schema = buildSchema('type Query { hello: String }');

/** One service over real HTTP, with the environment given for its start (production, keys). */
async function startService(
  env: Record<string, string>,
  knownOperations?: () => ReadonlySet<string>,
): Promise<RunningServer> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await startGraphQLServer({
      name: 'probe',
      port: 0,
      schema,
      context: () => ({}),
      ...(knownOperations ? { knownOperations } : {}),
      health: async () => [
        {
          source: 'UL/sifac',
          up: false,
          latencyMs: 3,
          error: 'connect ECONNREFUSED 10.1.2.3:5432 (sifac_prod)',
        },
      ],
    });
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

describe('metrics labels stay bounded', () => {
  let service: RunningServer;
  beforeAll(async () => {
    service = await startService({}, () => new Set(['Catalogue']));
  });
  afterAll(() => service?.close());

  const send = (query: string) =>
    fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('labels at most the first operations it answered, and every later name `other`', async () => {
    for (let i = 0; i < 300; i++) await send(`query Op${i} { hello }`);
    // A known operation (the interface's), first answered after 300 others: still labelled by name.
    await send('query Catalogue { hello }');
    const metrics = await (await fetch(service.url.replace(/\/graphql$/, '/metrics'))).text();
    const labels = new Set([...metrics.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
    expect(labels.size).toBeLessThanOrEqual(102);
    expect(labels).toContain('Catalogue');
    expect(labels).toContain('other');
    expect(labels).toContain('Op0');
  });
});

describe('what an anonymous caller learns of a service in production', () => {
  let service: RunningServer;
  const env = {
    NODE_ENV: 'production',
    HUB_JWT_SECRET: 'test-jwt-secret-of-production',
    HUB_GATEWAY_SECRET: 'test-gateway-secret',
    HUB_METRICS_TOKEN: 'metrics-scraper-token',
  };
  const base = () => service.url.replace(/\/graphql$/, '');
  beforeAll(async () => {
    service = await startService(env);
  });
  afterAll(() => service?.close());

  it('gives /health and /ready their status only, never addresses or database names', async () => {
    const health = await fetch(`${base()}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'degraded', service: 'probe' });
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).not.toMatch(/10\.1\.2\.3|sifac/);
  });

  it('refuses /metrics without the metrics token or an admin token', async () => {
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    const scraper = { authorization: `Bearer ${env.HUB_METRICS_TOKEN}` };
    expect((await fetch(`${base()}/metrics`, { headers: scraper })).status).toBe(200);
  });

  it('gives the details to the metrics token and to an admin', async () => {
    const admin = await mintToken(new TextEncoder().encode(env.HUB_JWT_SECRET), {
      subject: 'ops',
      roles: ['admin' as never],
    });
    for (const token of [env.HUB_METRICS_TOKEN, admin]) {
      const health = await fetch(`${base()}/health`, { headers: { authorization: `Bearer ${token}` } });
      expect(await health.json()).toMatchObject({
        sources: [expect.objectContaining({ source: 'UL/sifac' })],
      });
    }
  });
});
