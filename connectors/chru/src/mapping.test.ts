import { ExpenseNature } from '@hub/schema';
import { toExpense } from './mapping';

const row = (account: string) => ({
  line: 2,
  location: 'depenses_uf.csv:2',
  cells: { Date: '10/03/2025', UF: '4521', Compte: account, Libellé: 'Réactifs', Montant: '120,00' },
});

describe('CHRU expenses', () => {
  it('class 606300 and 606400 as consumables, as UL’s same accounts are', () => {
    expect(
      ['606300', '606400', '602260', '615600', '606100', '625600'].map((a) => toExpense(row(a)).nature),
    ).toEqual([
      ExpenseNature.CONSUMABLES,
      ExpenseNature.CONSUMABLES,
      ExpenseNature.CONSUMABLES,
      ExpenseNature.MAINTENANCE,
      ExpenseNature.FLUIDS,
      ExpenseNature.TRAVEL,
    ]);
  });

  it('book an account the chart does not know as OTHER', () => {
    expect(toExpense(row('671200')).nature).toBe(ExpenseNature.OTHER);
  });
});
