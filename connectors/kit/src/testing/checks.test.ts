import { EquipmentStatus, ExpenseNature, euros, Tutelle, toHT, VatBasis } from '@hub/schema';
import type { ExpenseData, InventoryRecordData, StaffMemberData } from '../connector';
import { expenseProblems, inventoryProblems, staffProblems } from './checks';

const record: InventoryRecordData = {
  id: 'UL:000020004512',
  tutelle: Tutelle.UL,
  inventoryNumber: 'UL-2019-004512',
  designation: 'DIFFRACTOMETRE RX',
  details: null,
  manufacturer: 'Bruker AXS',
  model: 'D8 ADVANCE',
  manufacturerNormalized: 'BRUKER',
  serialNumber: 'S/N 1234-ab',
  serialNumberNormalized: '1234AB',
  commissioningDate: '2019-03-14',
  value: euros(240000, VatBasis.TTC),
  valueHT: toHT(240000, VatBasis.TTC),
  usefulLifeYears: 7,
  unitCode: 'UMR7198',
  costCentre: 'PF-XGAMMA',
  status: EquipmentStatus.IN_SERVICE,
  funding: null,
  additionCount: 0,
};

const member: StaffMemberData = {
  id: 'UL:00123456',
  tutelle: Tutelle.UL,
  grade: 'IGR',
  jobFamily: 'C',
  firstName: 'Marie',
  lastName: 'DUPONT',
  email: null,
  assignments: [
    { unitCode: 'UMR7198', fte: 0.8, start: '2018-09-01', end: null, yearlyCost: euros(62000, VatBasis.HT) },
  ],
};

const expense: ExpenseData = {
  id: 'UL:1',
  tutelle: Tutelle.UL,
  date: '2025-03-10',
  costCentre: 'PF-XGAMMA',
  unitCode: 'UMR7198',
  account: '606300',
  nature: ExpenseNature.CONSUMABLES,
  label: null,
  amount: euros(1200, VatBasis.TTC),
  amountHT: toHT(1200, VatBasis.TTC),
};

/** The kit's checks find what a mapping gets wrong, each problem named, and pass a right one. */
describe('contract checks of mapped records', () => {
  it('pass records mapped as the schema promises', () => {
    expect(inventoryProblems(Tutelle.UL, record)).toEqual([]);
    expect(staffProblems(Tutelle.UL, member)).toEqual([]);
    expect(expenseProblems(Tutelle.UL, expense)).toEqual([]);
  });

  it('name every problem of an inventory record', () => {
    const problems = inventoryProblems(Tutelle.UL, {
      ...record,
      id: '000020004512',
      tutelle: Tutelle.CNRS,
      value: { amount: 240000.123, currency: 'EUR', basis: VatBasis.TTC },
      valueHT: euros(200000, VatBasis.TTC),
      commissioningDate: '14/03/2019',
      unitCode: 'UMR 7198',
      manufacturerNormalized: 'Bruker AXS',
      serialNumberNormalized: 'S/N 1234-ab',
      usefulLifeYears: 7.5,
    });
    expect(problems).toEqual([
      '"000020004512": tutelle is "CNRS", not "UL"',
      '"000020004512": id "000020004512" is not "UL:<the source\'s own key>"',
      '"000020004512": value.amount 240000.123 is not rounded to the cent',
      '"000020004512": valueHT.basis is "TTC", not "HT"',
      '"000020004512": commissioningDate "14/03/2019" is not a date \'YYYY-MM-DD\'',
      '"000020004512": unitCode "UMR 7198" is not normalised (normaliseUnitCode gives "UMR7198")',
      '"000020004512": manufacturerNormalized "Bruker AXS" is not normaliseManufacturer("Bruker AXS")',
      '"000020004512": serialNumberNormalized "S/N 1234-ab" is not normaliseSerial("S/N 1234-ab")',
      '"000020004512": usefulLifeYears 7.5 is not a whole number (GraphQL Int)',
    ]);
  });

  it('refuse days that do not exist, percentages for shares, and other currencies', () => {
    expect(
      staffProblems(Tutelle.UL, {
        ...member,
        assignments: [{ unitCode: 'UMR7198', fte: 80, start: '2019-02-30', end: null, yearlyCost: null }],
      }),
    ).toEqual([
      '"UL:00123456": assignments[0].start "2019-02-30" is not a date \'YYYY-MM-DD\'',
      '"UL:00123456": assignments[0].fte 80 is not a share of full time (0, 1]',
    ]);
    expect(
      expenseProblems(Tutelle.UL, { ...expense, amount: { ...expense.amount, currency: 'USD' } }),
    ).toEqual(['"UL:1": amount.currency is "USD", not "EUR"']);
  });
});
