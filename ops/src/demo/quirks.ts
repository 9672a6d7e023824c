import { frenchDateOf, isoOf } from './calendar';
import type { Maker } from './makers';
import type { Rng } from './random';
import type { Cell } from './types';

/*
 * How people type things into the sources (docs/SOURCES.md, common facts): the hub's normalisers must undo
 * all of this, so the generator does all of it.
 */

/** Placeholders typed where a serial is unknown. */
const SERIAL_PLACEHOLDERS = ['NC', 'N/A', '?', '0', '-', 'inconnu'];

/**
 * How hard the sources are to reconcile, as shares of an instrument's records: what a site with fewer
 * serials and sloppier columns than the demo's first version looks like (issue 18).
 */
export interface DemoNoise {
  /** The serial typed as a placeholder ('0', '-', 'NC') or left empty. */
  serialMissing: number;
  /** The maker column left empty, the maker written in the designation instead (several words where its name has them). */
  makerInDesignation: number;
  /** A co-funder other than UL dates its record years away from the commissioning (its convention's date, a re-inventory's). */
  dateYearsApart: number;
}

/** The demo's noise before issue 18: a fifth of the serials missing, makers in their columns, dates within two months. */
export const PLAIN_NOISE: DemoNoise = { serialMissing: 0.2, makerInDesignation: 0, dateYearsApart: 0 };
/** Fewer serials, makers in designations, dates years apart: the demo's noise since issue 18 (DEFAULT_NOISE). */
export const HARDER_NOISE: DemoNoise = { serialMissing: 0.35, makerInDesignation: 0.15, dateYearsApart: 0.1 };
export const NOISES = { plain: PLAIN_NOISE, harder: HARDER_NOISE } as const;

/**
 * A serial number as a clerk types it: case, spaces, dashes and prefixes vary; a share `missing` is a
 * placeholder or nothing. The typed forms keep their proportions whatever that share.
 */
export function typeSerial(rng: Rng, serial: string, missing = PLAIN_NOISE.serialMissing): string | null {
  const typed = (1 - missing) / (1 - PLAIN_NOISE.serialMissing);
  return rng.weighted<() => string | null>([
    [() => serial, 40 * typed],
    [() => serial.toLowerCase(), 5 * typed],
    [() => serial.replace(/-/g, ' '), 8 * typed],
    [() => serial.replace(/-/g, ''), 8 * typed],
    [() => `S/N ${serial}`, 6 * typed],
    [() => `SN:${serial}`, 5 * typed],
    [() => `N° ${serial}`, 5 * typed],
    [() => ` ${serial} `, 3 * typed],
    [() => rng.pick(SERIAL_PLACEHOLDERS), missing * 50],
    [() => null, missing * 50],
  ])();
}

/** Whether this record writes its maker in the designation rather than in its column (no draw when never). */
export function makerInDesignation(rng: Rng, noise: DemoNoise): boolean {
  return noise.makerInDesignation > 0 && rng.chance(noise.makerInDesignation);
}

/** A maker as written inside a designation: a spelling of several words where it has one ('Horiba Jobin Yvon'). */
export function makerInText(rng: Rng, maker: Maker): string {
  const long = maker.spellings.filter((s) => s.includes(' '));
  return rng.pick(long.length > 0 ? long : maker.spellings);
}

const YEAR = 365;

/**
 * The day a co-funder dates its record: `day`, or now and then one to four years away (before the
 * instrument's disposal and the extraction day where later).
 */
export function recordedDay(rng: Rng, day: number, end: number, noise: DemoNoise): number {
  if (noise.dateYearsApart <= 0 || !rng.chance(noise.dateYearsApart)) return day;
  const shift = rng.int(YEAR, 4 * YEAR);
  return day + shift < end ? day + shift : day - shift;
}

export function spell(rng: Rng, maker: Maker): string {
  return rng.pick(maker.spellings);
}

export function cut(text: string, length: number): string {
  return text.length > length ? text.slice(0, length).trimEnd() : text;
}

const shouted = new Map<string, string>();

/** 'Spectromètre RMN' → 'SPECTROMETRE RMN': SAP-era upper case, accents dropped. Labels repeat: cached. */
export function shout(text: string): string {
  let upper = shouted.get(text);
  if (upper === undefined) {
    upper = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[’']/g, "'")
      .toUpperCase();
    shouted.set(text, upper);
  }
  return upper;
}

export function cents(amountCents: number): number {
  return Math.round(amountCents) / 100;
}

/** TTC in euros from HT in cents: the sources that record TTC apply 20 %. */
export function ttc(htCents: number): number {
  return Math.round(htCents * 1.2) / 100;
}

/** A date cell: mostly a real date, sometimes text typed by hand. */
export function dateCell(rng: Rng, day: number | null): Cell {
  if (day == null) return null;
  return rng.chance(0.1) ? frenchDateOf(day) : isoOf(day);
}

/** An amount cell: mostly a number, sometimes text with a decimal comma. */
export function amountCell(rng: Rng, amount: number): Cell {
  return rng.chance(0.05) ? amount.toFixed(2).replace('.', ',') : amount;
}

/** A timestamp's time of day, for `maj` columns. */
export function secondOfDay(rng: Rng): number {
  return rng.int(7 * 3600, 19 * 3600);
}
