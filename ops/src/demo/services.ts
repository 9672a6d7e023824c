import type { ServiceMode } from './catalog';
import { type Instrument, priceCents as priceOf } from './instruments';
import type { PlatformPlan } from './platforms';
import type { Rng } from './random';
import type { PublishedPrices, RegistryService, ServiceUnit, TutelleCode } from './types';

/*
 * What a platform sells: services on its main instruments, with the volumes it delivers and the prices
 * each tutelle publishes today. Prices follow cost: instrument depreciation per hour, staff time,
 * consumables, so a cryo-EM day costs what a cryo-EM day should.
 */

interface ModeSpec {
  unit: ServiceUnit;
  suffix: string;
  name: string;
  staff: readonly [number, number];
  equipment: readonly [number, number];
  volume: readonly [number, number];
  /** Consumables per unit, euros HT. */
  consumables: readonly [number, number];
}

const MODES: Readonly<Record<ServiceMode, ModeSpec>> = {
  autonomy: {
    unit: 'hour',
    suffix: 'H',
    name: 'heure en autonomie',
    staff: [0.05, 0.15],
    equipment: [1, 1],
    volume: [200, 1500],
    consumables: [1, 10],
  },
  operator: {
    unit: 'hour',
    suffix: 'OP',
    name: 'heure avec opérateur',
    staff: [1, 1],
    equipment: [1, 1],
    volume: [100, 800],
    consumables: [2, 20],
  },
  sample: {
    unit: 'sample',
    suffix: 'ECH',
    name: 'analyse d’un échantillon',
    staff: [0.1, 1],
    equipment: [0.1, 2],
    volume: [100, 3000],
    consumables: [3, 60],
  },
  day: {
    unit: 'day',
    suffix: 'J',
    name: 'journée d’utilisation',
    staff: [1, 4],
    equipment: [8, 8],
    volume: [20, 200],
    consumables: [20, 300],
  },
  run: {
    unit: 'run',
    suffix: 'RUN',
    name: 'run complet',
    staff: [2, 6],
    equipment: [12, 48],
    volume: [10, 150],
    consumables: [400, 4000],
  },
};

/** Loaded cost of an hour of platform staff time, euros. */
const STAFF_HOUR = 45;
/** Hours an instrument can be booked in a year. */
const BOOKABLE_HOURS = 1600;

const round2 = (x: number) => Math.round(x * 100) / 100;

function prices(rng: Rng, cost: number, tutelle: TutelleCode): PublishedPrices {
  // Each tutelle sets its own grid around cost; only UL publishes a private-sector price everywhere.
  const internal = Math.max(1, Math.round(cost * rng.float(0.85, 1.15) * 2) / 2);
  const external = Math.round(internal * rng.float(1.3, 1.8) * 2) / 2;
  return tutelle === 'UL' || rng.chance(0.3)
    ? { internal, external, private: Math.round(internal * rng.float(2.5, 4)) }
    : { internal, external };
}

export function drawServices(
  rng: Rng,
  platform: PlatformPlan,
  instruments: readonly Instrument[],
): RegistryService[] {
  // The most valuable instruments in service, one per kind: what the platform is known for.
  const byKind = new Map<string, Instrument>();
  for (const i of instruments) {
    const best = byKind.get(i.kind.key);
    if (i.status !== 'disposed' && (!best || priceOf(i) > priceOf(best))) byKind.set(i.kind.key, i);
  }
  const flagships = [...byKind.values()].sort((x, y) => priceOf(y) - priceOf(x)).slice(0, rng.int(1, 4));
  const services: RegistryService[] = [];
  for (const instrument of flagships) {
    const { kind } = instrument;
    const priceHT = priceOf(instrument) / 100;
    for (const mode of rng.sample(kind.services, rng.int(1, kind.services.length))) {
      const spec = MODES[mode];
      const staffHours = round2(rng.float(...spec.staff));
      const equipmentHours = round2(rng.float(...spec.equipment));
      const cost =
        (priceHT / (kind.lifeYears * BOOKABLE_HOURS)) * equipmentHours +
        staffHours * STAFF_HOUR +
        rng.float(...spec.consumables);
      const code = `${kind.abbr}-${spec.suffix}`;
      if (services.some((s) => s.code === code)) continue;
      const currentPrices: RegistryService['currentPrices'] = {};
      for (const tutelle of platform.tutelles) {
        if (tutelle === 'UL' || rng.chance(0.5)) currentPrices[tutelle] = prices(rng, cost, tutelle);
      }
      services.push({
        code,
        name: `${kind.label}, ${spec.name}`,
        unit: spec.unit,
        yearlyVolume: Math.round(rng.float(...spec.volume) / 10) * 10,
        staffHoursPerUnit: staffHours,
        equipmentHoursPerUnit: equipmentHours,
        currentPrices,
      });
    }
  }
  return services;
}
