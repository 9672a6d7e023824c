import {
  excelSerialToIsoDate,
  formatFrenchDate,
  formatFrenchNumber,
  parseFrenchDate,
  parseFrenchNumber,
  ValueError,
} from './french';

describe('French numbers', () => {
  it.each([
    ['1 234,56', 1234.56],
    ['1234,56', 1234.56],
    ['1\u00A0234,56', 1234.56],
    ['1\u202F234,56', 1234.56],
    ['12 345 678,9', 12345678.9],
    ['-240,00', -240],
    ['612000.5', 612000.5],
    ['  42 ', 42],
  ])('%j → %d', (text, value) => expect(parseFrenchNumber(text)).toBe(value));

  it.each([
    ['abc', '"abc" is not a number'],
    ['12,3,4', '"12,3,4" is not a number'],
    ['', 'empty, expected a number'],
    ['1 234.56', '"1 234.56" is not a number'],
    ['12 34,5', '"12 34,5" is not a number'],
  ])('refuses %j with a reason for the report', (text, reason) => {
    expect(() => parseFrenchNumber(text)).toThrow(new ValueError(reason));
  });
});

describe('French dates', () => {
  it('reads dd/mm/yyyy as a calendar date', () => {
    expect(parseFrenchDate('14/03/2019')).toBe('2019-03-14');
    expect(parseFrenchDate(' 29/02/2020 ')).toBe('2020-02-29');
    expect(parseFrenchDate('1/3/2019')).toBe('2019-03-01');
  });

  it.each(['31/02/2020', '14/13/2019', '29/02/2019', '00/01/2019'])('refuses the impossible %j', (text) => {
    expect(() => parseFrenchDate(text)).toThrow(`"${text}" is not a calendar date`);
  });

  it.each(['2019-03-14', '14-03-2019', '14/03/19', 'mars 2019', ''])('refuses the other form %j', (text) => {
    expect(() => parseFrenchDate(text)).toThrow(ValueError);
  });
});

describe('Excel dates', () => {
  it.each([
    [43538, '2019-03-14'],
    [43538.75, '2019-03-14'], // 18:00 the same day
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [2958465, '9999-12-31'],
  ])('serial %d → %s', (serial, date) => expect(excelSerialToIsoDate(serial)).toBe(date));

  it('refuses serial 60, the 29/02/1900 of the 1900 leap-year bug, and non-serials', () => {
    expect(() => excelSerialToIsoDate(60)).toThrow('29/02/1900');
    for (const serial of [0, -1, Number.NaN, 2958466]) {
      expect(() => excelSerialToIsoDate(serial)).toThrow(ValueError);
    }
  });

  it('reads a Date cell in UTC: midnight UTC and late evening UTC stay on their day', () => {
    expect(excelSerialToIsoDate(new Date(Date.UTC(2019, 2, 14)))).toBe('2019-03-14');
    expect(excelSerialToIsoDate(new Date(Date.UTC(2019, 2, 14, 23, 59)))).toBe('2019-03-14');
    expect(() => excelSerialToIsoDate(new Date(Number.NaN))).toThrow(ValueError);
  });
});

describe('French numbers and dates for exports', () => {
  it.each([
    [1234.5, '1234,50'],
    [-240, '-240,00'],
    [-0.004, '0,00'],
    [0.126, '0,13'],
  ])('%d → %s, read back as the same amount', (value, text) => {
    expect(formatFrenchNumber(value)).toBe(text);
    expect(parseFrenchNumber(text)).toBeCloseTo(value, 2);
  });

  it('writes dates dd/mm/yyyy, and refuses what is not an ISO date', () => {
    expect(formatFrenchDate('2019-03-14')).toBe('14/03/2019');
    expect(parseFrenchDate(formatFrenchDate('2019-03-14'))).toBe('2019-03-14');
    expect(() => formatFrenchDate('14/03/2019')).toThrow(ValueError);
  });
});
