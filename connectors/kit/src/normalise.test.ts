import { normaliseSerial, normaliseUnitCode, toIsoDate, toNumber, unitNumber } from './normalise';

describe('normalisation shared by every connector', () => {
  it.each([
    ['UMR7198', 'UMR7198'],
    ['UMR 7198', 'UMR7198'],
    ['umr-7198', 'UMR7198'],
    ['UMR 1136 IAM', 'UMR1136'],
    ['UR 7301', 'UR7301'],
    ['7198', '7198'],
    ['  ', null],
  ])('unit code %j → %j', (raw, code) => expect(normaliseUnitCode(raw)).toBe(code));

  it('keeps the unit number for codes typed without their type', () => {
    expect(['UMR7198', 'UMR 7198', 'UR 7198', '7198'].map(unitNumber)).toEqual([
      '7198',
      '7198',
      '7198',
      '7198',
    ]);
  });

  it.each([
    ['S/N 1234-ab', '1234AB'],
    ['SN: 2610-000123', '2610000123'],
    ['N° EX48 1021', 'EX481021'],
    ['sn-ex48-1021', 'EX481021'],
    ['NC', null],
    ['N/A', null],
    ['?', null],
    ['0', null],
    ['-', null],
    ['000', null],
    [null, null],
  ])('serial %j → %j', (raw, key) => expect(normaliseSerial(raw)).toBe(key));

  it('reads dates and numbers as drivers give them', () => {
    expect(toIsoDate(new Date(2019, 2, 14))).toBe('2019-03-14');
    expect(toIsoDate('2019-03-14')).toBe('2019-03-14');
    expect(toIsoDate('14/03/2019')).toBeNull();
    expect(toNumber('612000.50')).toBe(612000.5);
    expect(toNumber(12)).toBe(12);
    expect(toNumber('abc')).toBeNull();
  });
});
