import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeCsv } from '@hub/connector-files';
import { DEPENSES_HEADERS, PERSONNELS_HEADERS } from '../mapping';
import type { ChruRows } from './rows';

/** Values as the CHRU's exports write them: decimal commas, `dd/mm/yyyy` dates. */
function french(value: string | number | null): string | null {
  if (value == null) return null;
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toFixed(2).replace('.', ',');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
}

function rows(headers: readonly string[], list: readonly object[]): (string | null)[][] {
  return list.map((row) =>
    headers.map((h) => french((row as Record<string, string | number | null>)[h] ?? null)),
  );
}

/** The GMAO stand-in serves these items (test and demo tooling: the real API is the CHRU's). */
export const GMAO_ITEMS_FILE = 'gmao-equipements.json';

/**
 * The CHRU's CSV exports (Windows-1252, `;`, decimal commas) and, for the GMAO API stand-in, its items as
 * JSON, in `dir`.
 */
export async function writeChruSources(chru: ChruRows, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const encoding = { encoding: 'windows-1252' as const };
  await writeCsv(
    path.join(dir, 'personnels_recherche.csv'),
    PERSONNELS_HEADERS,
    rows(PERSONNELS_HEADERS, chru.personnels),
    encoding,
  );
  await writeCsv(
    path.join(dir, 'depenses_uf.csv'),
    DEPENSES_HEADERS,
    rows(DEPENSES_HEADERS, chru.depenses),
    encoding,
  );
  writeFileSync(path.join(dir, GMAO_ITEMS_FILE), JSON.stringify(chru.equipements));
}
