import { normaliseManufacturer, splitMakerModel } from './manufacturers';

describe('manufacturer names', () => {
  it.each([
    ['BRUKER', 'BRUKER'],
    ['Bruker AXS', 'BRUKER'],
    ['Bruker Biospin GmbH', 'BRUKER'],
    ['BRUKER FRANCE', 'BRUKER'],
    ['Thermo Fisher Scientific', 'THERMO FISHER'],
    ['THERMO SCIENTIFIC', 'THERMO FISHER'],
    ['ThermoFisher', 'THERMO FISHER'],
    ['Carl Zeiss Microscopy GmbH', 'ZEISS'],
    ['ZEISS', 'ZEISS'],
    ['Leica Microsystems', 'LEICA'],
    ['JEOL (EUROPE) SAS', 'JEOL'],
    ['Agilent Technologies', 'AGILENT'],
    ['Malvern Panalytical', 'MALVERN'],
    ['Métrohm', 'METROHM'],
    ['  ', null],
  ])('%j → %j', (raw, key) => expect(normaliseManufacturer(raw)).toBe(key));

  it('splits a maker from the model in a designation, and leaves other text alone', () => {
    expect(splitMakerModel('BRUKER D8 ADVANCE')).toEqual({ manufacturer: 'BRUKER', model: 'D8 ADVANCE' });
    expect(splitMakerModel('Carl Zeiss LSM 980')).toEqual({ manufacturer: 'Carl Zeiss', model: 'LSM 980' });
    expect(splitMakerModel('Thermo Fisher Scientific Orbitrap Exploris 480')).toEqual({
      manufacturer: 'Thermo Fisher Scientific',
      model: 'Orbitrap Exploris 480',
    });
    expect(splitMakerModel('DIFFRACTOMETRE RX')).toBeNull();
    expect(splitMakerModel(null)).toBeNull();
  });
});
