import type { MatchInput } from './features';
import { reconcile } from './matcher';
import { pairwiseQuality } from './quality';

/** A record as the matcher reads it, with the fields a test does not care about left empty. */
const record = (id: string, fields: Partial<MatchInput> = {}): MatchInput => ({
  id,
  tutelle: id.slice(0, id.indexOf(':')),
  designation: 'Diffractomètre de rayons X',
  details: null,
  manufacturerNormalized: null,
  model: null,
  serialNumberNormalized: null,
  unitCode: 'UMR7198',
  platform: 'XGAMMA',
  commissioningDate: '2019-03-14',
  usefulLifeYears: 12,
  valueHT: null,
  ...fields,
});

/** A site of unrelated instruments around the records under test, so that u and term frequencies mean something. */
function background(n: number): MatchInput[] {
  return Array.from({ length: n }, (_, i) =>
    record(`${['UL', 'CNRS', 'INRAE', 'CHRU'][i % 4]}:BG${i}`, {
      designation: `Instrument ${i % 37} type ${i % 11}`,
      model: `M${i}`,
      serialNumberNormalized: `S${100000 + i}`,
      platform: `P${i % 50}`,
      unitCode: `UMR${7000 + (i % 30)}`,
      commissioningDate: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 9}`,
    }),
  );
}

const clusterOf = (report: ReturnType<typeof reconcile>, id: string) =>
  report.clusters.find((c) => c.recordIds.includes(id))!.recordIds;

describe('the matcher', () => {
  it('finds a model hidden in a designation, and joins on it with the evidence per field', () => {
    const report = reconcile([
      ...background(400),
      record('UL:1', { designation: 'DIFFRACTOMETRE RX BRUKER D8 ADVANCE' }),
      record('CNRS:1', {
        manufacturerNormalized: 'BRUKER',
        model: 'D8 Advance',
        commissioningDate: '2019-02-01',
      }),
    ]);
    expect(clusterOf(report, 'UL:1')).toEqual(['CNRS:1', 'UL:1']);
    const link = report.clusters.find((c) => c.id === 'EQ-CNRS:1')!.links[0]!;
    expect(link.evidence.find((e) => e.field === 'model')).toMatchObject({ level: 'same model' });
    expect(link.evidence.find((e) => e.field === 'serialNumber')).toEqual({
      field: 'serialNumber',
      level: 'missing',
      bayesFactorLog2: 0,
    });
    expect(link.probability).toBeGreaterThan(0.95);
  });

  it('never puts two records of one tutelle in one instrument, however alike', () => {
    const twins = {
      manufacturerNormalized: 'BRUKER',
      model: 'D8 Advance',
      serialNumberNormalized: 'H123456',
    };
    const report = reconcile([
      ...background(200),
      record('UL:1', twins),
      record('UL:2', twins),
      record('CNRS:1', twins),
    ]);
    expect(
      report.clusters.filter((c) => c.recordIds.some((id) => id.startsWith('UL:') && !id.includes('BG'))),
    ).toHaveLength(2);
    expect(
      report.clusters.every(
        (c) => new Set(c.recordIds.map((id) => id.split(':')[0])).size === c.recordIds.length,
      ),
    ).toBe(true);
  });

  it('weighs a serial many records share as a placeholder, not as proof', () => {
    // 'SANS NUMERO' is no listed placeholder: 30 of UL's records carry it, so it says little, even beside an
    // oven of the same platform.
    const placeholders = Array.from({ length: 30 }, (_, i) =>
      record(`UL:P${i}`, {
        serialNumberNormalized: 'SANSNUMERO',
        designation: i === 3 ? 'Étuve' : `Appareil ${i}`,
        platform: `Q${i}`,
      }),
    );
    const report = reconcile([
      ...background(400),
      ...placeholders,
      record('CNRS:9', {
        serialNumberNormalized: 'SANSNUMERO',
        designation: 'Étuve',
        platform: 'Q3',
        commissioningDate: '2001-01-01',
      }),
    ]);
    expect(clusterOf(report, 'CNRS:9')).toEqual(['CNRS:9']);
  });

  it('learns how each couple of tutelles dates one instrument', () => {
    // The CHRU dates an instrument as UL does, the day it went into service; the CNRS dates its purchase, a
    // month before.
    const day = (i: number, shift = 0) =>
      new Date(Date.UTC(2010, 0, 1 + i * 40 + shift)).toISOString().slice(0, 10);
    const pairs = Array.from({ length: 80 }, (_, i) => {
      const shared = {
        serialNumberNormalized: `H${100000 + i}`,
        model: `X${i}`,
        platform: `P${i % 50}`,
      };
      const other = i % 2 === 0 ? `CHRU:${i}` : `CNRS:${i}`;
      return [
        record(`UL:${i}`, { ...shared, commissioningDate: day(i) }),
        record(other, { ...shared, commissioningDate: day(i, i % 2 === 0 ? 0 : -30) }),
      ];
    }).flat();
    const dates = reconcile([...background(400), ...pairs]).stats.parameters.comparisons.find(
      (c) => c.field === 'commissioningDate',
    )!;
    const m = (tutelles: string) => dates.byCouple!.find((c) => c.tutelles.join('-') === tutelles)!.m;
    const [sameDay, withinTwoMonths] = [1, 2];
    expect(m('CHRU-UL')[sameDay]).toBeGreaterThan(dates.levels[sameDay]!.m);
    expect(m('CNRS-UL')[withinTwoMonths]).toBeGreaterThan(dates.levels[withinTwoMonths]!.m);
    expect(m('CNRS-UL')[sameDay]).toBeLessThan(m('CHRU-UL')[sameDay]!);
  });

  it('applies people’s decisions by record id: must-links join, cannot-links part', () => {
    const inputs = [
      ...background(200),
      record('UL:1', { serialNumberNormalized: 'H1' }),
      record('CNRS:1', { serialNumberNormalized: 'H1' }),
      record('INRAE:1', {
        designation: 'Étuve',
        platform: 'OTHER',
        unitCode: 'UR1',
        commissioningDate: '2001-01-01',
      }),
    ];
    expect(clusterOf(reconcile(inputs), 'UL:1')).toEqual(['CNRS:1', 'UL:1']);
    const decided = reconcile(inputs, {
      mustLink: [['CNRS:1', 'INRAE:1']],
      cannotLink: [['CNRS:1', 'UL:1']],
    });
    expect(clusterOf(decided, 'CNRS:1')).toEqual(['CNRS:1', 'INRAE:1']);
    expect(clusterOf(decided, 'UL:1')).toEqual(['UL:1']);
    expect(decided.clusters.find((c) => c.id === 'EQ-CNRS:1')).toMatchObject({ confidence: 1 });
  });

  it('measures pairwise precision and recall against a truth', () => {
    const truth = new Map([
      ['UL:1', 'A'],
      ['CNRS:1', 'A'],
      ['INRAE:1', 'A'],
      ['UL:2', 'B'],
    ]);
    const quality = pairwiseQuality(
      [{ recordIds: ['UL:1', 'CNRS:1'] }, { recordIds: ['INRAE:1', 'UL:2'] }],
      truth,
    );
    expect(quality).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1, precision: 0.5 });
    expect(quality.recall).toBeCloseTo(1 / 3);
  });
});
