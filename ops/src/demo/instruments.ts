import { EVERYDAY_KINDS, type InstrumentKind, KIND_BY_KEY } from './catalog';
import { MAKERS, type Maker } from './makers';
import type { PlatformPlan } from './platforms';
import type { Rng } from './random';
import type { InstrumentRecords, InstrumentStatus, TutelleCode } from './types';

/*
 * The truth, at instrument level, before any tutelle writes it down: each physical instrument, the
 * platform that runs it, what it cost and who paid which share. Source records are derived from it.
 * Money is in cents, so shares add up to the price exactly.
 */

export interface Instrument {
  id: string;
  platform: PlatformPlan;
  kind: InstrumentKind;
  maker: Maker;
  model: string;
  serial: string;
  commissioned: number;
  status: InstrumentStatus;
  disposed: number | null;
  /** Each co-funder's share of the purchase, HT, in cents; the first is the main funder. */
  shares: Array<{ tutelle: TutelleCode; cents: number }>;
  /** Later upgrades and accessories, paid by UL and recorded as additions (`sous_num` > 0) to its asset. */
  upgrades: Array<{ label: string; day: number; cents: number }>;
  /** Keys of its records in each co-funder's source, filled as the records are numbered. */
  records: InstrumentRecords;
}

const FUNDER_WEIGHT: Readonly<Record<TutelleCode, number>> = { UL: 5, CNRS: 3, INRAE: 2.5, CHRU: 2.5 };

/** How co-funders split a price, in percent: round figures, as conventions write them. */
const SPLITS: Readonly<Record<number, ReadonlyArray<readonly number[]>>> = {
  1: [[100]],
  2: [
    [50, 50],
    [60, 40],
    [70, 30],
    [80, 20],
    [75, 25],
  ],
  3: [
    [40, 30, 30],
    [50, 30, 20],
    [60, 20, 20],
    [34, 33, 33],
    [50, 25, 25],
  ],
};

const UPGRADES = [
  'PASSEUR D’ECHANTILLONS',
  'MISE A NIVEAU LOGICIEL',
  'UPGRADE DETECTEUR',
  'MODULE COMPLEMENTAIRE',
  'PLATINE MOTORISEE',
  'CAMERA HAUTE RESOLUTION',
  'SYSTEME DE REFROIDISSEMENT',
  'STATION DE TRAITEMENT DES DONNEES',
  'ONDULEUR',
  'KIT ACCESSOIRES',
];

const YEAR = 365;

function drawSerial(rng: Rng, maker: Maker, commissioned: number): string {
  const yy = String(1970 + Math.floor(commissioned / 365.25)).slice(2);
  const digits = (n: number) => String(rng.int(10 ** (n - 1), 10 ** n - 1));
  return rng.weighted([
    [`${maker.serialPrefix}${digits(6)}`, 4],
    [`${maker.serialPrefix}${yy}-${digits(4)}`, 3],
    [`${digits(8)}`, 1],
    [`${maker.serialPrefix}-${digits(4)}-${yy}`, 2],
  ] as const);
}

function drawShares(rng: Rng, funders: TutelleCode[], cents: number): Instrument['shares'] {
  const split = rng.pick(SPLITS[funders.length]!);
  const shares = funders.map((tutelle, i) => ({ tutelle, cents: Math.floor((cents * split[i]!) / 100) }));
  shares[0]!.cents += cents - shares.reduce((sum, s) => sum + s.cents, 0);
  return shares;
}

/** Share of a platform's inventory lines that are everyday equipment rather than its signature instruments. */
const EVERYDAY = 0.88;

/** The first instrument is a signature one: what the platform is for. */
function drawKind(rng: Rng, platform: PlatformPlan, first: boolean): InstrumentKind {
  const { archetype } = platform;
  const keys = !first && rng.chance(EVERYDAY) ? EVERYDAY_KINDS[archetype.domain] : archetype.kinds;
  return KIND_BY_KEY.get(rng.weighted(keys.map((key) => [key, KIND_BY_KEY.get(key)!.weight])))!;
}

function drawInstrument(
  rng: Rng,
  platform: PlatformPlan,
  id: string,
  asOf: number,
  first: boolean,
): Instrument {
  const kind = drawKind(rng, platform, first);
  const [makerKey, models] = rng.pick(kind.makers);
  const maker = MAKERS[makerKey];
  // Instruments live past their depreciation: some are twice as old.
  const ageDays = rng.int(20, Math.round(Math.min(20, kind.lifeYears * 1.8) * YEAR));
  const commissioned = asOf - ageDays;
  const overdue = ageDays > kind.lifeYears * YEAR;
  const disposable = !first && ageDays > 2 * YEAR;
  // The platform's first instrument is the one its cost centres are known by: kept in service.
  const status: InstrumentStatus = rng.weighted([
    ['disposed', disposable ? (overdue ? 10 : 1.5) : 0],
    ['broken', first ? 0 : 3],
    ['in_service', 100],
  ] as const);
  const disposed = status === 'disposed' ? rng.int(commissioned + YEAR, asOf - 1) : null;

  const count = Math.min(
    platform.tutelles.length,
    rng.weighted([
      [1, 50],
      [2, 38],
      [3, 12],
    ] as const),
  );
  const others = platform.tutelles.filter((t) => !(first && t === 'UL'));
  const funders: TutelleCode[] = first && platform.tutelles.includes('UL') ? ['UL'] : [];
  while (funders.length < count) {
    const pool = others.filter((t) => !funders.includes(t));
    funders.push(rng.weighted(pool.map((t) => [t, FUNDER_WEIGHT[t]] as const)));
  }
  // Entry configurations sell more than fully equipped ones: prices lean to the low end of the range.
  const [low, high] = kind.price;
  const euros = Math.round(low * (high / low) ** (rng.next() ** 2) * 1000);
  const cents = euros * 100 + (rng.chance(0.3) ? rng.int(1, 99) : 0);

  // ~10 % of all UL assets get additions: upgrades worth a few percent of the instrument, bought later.
  const upgrades: Instrument['upgrades'] = [];
  if (funders.includes('UL') && rng.chance(0.15)) {
    const end = disposed ?? asOf;
    for (let n = rng.int(1, 3); n > 0 && commissioned + 60 < end; n--) {
      upgrades.push({
        label: rng.pick(UPGRADES),
        day: rng.int(commissioned + 60, end - 1),
        cents: Math.round(cents * rng.float(0.02, 0.2)),
      });
    }
    upgrades.sort((x, y) => x.day - y.day);
  }
  return {
    id,
    platform,
    kind,
    maker,
    model: rng.pick(models),
    serial: drawSerial(rng, maker, commissioned),
    commissioned,
    status,
    disposed,
    shares: drawShares(rng, funders, cents),
    upgrades,
    records: {},
  };
}

/** Each platform's instruments: a handful for most, dozens for the big ones. */
export function drawInstruments(rng: Rng, platforms: readonly PlatformPlan[], asOf: number): Instrument[] {
  const instruments: Instrument[] = [];
  for (const platform of platforms) {
    const count = Math.max(2, Math.min(60, Math.round(Math.exp(rng.normal(Math.log(9), 0.65)))));
    for (let i = 0; i < count; i++) {
      const id = `INS-${String(instruments.length + 1).padStart(6, '0')}`;
      instruments.push(drawInstrument(rng, platform, id, asOf, i === 0));
    }
  }
  return instruments;
}

/** Price HT in cents, upgrades included. */
export function priceCents(instrument: Instrument): number {
  return (
    instrument.shares.reduce((sum, s) => sum + s.cents, 0) +
    instrument.upgrades.reduce((sum, u) => sum + u.cents, 0)
  );
}

/** A tutelle's share HT in cents: its part of the purchase, and for UL the upgrades it paid on top. */
export function shareCents(instrument: Instrument, tutelle: TutelleCode): number {
  const own = instrument.shares.find((s) => s.tutelle === tutelle)?.cents ?? 0;
  return own + (tutelle === 'UL' ? instrument.upgrades.reduce((sum, u) => sum + u.cents, 0) : 0);
}
