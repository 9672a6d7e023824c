import { Tutelle } from '@hub/schema';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

// Starting a hub and syncing take seconds on a busy machine: one generous limit for the whole file.
jest.setTimeout(60_000);

/** A browser application on an allowed origin can call the graph; one on another origin cannot. */
describe('CORS (HUB_CORS_ORIGINS)', () => {
  let hub: Hub;
  const PORTAL = 'https://portal.univ-lorraine.fr';
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({ tutelles: [Tutelle.UL], corsOrigins: [PORTAL] });
  });
  afterAll(() => hub?.close());

  const preflight = (origin: string) =>
    fetch(hub.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers an allowed origin’s preflight and its query with that origin allowed', async () => {
    const answer = await preflight(PORTAL);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(answer.headers.get('access-control-allow-headers')).toMatch(/authorization, content-type/);
    const query = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { origin: PORTAL, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ platforms { totalCount } }' }),
    });
    expect(query.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(await query.json()).toEqual({ data: { platforms: { totalCount: 3 } } });
  });

  it('allows no other origin', async () => {
    const answer = await preflight('https://evil.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
