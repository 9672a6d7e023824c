import { EquipmentStatus, ExpenseNature, Tutelle } from '@hub/schema';
import { readTariffPolicy } from '../policy/load';
import type { CostRecord, PlatformCostBase } from './cost-base';
import { depreciate, staffCost } from './costs';
import { Exact } from './exact';
import { groupBySerialAndMaker } from './instruments';
import { computeTariffs } from './tariffs';

const record = (id: string, over: Partial<CostRecord> = {}): CostRecord => ({
  id,
  tutelle: Tutelle.UL,
  designation: id,
  manufacturerNormalized: 'BRUKER',
  serialNumberNormalized: null,
  commissioningDate: '2020-01-01',
  valueHT: Exact.euros(1000),
  usefulLifeYears: 5,
  costCentre: 'PF-X',
  status: EquipmentStatus.IN_SERVICE,
  ...over,
});

describe('exact money', () => {
  it('reads decimals as written and rounds once, half away from zero, or up, to a step', () => {
    expect(Exact.decimal(0.1).plus(Exact.decimal(0.2)).minus(Exact.decimal(0.3)).isZero()).toBe(true);
    expect(Exact.decimal('1e-3').times(1000).toNumber()).toBe(1);
    // 1.005 € is a float a hair under 1.005; exactly, it is a half cent and rounds up.
    expect(Exact.decimal(1.005).roundTo(1)).toBe(101n);
    expect(Exact.decimal(-1.005).roundTo(1)).toBe(-101n);
    expect(Exact.of(1n, 3n).roundTo(1)).toBe(33n);
    // A 0.10 € step: 12.34 → 12.30, 12.35 → 12.40; `up`: 12.301 → 12.40.
    expect(Exact.decimal(12.34).roundTo(10)).toBe(1230n);
    expect(Exact.decimal(12.35).roundTo(10)).toBe(1240n);
    expect(Exact.decimal(12.301).roundTo(10, 'up')).toBe(1240n);
    expect(Exact.decimal(12.3).roundTo(10, 'up')).toBe(1230n);
  });
});

describe('instruments', () => {
  it('groups records whose serials and makers agree; a record without a serial stands alone', () => {
    const groups = groupBySerialAndMaker([
      record('UL:1', { serialNumberNormalized: 'A1' }),
      record('CNRS:1', { tutelle: Tutelle.CNRS, serialNumberNormalized: 'A1' }),
      record('CNRS:2', {
        tutelle: Tutelle.CNRS,
        serialNumberNormalized: 'A1',
        manufacturerNormalized: 'JEOL',
      }),
      record('UL:2'),
      record('UL:3'),
    ]);
    expect(groups.map((g) => [g.key, g.records.map((r) => r.id)])).toEqual([
      ['UL:1', ['UL:1', 'CNRS:1']],
      ['CNRS:2', ['CNRS:2']],
      ['UL:2', ['UL:2']],
      ['UL:3', ['UL:3']],
    ]);
  });

  it('depreciates nothing after its life, flagging it for renewal, and says what it assumes', () => {
    const ended = depreciate(
      { key: 'k', records: [record('UL:1', { commissioningDate: '2015-06-01' })] },
      2025,
      7,
    );
    expect(ended).toMatchObject({ lifeEnds: '2020-06-01', daysInLife: 0, renewalDue: true });
    expect(ended.depreciation.isZero()).toBe(true);
    // Leap year 2024: 366 days; 1000 / 5 × 366/366; its life ends with the year (2025-01-01): due.
    const leap = depreciate({ key: 'k', records: [record('UL:1')] }, 2024, 7);
    expect([leap.daysInLife, leap.depreciation.toEuros(), leap.renewalDue]).toEqual([366, 200, true]);
    const midLife = depreciate({ key: 'k', records: [record('UL:1')] }, 2023, 7);
    expect([midLife.daysInLife, midLife.renewalDue]).toEqual([365, false]);
    const silent = depreciate(
      { key: 'k', records: [record('UL:1', { commissioningDate: null, usefulLifeYears: null })] },
      2025,
      4,
    );
    expect([silent.usefulLifeYears, silent.depreciation.toEuros()]).toEqual([4, 250]);
    expect(silent.assumptions).toEqual([
      'no useful life recorded: 4 years (policy)',
      'no commissioning date: depreciated for the whole year',
    ]);
  });

  it('prorates staff by the days assigned, counting a person not found or without a cost as nothing', () => {
    const person = {
      tutelle: Tutelle.UL,
      id: 'UL:1',
      share: 0.5,
      assignments: [
        { start: '2024-01-01', end: '2025-01-31', yearlyCost: Exact.euros(36_500) },
        { start: '2025-02-01', end: null, yearlyCost: null },
      ],
    };
    // 36,500 × 0.5 × 31/365 = 1,550.00; the second assignment has no cost.
    const line = staffCost(person, 2025);
    expect([line.days, line.cost.toEuros(), line.assumptions.length]).toEqual([365, 1550, 1]);
    expect(staffCost({ ...person, assignments: null }, 2025)).toMatchObject({ found: false, days: 0 });
  });
});

describe('the grid', () => {
  const base: PlatformCostBase = {
    platform: 'P',
    year: 2025,
    records: [],
    staff: [],
    expenses: [
      {
        id: 'UL:1',
        tutelle: Tutelle.UL,
        date: '2025-03-01',
        nature: ExpenseNature.MAINTENANCE,
        account: 'maintenance',
        label: null,
        costCentre: 'PF-X',
        amountHT: Exact.euros(1000),
      },
    ],
  };
  const service = (code: string, equipmentHoursPerUnit: number) => ({
    code,
    name: code,
    unit: 'hour',
    yearlyVolume: 3,
    staffHoursPerUnit: 0,
    equipmentHoursPerUnit,
  });

  it('rounds each price once by the policy’s step, and leaves costs no service carries unallocated', () => {
    const policy = readTariffPolicy();
    const stepped = { ...policy, rounding: { step: 0.1, mode: 'half-up' as const } };
    // 1000 / 3 h = 333.333… per unit internal → 333.30 at a 0.10 step.
    const grid = computeTariffs(base, [service('A', 1)], stepped);
    expect(grid.services[0]!.prices![0]!.priceHTCents).toBe(33_330n);
    const idle = computeTariffs(base, [service('A', 0)], policy);
    expect(idle.unallocated).toEqual(['maintenance']);
    expect(idle.services[0]!.prices![0]!.priceHTCents).toBe(0n);
  });
});
