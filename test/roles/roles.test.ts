import { Role } from '@hub/schema';
import {
  gatewaySecret,
  jwtSecret,
  mintToken,
  SIGNATURE_HEADER,
  SubgraphClient,
  signGatewayRequest,
  signServiceRequest,
} from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const STAFF = /* GraphQL */ `{
  platform(code: "XGAMMA") {
    staffCount
    staff { share member { id grade firstName lastName assignments { unitCode fte yearlyCost { amount basis } } } }
  }
}`;

describe('personal data needs the right role', () => {
  let hub: Hub;
  const token = (roles: Role[], platforms: string[] = []) =>
    mintToken(jwtSecret(), { subject: 'test', roles, platforms });

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('shows the public the staff count and grades, never names or costs', async () => {
    const { data, errors } = await hub.query(STAFF);
    expect(data?.platform.staffCount).toBe(3);
    const marie = data?.platform.staff[0].member;
    expect(marie).toEqual({
      id: 'UL:00123456',
      grade: 'IGR',
      firstName: null,
      lastName: null,
      assignments: null,
    });
    expect(new Set(errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it('shows a platform manager names and assignments, not salaries', async () => {
    const { data, errors } = await hub.query(STAFF, { token: await token([Role.PLATFORM], ['XGAMMA']) });
    const marie = data?.platform.staff[0].member;
    expect(marie).toMatchObject({ firstName: 'Marie', lastName: 'DUPONT' });
    expect(marie.assignments).toEqual([{ unitCode: 'UMR7198', fte: 0.8, yearlyCost: null }]);
    expect(errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual(
      expect.arrayContaining([['FORBIDDEN', 'yearlyCost']]),
    );
  });

  it('shows central services the loaded yearly cost', async () => {
    const { data, errors } = await hub.query(STAFF, { token: await token([Role.CENTRAL]) });
    expect(errors).toBeUndefined();
    expect(data?.platform.staff[1].member.assignments).toEqual([
      { unitCode: 'UMR7198', fte: 1, yearlyCost: { amount: 48000, basis: 'HT' } },
    ]);
  });

  it('refuses a token it did not sign, at the gateway and at the subgraph', async () => {
    const forged = await mintToken(new TextEncoder().encode('not-the-hub-key'), {
      subject: 'x',
      roles: [Role.ADMIN],
    });
    const atGateway = await hub.query('{ __typename }', { token: forged });
    // At the subgraph, as the gateway would send it: signed, so that the token is what is judged.
    const signature = signGatewayRequest(gatewaySecret(), {
      query: '{ __typename }',
      variables: undefined,
      authorization: `Bearer ${forged}`,
    });
    const atSubgraph = await hub.query('{ __typename }', {
      token: forged,
      url: hub.ul.url,
      headers: { [SIGNATURE_HEADER]: signature },
    });
    for (const { data, errors } of [atGateway, atSubgraph]) {
      expect(data ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('subgraphs answer the gateway only', () => {
  let hub: Hub;
  const QUERY = '{ ulStaffMember(id: "UL:00123456") { grade } }';

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('refuses a direct call, even with a valid token', async () => {
    const token = await mintToken(jwtSecret(), { subject: 'admin', roles: [Role.ADMIN] });
    for (const url of [hub.ul.url, hub.site.url, hub.cnrs.url, hub.inrae.url, hub.chru.url]) {
      const response = await hub.query(QUERY, { token, url });
      expect(response.status).toBe(403);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a signature made with another key, over another query, or too long ago', async () => {
    const signed = (signature: string) =>
      hub.query(QUERY, { url: hub.ul.url, headers: { [SIGNATURE_HEADER]: signature } });
    const request = { query: QUERY, variables: undefined };
    expect((await signed(signGatewayRequest('another-key', request))).status).toBe(403);
    const other = { query: '{ __typename }', variables: undefined };
    expect((await signed(signGatewayRequest(gatewaySecret(), other))).status).toBe(403);
    const tenMinutesAgo = Date.now() - 10 * 60_000;
    expect((await signed(signGatewayRequest(gatewaySecret(), request, tenMinutesAgo))).status).toBe(403);
    const fresh = await signed(signGatewayRequest(gatewaySecret(), request));
    expect(fresh).toMatchObject({ status: 200, data: { ulStaffMember: { grade: 'IGR' } } });
  });

  it('takes a signature once: a captured request replayed at once is refused', async () => {
    const signature = signGatewayRequest(gatewaySecret(), { query: QUERY, variables: undefined });
    const send = () => hub.query(QUERY, { url: hub.ul.url, headers: { [SIGNATURE_HEADER]: signature } });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(403);
  });

  it("binds a signature to the caller's token: replayed with it stripped or swapped, it is refused", async () => {
    const SALARY = '{ ulStaffMember(id: "UL:00123456") { assignments { yearlyCost { amount } } } }';
    const central = await mintToken(jwtSecret(), { subject: 'rh', roles: [Role.CENTRAL] });
    const other = await mintToken(jwtSecret(), { subject: 'x', roles: [Role.PUBLIC] });
    const signed = () =>
      signGatewayRequest(gatewaySecret(), {
        query: SALARY,
        variables: undefined,
        authorization: `Bearer ${central}`,
      });
    const headers = () => ({ [SIGNATURE_HEADER]: signed() });
    expect((await hub.query(SALARY, { url: hub.ul.url, headers: headers() })).status).toBe(403);
    expect((await hub.query(SALARY, { url: hub.ul.url, token: other, headers: headers() })).status).toBe(403);
    const own = await hub.query(SALARY, { url: hub.ul.url, token: central, headers: headers() });
    expect(own.data?.ulStaffMember.assignments).toEqual([{ yearlyCost: { amount: expect.any(Number) } }]);
  });

  it('refuses a site→subgraph request replayed, with or without other credentials', async () => {
    const SALARY = '{ ulStaffMember(id: "UL:00123456") { assignments { yearlyCost { amount } } } }';
    const signature = signServiceRequest(gatewaySecret(), 'site', { query: SALARY, variables: undefined });
    const send = (token?: string) =>
      hub.query(SALARY, {
        url: hub.ul.url,
        headers: { [SIGNATURE_HEADER]: signature },
        ...(token ? { token } : {}),
      });
    expect((await send()).data?.ulStaffMember.assignments).toHaveLength(1);
    expect((await send()).status).toBe(403);
  });

  it('answers the same query through the gateway', async () => {
    expect((await hub.query(QUERY)).data).toEqual({ ulStaffMember: { grade: 'IGR' } });
  });

  it("answers the hub's own service (the site) as `service`, which no token can claim", async () => {
    const SALARY = '{ ulStaffMember(id: "UL:00123456") { assignments { yearlyCost { amount } } } }';
    const site = new SubgraphClient({ subgraph: 'ul', url: hub.ul.url, service: 'site' });
    const asService = await site.request<{ ulStaffMember: { assignments: unknown[] } }>(SALARY);
    expect(asService.errors).toEqual([]);
    expect(asService.data?.ulStaffMember.assignments).toEqual([
      { yearlyCost: { amount: expect.any(Number) } },
    ]);

    const claimed = await mintToken(jwtSecret(), { subject: 'x', roles: [Role.SERVICE] });
    const withClaim = await hub.query(SALARY, { token: claimed });
    expect(withClaim.data?.ulStaffMember.assignments).toBeNull();
    expect(withClaim.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The service's name is signed: taken off a service signature, what is left is refused.
    const service = signServiceRequest(gatewaySecret(), 'site', { query: SALARY, variables: undefined });
    const stripped = service.replace(',s=site', '');
    expect(
      (await hub.query(SALARY, { url: hub.ul.url, headers: { [SIGNATURE_HEADER]: stripped } })).status,
    ).toBe(403);
  });
});
