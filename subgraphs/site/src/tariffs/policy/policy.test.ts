import { readFileSync } from 'node:fs';
import { DEFAULT_TARIFF_POLICY_PATH, parseTariffPolicy, readTariffPolicy, TariffPolicyError } from './load';

function problems(source: string) {
  try {
    parseTariffPolicy(source, 'bad.yaml');
  } catch (error) {
    if (error instanceof TariffPolicyError) return error.problems;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

describe('the tariff policy file', () => {
  it('reads the committed default', () => {
    const policy = readTariffPolicy();
    expect(policy).toMatchObject({
      version: '2026.1',
      overheadRate: 0.12,
      vatRate: 0.2,
      rounding: { step: 0.01, mode: 'half-up' },
      categories: { private: { overhead: true, marginRate: 0.1, vat: true } },
    });
    expect(policy.categories.internal).toMatchObject({ overhead: false, marginRate: 0, vat: false });
    expect(policy.categories.external.components).toEqual([
      'consumables',
      'maintenance',
      'staff',
      'depreciation',
    ]);
  });

  it('reports every problem at once, with its path and line', () => {
    const source = readFileSync(DEFAULT_TARIFF_POLICY_PATH, 'utf8')
      .replace('overheadRate: 0.12', 'overheadRate: 12')
      .replace('step: 0.01', 'step: 0.015')
      .replace('consumables: volume', 'consumables: weight')
      .replace(
        'components: [consumables, maintenance, staff]',
        'components: [consumables, staff, staff, rent]',
      );
    const lines = source.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    expect(problems(source)).toEqual([
      {
        path: 'overheadRate',
        line: lineOf('overheadRate'),
        message: 'expected a rate between 0 and 1 (0.2 = 20 %)',
      },
      { path: 'rounding.step', line: lineOf('step:'), message: 'expected whole cents: 0.01, 0.1, 1' },
      {
        path: 'allocation.consumables',
        line: lineOf('weight'),
        message: expect.stringContaining('staffHours'),
      },
      {
        path: 'categories.internal.components[3]',
        line: lineOf('rent'),
        message: expect.stringContaining('expected one of consumables'),
      },
    ]);
  });

  it('refuses a policy missing a category or an allocation key, and unknown keys', () => {
    const source = `version: x
overheadRate: 0.1
vatRate: 0.2
allocation: { staff: staffHours }
categories:
  internal: { description: I, components: [staff], discount: 0.5 }
  external: { description: E, components: [staff, staff] }
`;
    expect(problems(source).map((p) => [p.path, p.line])).toEqual([
      ['allocation.consumables', 4],
      ['allocation.maintenance', 4],
      ['allocation.fluids', 4],
      ['allocation.smallEquipment', 4],
      ['allocation.depreciation', 4],
      // 'discount' is no policy key.
      ['categories.internal', 6],
      ['categories.external.components[1]', 7],
      // Missing: the line of the categories' mapping.
      ['categories.private', 6],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('version: [1\n')).toEqual([
      { path: '', line: expect.any(Number), message: expect.any(String) },
    ]);
  });
});
