import { euros, type Tutelle, VatBasis } from '@hub/schema';
import { dayNumber, yearsAfter } from '../calendar';
import type { IndicatorContext } from '../context';
import type { EquipmentRow, IndexedRecord } from '../inventory';
import { perSnapshotAsync } from '../snapshot-memo';
import { EQUIPMENT_COVERAGE } from './coverage';
import {
  EquipmentGrouping,
  type EquipmentIndicator,
  type EquipmentIndicatorRow,
  type RenewalForecast,
  type RenewalYear,
} from './graphql/types';
import { kindOf } from './kinds';

/*
 * Equipment figures from the hub's index of the tutelles' records (no source read: the sync read them),
 * one instrument as reconciliation grouped its records. The past: an instrument is in service on a date
 * when one of its records was commissioned by then and not removed from its source before it (removals are
 * dated by the sync that noticed them: coverage says so).
 */

export const EQUIPMENT_DEFINITIONS = [
  'Instrument: one physical instrument, its records in several tutelles counted once (site-wide inventory).',
  'In service on a date: commissioned on or before it, not disposed of (removed from its source) before it.',
  'Value HT: the sum of the tutelles’ shares, additions rolled in. By tutelle: each tutelle’s share.',
  'Net book value: value less straight-line depreciation over the longest useful life of its records.',
  'Age band: whole years since the earliest commissioning, in bands of 5 years.',
  'Kind: from the designation’s first words (docs/HISTORY.md lists the kinds).',
];

/** One instrument on a date, from the records of it then in service. */
export interface InstrumentOn {
  id: string;
  platformCode: string | null;
  designation: string;
  commissioning: string | null;
  lifeYears: number | null;
  /** Cents HT by tutelle. */
  shares: Map<Tutelle, number>;
  cents: number;
}

function inServiceOn(record: IndexedRecord, asOf: string): boolean {
  if (record.commissioningDate && record.commissioningDate > asOf) return false;
  // Gone from its source, or recorded as disposed of: since the sync that saw it so (the sources give no date).
  const gone = record.removed || record.status === 'DISPOSED';
  return !(gone && record.updatedAt.slice(0, 10) <= asOf);
}

/**
 * What the equipment indicators derive from the inventory, kept per inventory version: the instruments on
 * a date (one pass over the index) and each indicator asked. A dashboard asking again costs a lookup.
 */
const perInventory = perSnapshotAsync<unknown>(200);

/** The instruments in service on `asOf`, each with the records of it then in service (shared: read-only). */
export async function instrumentsOn(
  ctx: Pick<IndicatorContext, 'inventory'>,
  asOf: string,
): Promise<readonly InstrumentOn[]> {
  const snapshot = await ctx.inventory.snapshot();
  return perInventory(snapshot, `instruments ${asOf}`, async () =>
    instrumentsFrom(await ctx.inventory.records(), snapshot.byRecord, asOf),
  ) as Promise<readonly InstrumentOn[]>;
}

/** The instruments on `asOf` by platform code (shared: read-only). */
export async function instrumentsByPlatform(
  ctx: Pick<IndicatorContext, 'inventory'>,
  asOf: string,
): Promise<ReadonlyMap<string | null, readonly InstrumentOn[]>> {
  const snapshot = await ctx.inventory.snapshot();
  return perInventory(snapshot, `by platform ${asOf}`, async () => {
    const byPlatform = new Map<string | null, InstrumentOn[]>();
    for (const i of await instrumentsOn(ctx, asOf))
      (byPlatform.get(i.platformCode) ?? byPlatform.set(i.platformCode, []).get(i.platformCode)!).push(i);
    return byPlatform;
  }) as Promise<ReadonlyMap<string | null, readonly InstrumentOn[]>>;
}

/** The same from the index's records and the instrument each belongs to (pure). */
export function instrumentsFrom(
  records: readonly IndexedRecord[],
  byRecord: ReadonlyMap<string, Pick<EquipmentRow, 'id' | 'platformCode' | 'designation'>>,
  asOf: string,
): InstrumentOn[] {
  const instruments = new Map<string, InstrumentOn>();
  for (const record of records) {
    if (!inServiceOn(record, asOf)) continue;
    const equipment = byRecord.get(record.id);
    const id = equipment?.id ?? record.id;
    const instrument = instruments.get(id) ?? {
      id,
      platformCode: equipment?.platformCode ?? null,
      designation: equipment?.designation ?? record.designation,
      commissioning: null,
      lifeYears: null,
      shares: new Map(),
      cents: 0,
    };
    const tutelle = record.tutelle as Tutelle;
    instrument.shares.set(tutelle, (instrument.shares.get(tutelle) ?? 0) + record.valueHTCents);
    instrument.cents += record.valueHTCents;
    if (
      record.commissioningDate &&
      (!instrument.commissioning || record.commissioningDate < instrument.commissioning)
    )
      instrument.commissioning = record.commissioningDate;
    if (record.usefulLifeYears && record.usefulLifeYears > (instrument.lifeYears ?? 0))
      instrument.lifeYears = record.usefulLifeYears;
    instruments.set(id, instrument);
  }
  return [...instruments.values()];
}

/** Value left on `asOf`, cents: straight-line over the useful life; the whole value without a life or date. */
export function netBookCents(
  i: Pick<InstrumentOn, 'commissioning' | 'lifeYears' | 'cents'>,
  asOf: string,
): number {
  if (!i.commissioning || !i.lifeYears) return i.cents;
  const start = dayNumber(i.commissioning);
  const lifeDays = dayNumber(yearsAfter(i.commissioning, i.lifeYears)) - start;
  const used = Math.min(lifeDays, Math.max(0, dayNumber(asOf) - start));
  return Math.round((i.cents * (lifeDays - used)) / lifeDays);
}

export function ageBand(commissioning: string | null, asOf: string): string {
  if (!commissioning) return 'unknown';
  const years = Math.floor((dayNumber(asOf) - dayNumber(commissioning)) / 365.25);
  if (years >= 20) return '20+';
  const from = Math.floor(years / 5) * 5;
  return `${from}-${from + 4}`;
}

const money = (cents: number) => euros(cents / 100, VatBasis.HT);

class Tally {
  count = 0;
  cents = 0;
  netCents = 0;
  add(cents: number, netCents: number): void {
    this.count++;
    this.cents += cents;
    this.netCents += netCents;
  }
  row(key: string): EquipmentIndicatorRow {
    return { key, count: this.count, valueHT: money(this.cents), netBookValueHT: money(this.netCents) };
  }
}

export async function equipmentIndicator(
  ctx: IndicatorContext,
  asOf: string,
  groupBy: EquipmentGrouping,
): Promise<EquipmentIndicator> {
  const snapshot = await ctx.inventory.snapshot();
  return perInventory(snapshot, `equipment ${asOf} ${groupBy}`, async () =>
    equipmentIndicatorOf(await instrumentsOn(ctx, asOf), asOf, groupBy),
  ) as Promise<EquipmentIndicator>;
}

/** The indicator of these instruments (pure). */
export function equipmentIndicatorOf(
  instruments: readonly InstrumentOn[],
  asOf: string,
  groupBy: EquipmentGrouping,
): EquipmentIndicator {
  const cells = new Map<string, Tally>();
  const total = new Tally();
  const tally = (key: string) => cells.get(key) ?? cells.set(key, new Tally()).get(key)!;
  for (const i of instruments) {
    const net = netBookCents(i, asOf);
    total.add(i.cents, net);
    if (groupBy === EquipmentGrouping.TUTELLE) {
      // Each tutelle its share: an instrument of two tutelles counts in both, the total once.
      for (const [tutelle, cents] of i.shares)
        tally(tutelle).add(cents, Math.round((net * cents) / (i.cents || 1)));
    } else {
      const key =
        groupBy === EquipmentGrouping.PLATFORM
          ? (i.platformCode ?? '(no platform)')
          : groupBy === EquipmentGrouping.KIND
            ? kindOf(i.designation)
            : ageBand(i.commissioning, asOf);
      tally(key).add(i.cents, net);
    }
  }
  return {
    asOf,
    groupBy,
    heading: {
      title: `Equipment in service on ${asOf}, by ${groupBy.toLowerCase().replace('_', ' ')}`,
      definitions: EQUIPMENT_DEFINITIONS,
    },
    rows: [...cells].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => t.row(key)),
    total: total.row('site'),
    coverage: EQUIPMENT_COVERAGE,
  };
}

export const RENEWAL_YEARS = 10;

export async function renewalForecast(ctx: IndicatorContext, fromYear: number): Promise<RenewalForecast> {
  const today = new Date().toISOString().slice(0, 10);
  const snapshot = await ctx.inventory.snapshot();
  return perInventory(snapshot, `renewal ${today} ${fromYear}`, async () =>
    renewalForecastOf(await instrumentsOn(ctx, today), fromYear, today),
  ) as Promise<RenewalForecast>;
}

/** The forecast of the instruments in service `today` (pure). */
export function renewalForecastOf(
  instruments: readonly InstrumentOn[],
  fromYear: number,
  today: string,
): RenewalForecast {
  const years = new Map<number, RenewalYear>();
  for (let y = fromYear; y < fromYear + RENEWAL_YEARS; y++)
    years.set(y, { year: y, count: 0, valueHT: money(0) });
  const cents = new Map<number, number>();
  let undated = 0;
  for (const i of instruments) {
    if (!i.commissioning || !i.lifeYears) {
      undated++;
      continue;
    }
    const end = Math.max(fromYear - 1, Number(yearsAfter(i.commissioning, i.lifeYears).slice(0, 4)));
    if (end >= fromYear + RENEWAL_YEARS) continue;
    const row = years.get(end) ?? years.set(end, { year: end, count: 0, valueHT: money(0) }).get(end)!;
    row.count++;
    cents.set(end, (cents.get(end) ?? 0) + i.cents);
  }
  for (const [year, c] of cents) years.get(year)!.valueHT = money(c);
  const overdue = years.get(fromYear - 1) ?? { year: fromYear - 1, count: 0, valueHT: money(0) };
  return {
    fromYear,
    heading: {
      title: `Renewal forecast ${fromYear}-${fromYear + RENEWAL_YEARS - 1}, instruments in service on ${today}`,
      definitions: [
        'End of useful life: earliest commissioning plus the longest useful life of the instrument’s records.',
        'Value to renew: the instrument’s value HT (like-for-like, at purchase prices).',
        'Overdue: already past the end of its useful life before the first year.',
      ],
    },
    overdue,
    years: [...years.values()].filter((y) => y.year >= fromYear),
    undated,
  };
}
