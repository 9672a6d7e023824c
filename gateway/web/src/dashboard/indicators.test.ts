import { ageBands, labelCalendar, renewalForecast, staffTotals, valueByTutelle } from './indicators';

/*
 * The dashboard's indicators on hand-built answers, each expected figure worked out in the comments.
 */
const share = (tutelle: string, amount: number) => ({ tutelle, valueHT: { amount } });

const instruments = [
  // Co-funded, 2015: UL 60,000 + CNRS 40,000; CNRS records a 10-year life, UL none.
  {
    platformCode: 'A',
    commissioningDate: '2015-03-01',
    shares: [share('UL', 60_000), share('CNRS', 40_000)],
    records: [{ usefulLifeYears: null }, { usefulLifeYears: 10 }],
  },
  // UL alone, 2022, no life recorded: the policy's 7 years.
  {
    platformCode: 'A',
    commissioningDate: '2022-06-15',
    shares: [share('UL', 30_000)],
    records: [{ usefulLifeYears: null }],
  },
  // INRAE, commissioned in 2026: not yet in service at the end of 2025.
  { platformCode: 'B', commissioningDate: '2026-02-01', shares: [share('INRAE', 5_000)], records: [{}] },
  // CHRU, no date: counted, age unknown.
  { platformCode: null, commissioningDate: null, shares: [share('CHRU', 1_000)], records: [{}] },
];

describe('the steering indicators', () => {
  it('values each tutelle’s shares of the instruments in service at the year’s end', () => {
    expect(valueByTutelle(instruments, 2025)).toEqual([
      { key: 'UL', value: 90_000, count: 2 },
      { key: 'CNRS', value: 40_000, count: 1 },
      { key: 'CHRU', value: 1_000, count: 1 },
    ]);
    // End of 2020: only the 2015 instrument and the undated one.
    expect(valueByTutelle(instruments, 2020).map((r) => r.value)).toEqual([60_000, 40_000, 1_000]);
  });

  it('bands instruments by their age at the year’s end', () => {
    // End of 2025: 2015 → 10.8 years (10 to 15), 2022 → 3.5 years (3 to 7), undated → unknown.
    expect(ageBands(instruments, 2025).map((b) => [b.key, b.count, b.value])).toEqual([
      ['moins de 3 ans', 0, 0],
      ['3 à 7 ans', 1, 30_000],
      ['7 à 10 ans', 0, 0],
      ['10 à 15 ans', 1, 100_000],
      ['15 ans et plus', 0, 0],
      ['date inconnue', 1, 1_000],
    ]);
  });

  it('forecasts renewals from the longest recorded life, the policy’s 7 years otherwise', () => {
    // 2015 + 10 = 2025: due by the chosen year; 2022 + 7 = 2029.
    const rows = renewalForecast(instruments, 2025);
    expect(rows[0]).toEqual({ key: 'échue en 2025 ou avant', count: 1, value: 100_000 });
    expect(rows.find((r) => r.key === '2029')).toEqual({ key: '2029', count: 1, value: 30_000 });
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(2);
  });

  it('counts FTE and payroll for the part of the year each assignment covers, times the share', () => {
    const totals = staffTotals(
      [
        // Half time on the platform, full-time all 2025 at 80,000: 0.5 FTE, 40,000.
        {
          tutelle: 'UL',
          share: 0.5,
          member: {
            grade: 'IGE',
            assignments: [{ fte: 1, start: '2020-01-01', yearlyCost: { amount: 80_000 } }],
          },
        },
        // Whole time, from 1 July 2025 (184 of 365 days): 0.504 FTE, 50,000 × 184/365 = 25,205.48.
        {
          tutelle: 'UL',
          share: 1,
          member: {
            grade: 'IGE',
            assignments: [{ fte: 1, start: '2025-07-01', yearlyCost: { amount: 50_000 } }],
          },
        },
        // Salary withheld for the role: the payroll is unknown, not zero.
        {
          tutelle: 'CNRS',
          share: 1,
          member: { grade: 'IR', assignments: [{ fte: 1, start: '2019-01-01', yearlyCost: null }] },
        },
      ],
      2025,
    );
    expect(totals).toEqual([
      { tutelle: 'CNRS', category: 'IR', people: 1, fte: 1, payroll: null },
      { tutelle: 'UL', category: 'IGE', people: 2, fte: 1, payroll: 65_205.48 },
    ]);
  });

  it('lists label reviews by year and those overdue', () => {
    const calendar = labelCalendar(
      [
        { code: 'A', name: 'A', label: { status: 'LABELLED', nextReview: '2026-03-01' } },
        { code: 'B', name: 'B', label: { status: 'LABELLED', nextReview: '2027-01-15' } },
        { code: 'C', name: 'C', label: { status: 'NONE', nextReview: null } },
      ],
      2025,
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(calendar.years).toEqual([2024, 2025, 2026, 2027, 2028, 2029]);
    expect(calendar.due).toEqual([0, 0, 1, 1, 0, 0]);
    expect(calendar.overdue).toBe(1);
    expect(calendar.rows.map((r) => [r.code, r.overdue])).toEqual([
      ['A', true],
      ['B', false],
    ]);
  });
});
