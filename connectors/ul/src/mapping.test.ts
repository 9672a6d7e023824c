import { ExpenseNature } from '@hub/schema';
import { natureOfAccount } from '@hub/source-kit';
import { type ImmobilisationRow, rollUpAssets, unitFromCentreFin } from './mapping';

const row = (num_immo: string, sous_num: number, valeur_acq: string): ImmobilisationRow => ({
  num_immo,
  sous_num,
  designation: `ITEM ${num_immo}-${sous_num}`,
  designation2: null,
  num_serie: null,
  num_inventaire: null,
  date_mes: '2020-01-01',
  valeur_acq,
  duree_amort: 5,
  centre_fin: '951UMR7198',
  centre_couts: sous_num === 0 ? 'PF-X' : null,
  financement: null,
});

describe("UL's rows to records", () => {
  it("rolls additions into their asset: values summed, description and cost centre the asset's", () => {
    const records = rollUpAssets([
      row('1', 0, '1200.00'),
      row('1', 1, '600.00'),
      row('1', 2, '0.60'),
      row('2', 0, '120'),
    ]);
    expect(
      records.map((r) => [
        r.id,
        r.designation,
        r.costCentre,
        r.additionCount,
        r.value.amount,
        r.valueHT.amount,
      ]),
    ).toEqual([
      ['UL:1', 'ITEM 1-0', 'PF-X', 2, 1800.6, 1500.5],
      ['UL:2', 'ITEM 2-0', 'PF-X', 0, 120, 100],
    ]);
  });

  it('refuses additions without their asset rather than inventing one', () => {
    expect(() => rollUpAssets([row('1', 1, '10')])).toThrow(/sous_num 0/);
  });

  it('reads the unit behind the 951 prefix, and the nature of SIFAC accounts', () => {
    expect(unitFromCentreFin('951UMR7198')).toBe('UMR7198');
    expect(unitFromCentreFin('951UR 7301')).toBe('UR7301');
    expect(['606300', '615600', '606100', '628100'].map(natureOfAccount)).toEqual([
      ExpenseNature.CONSUMABLES,
      ExpenseNature.MAINTENANCE,
      ExpenseNature.FLUIDS,
      ExpenseNature.OTHER,
    ]);
  });
});
