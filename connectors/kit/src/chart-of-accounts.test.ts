import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExpenseNature } from '@hub/schema';
import { ChartOfAccounts, ChartOfAccountsError, defaultChartOfAccounts } from './chart-of-accounts';

describe('the chart of accounts, one for every tutelle', () => {
  it('classes the CHRU’s 606300 and 606400 as UL’s: consumables', () => {
    const chart = defaultChartOfAccounts();
    expect(['606300', '606400'].map((a) => chart.natureOf(a))).toEqual([
      ExpenseNature.CONSUMABLES,
      ExpenseNature.CONSUMABLES,
    ]);
    expect(['615600', '606100', '602260', '606800', '625600'].map((a) => chart.natureOf(a))).toEqual([
      ExpenseNature.MAINTENANCE,
      ExpenseNature.FLUIDS,
      ExpenseNature.CONSUMABLES,
      ExpenseNature.SMALL_EQUIPMENT,
      ExpenseNature.TRAVEL,
    ]);
  });

  it('says an account it does not know is unmapped, rather than guessing', () => {
    expect(defaultChartOfAccounts().natureOf('671200')).toBeNull();
  });

  it('takes the longest prefix that matches', () => {
    const chart = ChartOfAccounts.parse('accounts:\n  "606": CONSUMABLES\n  "6061": FLUIDS\n', 'test.yaml');
    expect([chart.natureOf('606100'), chart.natureOf('606300')]).toEqual([
      ExpenseNature.FLUIDS,
      ExpenseNature.CONSUMABLES,
    ]);
  });

  it('reads the file HUB_CHART_OF_ACCOUNTS names, and refuses a bad one with its line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chart-'));
    const file = path.join(dir, 'chart.yaml');
    writeFileSync(file, 'accounts:\n  "6063": CONSUMABLES\n  "671": EXCEPTIONAL\n');
    expect(() => ChartOfAccounts.load(file)).toThrow(ChartOfAccountsError);
    expect(() => ChartOfAccounts.load(file)).toThrow(/chart\.yaml: line 3: "671": EXCEPTIONAL is not one of/);
    writeFileSync(file, 'accounts:\n  "671": OTHER\n');
    const env = { HUB_CHART_OF_ACCOUNTS: file };
    expect(ChartOfAccounts.fromEnv(env).natureOf('671200')).toBe(ExpenseNature.OTHER);
    expect(ChartOfAccounts.fromEnv(env).natureOf('606300')).toBeNull();
  });
});
