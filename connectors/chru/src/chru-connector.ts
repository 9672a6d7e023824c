import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type CsvRow, mapRows, ReadReport, readCsv } from '@hub/connector-files';
import { createHttpJsonClient, fetchAllPages, type HttpJsonClient } from '@hub/connector-http';
import { type Snapshot, SnapshotConnector, type SnapshotSource } from '@hub/connector-kit';
import { Tutelle } from '@hub/schema';
import {
  DEPENSES_HEADERS,
  type GmaoItem,
  PERSONNELS_HEADERS,
  toExpense,
  toInventoryRecord,
  toStaffMember,
} from './mapping';

export interface ChruConnectorOptions {
  gmao: { baseUrl: string; token: string; timeoutMs?: number; maxRequestsPerSecond?: number };
  /** The folder where `personnels_recherche.csv` and `depenses_uf.csv` are dropped. */
  exportsFolder: string;
  /** How long a read stays good: the API has no change feed. 5 minutes by default. */
  maxAgeMs?: number;
}

const GMAO = 'CHRU/gmao';
const EXPORTS = 'CHRU/exports';
const FILES = { staff: 'personnels_recherche.csv', expenses: 'depenses_uf.csv' };

/** Every GMAO page and both CSV exports, mapped; every rejected item or row reported. */
class ChruSources implements SnapshotSource {
  readonly name = GMAO;
  private readonly client: HttpJsonClient;

  constructor(private readonly options: ChruConnectorOptions) {
    this.client = createHttpJsonClient({ source: GMAO, ...options.gmao });
  }

  /** The exports' modification times: a new drop is a new version (the API is re-read on `maxAgeMs`). */
  async version(): Promise<string> {
    const times = await Promise.all(
      Object.values(FILES).map((file) =>
        stat(path.join(this.options.exportsFolder, file)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    );
    return times.join('/');
  }

  async read(): Promise<Snapshot> {
    const gmao = new ReadReport(GMAO);
    const pages = fetchAllPages<GmaoItem>(this.client, '/api/v1/equipements');
    let index = 0;
    const inventory = await mapRows(
      (async function* () {
        for await (const paged of pages) {
          gmao.see();
          yield { ...paged, index: index++ };
        }
      })(),
      gmao,
      (p) => `GET /api/v1/equipements?page=${p.page} item ${p.item?.id ?? p.index}`,
      (p) => toInventoryRecord(p.item),
    );
    const csv = async <T>(file: string, headers: string[], map: (row: CsvRow) => T) => {
      const report = new ReadReport(EXPORTS);
      const rows = readCsv(path.join(this.options.exportsFolder, file), report, { expectedHeaders: headers });
      return { rows: await mapRows(rows, report, (row) => row.location, map), report };
    };
    const staff = await csv(FILES.staff, PERSONNELS_HEADERS, toStaffMember);
    const expenses = await csv(FILES.expenses, DEPENSES_HEADERS, toExpense);
    return {
      inventory,
      staff: staff.rows,
      expenses: expenses.rows,
      reads: [gmao, staff.report, expenses.report].map((report) => report.summary()),
    };
  }
}

/** CHRU de Nancy: the GMAO API read page by page within its rate limit, the CSV exports, answered from memory. */
export function connectChru(options: ChruConnectorOptions): SnapshotConnector {
  return new SnapshotConnector(Tutelle.CHRU, new ChruSources(options), { maxAgeMs: options.maxAgeMs });
}
