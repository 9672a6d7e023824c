import { Role } from '@hub/schema';
import { gatewaySecret, jwtSecret, mintToken, SIGNATURE_HEADER, signGatewayRequest } from '@hub/service-kit';
import { type GraphQLResponse, type Hub, startSubgraphsAndGateway } from '../src/harness';

/**
 * Each role sees exactly what it should: names and assignments for staff roles (a platform manager for
 * the staff of their own platforms only), loaded costs for central services, steering and admins, neither
 * for the public; expenses (internal finance) as names, for their platforms' cost centres; the same through a platform's staff, through a tutelle's own query, and through the
 * `_entities` fetch the gateway sends a tutelle subgraph.
 */
interface Caller {
  name: string;
  roles: Role[];
  platforms?: string[];
  /** What the caller may read of a person on XGAMMA (Marie DUPONT), and of one on MICROSCOPY only. */
  xgamma: 'grade' | 'names' | 'costs';
  microscopy: 'grade' | 'names' | 'costs';
}

const CALLERS: Caller[] = [
  { name: 'public', roles: [], xgamma: 'grade', microscopy: 'grade' },
  {
    name: 'XGAMMA manager',
    roles: [Role.PLATFORM],
    platforms: ['XGAMMA'],
    xgamma: 'names',
    microscopy: 'grade',
  },
  {
    name: 'MICROSCOPY manager',
    roles: [Role.PLATFORM],
    platforms: ['MICROSCOPY'],
    xgamma: 'grade',
    microscopy: 'names',
  },
  { name: 'platform role, no platforms', roles: [Role.PLATFORM], xgamma: 'grade', microscopy: 'grade' },
  { name: 'central services', roles: [Role.CENTRAL], xgamma: 'costs', microscopy: 'costs' },
  { name: 'steering committee', roles: [Role.STEERING], xgamma: 'costs', microscopy: 'costs' },
  { name: 'admin', roles: [Role.ADMIN], xgamma: 'costs', microscopy: 'costs' },
];

const MEMBER = 'id grade firstName lastName email assignments { unitCode fte yearlyCost { amount } }';
const MARIE = { id: 'UL:00123456', grade: 'IGR', first: 'Marie', last: 'DUPONT', cost: 52000 };

type Member = Record<string, any> | null | undefined;

/**
 * What a member looks like at each level of access, and which fields carry FORBIDDEN. Paths are compared
 * without list indices: @apollo/gateway numbers an error of an `_entities` fetch by its place in that
 * fetch, not in the list the client asked for.
 */
function expectAccess(member: Member, level: Caller['xgamma'], response: GraphQLResponse, path: string) {
  const unindexed = (p: string) => p.replace(/\.\d+/g, '');
  const at = unindexed(path);
  const forbidden = (response.errors ?? [])
    .filter((e) => e.extensions?.code === 'FORBIDDEN')
    .map((e) => unindexed(e.path?.join('.') ?? ''));
  expect(member?.grade).toEqual(expect.any(String));
  if (level === 'grade') {
    expect(member).toMatchObject({ firstName: null, lastName: null, email: null, assignments: null });
    expect(forbidden).toEqual(expect.arrayContaining([`${at}.firstName`, `${at}.assignments`]));
    return;
  }
  expect(member?.firstName).toEqual(expect.any(String));
  expect(member?.lastName).toEqual(expect.any(String));
  expect(member?.assignments?.length).toBeGreaterThan(0);
  const costs = member?.assignments.map((a: any) => a.yearlyCost);
  if (level === 'names') {
    expect(costs.every((c: unknown) => c === null)).toBe(true);
    expect(forbidden).toEqual(expect.arrayContaining([`${at}.assignments.yearlyCost`]));
  } else {
    expect(costs.every((c: any) => typeof c?.amount === 'number')).toBe(true);
    expect(forbidden).toEqual([]);
  }
}

describe('what each role sees', () => {
  let hub: Hub;
  const tokens = new Map<string, string | undefined>();

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway();
    for (const caller of CALLERS) {
      tokens.set(
        caller.name,
        caller.roles.length === 0
          ? undefined
          : await mintToken(jwtSecret(), {
              subject: caller.name,
              roles: caller.roles,
              platforms: caller.platforms,
            }),
      );
    }
  });
  afterAll(async () => {
    await hub?.close();
  });

  describe.each(CALLERS)('$name', (caller) => {
    const token = () => tokens.get(caller.name);
    const query = (q: string) => hub.query(q, { ...(token() ? { token: token()! } : {}) });

    it("through a platform's staff, on each platform", async () => {
      for (const [code, level] of [
        ['XGAMMA', caller.xgamma],
        ['MICROSCOPY', caller.microscopy],
      ] as const) {
        const response = await query(
          `{ platform(code: "${code}") { staffCount staff { member { ${MEMBER} } } } }`,
        );
        const staff = response.data?.platform.staff as { member: Member }[];
        // An empty list would assert nothing: XGAMMA has three people, MICROSCOPY two.
        expect(staff).toHaveLength(code === 'XGAMMA' ? 3 : 2);
        // UL's and CNRS's people on XGAMMA, UL's and the CHRU's on MICROSCOPY: every tutelle judges alike.
        staff.forEach(({ member }, i) => {
          expectAccess(member, level, response, `platform.staff.${i}.member`);
        });
      }
    });

    it("through a tutelle's own query", async () => {
      const response = await query(`{ ulStaffMember(id: "${MARIE.id}") { ${MEMBER} } }`);
      expectAccess(response.data?.ulStaffMember, caller.xgamma, response, 'ulStaffMember');
      if (caller.xgamma !== 'grade') expect(response.data?.ulStaffMember.lastName).toBe(MARIE.last);
    });

    it('through `_entities`, as the gateway sends it to the tutelle', async () => {
      const entities = `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on UlStaffMember { ${MEMBER} } }
      }`;
      for (const [platforms, level] of [
        [['XGAMMA'], caller.xgamma],
        [['MICROSCOPY', 'OTHER'], caller.microscopy],
      ] as const) {
        const variables = { representations: [{ __typename: 'UlStaffMember', id: MARIE.id, platforms }] };
        const response = await hub.query(entities, {
          url: hub.ul.url,
          variables,
          ...(token() ? { token: token()! } : {}),
          headers: {
            [SIGNATURE_HEADER]: signGatewayRequest(gatewaySecret(), {
              query: entities,
              variables,
              authorization: token() ? `Bearer ${token()}` : undefined,
            }),
          },
        });
        expectAccess(response.data?._entities[0], level, response, '_entities.0');
      }
    });
  });

  it.each(CALLERS)(
    "$name reads a cost centre's expenses only with a finance role or as its platform's manager",
    async (caller) => {
      const token = tokens.get(caller.name);
      const EXPENSES = '{ totalCount nodes { amountHT { amount } } }';
      const response = await hub.query(
        `{ platform(code: "XGAMMA") { costCentres { tutelle expenses ${EXPENSES} } }
         ulCostCentre(code: "PF-MICRO") { expenses ${EXPENSES} } }`,
        token ? { token } : {},
      );
      const xgamma = response.data?.platform.costCentres as { expenses: unknown }[];
      const micro = response.data?.ulCostCentre.expenses;
      const reads = (level: Caller['xgamma']) => level !== 'grade';
      // XGAMMA's three cost centres (UL, CNRS, INRAE): an empty list would assert nothing.
      expect(xgamma).toHaveLength(3);
      for (const { expenses } of xgamma) expect(expenses !== null).toBe(reads(caller.xgamma));
      expect(micro !== null).toBe(reads(caller.microscopy));
      const forbidden = (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
      const withheld = xgamma.filter((c) => c.expenses === null).length + (micro === null ? 1 : 0);
      expect(forbidden).toHaveLength(withheld);
      if (reads(caller.xgamma)) expect((xgamma[0]!.expenses as any).totalCount).toBeGreaterThan(0);
    },
  );

  it('gives a platform manager nothing of a representation that does not say its platforms', async () => {
    const entities = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on UlStaffMember { firstName } }
    }`;
    const variables = { representations: [{ __typename: 'UlStaffMember', id: MARIE.id }] };
    const response = await hub.query(entities, {
      url: hub.ul.url,
      variables,
      token: tokens.get('XGAMMA manager')!,
      headers: {
        [SIGNATURE_HEADER]: signGatewayRequest(gatewaySecret(), {
          query: entities,
          variables,
          authorization: `Bearer ${tokens.get('XGAMMA manager')}`,
        }),
      },
    });
    expect(response.data?._entities).toEqual([{ firstName: null }]);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses `_entities` without the gateway signature, whatever the token', async () => {
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on UlStaffMember { firstName } } }`;
    const response = await hub.query(entities, {
      url: hub.ul.url,
      variables: { r: [{ __typename: 'UlStaffMember', id: MARIE.id, platforms: ['XGAMMA'] }] },
      token: tokens.get('admin')!,
    });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data ?? null).toBeNull();
  });
});
