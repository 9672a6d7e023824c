import { Tutelle } from '@hub/schema';
import { labelView } from '../graphql/views';
import { IndexedRecord } from '../inventory';
import { ageBand, equipmentIndicatorOf, instrumentsFrom, renewalForecastOf } from './equipment';
import { staffOn } from './figures';
import { EquipmentGrouping, LabelDueKind, StaffGrouping } from './graphql/types';
import { labelDue } from './labels';
import { staffCells, suppressedKeys } from './staff';
import type { HrPerson } from './staff-source';

/*
 * Every CORIS indicator on hand-built data, each figure worked out in the comments.
 */

const record = (fields: Partial<IndexedRecord> & Pick<IndexedRecord, 'id' | 'tutelle' | 'designation'>) =>
  Object.assign(new IndexedRecord(), {
    commissioningDate: null,
    usefulLifeYears: null,
    valueHTCents: 0,
    status: 'IN_SERVICE',
    removed: false,
    updatedAt: '2025-01-05T10:00:00.000Z',
    ...fields,
  });

// E1: an NMR co-owned by UL (300,000.00, 2020-01-01, 10 years) and CNRS (200,000.00, 2020-06-15, 8 years):
//   one instrument of 500,000.00 from 2020-01-01 over 10 years (earliest date, longest life): ends 2030-01-01.
// E2: a UL centrifuge (73,000.00, 2020-04-01, 5 years: ends 2025-04-01), disposed of mid-2025: the sync of
//   2025-07-01 found it gone.
// E3: a CNRS glovebox (45,000.00) commissioned 2025-10-01, 6 years.
// UL:A3: a confocal microscope (120,000.00, 2010-03-01) without a useful life, on no platform.
// CHRU:G1: a centrifuge (30,000.00, 2012-05-01, 7 years: ended 2019-05-01), on no platform.
const RECORDS = [
  record({
    id: 'UL:A1',
    tutelle: 'UL',
    designation: 'SPECTROMETRE RMN 600 MHZ',
    commissioningDate: '2020-01-01',
    valueHTCents: 30_000_000,
    usefulLifeYears: 10,
  }),
  record({
    id: 'CNRS:501',
    tutelle: 'CNRS',
    designation: 'Spectromètre RMN',
    commissioningDate: '2020-06-15',
    valueHTCents: 20_000_000,
    usefulLifeYears: 8,
  }),
  record({
    id: 'UL:A2',
    tutelle: 'UL',
    designation: 'ULTRACENTRIFUGEUSE',
    commissioningDate: '2020-04-01',
    valueHTCents: 7_300_000,
    usefulLifeYears: 5,
    removed: true,
    updatedAt: '2025-07-01T08:00:00.000Z',
  }),
  record({
    id: 'CNRS:502',
    tutelle: 'CNRS',
    designation: 'Boîte à gants',
    commissioningDate: '2025-10-01',
    valueHTCents: 4_500_000,
    usefulLifeYears: 6,
  }),
  record({
    id: 'UL:A3',
    tutelle: 'UL',
    designation: 'MICROSCOPE CONFOCAL',
    commissioningDate: '2010-03-01',
    valueHTCents: 12_000_000,
  }),
  record({
    id: 'CHRU:G1',
    tutelle: 'CHRU',
    designation: 'Centrifugeuse',
    commissioningDate: '2012-05-01',
    valueHTCents: 3_000_000,
    usefulLifeYears: 7,
  }),
];
const equipment = (id: string, designation: string) => ({ id, platformCode: 'SPECTRO', designation });
const BY_RECORD = new Map([
  ['UL:A1', equipment('E1', 'SPECTROMETRE RMN 600 MHZ')],
  ['CNRS:501', equipment('E1', 'SPECTROMETRE RMN 600 MHZ')],
  ['UL:A2', equipment('E2', 'ULTRACENTRIFUGEUSE')],
  ['CNRS:502', equipment('E3', 'Boîte à gants')],
]);

const eur = (amount: number) => expect.objectContaining({ amount });

describe('equipment on a date', () => {
  it('counts an instrument once, until the sync that found it disposed of, and values what is left', () => {
    // 2025-06-30: E1, E2 (disposed of the next day), A3, G1; E3 not yet commissioned.
    //   Value 500,000 + 73,000 + 120,000 + 30,000 = 723,000.00.
    //   Net: E1 500,000 × (3,653 − 2,007 days) / 3,653 = 225,294.28 (22,529,428.4 cents); E2 and G1 past their
    //   life: 0; A3 without a life: its value, 120,000. Total 345,294.28.
    const june = equipmentIndicatorOf(
      instrumentsFrom(RECORDS, BY_RECORD, '2025-06-30'),
      '2025-06-30',
      EquipmentGrouping.PLATFORM,
    );
    expect(june.total).toEqual({
      key: 'site',
      count: 4,
      valueHT: eur(723_000),
      netBookValueHT: eur(345_294.28),
    });
    expect(june.rows).toEqual([
      { key: '(no platform)', count: 2, valueHT: eur(150_000), netBookValueHT: eur(120_000) },
      { key: 'SPECTRO', count: 2, valueHT: eur(573_000), netBookValueHT: eur(225_294.28) },
    ]);
    // 2025-12-31: E2 gone since 2025-07-01, E3 in: 500,000 + 45,000 + 120,000 + 30,000 = 695,000.00.
    //   Net: E1 500,000 × (3,653 − 2,191) / 3,653 = 200,109.50; E3 45,000 × (2,191 − 91) / 2,191 = 43,130.99;
    //   A3 120,000. Total 363,240.49.
    const december = equipmentIndicatorOf(
      instrumentsFrom(RECORDS, BY_RECORD, '2025-12-31'),
      '2025-12-31',
      EquipmentGrouping.PLATFORM,
    );
    expect(december.total).toEqual({
      key: 'site',
      count: 4,
      valueHT: eur(695_000),
      netBookValueHT: eur(363_240.49),
    });
    // Before anything was commissioned: nothing.
    expect(instrumentsFrom(RECORDS, BY_RECORD, '2009-12-31')).toEqual([]);
  });

  it('groups by tutelle (each its share), kind and age band', () => {
    const on = instrumentsFrom(RECORDS, BY_RECORD, '2025-06-30');
    // UL: A1 300,000 + A2 73,000 + A3 120,000; CNRS: its share of E1, 200,000; CHRU: G1 30,000.
    const byTutelle = equipmentIndicatorOf(on, '2025-06-30', EquipmentGrouping.TUTELLE).rows;
    expect(byTutelle.map((r) => [r.key, r.count, r.valueHT.amount])).toEqual([
      ['CHRU', 1, 30_000],
      ['CNRS', 1, 200_000],
      ['UL', 3, 493_000],
    ]);
    // E1 NMR; E2 and G1 centrifuges (sample preparation); A3 microscopy.
    const byKind = equipmentIndicatorOf(on, '2025-06-30', EquipmentGrouping.KIND).rows;
    expect(byKind.map((r) => [r.key, r.count, r.valueHT.amount])).toEqual([
      ['Microscopy', 1, 120_000],
      ['NMR / EPR', 1, 500_000],
      ['Sample preparation', 2, 103_000],
    ]);
    // E1 5.5 years, E2 5.25: 5-9; G1 13.2: 10-14; A3 15.3: 15-19.
    const byAge = equipmentIndicatorOf(on, '2025-06-30', EquipmentGrouping.AGE_BAND).rows;
    expect(byAge.map((r) => [r.key, r.count])).toEqual([
      ['10-14', 1],
      ['15-19', 1],
      ['5-9', 2],
    ]);
    expect(ageBand(null, '2025-06-30')).toBe('unknown');
  });

  it('forecasts renewals by the year each life ends', () => {
    // In service on 2026-01-15: E1 (ends 2030-01-01), E3 (2031-10-01), G1 (ended 2019: overdue), A3 (no life:
    // undated). E2 was disposed of.
    const forecast = renewalForecastOf(instrumentsFrom(RECORDS, BY_RECORD, '2026-01-15'), 2026, '2026-01-15');
    expect(forecast.overdue).toEqual({ year: 2025, count: 1, valueHT: eur(30_000) });
    expect(forecast.undated).toBe(1);
    expect(forecast.years).toHaveLength(10);
    expect(forecast.years.filter((y) => y.count > 0)).toEqual([
      { year: 2030, count: 1, valueHT: eur(500_000) },
      { year: 2031, count: 1, valueHT: eur(45_000) },
    ]);
  });
});

// SPECTRO: A (UL, IGR, share 0.5, 60,000, all along), B (UL, IGE, 1.0, 45,000, from 2025-03-01), E at CNRS
// (IR, 0.4, 73,000, until 2025-06-30) who moved to UL (IGR, 0.4, 73,000, from 2025-07-01: another HR record),
// F (CNRS, AI, 0.2, 54,750, all along). OTHER: three UL technicians (TCH, 1.0, 40,000, all along).
const person = (
  id: string,
  grade: string,
  start: string,
  end: string | null,
  yearlyCost: number,
): HrPerson => ({
  id,
  tutelle: id.split(':')[0] as Tutelle,
  grade,
  assignments: [{ start, end, yearlyCost }],
});
const PEOPLE = new Map(
  [
    person('UL:A', 'IGR', '2019-01-01', null, 60_000),
    person('UL:B', 'IGE', '2025-03-01', null, 45_000),
    person('CNRS:E', 'IR', '2010-01-01', '2025-06-30', 73_000),
    person('UL:E', 'IGR', '2025-07-01', null, 73_000),
    person('CNRS:F', 'AI', '2022-09-01', null, 54_750),
    ...['UL:O1', 'UL:O2', 'UL:O3'].map((id) => person(id, 'TCH', '2020-01-01', null, 40_000)),
  ].map((p) => [p.id, p]),
);
const on = (id: string, share: number) => ({ share, member: { id } });
const PLATFORMS = [
  {
    code: 'SPECTRO',
    staff: [on('UL:A', 0.5), on('UL:B', 1), on('CNRS:E', 0.4), on('UL:E', 0.4), on('CNRS:F', 0.2)],
  },
  { code: 'OTHER', staff: [on('UL:O1', 1), on('UL:O2', 1), on('UL:O3', 1)] },
];

const cellsOf = (groupBy: StaffGrouping) => {
  const { cells, total } = staffCells(PLATFORMS, PEOPLE, 2025, groupBy);
  const row = (key: string, c: typeof total) => c.row(key, false);
  return {
    rows: [...cells].map(([k, c]) => row(k, c)).sort((a, b) => a.key.localeCompare(b.key)),
    total: row('site', total),
    cells,
  };
};

describe('HR for a year', () => {
  // 2025 has 365 days. A: 0.5 FTE, 30,000. B: 306 days (from 1 March): 306/365 = 0.838 FTE, 37,726.03.
  // E at CNRS: 181 days: 0.4 × 181/365 = 0.198 FTE, 29,200 × 181/365 = 14,480.00; E at UL: 184 days:
  // 0.2016 FTE, 29,200 × 184/365 = 14,720.00. F: 0.2 FTE, 10,950. OTHER: 3 FTE, 120,000.
  it('by tutelle: a person who changed employer mid-year counts in each, for their part of the year', () => {
    const { rows, total } = cellsOf(StaffGrouping.TUTELLE);
    // UL: A, B, E, O1-3 = 6 people; 0.5 + 0.838 + 0.2016 + 3 = 4.54; 30,000 + 37,726.03 + 14,720 + 120,000.
    // CNRS: E, F = 2 people; 0.198 + 0.2 = 0.40; 14,480 + 10,950.
    expect(rows).toEqual([
      { key: 'CNRS', suppressed: false, headcount: 2, fte: 0.4, payroll: eur(25_430) },
      { key: 'UL', suppressed: false, headcount: 6, fte: 4.54, payroll: eur(202_446.03) },
    ]);
    expect(total).toEqual({
      key: 'site',
      suppressed: false,
      headcount: 8,
      fte: 4.94,
      payroll: eur(227_876.03),
    });
  });

  it('by category and by platform', () => {
    // ENGINEER: A, B, E (IR at CNRS, IGR at UL: one person, two records) = 4 records; 0.5 + 0.838 + 0.198 +
    // 0.2016 = 1.74; 30,000 + 37,726.03 + 14,480 + 14,720 = 96,926.03. TECHNICIAN: F, O1-3: 3.2; 130,950.
    expect(cellsOf(StaffGrouping.CATEGORY).rows).toEqual([
      { key: 'ENGINEER', suppressed: false, headcount: 4, fte: 1.74, payroll: eur(96_926.03) },
      { key: 'TECHNICIAN', suppressed: false, headcount: 4, fte: 3.2, payroll: eur(130_950) },
    ]);
    expect(cellsOf(StaffGrouping.PLATFORM).rows).toEqual([
      { key: 'OTHER', suppressed: false, headcount: 3, fte: 3, payroll: eur(120_000) },
      { key: 'SPECTRO', suppressed: false, headcount: 5, fte: 1.94, payroll: eur(107_876.03) },
    ]);
  });

  it('suppresses small cells, and the next smallest where one alone would be deducible', () => {
    // CNRS has 2 people: suppressed; alone, it would be the total less UL's: UL is suppressed too.
    expect(suppressedKeys(cellsOf(StaffGrouping.TUTELLE).cells)).toEqual(new Set(['CNRS', 'UL']));
    // By platform, every cell has 3 people or more.
    expect(suppressedKeys(cellsOf(StaffGrouping.PLATFORM).cells)).toEqual(new Set());
  });

  it('staff on a date: the assignments in force that day', () => {
    const spectro = [PLATFORMS[0]!];
    // 2024-12-31: A, E (CNRS), F: 0.5 + 0.4 + 0.2. 2025-06-30: E's last day, B since March: 4 people, 2.1.
    // 2025-07-01: E at UL instead: 4 people, 2.1.
    expect(staffOn(spectro, PEOPLE, '2024-12-31')).toEqual({ headcount: 3, fte: 1.1 });
    expect(staffOn(spectro, PEOPLE, '2025-06-30')).toEqual({ headcount: 4, fte: 2.1 });
    expect(staffOn(spectro, PEOPLE, '2025-07-01')).toEqual({ headcount: 4, fte: 2.1 });
  });
});

describe('labels due', () => {
  const platform = (
    labelGranted: string | null,
    labelLastReview: string | null,
    labelStatus = 'labelled' as const,
  ) =>
    ({
      label: labelView({ labelStatus, labelGranted, labelLastReview, labelNextReview: null }),
    }) as Parameters<typeof labelDue>[0];
  // On 2026-01-15, looking 6 months ahead (to 2026-07-15).
  const due = (granted: string | null, lastReview: string | null) =>
    labelDue(platform(granted, lastReview), '2026-01-15', 6);

  it('computes the due dates from the last review, and lists the most pressing', () => {
    // Granted 2020-01-10: expired on 2026-01-10.
    expect(due('2020-01-10', null)).toBe(LabelDueKind.LABEL_EXPIRED);
    // Granted 2022-05-01, never reviewed: review due 2024-05-01, overdue.
    expect(due('2022-05-01', null)).toBe(LabelDueKind.REVIEW_OVERDUE);
    // Reviewed 2026-01-10: the next one is due 2028-01-10; nothing now.
    expect(due('2022-05-01', '2026-01-10')).toBeNull();
    expect(platform('2022-05-01', '2026-01-10').label.reviewDue).toBe('2028-01-10');
    // Granted 2020-06-30, reviewed 2024-06-01: the label expires 2026-06-30 (before the review due 2026-06-01
    // matters: an expiry comes first).
    expect(due('2020-06-30', '2024-06-01')).toBe(LabelDueKind.LABEL_EXPIRING);
    // Granted 2023-01-01, reviewed 2024-05-01: review due 2026-05-01.
    expect(due('2023-01-01', '2024-05-01')).toBe(LabelDueKind.REVIEW_DUE);
    // Reviewed 2025-02-20 (due 2027-02-20), label to 2027-03-01: nothing within 6 months.
    expect(due('2021-03-01', '2025-02-20')).toBeNull();
    // The next review: the planned date (2026-03-01) until a review is held in the year before it (or after),
    // then the one due 24 months after that review.
    const planned = (labelLastReview: string | null) =>
      labelView({
        labelStatus: 'labelled',
        labelGranted: '2022-03-01',
        labelLastReview,
        labelNextReview: '2026-03-01',
      }).nextReview;
    expect(planned('2024-02-20')).toBe('2026-03-01');
    expect(planned('2026-02-27')).toBe('2028-02-27');
    expect(
      labelView({
        labelStatus: 'labelled',
        labelGranted: '2025-04-01',
        labelLastReview: null,
        labelNextReview: null,
      }).nextReview,
    ).toBe('2027-04-01');
    // Not labelled: never due.
    expect(labelDue(platform('2019-01-01', null, 'in_progress' as 'labelled'), '2026-01-15', 6)).toBeNull();
  });
});
