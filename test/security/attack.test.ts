import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUPERGRAPH_PATH } from '@hub/ops';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';
import { runAttacks } from './attack';

/** The attack script against a hub in production mode: every attack it can make holds. */
describe('the outside attacks, replayed', () => {
  jest.setTimeout(120_000);
  const env = {
    NODE_ENV: 'production',
    HUB_JWT_SECRET: 'attack-test-jwt-secret',
    HUB_GATEWAY_SECRET: 'attack-test-gateway-secret',
    HUB_METRICS_TOKEN: 'attack-test-metrics-token',
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  let hub: Hub;
  let dir: string;
  let supergraph: string;

  beforeAll(async () => {
    Object.assign(process.env, env);
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-attack-'));
    supergraph = path.join(dir, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_PATH, supergraph);
    hub = await startSubgraphsAndGateway({ supergraphPath: supergraph });
    await hub.site.inventory.sync();
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  it('holds against every attack', async () => {
    const findings = await runAttacks({
      gatewayUrl: hub.gatewayUrl,
      jwtSecret: env.HUB_JWT_SECRET,
      gatewaySecret: env.HUB_GATEWAY_SECRET,
      subgraphUrl: hub.ul.url,
      metricsToken: env.HUB_METRICS_TOKEN,
      supergraphPath: supergraph,
      decisions: true,
    });
    expect(findings.filter((f) => f.outcome !== 'held')).toEqual([]);
    expect(findings.length).toBeGreaterThanOrEqual(11);
  });
});
