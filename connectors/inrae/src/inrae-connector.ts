import { stat } from 'node:fs/promises';
import { mapRows, newestWorkbook, ReadReport, readSheet, type SheetRow } from '@hub/connector-files';
import { Tutelle } from '@hub/schema';
import { type ReadOptions, type Snapshot, SnapshotConnector, type SnapshotSource } from '@hub/source-kit';
import {
  AGENTS_HEADERS,
  DEPENSES_HEADERS,
  EQUIPEMENTS_HEADERS,
  toExpense,
  toInventoryRecord,
  toStaffMember,
} from './mapping';

export interface InraeConnectorOptions {
  /** The folder receiving `extraction_INRAE_YYYY-MM-DD.xlsx`; the newest is the truth. */
  folder: string;
  /** How long a read stays good when no newer workbook arrives; 5 minutes by default. */
  maxAgeMs?: number;
}

const SOURCE = 'INRAE/extraction';

/** The newest extraction workbook, its three sheets mapped, every rejected row reported. */
class InraeExtractions implements SnapshotSource {
  readonly name = SOURCE;

  constructor(private readonly folder: string) {}

  /** A new workbook, or the newest one replaced in place, is a new version. */
  async version(): Promise<string> {
    const { newest } = await newestWorkbook(this.folder, 'extraction_INRAE_', SOURCE);
    return `${newest}@${(await stat(newest)).mtimeMs}`;
  }

  async read(options: Required<ReadOptions>): Promise<Snapshot> {
    const { newest } = await newestWorkbook(this.folder, 'extraction_INRAE_', SOURCE);
    const sheet = async <T>(name: string, headers: string[], map: (row: SheetRow) => T) => {
      const report = new ReadReport(SOURCE);
      const rows = await mapRows(
        readSheet(newest, name, report, { expectedHeaders: headers }),
        report,
        (row) => row.location,
        map,
        options,
      );
      return { rows, report };
    };
    const inventory = await sheet('Equipements', EQUIPEMENTS_HEADERS, toInventoryRecord);
    const staff = await sheet('Agents', AGENTS_HEADERS, toStaffMember);
    const expenses = await sheet('Dépenses', DEPENSES_HEADERS, toExpense);
    return {
      inventory: inventory.rows,
      staff: staff.rows,
      expenses: expenses.rows,
      reads: [inventory.report, staff.report, expenses.report].map((report) => report.summary()),
    };
  }
}

/** INRAE centre Grand Est-Nancy, from its extraction files: read whole, answered from memory. */
export function connectInrae(options: InraeConnectorOptions): SnapshotConnector {
  return new SnapshotConnector(Tutelle.INRAE, new InraeExtractions(options.folder), {
    maxAgeMs: options.maxAgeMs,
  });
}
