import { EquipmentStatus, Tutelle } from '@hub/schema';
import type { TutelleSubgraphs } from '../tutelle-subgraphs';
import { TariffEngine } from './engine';
import type { CostRecord, PlatformCostBase, ServiceVolumes } from './model/cost-base';
import { Exact } from './model/exact';
import { groupBySerialAndMaker, type InstrumentGrouping } from './model/instruments';
import { readTariffPolicy } from './policy/load';

/*
 * A grid computed once from a kept cost base: the same grid while the platform's services and its
 * instruments are the same, another as soon as either changes.
 */

const record = (id: string, serial: string): CostRecord => ({
  id,
  tutelle: Tutelle.UL,
  designation: id,
  manufacturerNormalized: 'BRUKER',
  serialNumberNormalized: serial,
  commissioningDate: '2024-01-01',
  valueHT: Exact.euros(10_000),
  usefulLifeYears: 5,
  costCentre: 'PF-X',
  status: EquipmentStatus.IN_SERVICE,
});
const base: PlatformCostBase = {
  platform: 'P',
  year: 2025,
  records: [record('UL:1', 'A1'), record('UL:2', 'B2')],
  staff: [],
  expenses: [],
};
const services = (yearlyVolume: number): ServiceVolumes[] => [
  { code: 'A', name: 'A', unit: 'hour', yearlyVolume, staffHoursPerUnit: 0, equipmentHoursPerUnit: 1 },
];
/** The service's share of depreciation per unit, euros: the instruments' yearly depreciation over its hours. */
const perHour = (grid: Awaited<ReturnType<TariffEngine['grid']>>) =>
  grid.services[0]!.allocations.find((a) => a.component === 'depreciation')!.perUnit!.toNumber();

describe('TariffEngine.grid', () => {
  let oneInstrument = false;
  // The inventory's grouping, as reconciling the two records into one instrument would change it.
  const grouping: InstrumentGrouping = (records) =>
    oneInstrument ? [{ key: records[0]!.id, records: [...records] }] : groupBySerialAndMaker(records);
  // The grid reads no tutelle: only cost bases do.
  const engine = new TariffEngine(readTariffPolicy(), {} as TutelleSubgraphs, { grouping });

  it('computes a grid once for the same cost base, services and instruments', async () => {
    const volumes = services(100);
    const first = await engine.grid(base, volumes);
    expect(await engine.grid(base, volumes)).toBe(first);
  });

  it('computes it again for other services or other instruments', async () => {
    const volumes = services(100);
    const first = await engine.grid(base, volumes);
    const busier = await engine.grid(base, services(200));
    expect(busier).not.toBe(first);
    expect([perHour(first), perHour(busier)]).toEqual([40, 20]);
    oneInstrument = true;
    const regrouped = await engine.grid(base, volumes);
    expect(regrouped).not.toBe(first);
  });
});
