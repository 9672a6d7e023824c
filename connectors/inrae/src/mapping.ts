import {
  type CellValue,
  cellToIsoDate,
  cellToNumber,
  convertField,
  RowError,
  requiredField,
  type SheetRow,
} from '@hub/connector-files';
import { EquipmentStatus, ExpenseNature, euros, hubIdOf, Tutelle, toHT, VatBasis } from '@hub/schema';
import {
  type ExpenseData,
  type InventoryRecordData,
  normaliseManufacturer,
  normaliseSerial,
  normaliseUnitCode,
  type StaffMemberData,
} from '@hub/source-kit';

/*
 * From INRAE's sheets to the schema's records. docs/SOURCES.md is the contract: amounts TTC (20 % applies),
 * sometimes typed as text with a decimal comma; dates Excel dates or `dd/mm/yyyy` typed by hand; units
 * named with their acronym (`UMR 1136 IAM`). A row the mapper cannot read is rejected with its reason.
 */

export const EQUIPEMENTS_HEADERS = [
  'Centre',
  'Unité',
  'N° inventaire',
  'Libellé',
  'Fabricant',
  'Modèle',
  'N° série',
  "Date d'achat",
  "Prix d'achat TTC (€)",
  'Durée amortissement (ans)',
  'Code plateforme',
  'Statut',
];
export const AGENTS_HEADERS = [
  'Matricule',
  'Nom',
  'Prénom',
  'Corps',
  'Unité',
  'Quotité (%)',
  'Date début',
  'Date fin',
  'Coût chargé annuel (€)',
];
export const DEPENSES_HEADERS = ['Date', 'Unité', 'Code plateforme', 'Nature', 'Libellé', 'Montant TTC (€)'];

const STATUS: Record<string, EquipmentStatus> = {
  'en service': EquipmentStatus.IN_SERVICE,
  'hors service': EquipmentStatus.OUT_OF_ORDER,
  réformé: EquipmentStatus.DISPOSED,
};

const NATURE: Record<string, ExpenseNature> = {
  consommables: ExpenseNature.CONSUMABLES,
  maintenance: ExpenseNature.MAINTENANCE,
  fluides: ExpenseNature.FLUIDS,
  'petit équipement': ExpenseNature.SMALL_EQUIPMENT,
  missions: ExpenseNature.TRAVEL,
};

function textOf(cell: CellValue | undefined): string | null {
  if (cell == null) return null;
  const t = (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();
  return t === '' ? null : t;
}

function required(cells: Record<string, CellValue>, header: string): string {
  return requiredField(header, textOf(cells[header]));
}

/** A cell read by a converter that throws on a bad value: the header is named in the reason. */
function read<T>(cells: Record<string, CellValue>, header: string, convert: (cell: CellValue) => T): T {
  return convertField(header, cells[header] ?? null, convert);
}

function lookup<T>(table: Record<string, T>, cells: Record<string, CellValue>, header: string): T {
  const value = required(cells, header);
  const found = table[value.toLocaleLowerCase('fr')];
  if (found === undefined) throw new RowError(`${header}: unknown value ${JSON.stringify(value)}`);
  return found;
}

export function toInventoryRecord({ cells }: SheetRow): InventoryRecordData {
  const ttc = requiredField("Prix d'achat TTC (€)", read(cells, "Prix d'achat TTC (€)", cellToNumber));
  const serial = textOf(cells['N° série']);
  return {
    id: hubIdOf(Tutelle.INRAE, required(cells, 'N° inventaire')),
    tutelle: Tutelle.INRAE,
    inventoryNumber: required(cells, 'N° inventaire'),
    designation: required(cells, 'Libellé'),
    details: null,
    manufacturer: textOf(cells.Fabricant),
    model: textOf(cells.Modèle),
    manufacturerNormalized: normaliseManufacturer(textOf(cells.Fabricant)),
    serialNumber: serial,
    serialNumberNormalized: normaliseSerial(serial),
    commissioningDate: read(cells, "Date d'achat", cellToIsoDate),
    value: euros(ttc, VatBasis.TTC),
    valueHT: toHT(ttc, VatBasis.TTC),
    usefulLifeYears: read(cells, 'Durée amortissement (ans)', cellToNumber),
    unitCode: normaliseUnitCode(textOf(cells.Unité)),
    costCentre: textOf(cells['Code plateforme']),
    status: lookup(STATUS, cells, 'Statut'),
    funding: null,
    additionCount: 0,
  };
}

export function toStaffMember({ cells }: SheetRow): StaffMemberData {
  const start = requiredField('Date début', read(cells, 'Date début', cellToIsoDate));
  const cost = read(cells, 'Coût chargé annuel (€)', cellToNumber);
  return {
    id: hubIdOf(Tutelle.INRAE, required(cells, 'Matricule')),
    tutelle: Tutelle.INRAE,
    grade: required(cells, 'Corps'),
    jobFamily: null,
    firstName: textOf(cells.Prénom),
    lastName: textOf(cells.Nom),
    email: null,
    assignments: [
      {
        unitCode: normaliseUnitCode(required(cells, 'Unité')) ?? required(cells, 'Unité'),
        fte: (read(cells, 'Quotité (%)', cellToNumber) ?? 0) / 100,
        start,
        end: read(cells, 'Date fin', cellToIsoDate),
        yearlyCost: cost == null ? null : euros(cost, VatBasis.HT),
      },
    ],
  };
}

/** Expenses have no id of their own in the extraction: their place in it is theirs. */
export function toExpense(row: SheetRow): ExpenseData {
  const { cells } = row;
  const date = requiredField('Date', read(cells, 'Date', cellToIsoDate));
  const amount = requiredField('Montant TTC (€)', read(cells, 'Montant TTC (€)', cellToNumber));
  return {
    id: hubIdOf(Tutelle.INRAE, row.location),
    tutelle: Tutelle.INRAE,
    date,
    costCentre: textOf(cells['Code plateforme']),
    unitCode: normaliseUnitCode(textOf(cells.Unité)),
    account: textOf(cells.Nature),
    nature: NATURE[(textOf(cells.Nature) ?? '').toLocaleLowerCase('fr')] ?? ExpenseNature.OTHER,
    label: textOf(cells.Libellé),
    amount: euros(amount, VatBasis.TTC),
    amountHT: toHT(amount, VatBasis.TTC),
  };
}
