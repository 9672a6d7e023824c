import type { ReadReport } from './report';

/** A row a mapper cannot read: its message is the reason reported for the row. */
export class RowError extends Error {}

/**
 * Map rows one by one: a row whose mapper throws a RowError is rejected in `report` with its place and
 * reason, and the read goes on; any other error is a bug and stops it.
 */
export async function mapRows<Row, T>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  report: ReadReport,
  locate: (row: Row) => string,
  map: (row: Row) => T,
): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) {
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
