import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRegistryFile, RegistryFileError } from './file';

const FIXTURE = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/registry.yaml'), 'utf8');

function problems(source: string) {
  try {
    parseRegistryFile(source, 'bad.yaml');
  } catch (error) {
    if (error instanceof RegistryFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the registry file', () => {
  it('reads the docs/SOURCES.md shape, with defaults for what may be left out', () => {
    const file = parseRegistryFile(FIXTURE);
    expect(file.platforms.map((p) => p.code)).toEqual(['XGAMMA', 'MICROSCOPY', 'CNRSONLY']);
    expect(file.platforms[0]?.services[0]?.currentPrices.CNRS).toEqual({ internal: 45, external: 60 });
    expect(file.platforms[2]).toMatchObject({
      staff: [],
      services: [],
      themes: [],
      label: { status: 'none' },
    });
  });

  it('reports every problem at once, with its path and line', () => {
    const bad = `platforms:
  - code: XGAMMA
    name: XGamma
    units: [UMR7198]
    tutelles: [UL, CRNS]
    label: { status: labelled, granted: 30/06/2021 }
    contact: { name: X, email: not-an-email }
    costCentres: { INRAE: [PF-X] }
    staff:
      - { tutelle: UL, id: "00123456", share: 1.5 }
    services:
      - { code: A, name: A, unit: hour, yearlyVolume: 1, staffHoursPerUnit: 0, equipmentHoursPerUnit: 1 }
      - { code: A, name: B, unit: week, yearlyVolume: -1, staffHoursPerUnit: 0, equipmentHoursPerUnit: 1 }
  - code: XGAMMA
    name: Twice
    units: []
    tutelles: [UL]
`;
    expect(problems(bad)).toEqual([
      {
        path: 'platforms[0].tutelles[1]',
        line: 5,
        message: expect.stringContaining('expected one of UL, CNRS'),
      },
      { path: 'platforms[0].label.granted', line: 6, message: "expected a date 'YYYY-MM-DD'" },
      { path: 'platforms[0].contact.email', line: 7, message: expect.stringMatching(/email/i) },
      {
        path: 'platforms[0].staff[0].share',
        line: 10,
        message: expect.stringMatching(/<=1|less than or equal/i),
      },
      { path: 'platforms[0].services[1].unit', line: 13, message: expect.any(String) },
      { path: 'platforms[0].services[1].yearlyVolume', line: 13, message: expect.any(String) },
      { path: 'platforms[1].units', line: 16, message: expect.any(String) },
    ]);
  });

  it('reports cross-field problems once the fields themselves are valid', () => {
    const bad = `platforms:
  - { code: A, name: A, units: [U1], tutelles: [UL], costCentres: { CNRS: [PF-A] }, services: [
      { code: S, name: S, unit: hour, yearlyVolume: 1, staffHoursPerUnit: 0, equipmentHoursPerUnit: 1 },
      { code: S, name: T, unit: hour, yearlyVolume: 1, staffHoursPerUnit: 0, equipmentHoursPerUnit: 1 } ] }
  - { code: A, name: B, units: [U1], tutelles: [UL] }
`;
    expect(problems(bad).map((p) => [p.path, p.line, p.message])).toEqual([
      ['platforms[0].costCentres.CNRS', 2, 'CNRS is not a tutelle of A'],
      ['platforms[0].services[1].code', 4, 'duplicate service code'],
      ['platforms[1].code', 5, 'duplicate platform code'],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('platforms:\n  - code: [unclosed\n')).toEqual([
      { path: '', line: expect.any(Number), message: expect.any(String) },
    ]);
  });
});
