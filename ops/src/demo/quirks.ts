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

/** A serial number as a clerk types it: case, spaces, dashes and prefixes vary; some are missing. */
export function typeSerial(rng: Rng, serial: string): string | null {
  return rng.weighted<() => string | null>([
    [() => serial, 40],
    [() => serial.toLowerCase(), 5],
    [() => serial.replace(/-/g, ' '), 8],
    [() => serial.replace(/-/g, ''), 8],
    [() => `S/N ${serial}`, 6],
    [() => `SN:${serial}`, 5],
    [() => `N° ${serial}`, 5],
    [() => ` ${serial} `, 3],
    [() => rng.pick(SERIAL_PLACEHOLDERS), 10],
    [() => null, 10],
  ])();
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
