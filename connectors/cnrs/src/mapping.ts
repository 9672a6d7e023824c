import { EquipmentStatus, ExpenseNature, euros, hubIdOf, Tutelle, VatBasis } from '@hub/schema';
import {
  type ExpenseData,
  type InventoryRecordData,
  normaliseManufacturer,
  normaliseSerial,
  normaliseUnitCode,
  type StaffMemberData,
  text,
  toIsoDate,
  toNumber,
} from '@hub/source-kit';

/*
 * From CNRS's rows to the schema's records. docs/SOURCES.md is the contract: amounts are HT with the VAT rate
 * beside them, maker and model have their own columns, `etat` says whether an asset is in service, one
 * `agent` row is one person in one unit.
 */

export interface InventaireRow {
  id: number | string;
  num_inventaire: string;
  code_unite: string;
  libelle: string;
  marque: string | null;
  modele: string | null;
  num_serie: string | null;
  date_acquisition: unknown;
  montant_ht: unknown;
  taux_tva: unknown;
  duree_amortissement: number | null;
  code_activite: string | null;
  etat: 'en service' | 'en panne' | 'réformé';
}

export interface AgentRow {
  id_agent: number | string;
  nom: string | null;
  prenom: string | null;
  statut: string;
  corps: string | null;
  bap: string | null;
  code_unite: string;
  quotite_pct: unknown;
  date_entree: unknown;
  date_sortie: unknown;
  cout_annuel: unknown;
}

export interface DepenseRow {
  id: number | string;
  code_unite: string;
  code_activite: string | null;
  date_facture: unknown;
  nature: 'consommables' | 'maintenance' | 'fluides' | 'petit_equipement' | 'mission';
  libelle: string | null;
  montant_ht: unknown;
}

const STATUS: Record<InventaireRow['etat'], EquipmentStatus> = {
  'en service': EquipmentStatus.IN_SERVICE,
  'en panne': EquipmentStatus.OUT_OF_ORDER,
  réformé: EquipmentStatus.DISPOSED,
};

const NATURE: Record<DepenseRow['nature'], ExpenseNature> = {
  consommables: ExpenseNature.CONSUMABLES,
  maintenance: ExpenseNature.MAINTENANCE,
  fluides: ExpenseNature.FLUIDS,
  petit_equipement: ExpenseNature.SMALL_EQUIPMENT,
  mission: ExpenseNature.TRAVEL,
};

/** `taux_tva` is a percentage (20.00); null where CNRS did not record one. */
function vatRate(row: InventaireRow): number | null {
  const pct = toNumber(row.taux_tva);
  return pct == null ? null : pct / 100;
}

export function toInventoryRecord(row: InventaireRow): InventoryRecordData {
  const amount = toNumber(row.montant_ht) ?? 0;
  return {
    id: hubIdOf(Tutelle.CNRS, String(row.id)),
    tutelle: Tutelle.CNRS,
    inventoryNumber: text(row.num_inventaire),
    designation: row.libelle.trim(),
    details: null,
    manufacturer: text(row.marque),
    model: text(row.modele),
    manufacturerNormalized: normaliseManufacturer(row.marque),
    serialNumber: text(row.num_serie),
    serialNumberNormalized: normaliseSerial(row.num_serie),
    commissioningDate: toIsoDate(row.date_acquisition),
    // Already HT: the rate is kept beside it, as CNRS records it.
    value: euros(amount, VatBasis.HT, vatRate(row)),
    valueHT: euros(amount, VatBasis.HT, vatRate(row)),
    usefulLifeYears: row.duree_amortissement ?? null,
    unitCode: normaliseUnitCode(row.code_unite),
    costCentre: text(row.code_activite),
    status: STATUS[row.etat],
    funding: null,
    additionCount: 0,
  };
}

export function toStaffMember(row: AgentRow): StaffMemberData {
  const cost = toNumber(row.cout_annuel);
  return {
    id: hubIdOf(Tutelle.CNRS, String(row.id_agent)),
    tutelle: Tutelle.CNRS,
    grade: text(row.corps) ?? row.statut,
    jobFamily: text(row.bap),
    firstName: text(row.prenom),
    lastName: text(row.nom),
    email: null,
    assignments: [
      {
        unitCode: normaliseUnitCode(row.code_unite) ?? row.code_unite,
        fte: (toNumber(row.quotite_pct) ?? 0) / 100,
        start: toIsoDate(row.date_entree)!,
        end: toIsoDate(row.date_sortie),
        yearlyCost: cost == null ? null : euros(cost, VatBasis.HT),
      },
    ],
  };
}

export function toExpense(row: DepenseRow): ExpenseData {
  const amount = toNumber(row.montant_ht) ?? 0;
  return {
    id: hubIdOf(Tutelle.CNRS, String(row.id)),
    tutelle: Tutelle.CNRS,
    date: toIsoDate(row.date_facture)!,
    costCentre: text(row.code_activite),
    unitCode: normaliseUnitCode(row.code_unite),
    account: row.nature,
    nature: NATURE[row.nature] ?? ExpenseNature.OTHER,
    label: text(row.libelle),
    amount: euros(amount, VatBasis.HT),
    amountHT: euros(amount, VatBasis.HT),
  };
}
