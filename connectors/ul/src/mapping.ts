import { EquipmentStatus, euros, hubIdOf, roundCents, Tutelle, toHT, VatBasis } from '@hub/schema';
import {
  type ExpenseData,
  type InventoryRecordData,
  natureOfAccount,
  normaliseManufacturer,
  normaliseSerial,
  normaliseUnitCode,
  type StaffMemberData,
  splitMakerModel,
  text,
  toIsoDate,
  toNumber,
} from '@hub/source-kit';

/*
 * From UL's rows (SIFAC, SIHAM) to the schema's records. docs/SOURCES.md is the contract: amounts are TTC
 * with no rate given (20 % applies), `sous_num` > 0 are additions to the asset `sous_num` = 0, unit codes
 * hide behind the '951' prefix of `centre_fin`, `quotite` is a percentage.
 */

export interface ImmobilisationRow {
  num_immo: string;
  sous_num: number;
  designation: string;
  designation2: string | null;
  num_serie: string | null;
  num_inventaire: string | null;
  date_mes: unknown;
  valeur_acq: unknown;
  duree_amort: number | null;
  centre_fin: string;
  centre_couts: string | null;
  financement: string | null;
}

export interface AgentRow {
  matricule: string;
  nom: string;
  prenom: string;
  corps: string;
  bap: string | null;
  email: string | null;
}

export interface AffectationRow {
  matricule: string;
  structure: string;
  quotite: unknown;
  date_debut: unknown;
  date_fin: unknown;
  cout_annuel_charge: unknown;
}

export interface DepenseRow {
  id: unknown;
  date_comptable: unknown;
  centre_fin: string;
  centre_couts: string | null;
  compte: string;
  libelle: string | null;
  montant: unknown;
}

/** '951UMR7198' → 'UMR7198': UL prefixes its financial centres with '951'. */
export function unitFromCentreFin(centreFin: string): string | null {
  return normaliseUnitCode(centreFin.trim().replace(/^951/, ''));
}

/**
 * One asset from its rows, the asset (`sous_num` 0) first: additions add their value and count, the
 * description stays the asset's.
 */
export function toInventoryRecord(rows: readonly ImmobilisationRow[]): InventoryRecordData {
  const [asset, ...additions] = rows;
  if (asset?.sous_num !== 0) throw new Error(`asset rows must start with sous_num 0`);
  const valueTTC = rows.reduce((sum, row) => sum + (toNumber(row.valeur_acq) ?? 0), 0);
  // HT line by line, then summed: each line was bought, and converted, on its own; converting the sum
  // would lose or gain a cent now and then against the shares the tutelles agreed.
  const valueHT = rows.reduce(
    (sum, row) => sum + toHT(toNumber(row.valeur_acq) ?? 0, VatBasis.TTC).amount,
    0,
  );
  return {
    id: hubIdOf(Tutelle.UL, asset.num_immo),
    tutelle: Tutelle.UL,
    inventoryNumber: text(asset.num_inventaire),
    designation: asset.designation.trim(),
    details: text(asset.designation2),
    ...makerAndModel(asset),
    serialNumber: text(asset.num_serie),
    serialNumberNormalized: normaliseSerial(asset.num_serie),
    commissioningDate: toIsoDate(asset.date_mes),
    value: euros(valueTTC, VatBasis.TTC),
    valueHT: { ...toHT(valueTTC, VatBasis.TTC), amount: roundCents(valueHT) },
    usefulLifeYears: asset.duree_amort ?? null,
    unitCode: unitFromCentreFin(asset.centre_fin),
    costCentre: text(asset.centre_couts),
    status: EquipmentStatus.IN_SERVICE,
    funding: text(asset.financement),
    additionCount: additions.length,
  };
}

/**
 * SIFAC has no maker or model column: they are typed in `designation2` ('BRUKER D8 ADVANCE') or at the end
 * of the designation ('UVVIS SHIMADZU UV-3600i Plus'), when at all.
 */
function makerAndModel(asset: ImmobilisationRow) {
  const words = asset.designation.trim().split(/\s+/);
  const found =
    splitMakerModel(asset.designation2) ??
    words.map((_, i) => splitMakerModel(words.slice(i).join(' '))).find((split) => split != null) ??
    null;
  return {
    manufacturer: found?.manufacturer ?? null,
    model: found?.model ?? null,
    manufacturerNormalized: normaliseManufacturer(found?.manufacturer),
  };
}

/** Rows ordered by (num_immo, sous_num) → one record per asset. */
export function rollUpAssets(rows: readonly ImmobilisationRow[]): InventoryRecordData[] {
  const records: InventoryRecordData[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i]!.num_immo !== rows[start]!.num_immo) {
      records.push(toInventoryRecord(rows.slice(start, i)));
      start = i;
    }
  }
  return records;
}

export function toStaffMember(agent: AgentRow, affectations: readonly AffectationRow[]): StaffMemberData {
  return {
    id: hubIdOf(Tutelle.UL, agent.matricule),
    tutelle: Tutelle.UL,
    grade: agent.corps.trim(),
    jobFamily: text(agent.bap),
    firstName: agent.prenom,
    lastName: agent.nom,
    email: text(agent.email),
    assignments: affectations.map((a) => {
      const cost = toNumber(a.cout_annuel_charge);
      return {
        unitCode: normaliseUnitCode(a.structure) ?? a.structure,
        fte: (toNumber(a.quotite) ?? 0) / 100,
        start: toIsoDate(a.date_debut)!,
        end: toIsoDate(a.date_fin),
        // Staff costs carry no VAT: HT is what they are.
        yearlyCost: cost == null ? null : euros(cost, VatBasis.HT),
      };
    }),
  };
}

export function toExpense(row: DepenseRow): ExpenseData {
  const amount = toNumber(row.montant) ?? 0;
  return {
    id: hubIdOf(Tutelle.UL, String(row.id)),
    tutelle: Tutelle.UL,
    date: toIsoDate(row.date_comptable)!,
    costCentre: text(row.centre_couts),
    unitCode: unitFromCentreFin(row.centre_fin),
    account: row.compte,
    nature: natureOfAccount(row.compte),
    label: text(row.libelle),
    amount: euros(amount, VatBasis.TTC),
    amountHT: toHT(amount, VatBasis.TTC),
  };
}
