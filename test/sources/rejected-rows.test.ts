import { Role } from '@hub/schema';
import { jwtSecret, logger, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * Rows a tutelle's files reject (INRAE's workbook, the CHRU's exports and API) used to show only as a count
 * on /health, which said ok. Each is logged with its place and reason when read, listed to admins through
 * the graph, page by page, and above a share of the rows read the source is degraded.
 */
const REJECTED = /* GraphQL */ `
  query Rejected($first: Int, $after: String) {
    chruRejectedRows(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { source location reason }
    }
  }
`;

describe('rejected source rows', () => {
  let hub: Hub;
  const warned = jest.spyOn(logger, 'warn');
  const token = (roles: Role[]) => mintToken(jwtSecret(), { subject: 'operator', roles });

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
  });
  afterAll(async () => {
    warned.mockRestore();
    await hub?.close();
  });

  it('lists each rejected row with its place and reason to admins, page by page', async () => {
    const admin = await token([Role.ADMIN]);
    const first = await hub.query(REJECTED, { variables: { first: 2 }, token: admin });
    expect(first.errors).toBeUndefined();
    expect(first.data?.chruRejectedRows).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await hub.query(REJECTED, {
      variables: { first: 2, after: first.data?.chruRejectedRows.pageInfo.endCursor },
      token: admin,
    });
    expect([
      ...(first.data?.chruRejectedRows.nodes ?? []),
      ...(rest.data?.chruRejectedRows.nodes ?? []),
    ]).toEqual([
      {
        source: 'CHRU/gmao',
        location: 'GET /api/v1/equipements?page=1 item GMAO-004514',
        reason: 'valeurAchat is missing',
      },
      { source: 'CHRU/depenses', location: 'depenses_uf.csv:3', reason: expect.stringMatching(/^Date: /) },
      { source: 'CHRU/depenses', location: 'depenses_uf.csv:4', reason: expect.stringMatching(/^Montant: /) },
    ]);
  });

  it('shows them to nobody else, and bounds the page', async () => {
    for (const roles of [[], [Role.CENTRAL], [Role.STEERING]]) {
      const { data, errors } = await hub.query(REJECTED, {
        token: roles.length ? await token(roles) : undefined,
      });
      expect(data?.chruRejectedRows ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    const { errors } = await hub.query(REJECTED, {
      variables: { first: 100_000 },
      token: await token([Role.ADMIN]),
    });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('logged each one with its place and reason when it was read', async () => {
    await fetch(hub.inrae.url.replace('/graphql', '/health')); // INRAE's workbook read
    expect(warned).toHaveBeenCalledWith(
      {
        source: 'INRAE/extraction',
        location: expect.stringContaining('#Equipements:'),
        reason: expect.any(String),
      },
      'row rejected',
    );
    expect(warned).toHaveBeenCalledWith(
      { source: 'CHRU/depenses', location: 'depenses_uf.csv:4', reason: expect.stringMatching(/^Montant: /) },
      'row rejected',
    );
  });

  it('marks a source degraded when more than the threshold of its rows are rejected', async () => {
    const health = await (await fetch(hub.chru.url.replace('/graphql', '/health'))).json();
    // 2 of the export's 3 expense rows, 1 of the GMAO's 4 items: both far over 1 %.
    expect(health.status).toBe('degraded');
    expect(health.sources).toEqual([
      expect.objectContaining({ source: 'CHRU/gmao', up: true, degraded: true, rejected: 1, seen: 4 }),
      expect.objectContaining({ source: 'CHRU/personnels', up: true, rejected: 0 }),
      expect.objectContaining({ source: 'CHRU/depenses', up: true, degraded: true, rejected: 2, seen: 3 }),
    ]);
    // Degraded is not down: the service still takes traffic.
    expect((await fetch(hub.chru.url.replace('/graphql', '/ready'))).status).toBe(200);
  });
});
