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
  type AffectationRow,
  type AgentRow,
  type DepenseRow,
  type ImmobilisationRow,
  rollUpAssets,
  toExpense,
  toStaffMember,
} from './mapping';

/** UL's finance company code in SIFAC: every row has it. */
const SOCIETE = 'UL00';
const ASSET_COLUMNS = `i.num_immo, i.sous_num, i.designation, i.designation2, i.num_serie, i.num_inventaire,
  i.date_mes, i.valeur_acq, i.duree_amort, i.centre_fin, i.centre_couts, i.financement`;
/** An asset or addition exists while it has no disposal date, or one still to come. */
const IN_SERVICE = (alias: string) => `(${alias}.date_sortie IS NULL OR ${alias}.date_sortie > ?)`;

export interface UlConnectorOptions {
  /** The reporting replica (PostgreSQL), or SQLite files with the same schemas for the embedded demo. */
  database: SqlSourceConfig;
  /** Reference date for disposals; today by default. */
  asOf?: () => string;
}

/**
 * Université de Lorraine, read from the reporting replica of SIFAC (assets, expenses) and SIHAM (staff).
 * Each method is one or two SQL statements for any number of keys.
 */
export class UlConnector implements TutelleConnector {
  readonly tutelle = Tutelle.UL;

  private constructor(
    readonly source: SqlSource,
    private readonly asOf: () => string,
  ) {}

  static async connect(options: UlConnectorOptions): Promise<UlConnector> {
    const source = await SqlSource.connect('UL/sifac+siham', options.database);
    return new UlConnector(source, options.asOf ?? (() => new Date().toISOString().slice(0, 10)));
  }

  /** Assets whose main line serves one of `codes`, additions included wherever they are booked. */
  async inventoryByCostCentres(
    codes: readonly string[],
    options?: ReadOptions,
  ): Promise<Map<string, InventoryRecordData[]>> {
    if (codes.length === 0) return new Map();
    const records = await this.assetsWhere('m.centre_couts', codes, options);
    return groupBy(codes, records, (record) => record.costCentre ?? '');
  }

  async inventoryByIds(
    ids: readonly string[],
    options?: ReadOptions,
  ): Promise<Map<string, InventoryRecordData>> {
    const keys = this.keysOf(ids);
    if (keys.length === 0) return new Map();
    const records = await this.assetsWhere('m.num_immo', keys, options);
    return new Map(records.map((record) => [record.id, record]));
  }

  /**
   * One statement: the assets (`sous_num` 0, alias `m`) whose `column` is in `values` and that are in
   * service, joined with their own lines and additions (alias `i`) still in service, rolled up per asset.
   */
  private async assetsWhere(
    column: 'm.centre_couts' | 'm.num_immo',
    values: readonly string[],
    options?: ReadOptions,
  ) {
    const today = this.asOf();
    const rows = await this.source.query<ImmobilisationRow>(
      `SELECT ${ASSET_COLUMNS}
         FROM sifac.immobilisation m
         JOIN sifac.immobilisation i ON i.societe = m.societe AND i.num_immo = m.num_immo
        WHERE m.societe = ? AND m.sous_num = 0 AND ${column} IN (${SqlSource.placeholders(values.length)})
          AND ${IN_SERVICE('m')} AND ${IN_SERVICE('i')}
        ORDER BY i.num_immo, i.sous_num`,
      [SOCIETE, ...values, today, today],
      options,
    );
    return rollUpAssets(rows);
  }

  /** SIFAC records no change time: every read is whole, and a disposed asset is one that is gone. */
  readonly incremental = false;

  /** Every asset in service with its additions, by `num_immo`: resumable after any page. */
  async *readInventory(options: InventoryReadOptions = {}): AsyncIterable<InventoryPage> {
    const size = options.pageSize ?? DEFAULT_INVENTORY_PAGE_SIZE;
    const today = this.asOf();
    let after = options.after ?? '';
    for (;;) {
      const rows = await this.source.query<ImmobilisationRow>(
        `SELECT ${ASSET_COLUMNS}
           FROM sifac.immobilisation m
           JOIN sifac.immobilisation i ON i.societe = m.societe AND i.num_immo = m.num_immo
          WHERE m.societe = ? AND m.sous_num = 0 AND ${IN_SERVICE('m')} AND ${IN_SERVICE('i')}
            AND m.num_immo IN (SELECT a.num_immo FROM sifac.immobilisation a
                                WHERE a.societe = ? AND a.sous_num = 0 AND a.num_immo > ? AND ${IN_SERVICE('a')}
                                ORDER BY a.num_immo LIMIT ${size})
          ORDER BY i.num_immo, i.sous_num`,
        [SOCIETE, today, today, SOCIETE, after, today],
        options,
      );
      const records = rollUpAssets(rows);
      if (records.length === 0) return;
      after = rows.at(-1)!.num_immo;
      yield { records, cursor: after, changedUpTo: null };
      if (records.length < size) return;
    }
  }

  /** Hub ids of UL records → SIFAC/SIHAM keys; other tutelles' ids are not UL's to answer. */
  private keysOf(ids: readonly string[]): string[] {
    return ids.map((id) => sourceKey(Tutelle.UL, id)).filter((k): k is string => k != null);
  }

  async staffByIds(ids: readonly string[], options?: ReadOptions): Promise<Map<string, StaffMemberData>> {
    const keys = this.keysOf(ids);
    if (keys.length === 0) return new Map();
    const list = SqlSource.placeholders(keys.length);
    const [agents, affectations] = await Promise.all([
      this.source.query<AgentRow>(
        `SELECT matricule, nom, prenom, corps, bap, email FROM siham.agent WHERE matricule IN (${list})`,
        keys,
        options,
      ),
      this.source.query<AffectationRow>(
        `SELECT matricule, structure, quotite, date_debut, date_fin, cout_annuel_charge
           FROM siham.affectation WHERE matricule IN (${list}) ORDER BY matricule, date_debut`,
        keys,
        options,
      ),
    ]);
    const byAgent = groupBy(keys, affectations, (a) => a.matricule);
    return new Map(
      agents.map((agent) => {
        const member = toStaffMember(agent, byAgent.get(agent.matricule) ?? []);
        return [member.id, member];
      }),
    );
  }

  async expensesByCostCentres(
    codes: readonly string[],
    year: number | null,
    options?: ReadOptions,
  ): Promise<Map<string, ExpenseData[]>> {
    if (codes.length === 0) return new Map();
    const period = year == null ? '' : 'AND date_comptable >= ? AND date_comptable < ?';
    const rows = await this.source.query<DepenseRow>(
      `SELECT id, date_comptable, centre_fin, centre_couts, compte, libelle, montant
         FROM sifac.depense WHERE centre_couts IN (${SqlSource.placeholders(codes.length)}) ${period}
        ORDER BY date_comptable, id`,
      year == null ? codes : [...codes, `${year}-01-01`, `${year + 1}-01-01`],
      options,
    );
    return groupBy(codes, rows.map(toExpense), (expense) => expense.costCentre ?? '');
  }

  async health(): Promise<SourceHealth[]> {
    return [
      await this.source.health(['sifac.immobilisation', 'sifac.depense', 'siham.agent', 'siham.affectation']),
    ];
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
