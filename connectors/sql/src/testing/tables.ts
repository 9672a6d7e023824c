import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/*
 * A source's tables as the demo writes them: rows from the DemoSite, columns as the source's DDL names them.
 * One description serves the embedded SQLite files and the real servers (PostgreSQL, MariaDB).
 */

export interface SqlTable<Source> {
  name: string;
  rows: (source: Source) => readonly object[];
  columns: readonly string[];
}

/** Typed against the row interface: a column the rows lack does not compile. */
export const sqlTable =
  <Source>() =>
  <Row extends object>(
    name: string,
    rows: (source: Source) => readonly Row[],
    columns: ReadonlyArray<keyof Row & string>,
  ): SqlTable<Source> => ({ name, rows, columns });

const valuesOf = (row: object, columns: readonly string[]) =>
  columns.map((column) => (row as Record<string, unknown>)[column]);

/**
 * SQLite files, one per schema, attached under the schema's name and replaced if there, filled in one
 * transaction: a million rows take seconds, not minutes.
 */
export function writeSqliteFiles<Source>(
  files: Record<string, string>,
  ddl: readonly string[],
  tables: readonly SqlTable<Source>[],
  source: Source,
): void {
  const db = new Database(':memory:');
  try {
    for (const [schema, file] of Object.entries(files)) {
      rmSync(file, { force: true });
      db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(file);
    }
    for (const statement of ddl) db.exec(statement);
    db.transaction(() => {
      for (const { name, rows, columns } of tables) {
        const insert = db.prepare(
          `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows(source)) insert.run(valuesOf(row, columns));
      }
    })();
  } finally {
    db.close();
  }
}

/** Parameters per INSERT: under PostgreSQL's 65,535 (and MariaDB's), few round trips. */
const BATCH_PARAMETERS = 60_000;

/**
 * Multi-row INSERT statements for a server, `$n` placeholders (PostgreSQL) or `?` (MariaDB), in batches
 * under the parameter limit.
 */
export function* batchedInserts<Source>(
  tables: readonly SqlTable<Source>[],
  source: Source,
  placeholders: 'dollar' | 'question',
): Generator<[sql: string, params: unknown[]]> {
  for (const { name, rows, columns } of tables) {
    const all = rows(source);
    const batch = Math.floor(BATCH_PARAMETERS / columns.length);
    for (let start = 0; start < all.length; start += batch) {
      const chunk = all.slice(start, start + batch);
      const tuples = chunk.map(
        (_, r) =>
          `(${columns.map((_, c) => (placeholders === 'dollar' ? `$${r * columns.length + c + 1}` : '?')).join(', ')})`,
      );
      yield [
        `INSERT INTO ${name} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
        chunk.flatMap((row) => valuesOf(row, columns)),
      ];
    }
  }
}
