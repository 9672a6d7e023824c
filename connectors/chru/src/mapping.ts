import {
  type CsvRow,
  convertField,
  parseFrenchDate,
  parseFrenchNumber,
  RowError,
  requiredField,
} from '@hub/connector-files';
import { EquipmentStatus, euros, hubIdOf, Tutelle, toHT, VatBasis } from '@hub/schema';
import {
  type ExpenseData,
  type InventoryRecordData,
  natureOfAccount,
  normaliseManufacturer,
  normaliseSerial,
  type StaffMemberData,
  text,
} from '@hub/source-kit';

/*
 * From the CHRU's GMAO items and CSV exports to the schema's records. docs/SOURCES.md is the contract: the
 * API's values say whether they are TTC; the CSVs are TTC with decimal commas and `dd/mm/yyyy` dates; the UF
 * (functional unit) is the hospital's cost centre.
 */

/** A GMAO equipment item as the API returns it. */
export interface GmaoItem {
  id: string;
  libelle: string;
  marque: string | null;
  modele: string | null;
  numeroSerie: string | null;
  dateMiseEnService: string | null;
  valeurAchat: { montant: number; devise: string; ttc: boolean } | null;
  dureeAmortissement: number | null;
  uf: string;
  service: string | null;
  etat: 'EN_SERVICE' | 'EN_PANNE' | 'REFORME';
}

export const PERSONNELS_HEADERS = [
  'Matricule',
  'Nom',
  'Prénom',
  'Grade',
  'UF',
  'Quotité',
  'Date entrée',
  'Date sortie',
  'Coût annuel chargé',
];
export const DEPENSES_HEADERS = ['Date', 'UF', 'Compte', 'Libellé', 'Montant'];

const STATUS: Record<string, EquipmentStatus> = {
  EN_SERVICE: EquipmentStatus.IN_SERVICE,
  EN_PANNE: EquipmentStatus.OUT_OF_ORDER,
  REFORME: EquipmentStatus.DISPOSED,
};

export function toInventoryRecord(item: GmaoItem): InventoryRecordData {
  const status = STATUS[item.etat];
  if (!status) throw new RowError(`etat: unknown value ${JSON.stringify(item.etat)}`);
  const price = item.valeurAchat;
  if (!price || typeof price.montant !== 'number') throw new RowError('valeurAchat is missing');
  if (price.devise !== 'EUR') throw new RowError(`valeurAchat: currency ${price.devise} is not EUR`);
  const basis = price.ttc ? VatBasis.TTC : VatBasis.HT;
  const date = item.dateMiseEnService;
  if (date != null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RowError(`dateMiseEnService: ${date}`);
  return {
    id: hubIdOf(Tutelle.CHRU, item.id),
    tutelle: Tutelle.CHRU,
    inventoryNumber: item.id,
    designation: item.libelle,
    details: text(item.service),
    manufacturer: text(item.marque),
    model: text(item.modele),
    manufacturerNormalized: normaliseManufacturer(item.marque),
    serialNumber: text(item.numeroSerie),
    serialNumberNormalized: normaliseSerial(item.numeroSerie),
    commissioningDate: date,
    value: euros(price.montant, basis),
    valueHT: toHT(price.montant, basis),
    usefulLifeYears: item.dureeAmortissement,
    unitCode: null,
    costCentre: text(item.uf),
    status,
    funding: null,
    additionCount: 0,
  };
}

function cell(row: CsvRow, header: string): string | null {
  return text(row.cells[header]);
}

function required(row: CsvRow, header: string): string {
  return requiredField(header, cell(row, header));
}

function converted<T>(row: CsvRow, header: string, convert: (value: string) => T): T | null {
  const value = cell(row, header);
  return value == null ? null : convertField(header, value, convert);
}

export function toStaffMember(row: CsvRow): StaffMemberData {
  const start = requiredField('Date entrée', converted(row, 'Date entrée', parseFrenchDate));
  // 'Quotité' is typed as a percentage (80) or a fraction (0,8).
  const share = converted(row, 'Quotité', parseFrenchNumber) ?? 0;
  const cost = converted(row, 'Coût annuel chargé', parseFrenchNumber);
  return {
    id: hubIdOf(Tutelle.CHRU, required(row, 'Matricule')),
    tutelle: Tutelle.CHRU,
    grade: required(row, 'Grade'),
    jobFamily: null,
    firstName: cell(row, 'Prénom'),
    lastName: cell(row, 'Nom'),
    email: null,
    assignments: [
      {
        unitCode: required(row, 'UF'),
        fte: share > 1 ? share / 100 : share,
        start,
        end: converted(row, 'Date sortie', parseFrenchDate),
        yearlyCost: cost == null ? null : euros(cost, VatBasis.HT),
      },
    ],
  };
}

export function toExpense(row: CsvRow): ExpenseData {
  const date = requiredField('Date', converted(row, 'Date', parseFrenchDate));
  const amount = requiredField('Montant', converted(row, 'Montant', parseFrenchNumber));
  const account = required(row, 'Compte');
  return {
    // The export has no id: its place in the file is the line's.
    id: hubIdOf(Tutelle.CHRU, row.location),
    tutelle: Tutelle.CHRU,
    date,
    costCentre: required(row, 'UF'),
    unitCode: null,
    account,
    nature: natureOfAccount(account),
    label: cell(row, 'Libellé'),
    amount: euros(amount, VatBasis.TTC),
    amountHT: toHT(amount, VatBasis.TTC),
  };
}
