import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import type { Hub } from '../src/harness';
import { startSpectroHub } from '../tariffs/spectro-hub';

/*
 * The registry kept through the graph, through the gateway: SPECTRO's manager changes a service's yearly
 * volume, the tariff follows, the change log says who changed what; another platform and a stale version
 * are refused, and nothing is changed by a refused edit.
 */

const READ = /* GraphQL */ `
  query Spectro {
    platform(code: "SPECTRO") {
      version
      services { code yearlyVolume }
      tariffs(year: 2025) { services { code prices { category priceHT { amount } } } }
    }
  }
`;

const SAVE = /* GraphQL */ `
  mutation Save($platform: ID!, $version: Int!, $volume: Float!) {
    saveService(platform: $platform, expectedVersion: $version, service: {
      code: "RMN-H", name: "RMN, heure en autonomie", unit: HOUR,
      yearlyVolume: $volume, staffHoursPerUnit: 0.2, equipmentHoursPerUnit: 1 }) {
      version
      services { code yearlyVolume }
    }
  }
`;

const CHANGES = /* GraphQL */ `
  query Changes {
    platform(code: "SPECTRO") {
      changes(first: 10) { totalCount nodes { version author action changes { field before after } } }
    }
  }
`;

type Data = Record<string, any>;

describe('the registry kept through the graph', () => {
  let spectro: Awaited<ReturnType<typeof startSpectroHub>>;
  let hub: Hub;
  let manager: string;
  let central: string;

  beforeAll(async () => {
    spectro = await startSpectroHub();
    hub = spectro.hub;
    manager = await mintToken(jwtSecret(), {
      subject: 'claire.leroy',
      roles: [Role.PLATFORM],
      platforms: ['SPECTRO'],
    });
    central = await mintToken(jwtSecret(), { subject: 'central', roles: [Role.CENTRAL] });
  });
  afterAll(() => spectro?.close());

  const hourPrice = (data: Data, category: string) =>
    data.platform.tariffs.services
      .find((s: Data) => s.code === 'RMN-H')
      .prices.find((p: Data) => p.category === category).priceHT.amount as number;

  it('changes a volume as the platform manager: the tariff follows and the change is logged', async () => {
    const before = await hub.query(READ, { token: central });
    expect(before.errors).toBeUndefined();
    const version = before.data!.platform.version as number;
    const priceBefore = hourPrice(before.data!, 'INTERNAL');

    const saved = await hub.query(SAVE, {
      token: manager,
      variables: { platform: 'SPECTRO', version, volume: 2000 },
    });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveService.version).toBe(version + 1);
    expect(saved.data!.saveService.services).toContainEqual({ code: 'RMN-H', yearlyVolume: 2000 });

    // Twice the hours for the same costs: the hour's share of the costs is spread over more hours.
    const after = await hub.query(READ, { token: central });
    expect(after.data!.platform.version).toBe(version + 1);
    expect(hourPrice(after.data!, 'INTERNAL')).toBeLessThan(priceBefore);

    const log = await hub.query(CHANGES, { token: manager });
    expect(log.errors).toBeUndefined();
    expect(log.data!.platform.changes.nodes[0]).toEqual({
      version: version + 1,
      author: 'claire.leroy',
      action: 'saveService',
      changes: [{ field: 'services.RMN-H.yearlyVolume', before: '1000', after: '2000' }],
    });
  });

  it('refuses a stale version, another platform, a field beyond the manager, and invalid values', async () => {
    const current = (await hub.query(READ, { token: central })).data!.platform.version as number;

    const stale = await hub.query(SAVE, {
      token: manager,
      variables: { platform: 'SPECTRO', version: current - 1, volume: 5 },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: current,
    });

    const other = await hub.query(SAVE, {
      token: manager,
      variables: { platform: 'OTHER', version: 1, volume: 5 },
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const rename = await hub.query(
      `mutation { editPlatform(code: "SPECTRO", expectedVersion: ${current}, edit: { name: "Autre nom" }) { version } }`,
      { token: manager },
    );
    expect(rename.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/name/),
    });

    const negative = await hub.query(SAVE, {
      token: manager,
      variables: { platform: 'SPECTRO', version: current, volume: -3 },
    });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toMatch(/services\[0\]\.yearlyVolume/);

    const publicEdit = await hub.query(SAVE, {
      variables: { platform: 'SPECTRO', version: current, volume: 5 },
    });
    expect(publicEdit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Nothing of the refused edits was kept.
    const now = await hub.query(READ, { token: central });
    expect(now.data!.platform.version).toBe(current);
    expect(now.data!.platform.services).toContainEqual({ code: 'RMN-H', yearlyVolume: 2000 });
  });

  it('lets central services change the label, and the review moves the due date', async () => {
    const version = (await hub.query(READ, { token: central })).data!.platform.version as number;
    const edited = await hub.query(
      /* GraphQL */ `mutation($v: Int!) { editPlatform(code: "SPECTRO", expectedVersion: $v, edit: {
        label: { status: LABELLED, granted: "2021-03-01", lastReview: "2025-02-20" },
        description: "RMN liquide et solide" }) {
          version description label { granted lastReview nextReview reviewDue expires } } }`,
      { token: central, variables: { v: version } },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.editPlatform).toEqual({
      version: version + 1,
      description: 'RMN liquide et solide',
      label: {
        granted: '2021-03-01',
        lastReview: '2025-02-20',
        nextReview: '2027-02-20',
        reviewDue: '2027-02-20',
        expires: '2027-03-01',
      },
    });
    // Only one of two edits made on the same version goes through.
    const both = await Promise.all(
      [10, 20].map((volume) =>
        hub.query(SAVE, { token: manager, variables: { platform: 'SPECTRO', version: version + 1, volume } }),
      ),
    );
    expect(both.filter((r) => !r.errors).length).toBe(1);
    expect(both.filter((r) => r.errors?.[0]?.extensions?.code === 'VERSION_CONFLICT').length).toBe(1);
  });

  it('stores today’s figures as a snapshot, for the steering readers only', async () => {
    const taken = await hub.query('mutation { takeIndicatorSnapshot }', { token: central });
    expect(taken.errors).toBeUndefined();
    // SPECTRO, OTHER and the site.
    expect(taken.data!.takeIndicatorSnapshot).toBe(3);
    const year = new Date().getUTCFullYear();
    const query = `{ indicatorSnapshots(platform: "SPECTRO", fromYear: ${year}, toYear: ${year}) {
      kind headcount fte payroll { amount } services labelStatus } }`;
    // In force today: 00200001 (0.5, 60,000), 00200002 (1.0, 45,000), 60002 (0.2, 54,750); 60001 left on
    // 2025-06-30. FTE 1.7; payroll 30,000 + 45,000 + 10,950 = 85,950.
    expect((await hub.query(query, { token: central })).data!.indicatorSnapshots).toEqual([
      {
        kind: 'SYNC',
        headcount: 3,
        fte: 1.7,
        payroll: { amount: 85_950 },
        services: 3,
        labelStatus: 'LABELLED',
      },
    ]);
    expect((await hub.query(query)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps the platform’s tariffs of the year in the snapshot, as the graph gave them that day', async () => {
    const year = new Date().getUTCFullYear();
    const live = await hub.query(
      `{ platform(code: "SPECTRO") { tariffs(year: ${year}) { services { code prices { category priceHT { amount } } } } } }`,
      { token: central },
    );
    expect(live.errors).toBeUndefined();
    const prices = (live.data!.platform.tariffs.services as Data[]).flatMap((s) =>
      (s.prices as Data[]).map((p) => ({ service: s.code, category: p.category, priceHT: p.priceHT })),
    );
    expect(prices.length).toBeGreaterThan(0);
    const kept = await hub.query(
      `{ indicatorSnapshots(platform: "SPECTRO", fromYear: ${year}, toYear: ${year}) {
          tariffs { service category priceHT { amount } } } }`,
      { token: central },
    );
    expect(kept.errors).toBeUndefined();
    expect(kept.data!.indicatorSnapshots.at(-1).tariffs).toEqual(prices);
    // The site's row keeps no tariffs.
    const site = await hub.query(
      `{ indicatorSnapshots(fromYear: ${year}, toYear: ${year}) { tariffs { service } } }`,
      {
        token: central,
      },
    );
    expect(site.data!.indicatorSnapshots.at(-1).tariffs).toBeNull();
  });
});
