import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { UL_SOURCE_DDL } from '@hub/connector-ul';
import Database from 'better-sqlite3';
import pg from 'pg';

/*
 * Stand-in replicas for the tests: a source's DDL (the contract in SOURCES.md) filled with given rows,
 * in SQLite files or in a real PostgreSQL database.
 */

export type TableRows = Record<string, ReadonlyArray<Record<string, unknown>>>;

function insertSql(table: string, columns: string[], placeholder: (i: number) => string): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => placeholder(i)).join(', ')})`;
}

/** UL's replica as two attached SQLite files (`sifac.sqlite`, `siham.sqlite`) in `dir`. */
export function writeUlSqlite(dir: string, rows: TableRows): void {
  mkdirSync(dir, { recursive: true });
  const db = new Database(':memory:');
  db.exec(`ATTACH DATABASE '${path.join(dir, 'sifac.sqlite')}' AS sifac`);
  db.exec(`ATTACH DATABASE '${path.join(dir, 'siham.sqlite')}' AS siham`);
  for (const statement of UL_SOURCE_DDL('sqlite')) db.exec(statement);
  db.transaction(() => {
    for (const [table, list] of Object.entries(rows)) {
      for (const row of list)
        db.prepare(insertSql(table, Object.keys(row), () => '?')).run(...Object.values(row));
    }
  })();
  db.close();
}

/** UL's replica in a PostgreSQL database (schemas `sifac` and `siham` recreated). */
export async function writeUlPostgres(url: string, rows: TableRows): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS sifac CASCADE; DROP SCHEMA IF EXISTS siham CASCADE');
    for (const statement of UL_SOURCE_DDL('postgresql')) await client.query(statement);
    for (const [table, list] of Object.entries(rows)) {
      for (const row of list)
        await client.query(
          insertSql(table, Object.keys(row), (i) => `$${i + 1}`),
          Object.values(row),
        );
    }
  } finally {
    await client.end();
  }
}
