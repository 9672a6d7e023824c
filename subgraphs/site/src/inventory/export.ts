import { formatFrenchDate, formatFrenchNumber, writeCsv, writeXlsx } from '@hub/connector-files';
import { FEDERATED_TUTELLES } from '@hub/schema';
import type { EquipmentView, InventorySnapshot } from './site-inventory';

/*
 * The site-wide inventory for the central services, in a French spreadsheet's terms: one line per
 * instrument, its value HT and each tutelle's share, decimal commas, dd/mm/yyyy dates; CSV in UTF-8 with
 * a BOM (what Excel opens as "CSV UTF-8") or XLSX with number and date cells.
 */

const STATUS_FR: Record<string, string> = {
  IN_SERVICE: 'En service',
  OUT_OF_ORDER: 'En panne',
  DISPOSED: 'Réformé',
};

export const EXPORT_HEADERS = [
  'Identifiant',
  'Désignation',
  'Fabricant',
  'Modèle',
  'N° de série',
  'Plateforme',
  'Unité',
  'Tutelles',
  'Valeur HT (€)',
  ...FEDERATED_TUTELLES.map((t) => `Part ${t} HT (€)`),
  'Mise en service',
  'Âge (ans)',
  'État',
  'Confiance du rapprochement',
  'Confirmé',
  'Enregistrements',
] as const;

type Cell = string | number | Date | null;

function cells(e: EquipmentView, now: number): Cell[] {
  const age = e.commissioningDate ? (now - Date.parse(e.commissioningDate)) / 86_400_000 / 365.25 : null;
  return [
    e.id,
    e.designation,
    e.manufacturer,
    e.model,
    e.serialNumber,
    e.platformCode,
    e.unitCode,
    e.tutelles.join(', '),
    e.valueHTCents / 100,
    ...FEDERATED_TUTELLES.map((t) => (e.shares[t] == null ? null : e.shares[t] / 100)),
    e.commissioningDate ? new Date(`${e.commissioningDate}T00:00:00Z`) : null,
    age == null ? null : Math.round(age * 10) / 10,
    STATUS_FR[e.status] ?? e.status,
    e.confidence == null ? null : Math.round(e.confidence * 1000) / 1000,
    e.confirmed ? 'oui' : 'non',
    e.recordIds.join(' '),
  ];
}

/** Decimals of a number column: euros to the cent, ages to the tenth of a year, confidences to 0.001. */
const decimalsOf = (header: string) =>
  header.startsWith('Âge') ? 1 : header.startsWith('Confiance') ? 3 : 2;

/** The workbook's number formats: euros to the cent, ages to the tenth, confidences to 0.001. */
const NUMBER_FORMATS = Object.fromEntries(
  EXPORT_HEADERS.map((header, i) => [
    i,
    header.includes('(€)') ? '#,##0.00 "€"' : `0.${'0'.repeat(decimalsOf(header))}`,
  ]),
);

const asText = (cell: Cell, column: number): string | null => {
  if (cell == null) return null;
  if (cell instanceof Date) return formatFrenchDate(cell.toISOString().slice(0, 10));
  if (typeof cell === 'number') return formatFrenchNumber(cell, decimalsOf(EXPORT_HEADERS[column]!));
  return cell;
};

/** Writes the inventory to `file`: `.xlsx` as a workbook, anything else as CSV. Returns the lines written. */
export async function exportInventory(
  snapshot: InventorySnapshot,
  file: string,
  now = Date.now(),
): Promise<number> {
  const rows = snapshot.equipment.map((e) => cells(e, now));
  if (file.toLowerCase().endsWith('.xlsx'))
    await writeXlsx(file, { Inventaire: { headers: EXPORT_HEADERS, rows, numberFormats: NUMBER_FORMATS } });
  else
    await writeCsv(
      file,
      EXPORT_HEADERS,
      rows.map((row) => row.map(asText)),
      { encoding: 'utf-8-bom' },
    );
  return rows.length;
}
