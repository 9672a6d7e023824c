import type { CostRecord } from './cost-base';

/*
 * Instruments are groups of records: a co-funded instrument is recorded by each tutelle for its own share,
 * and is one instrument, depreciated once on the sum of its shares. Which records are one instrument is
 * behind this interface, so the site-wide reconciled inventory can replace the default grouping.
 */

export interface InstrumentGroup {
  /** Stable key: the first record's id for the default grouping. */
  key: string;
  records: CostRecord[];
}

/**
 * Which of a platform's records are one instrument. May be asynchronous: the reconciled inventory answers
 * from its own store.
 */
export type InstrumentGrouping = (
  records: readonly CostRecord[],
) => InstrumentGroup[] | Promise<InstrumentGroup[]>;

/** The key that makes records one instrument where no inventory says otherwise: serial and maker. */
export function serialAndMakerKey(record: CostRecord): string {
  return record.serialNumberNormalized == null
    ? `record:${record.id}`
    : `serial:${record.serialNumberNormalized}|${record.manufacturerNormalized ?? ''}`;
}

/** Records with the same key are one instrument, keyed by its first record's id; groups keep the records' order. */
export function groupByKey(
  records: readonly CostRecord[],
  keyOf: (record: CostRecord) => string,
): InstrumentGroup[] {
  const groups = new Map<string, InstrumentGroup>();
  for (const record of records) {
    const match = keyOf(record);
    const group = groups.get(match);
    if (group) group.records.push(record);
    else groups.set(match, { key: record.id, records: [record] });
  }
  return [...groups.values()];
}

/**
 * The grouping that needs no inventory: records whose normalised serial numbers agree and whose
 * normalised manufacturers agree (both the same maker, or both unknown) are one instrument; a record
 * without a usable serial number is an instrument alone.
 */
export const groupBySerialAndMaker = (records: readonly CostRecord[]): InstrumentGroup[] =>
  groupByKey(records, serialAndMakerKey);
