import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type CsvRow, mapRows, ReadReport, readCsv } from '@hub/connector-files';
import { createHttpJsonClient, fetchAllPages, type HttpJsonClient } from '@hub/connector-http';
import { Tutelle } from '@hub/schema';
import { type ReadOptions, type Snapshot, SnapshotConnector, type SnapshotSource } from '@hub/source-kit';
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

const FILES = { staff: 'personnels_recherche.csv', expenses: 'depenses_uf.csv' };

const GMAO = 'CHRU/gmao';
const EMPTY: Snapshot = { inventory: [], staff: [], expenses: [], reads: [] };

/** Every GMAO page, mapped; every rejected item reported. The API has no change feed: re-read on `maxAgeMs`. */
class GmaoSource implements SnapshotSource {
  readonly name = GMAO;
  readonly parts = ['inventory'] as const;
  private readonly client: HttpJsonClient;

  constructor(options: ChruConnectorOptions['gmao']) {
    this.client = createHttpJsonClient({ source: GMAO, ...options });
  }

  async version(): Promise<string> {
    return 'api';
  }

  async read({ signal }: Required<ReadOptions>): Promise<Snapshot> {
    const gmao = new ReadReport(GMAO);
    const pages = fetchAllPages<GmaoItem>(this.client, '/api/v1/equipements', { signal });
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
    return { ...EMPTY, inventory, reads: [gmao.summary()] };
  }
}

/** One CSV export of the folder, mapped; every rejected row reported. A new drop is a new version. */
class ExportSource<Part extends 'staff' | 'expenses'> implements SnapshotSource {
  readonly parts: readonly Part[];

  constructor(
    readonly name: string,
    private readonly file: string,
    private readonly part: Part,
    private readonly headers: readonly string[],
    private readonly map: (row: CsvRow) => Snapshot[Part][number],
  ) {
    this.parts = [part];
  }

  async version(): Promise<string> {
    return stat(this.file).then(
      (s) => String(s.mtimeMs),
      () => 'missing',
    );
  }

  async read(options: Required<ReadOptions>): Promise<Snapshot> {
    const report = new ReadReport(this.name);
    const rows = readCsv(this.file, report, { expectedHeaders: this.headers });
    const mapped = await mapRows(rows, report, (row) => row.location, this.map, options);
    return { ...EMPTY, [this.part]: mapped, reads: [report.summary()] };
  }
}

/**
 * CHRU de Nancy: the GMAO API read page by page within its rate limit, and the two CSV exports, answered
 * from memory. Three sources read apart: one that fails (the API refusing, an export missing) leaves the
 * other two answering.
 */
export function connectChru(options: ChruConnectorOptions): SnapshotConnector {
  const file = (name: string) => path.join(options.exportsFolder, name);
  return new SnapshotConnector(
    Tutelle.CHRU,
    [
      new GmaoSource(options.gmao),
      new ExportSource('CHRU/personnels', file(FILES.staff), 'staff', PERSONNELS_HEADERS, toStaffMember),
      new ExportSource('CHRU/depenses', file(FILES.expenses), 'expenses', DEPENSES_HEADERS, toExpense),
    ],
    { maxAgeMs: options.maxAgeMs },
  );
}
