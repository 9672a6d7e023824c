import { SqlSource, type SqlSourceConfig } from '@hub/connector-sql';
import { Tutelle } from '@hub/schema';
import {
  DEFAULT_INVENTORY_PAGE_SIZE,
  type ExpenseData,
  groupBy,
  type InventoryPage,
  type InventoryReadOptions,
  type InventoryRecordData,
  type ReadOptions,
  type SourceHealth,
  type StaffMemberData,
  sourceKey,
  type TutelleConnector,
} from '@hub/source-kit';
import {
  type AgentRow,
  type DepenseRow,
  type InventaireRow,
  toExpense,
  toInventoryRecord,
  toStaffMember,
} from './mapping';

const INVENTAIRE_COLUMNS = `id, num_inventaire, code_unite, libelle, marque, modele, num_serie, date_acquisition,
  montant_ht, taux_tva, duree_amortissement, code_activite, etat`;

/** `maj` as the source writes it, 'YYYY-MM-DD hh:mm:ss', whatever the driver made of it. */
function sourceTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  return String(value).slice(0, 19);
}

function splitCursor(cursor: string): [string, number] {
  const at = cursor.lastIndexOf('|');
  return [cursor.slice(0, at), Number(cursor.slice(at + 1))];
}

export interface CnrsConnectorOptions {
  /** The MariaDB replica, or a SQLite file with the same tables for the embedded demo. */
  database: SqlSourceConfig;
  /** The database holding the tables; `cnrs_dr06` at the délégation. */
  schema?: string;
}

/**
 * CNRS délégation Centre-Est, read from its MariaDB replica. Each method is one SQL statement for any
 * number of keys.
 */
export class CnrsConnector implements TutelleConnector {
  readonly tutelle = Tutelle.CNRS;

  private constructor(
    readonly source: SqlSource,
    private readonly schema: string,
  ) {}

  static async connect(options: CnrsConnectorOptions): Promise<CnrsConnector> {
    const schema = options.schema ?? 'cnrs_dr06';
    if (!/^\w+$/.test(schema)) throw new Error(`Invalid CNRS database name ${JSON.stringify(schema)}`);
    return new CnrsConnector(await SqlSource.connect(`CNRS/${schema}`, options.database), schema);
  }

  /** Assets on each activity code, those retired (`réformé`) left out. */
  async inventoryByCostCentres(
    codes: readonly string[],
    options?: ReadOptions,
  ): Promise<Map<string, InventoryRecordData[]>> {
    if (codes.length === 0) return new Map();
    const rows = await this.source.query<InventaireRow>(
      `SELECT ${INVENTAIRE_COLUMNS} FROM ${this.schema}.inventaire
        WHERE code_activite IN (${SqlSource.placeholders(codes.length)}) AND etat <> 'réformé'
        ORDER BY num_inventaire, id`,
      codes,
      options,
    );
    return groupBy(codes, rows.map(toInventoryRecord), (record) => record.costCentre ?? '');
  }

  async inventoryByIds(
    ids: readonly string[],
    options?: ReadOptions,
  ): Promise<Map<string, InventoryRecordData>> {
    const keys = this.keysOf(ids);
    if (keys.length === 0) return new Map();
    const rows = await this.source.query<InventaireRow>(
      `SELECT ${INVENTAIRE_COLUMNS} FROM ${this.schema}.inventaire WHERE id IN (${SqlSource.placeholders(keys.length)})`,
      keys,
      options,
    );
    return new Map(rows.map(toInventoryRecord).map((record) => [record.id, record]));
  }

  async staffByIds(ids: readonly string[], options?: ReadOptions): Promise<Map<string, StaffMemberData>> {
    const keys = this.keysOf(ids);
    if (keys.length === 0) return new Map();
    const rows = await this.source.query<AgentRow>(
      `SELECT id_agent, nom, prenom, statut, corps, bap, code_unite, quotite_pct, date_entree, date_sortie, cout_annuel
         FROM ${this.schema}.agent WHERE id_agent IN (${SqlSource.placeholders(keys.length)})`,
      keys,
      options,
    );
    return new Map(rows.map(toStaffMember).map((member) => [member.id, member]));
  }

  async expensesByCostCentres(
    codes: readonly string[],
    year: number | null,
    options?: ReadOptions,
  ): Promise<Map<string, ExpenseData[]>> {
    if (codes.length === 0) return new Map();
    const period = year == null ? '' : 'AND date_facture >= ? AND date_facture < ?';
    const rows = await this.source.query<DepenseRow>(
      `SELECT id, code_unite, code_activite, date_facture, nature, libelle, montant_ht FROM ${this.schema}.depense
        WHERE code_activite IN (${SqlSource.placeholders(codes.length)}) ${period}
        ORDER BY date_facture, id`,
      year == null ? codes : [...codes, `${year}-01-01`, `${year + 1}-01-01`],
      options,
    );
    return groupBy(codes, rows.map(toExpense), (expense) => expense.costCentre ?? '');
  }

  /** `maj` records every change: a read can start after the last one it saw. */
  readonly incremental = true;

  /** Every asset, retired ones included (a sync must see them go), by (maj, id): resumable and incremental. */
  async *readInventory(options: InventoryReadOptions = {}): AsyncIterable<InventoryPage> {
    const size = options.pageSize ?? DEFAULT_INVENTORY_PAGE_SIZE;
    // Strictly after `changedSince`; exactly after the cursor's (maj, id) when resuming.
    let [maj, id] = options.after
      ? splitCursor(options.after)
      : options.changedSince
        ? [options.changedSince, Number.MAX_SAFE_INTEGER]
        : ['', -1];
    for (;;) {
      const rows = await this.source.query<InventaireRow & { maj: unknown }>(
        `SELECT ${INVENTAIRE_COLUMNS}, maj FROM ${this.schema}.inventaire
          WHERE maj > ? OR (maj = ? AND id > ?) ORDER BY maj, id LIMIT ${size}`,
        [maj, maj, id],
        options,
      );
      if (rows.length === 0) return;
      const last = rows.at(-1)!;
      [maj, id] = [sourceTime(last.maj), Number(last.id)];
      yield { records: rows.map(toInventoryRecord), cursor: `${maj}|${id}`, changedUpTo: maj };
      if (rows.length < size) return;
    }
  }

  /** Hub ids of CNRS records → CNRS keys; other tutelles' ids are not CNRS's to answer. */
  private keysOf(ids: readonly string[]): string[] {
    return ids.map((id) => sourceKey(Tutelle.CNRS, id)).filter((k): k is string => k != null);
  }

  async health(): Promise<SourceHealth[]> {
    return [await this.source.health(['inventaire', 'agent', 'depense'].map((t) => `${this.schema}.${t}`))];
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
