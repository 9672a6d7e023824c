import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type CellValue, writeXlsx } from '@hub/connector-files';
import { AGENTS_HEADERS, DEPENSES_HEADERS, EQUIPEMENTS_HEADERS } from '../mapping';
import type { Cell, InraeRows } from './rows';

/** The generator's cells → workbook cells: 'YYYY-MM-DD' strings become date cells, other text stays text. */
function toCell(cell: Cell): CellValue {
  return typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell) ? new Date(`${cell}T00:00:00Z`) : cell;
}

function sheet(headers: readonly string[], rows: readonly object[]) {
  return {
    headers,
    rows: rows.map((row) => headers.map((h) => toCell((row as Record<string, Cell>)[h] ?? null))),
  };
}

/**
 * INRAE's extraction folder: the workbook of `asOf`, the truth, and an older one a month before with a
 * part of its rows, as the folder keeps them; the connector must read the newest.
 */
export async function writeInraeExtractions(inrae: InraeRows, dir: string, asOf: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const workbook = (share: number) => ({
    Equipements: sheet(
      EQUIPEMENTS_HEADERS,
      inrae.Equipements.slice(0, Math.ceil(inrae.Equipements.length * share)),
    ),
    Agents: sheet(AGENTS_HEADERS, inrae.Agents),
    Dépenses: sheet(DEPENSES_HEADERS, inrae.Dépenses.slice(0, Math.ceil(inrae.Dépenses.length * share))),
  });
  const monthBefore = new Date(`${asOf}T00:00:00Z`);
  monthBefore.setUTCMonth(monthBefore.getUTCMonth() - 1);
  await writeXlsx(
    path.join(dir, `extraction_INRAE_${monthBefore.toISOString().slice(0, 10)}.xlsx`),
    workbook(0.9),
  );
  await writeXlsx(path.join(dir, `extraction_INRAE_${asOf}.xlsx`), workbook(1));
}
