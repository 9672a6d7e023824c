import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub } from '../src/harness';
import { startSpectroHub } from './spectro-hub';

/*
 * The single tariff of a hand-built platform (./spectro-fixture.ts), through the gateway, every figure
 * computed here by hand. Year 2025: 365 days. Policy (./test-policy.yaml): overhead 12 %, private margin
 * 10 %, VAT 20 %, prices rounded half-up to the cent, once.
 *
 * DEPRECIATION, by instrument hours
 *   NMR, co-owned: UL 300,000.00 HT (10 years, 2020-01-01) + CNRS 200,000.00 HT (8 years, 2020-06-15), one
 *     serial (500777) and one maker (BRUKER): one instrument of 500,000.00, over the longest life (10
 *     years) from the earliest date (2020-01-01), until 2030-01-01. All 365 days within:
 *     500,000 / 10 = 50,000.00 (UL 3/5 = 30,000.00, CNRS 2/5 = 20,000.00).
 *   Centrifuge, UL: 73,000.00 HT, 5 years from 2020-04-01, life ends 2025-04-01: 90 days within (31 + 28 +
 *     31): 73,000 / 5 × 90 / 365 = 14,600 × 90 / 365 = 3,600.00. Renewal due.
 *   Glovebox, CNRS: 45,000.00 HT, 6 years from 2025-10-01: 92 days within (31 + 30 + 31):
 *     45,000 / 6 × 92 / 365 = 7,500 × 92 / 365 = 690,000 / 365 = 1,890.4109589…
 *   Total 55,490.4109589… → shown 55,490.41 (UL 33,600.00, CNRS 21,890.41).
 * STAFF, by staff hours: loaded cost × share × days assigned / 365
 *   UL 00200001: 60,000 × 0.5 × 365/365 = 30,000.00
 *   UL 00200002: 45,000 × 1.0 × 306/365 (from 2025-03-01) = 37,726.0273972… → 37,726.03
 *   CNRS 60001: 73,000 × 0.4 × 181/365 (until 2025-06-30) = 80 × 181 = 14,480.00
 *   CNRS 60002: 54,750 × 0.2 × 365/365 = 10,950.00
 *   Total 93,156.0273972… → 93,156.03 (UL 67,726.03, CNRS 25,430.00)
 * RUNNING COSTS, HT (UL's TTC / 1.2), credit notes netted, 2025 only, travel left out
 *   consumables (by volume): 3,000 − 200 + 1,500 = 4,300.00
 *   maintenance (instrument hours): 7,500 + 4,500 = 12,000.00
 *   fluids (instrument hours): 1,000 + 800 = 1,800.00
 *   small equipment (instrument hours): 2,000.00
 * KEYS: RMN-H 1000 h × 0.2 = 200 staff h, 1000 × 1 = 1000 instrument h, volume 1000;
 *       RMN-ECH 500 × 0.5 = 250 staff h, 500 × 2 = 1000 instrument h, volume 500;
 *       CONSEIL volume 0: no price, no share. Totals: 450 staff h, 2000 instrument h, volume 1500.
 * PER UNIT, RMN-H: staff 93,156.027397… × 200/450 / 1000 = 41.4026788…; depreciation 55,490.410958… ×
 *   1000/2000 / 1000 = 27.7452054…; maintenance 6.00; fluids 0.90; small equipment 1.00; consumables
 *   4,300 / 1500 = 2.8666…
 *   internal 2.8666… + 6 + 41.4026788… = 50.2693455… → 50.27
 *   external + 27.7452054… = 78.0145509… → 78.01
 *   private full cost 78.0145509… + 0.9 + 1 = 79.9145509…; overhead 12 % 9.5897461… (9.59); margin 10 %
 *     of 89.5042971… = 8.9504297… (8.95); 98.4547268… → 98.45; VAT 20 % 19.69; TTC 118.14
 * PER UNIT, RMN-ECH: staff 93,156.027397… × 250/450 / 500 = 103.5066971…; depreciation 55,490.410958… ×
 *   1000/2000 / 500 = 55.4904109…; maintenance 12.00; fluids 1.80; small equipment 2.00; consumables 2.8666…
 *   internal 2.8666… + 12 + 103.5066971… = 118.3733637… → 118.37
 *   external + 55.4904109… = 173.8637747… → 173.86
 *   private full cost 177.6637747…; overhead 21.3196529… (21.32); margin 19.8983427… (19.90);
 *     218.8817704… → 218.88; VAT 43.776 → 43.78; TTC 262.66
 */

const GRID = /* GraphQL */ `
  query Grid($year: Int!, $simulation: TariffSimulationInput) {
    platform(code: "SPECTRO") {
      tariffs(year: $year, simulation: $simulation) {
        platformCode year policyVersion overheadRate simulated
        services {
          code note
          prices {
            category priceHT { amount } vat { amount } priceTTC { amount }
            rules { category components overheadRate marginRate vatRate rounding }
          }
        }
      }
    }
  }
`;

const BREAKDOWN = /* GraphQL */ `
  query Breakdown($year: Int!) {
    platform(code: "SPECTRO") {
      tariffs(year: $year) {
        costBase {
          total { amount }
          unallocated
          renewalsDue { key }
          excludedExpenses { id }
          unmappedAccounts { tutelle account lines amountHT { amount } }
          components {
            component total { amount } byTutelle { tutelle amount { amount } }
            instruments {
              key records { id designation } valueHT { amount } usefulLifeYears commissioningDate lifeEnds
              daysInLife depreciation { amount } renewalDue assumptions
            }
            expenses { id amountHT { amount } }
          }
        }
        services {
          code
          breakdown {
            components { component allocationKey serviceUnits totalUnits allocated { amount } perUnit { amount } }
            categories { category cost { amount } overhead { amount } margin { amount } unrounded { amount } priceHT { amount } }
          }
        }
      }
    }
  }
`;

const STAFF_LINES = /* GraphQL */ `
  query Staff($year: Int!) {
    platform(code: "SPECTRO") {
      tariffs(year: $year) {
        costBase { components { component staff { member { id grade } tutelle share days cost { amount } } } }
      }
    }
  }
`;

const amount = (value: number) => ({ amount: value });
type Data = Record<string, any>;

describe('the single tariff of a hand-built platform', () => {
  let dir: string;
  let hub: Hub;
  const token = (roles: Role[], platforms: string[] = []) =>
    mintToken(jwtSecret(), { subject: 'test', roles, platforms });

  let spectro: Awaited<ReturnType<typeof startSpectroHub>>;

  beforeAll(async () => {
    spectro = await startSpectroHub();
    ({ hub, dir } = spectro);
  });
  afterAll(() => spectro?.close());

  it('prices every service and category to the cent, from both tutelles’ costs', async () => {
    const before = { ...hub.site.tariffs.requests };
    const { data, errors } = await hub.query(GRID, { variables: { year: 2025 } });
    expect(errors).toBeUndefined();
    const grid = data?.platform.tariffs;
    expect(grid).toMatchObject({
      platformCode: 'SPECTRO',
      year: 2025,
      policyVersion: 'test-1',
      overheadRate: 0.12,
      simulated: false,
    });
    const prices = (code: string) =>
      grid.services
        .find((s: Data) => s.code === code)
        .prices.map((p: Data) => [
          p.category,
          p.priceHT.amount,
          p.vat?.amount ?? null,
          p.priceTTC?.amount ?? null,
        ]);
    expect(prices('RMN-H')).toEqual([
      ['INTERNAL', 50.27, null, null],
      ['EXTERNAL', 78.01, null, null],
      ['PRIVATE', 98.45, 19.69, 118.14],
    ]);
    expect(prices('RMN-ECH')).toEqual([
      ['INTERNAL', 118.37, null, null],
      ['EXTERNAL', 173.86, null, null],
      ['PRIVATE', 218.88, 43.78, 262.66],
    ]);
    expect(grid.services[2]).toEqual({
      code: 'CONSEIL',
      note: 'no yearly volume: no unit to price',
      prices: [],
    });
    expect(grid.services[0].prices[2].rules).toEqual({
      category: 'PRIVATE',
      components: ['CONSUMABLES', 'MAINTENANCE', 'FLUIDS', 'SMALL_EQUIPMENT', 'STAFF', 'DEPRECIATION'],
      overheadRate: 0.12,
      marginRate: 0.1,
      vatRate: 0.2,
      rounding: 'half-up to 0.01 €',
    });
    // One batched request per tutelle: every cost centre and person of the platform at once.
    const after = hub.site.tariffs.requests;
    expect([(after.UL ?? 0) - (before.UL ?? 0), (after.CNRS ?? 0) - (before.CNRS ?? 0)]).toEqual([1, 1]);
    expect([after.INRAE, after.CHRU]).toEqual([before.INRAE, before.CHRU]);
  });

  it('explains every component down to its records and tutelles, for the central services', async () => {
    const { data, errors } = await hub.query(BREAKDOWN, {
      variables: { year: 2025 },
      token: await token([Role.CENTRAL]),
    });
    expect(errors).toBeUndefined();
    const { costBase, services } = data!.platform.tariffs;
    // 55,490.41 + 93,156.03 + 4,300 + 12,000 + 1,800 + 2,000 = 168,746.44 (exactly 168,746.438356…)
    expect(costBase.total).toEqual(amount(168_746.44));
    expect(costBase.unallocated).toEqual([]);
    expect(costBase.renewalsDue).toEqual([{ key: 'UL:000030000002' }]);
    // The travel expense and the unmapped account's; the 2024 one was never read (expenses of 2025 only).
    expect(costBase.excludedExpenses).toEqual([{ id: 'UL:106' }, { id: 'UL:107' }, { id: 'UL:108' }]);
    // The account no class of the chart covers is named, never dropped unseen: 300 + 100 HT.
    expect(costBase.unmappedAccounts).toEqual([
      { tutelle: 'UL', account: '671200', lines: 2, amountHT: amount(400) },
    ]);
    const component = (name: string) => costBase.components.find((c: Data) => c.component === name);
    const totals = costBase.components.map((c: Data) => [
      c.component,
      c.total.amount,
      c.byTutelle.map((t: Data) => [t.tutelle, t.amount.amount]),
    ]);
    expect(totals).toEqual([
      [
        'CONSUMABLES',
        4300,
        [
          ['UL', 2800],
          ['CNRS', 1500],
        ],
      ],
      [
        'MAINTENANCE',
        12000,
        [
          ['UL', 7500],
          ['CNRS', 4500],
        ],
      ],
      [
        'FLUIDS',
        1800,
        [
          ['UL', 1000],
          ['CNRS', 800],
        ],
      ],
      ['SMALL_EQUIPMENT', 2000, [['CNRS', 2000]]],
      [
        'STAFF',
        93156.03,
        [
          ['UL', 67726.03],
          ['CNRS', 25430],
        ],
      ],
      [
        'DEPRECIATION',
        55490.41,
        [
          ['UL', 33600],
          ['CNRS', 21890.41],
        ],
      ],
    ]);
    expect(component('CONSUMABLES').expenses).toEqual([
      { id: 'UL:101', amountHT: amount(3000) },
      { id: 'UL:102', amountHT: amount(-200) },
      { id: 'CNRS:201', amountHT: amount(1500) },
    ]);
    expect(component('DEPRECIATION').instruments).toEqual([
      {
        key: 'UL:000030000001',
        // Resolved by each record's tutelle through the gateway.
        records: [
          { id: 'UL:000030000001', designation: 'SPECTROMETRE RMN 600 MHZ' },
          { id: 'CNRS:501', designation: 'Spectromètre RMN 600 MHz' },
        ],
        valueHT: amount(500_000),
        usefulLifeYears: 10,
        commissioningDate: '2020-01-01',
        lifeEnds: '2030-01-01',
        daysInLife: 365,
        depreciation: amount(50_000),
        renewalDue: false,
        assumptions: [],
      },
      expect.objectContaining({
        key: 'UL:000030000002',
        valueHT: amount(73_000),
        lifeEnds: '2025-04-01',
        daysInLife: 90,
        depreciation: amount(3600),
        renewalDue: true,
      }),
      expect.objectContaining({
        key: 'CNRS:502',
        valueHT: amount(45_000),
        commissioningDate: '2025-10-01',
        daysInLife: 92,
        depreciation: amount(1890.41),
        renewalDue: false,
      }),
    ]);
    const rmnH = services.find((s: Data) => s.code === 'RMN-H').breakdown;
    expect(
      rmnH.components.map((c: Data) => [
        c.component,
        c.allocationKey,
        c.serviceUnits,
        c.totalUnits,
        c.allocated.amount,
        c.perUnit.amount,
      ]),
    ).toEqual([
      ['CONSUMABLES', 'VOLUME', 1000, 1500, 2866.67, 2.87],
      ['MAINTENANCE', 'EQUIPMENT_HOURS', 1000, 2000, 6000, 6],
      ['FLUIDS', 'EQUIPMENT_HOURS', 1000, 2000, 900, 0.9],
      ['SMALL_EQUIPMENT', 'EQUIPMENT_HOURS', 1000, 2000, 1000, 1],
      // 93,156.027397… × 200/450
      ['STAFF', 'STAFF_HOURS', 200, 450, 41402.68, 41.4],
      // 55,490.410958… / 2
      ['DEPRECIATION', 'EQUIPMENT_HOURS', 1000, 2000, 27745.21, 27.75],
    ]);
    expect(
      rmnH.categories.map((c: Data) => [
        c.category,
        c.cost.amount,
        c.overhead.amount,
        c.margin.amount,
        c.unrounded.amount,
        c.priceHT.amount,
      ]),
    ).toEqual([
      ['INTERNAL', 50.27, 0, 0, 50.27, 50.27],
      ['EXTERNAL', 78.01, 0, 0, 78.01, 78.01],
      ['PRIVATE', 79.91, 9.59, 8.95, 98.45, 98.45],
    ]);
    const rmnEch = services.find((s: Data) => s.code === 'RMN-ECH').breakdown;
    expect(
      rmnEch.components.map((c: Data) => [c.component, c.serviceUnits, c.allocated.amount, c.perUnit.amount]),
    ).toEqual([
      ['CONSUMABLES', 500, 1433.33, 2.87], // 4,300 × 500/1500
      ['MAINTENANCE', 1000, 6000, 12],
      ['FLUIDS', 1000, 900, 1.8],
      ['SMALL_EQUIPMENT', 1000, 1000, 2],
      ['STAFF', 250, 51753.35, 103.51], // 93,156.027397… × 250/450
      ['DEPRECIATION', 1000, 27745.21, 55.49],
    ]);
    expect(
      rmnEch.categories.map((c: Data) => [
        c.category,
        c.cost.amount,
        c.overhead.amount,
        c.margin.amount,
        c.unrounded.amount,
        c.priceHT.amount,
      ]),
    ).toEqual([
      ['INTERNAL', 118.37, 0, 0, 118.37, 118.37],
      ['EXTERNAL', 173.86, 0, 0, 173.86, 173.86],
      ['PRIVATE', 177.66, 21.32, 19.9, 218.88, 218.88],
    ]);
    // CONSEIL has no volume: no share of anything, no price.
    const conseil = services.find((s: Data) => s.code === 'CONSEIL').breakdown;
    expect(conseil.components.every((c: Data) => c.allocated.amount === 0 && c.perUnit === null)).toBe(true);
    expect(conseil.categories).toEqual([]);
  });

  it('shows the central services each person’s cost share', async () => {
    const { data, errors } = await hub.query(STAFF_LINES, {
      variables: { year: 2025 },
      token: await token([Role.CENTRAL]),
    });
    expect(errors).toBeUndefined();
    const staff = data?.platform.tariffs.costBase.components.find((c: Data) => c.component === 'STAFF').staff;
    expect(staff).toEqual([
      {
        member: { id: 'UL:00200001', grade: 'IGR' },
        tutelle: 'UL',
        share: 0.5,
        days: 365,
        cost: amount(30_000),
      },
      {
        member: { id: 'UL:00200002', grade: 'IGE' },
        tutelle: 'UL',
        share: 1,
        days: 306,
        cost: amount(37_726.03),
      },
      {
        member: { id: 'CNRS:60001', grade: 'IR' },
        tutelle: 'CNRS',
        share: 0.4,
        days: 181,
        cost: amount(14_480),
      },
      {
        member: { id: 'CNRS:60002', grade: 'AI' },
        tutelle: 'CNRS',
        share: 0.2,
        days: 365,
        cost: amount(10_950),
      },
    ]);
  });

  it('shows the public prices and rules only: no breakdown, no cost base, no salary anywhere', async () => {
    const publicGrid = await hub.query(GRID, { variables: { year: 2025 } });
    expect(publicGrid.errors).toBeUndefined();
    expect(publicGrid.data?.platform.tariffs.services[0].prices[0].priceHT).toEqual(amount(50.27));

    const asked = await hub.query(BREAKDOWN, { variables: { year: 2025 } });
    expect(asked.data?.platform.tariffs.costBase).toBeNull();
    expect(asked.data?.platform.tariffs.services.map((s: Data) => s.breakdown)).toEqual([null, null, null]);
    expect(new Set(asked.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    const staff = await hub.query(STAFF_LINES, { variables: { year: 2025 } });
    expect(staff.data?.platform.tariffs.costBase).toBeNull();
    for (const response of [publicGrid, asked, staff]) {
      const text = JSON.stringify(response.data);
      for (const figure of ['30000', '37726', '14480', '10950', '93156', '60000', '45000', '73000', '54750'])
        expect(text).not.toContain(figure);
    }
  });

  it('shows a platform’s own manager its breakdown, never a salary, nor a staff cost of fewer than three people', async () => {
    const otherManager = await token([Role.PLATFORM], ['OTHER']);
    // OTHER: three UL people at 40,000 each, all year: 120,000.00, an aggregate of three.
    const other = await hub.query(BREAKDOWN.replace('"SPECTRO"', '"OTHER"'), {
      variables: { year: 2025 },
      token: otherManager,
    });
    expect(other.errors).toBeUndefined();
    expect(other.data?.platform.tariffs.costBase.total).toEqual(amount(120_000));
    const staff = await hub.query(STAFF_LINES.replace('"SPECTRO"', '"OTHER"'), {
      variables: { year: 2025 },
      token: otherManager,
    });
    const lines = staff.data?.platform.tariffs.costBase.components.map((c: Data) => c.staff);
    expect(lines).toEqual([null, null, null, null, null, null]);
    expect(new Set(staff.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));

    // SPECTRO's staff cost is two people's per tutelle: one of them, knowing their own cost, would know
    // the other's. Its own manager gets the prices, not the breakdown.
    const own = await hub.query(BREAKDOWN, {
      variables: { year: 2025 },
      token: await token([Role.PLATFORM], ['SPECTRO']),
    });
    expect(own.data?.platform.tariffs.costBase).toBeNull();
    expect(own.errors?.[0]).toMatchObject({
      message: expect.stringContaining('fewer than 3 people of one tutelle'),
      extensions: { code: 'FORBIDDEN' },
    });
    const notTheirs = await hub.query(BREAKDOWN, { variables: { year: 2025 }, token: otherManager });
    expect(notTheirs.data?.platform.tariffs.costBase).toBeNull();
    expect(notTheirs.errors?.[0]?.message).toContain('or platform for SPECTRO');
  });

  it('simulates another overhead rate and a renewal without changing anything stored', async () => {
    const steering = await token([Role.STEERING]);
    // Overhead 20 %: RMN-H private 79.9145509… × 1.2 × 1.1 = 105.4872073… → 105.49.
    // Centrifuge renewed at 90,000 HT over 6 years from 2025-01-01: 15,000.00 instead of 3,600.00, so
    // depreciation 66,890.4109589…, RMN-H external 50.2693455… + 66,890.4109589… / 2000 = 83.7145509… → 83.71.
    const simulation = {
      overheadRate: 0.2,
      renewals: [{ instrument: 'UL:000030000002', valueHT: 90_000, usefulLifeYears: 6 }],
    };
    const simulated = await hub.query(GRID, { variables: { year: 2025, simulation }, token: steering });
    expect(simulated.errors).toBeUndefined();
    const grid = simulated.data?.platform.tariffs;
    expect(grid).toMatchObject({ simulated: true, overheadRate: 0.2 });
    expect(grid.services[0].prices[1].priceHT).toEqual(amount(83.71));
    expect(grid.services[0].prices[2].rules.overheadRate).toBe(0.2);
    const overheadOnly = await hub.query(GRID, {
      variables: { year: 2025, simulation: { overheadRate: 0.2 } },
      token: steering,
    });
    expect(overheadOnly.data?.platform.tariffs.services[0].prices[2].priceHT).toEqual(amount(105.49));

    // Nothing stored: the registry is as loaded, and the grid as before.
    const version = await hub.site.orm.em
      .fork()
      .getConnection()
      .execute('SELECT version FROM registry_version');
    expect(version).toEqual([{ version: 1 }]);
    const again = await hub.query(GRID, { variables: { year: 2025 } });
    expect(again.data?.platform.tariffs).toMatchObject({ simulated: false, overheadRate: 0.12 });
    expect(again.data?.platform.tariffs.services[0].prices[1].priceHT).toEqual(amount(78.01));
  });

  it('refuses simulations to the public, renewals of unknown instruments and years out of range', async () => {
    const publicAsk = await hub.query(GRID, { variables: { year: 2025, simulation: { overheadRate: 0.2 } } });
    expect(publicAsk.data?.platform.tariffs).toBeNull();
    expect(publicAsk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await hub.query(GRID, {
      variables: { year: 2025, simulation: { renewals: [{ instrument: 'UL:404', valueHT: 1 }] } },
      token: await token([Role.ADMIN]),
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'UL:404 is no instrument of SPECTRO',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badYear = await hub.query(GRID, { variables: { year: 20025 } });
    expect(badYear.errors?.[0]).toMatchObject({
      message: 'year must be between 1990 and 2100, got 20025',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('reports the gap between each published price and the single tariff, for the steering committee', async () => {
    const DIVERGENCE = /* GraphQL */ `
      query Divergence($year: Int!) {
        tariffDivergence(year: $year) {
          year policyVersion
          site { comparisons meanGapPercent meanAbsoluteGapPercent beyondTenPercent yearlyGap { amount } }
          platforms {
            platformCode summary { comparisons }
            lines { serviceCode tutelle category published { amount } singleTariff { amount } gap { amount } gapPercent yearlyGap { amount } }
          }
          unavailable { platformCode }
        }
      }
    `;
    const refused = await hub.query(DIVERGENCE, {
      variables: { year: 2025 },
      token: await token([Role.PLATFORM], ['SPECTRO']),
    });
    expect(refused.data?.tariffDivergence ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const { data, errors } = await hub.query(DIVERGENCE, {
      variables: { year: 2025 },
      token: await token([Role.STEERING]),
    });
    expect(errors).toBeUndefined();
    const report = data?.tariffDivergence;
    // RMN-H (1000 h a year): UL internal 45 vs 50.27: +5.27, +11.71 %, 5,270.00 a year; CNRS internal 55:
    // −4.73, −8.6 %, −4,730.00; UL external 70 vs 78.01: +8.01, +11.44 %, 8,010.00; UL private 120 vs
    // 98.45: −21.55, −17.96 %, −21,550.00. Mean of the gaps (11.7111 − 8.6 + 11.4429 − 17.9583) / 4 =
    // −0.85 %; of their absolute values 49.7123 / 4 = 12.43 %; three beyond 10 %; −13,000.00 a year.
    expect(report.platforms).toEqual([
      {
        platformCode: 'SPECTRO',
        summary: { comparisons: 4 },
        lines: [
          line('UL', 'INTERNAL', 45, 50.27, 5.27, 11.71, 5270),
          line('UL', 'EXTERNAL', 70, 78.01, 8.01, 11.44, 8010),
          line('UL', 'PRIVATE', 120, 98.45, -21.55, -17.96, -21_550),
          line('CNRS', 'INTERNAL', 55, 50.27, -4.73, -8.6, -4730),
        ],
      },
    ]);
    expect(report.site).toEqual({
      comparisons: 4,
      meanGapPercent: -0.85,
      meanAbsoluteGapPercent: 12.43,
      beyondTenPercent: 3,
      yearlyGap: amount(-13_000),
    });
    expect(report.unavailable).toEqual([]);
  });

  const root = path.resolve(__dirname, '../..');
  /** `hub tariffs export … --out <out>` against the test's registry, the subgraphs at these URLs. */
  const exportCommand = (out: string, urls: Record<'UL' | 'CNRS' | 'INRAE' | 'CHRU', string>) =>
    promisify(execFile)(
      path.join(root, 'node_modules/.bin/tsx'),
      ['ops/src/cli.ts', 'tariffs', 'export', '--year', '2025', '--format', 'csv', '--out', out],
      {
        cwd: root,
        env: {
          ...process.env,
          LOG_LEVEL: 'silent',
          HUB_SITE_DB: `sqlite:${(hub.site.orm.config as { get(key: 'dbName'): string }).get('dbName')}`,
          HUB_TARIFF_POLICY: path.join(__dirname, 'test-policy.yaml'),
          HUB_SUBGRAPH_URL_UL: urls.UL,
          HUB_SUBGRAPH_URL_CNRS: urls.CNRS,
          HUB_SUBGRAPH_URL_INRAE: urls.INRAE,
          HUB_SUBGRAPH_URL_CHRU: urls.CHRU,
        },
      },
    );

  it('fails `hub tariffs export` with the subgraphs down, writing nothing, and says which', async () => {
    const out = path.join(dir, 'down.csv');
    const down = 'http://127.0.0.1:1/graphql'; // nothing listens on port 1
    const failed = await exportCommand(out, { UL: down, CNRS: down, INRAE: down, CHRU: down }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/no grid could be computed: SPECTRO \(Subgraph (ul|cnrs) did not answer/);
    expect(existsSync(out.replace('.csv', '-grids.csv'))).toBe(false);
  });

  it('exports the grids and the gaps with `hub tariffs export`, from the running subgraphs', async () => {
    const out = path.join(dir, 'tarifs.csv');
    const { stdout } = await exportCommand(out, {
      UL: hub.ul.url,
      CNRS: hub.cnrs.url,
      INRAE: hub.inrae.url,
      CHRU: hub.chru.url,
    });
    expect(stdout).toContain('1 of 2 platforms sell services');
    expect(stdout).toMatch(/UL: 1 cost centres, 2 people, 1 request\(s\)/);
    expect(stdout).toContain('Computed 1 grids, 4 published prices compared.');
    const csv = (report: string) => readFileSync(out.replace('.csv', `-${report}.csv`), 'utf8');
    expect(csv('grids').charCodeAt(0)).toBe(0xfeff);
    expect(csv('grids').split('\r\n').slice(1, 4)).toEqual([
      'SPECTRO;RMN-H;RMN, heure en autonomie;heure;interne;50,27;;;consommables, maintenance, personnel;2025;test-1',
      'SPECTRO;RMN-H;RMN, heure en autonomie;heure;externe;78,01;;;consommables, maintenance, personnel, amortissement;2025;test-1',
      'SPECTRO;RMN-H;RMN, heure en autonomie;heure;privé;98,45;19,69;118,14;consommables, maintenance, fluides, petit équipement, personnel, amortissement;2025;test-1',
    ]);
    expect(csv('divergence').split('\r\n')[4]).toBe(
      'SPECTRO;RMN-H;RMN, heure en autonomie;CNRS;interne;55,00;50,27;-4,73;-8,60;1000,00;-4730,00',
    );
    expect(csv('summary').split('\r\n').slice(1, 3)).toEqual([
      'SPECTRO;4;-0,85;12,43;3;-13000,00',
      'SITE;4;-0,85;12,43;3;-13000,00',
    ]);
  });
});

function line(
  tutelle: string,
  category: string,
  published: number,
  single: number,
  gap: number,
  percent: number,
  yearly: number,
) {
  return {
    serviceCode: 'RMN-H',
    tutelle,
    category,
    published: amount(published),
    singleTariff: amount(single),
    gap: amount(gap),
    gapPercent: percent,
    yearlyGap: amount(yearly),
  };
}
