import type { ReadOptions } from '@hub/source-kit';
import type { ReadReport } from './report';

/** A row a mapper cannot read: its message is the reason reported for the row. */
export class RowError extends Error {}

/** A field that must be there: its value, or a RowError naming it. */
export function requiredField<T>(header: string, value: T | null | undefined): T {
  if (value == null) throw new RowError(`${header} is empty`);
  return value;
}

/** A field read by a converter that throws on a bad value (a date, a number): the header names the reason. */
export function convertField<V, T>(header: string, value: V, convert: (value: V) => T): T {
  try {
    return convert(value);
  } catch (error) {
    throw new RowError(`${header}: ${(error as Error).message}`);
  }
}

/**
 * Map rows one by one: a row whose mapper throws a RowError is rejected in `report` with its place and
 * reason, and the read goes on; any other error is a bug and stops it, and so does `signal` aborting
 * (between rows: the file is closed with the rows' stream).
 */
export async function mapRows<Row, T>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  report: ReadReport,
  locate: (row: Row) => string,
  map: (row: Row) => T,
  { signal }: ReadOptions = {},
): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) {
    signal?.throwIfAborted();
    try {
      out.push(map(row));
      report.accept();
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      report.reject(locate(row), error.message);
    }
  }
  return out;
}
