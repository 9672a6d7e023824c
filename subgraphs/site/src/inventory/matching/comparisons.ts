import type { Features } from './features';

/*
 * Comparison levels, as Splink defines them: for each field, an ordered list of levels from the most to
 * the least alike; level 0 is "one side missing", which carries no evidence (Bayes factor 1). Each field's
 * m and u probabilities are estimated per level (fellegi-sunter.ts).
 */

export interface Comparison {
  field: string;
  /** Level names, level 0 being 'missing'. */
  levels: readonly string[];
  compare(a: Features, b: Features): number;
  /** For term-frequency adjustment of the exact level (level 1): the compared value. */
  tfValue?: (f: Features) => string | null;
}

const MISSING = 'missing';

/** Levenshtein distance bounded by 1: whether two strings differ by at most one edit. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

const exactOrNot = (field: string, value: (f: Features) => string | number | null): Comparison => ({
  field,
  levels: [MISSING, 'same', 'different'],
  compare: (a, b) => {
    const x = value(a);
    const y = value(b);
    return x == null || y == null ? 0 : x === y ? 1 : 2;
  },
});

export const COMPARISONS: readonly Comparison[] = [
  {
    field: 'serialNumber',
    levels: [MISSING, 'same', 'one edit apart', 'one ends the other', 'different'],
    compare: ({ serial: a }, { serial: b }) => {
      if (a == null || b == null) return 0;
      if (a === b) return 1;
      if (withinOneEdit(a, b)) return 2;
      const [short, long] = a.length < b.length ? [a, b] : [b, a];
      return short.length >= 5 && (long.endsWith(short) || long.startsWith(short)) ? 3 : 4;
    },
    tfValue: (f) => f.serial,
  },
  {
    // What the instrument is, in one comparison: a model names its maker and its kind, so counting the
    // model, the maker and the designation apart would count one fact three times. The designation speaks
    // only where a model is missing on one side.
    field: 'instrument',
    levels: [
      MISSING,
      'same model',
      'one model contains the other',
      'same designation, model unknown',
      'most designation words (Jaccard ≥ 0.6), model unknown',
      'some designation words (≥ 0.3), model unknown',
      'different makers, model unknown',
      'different',
    ],
    compare: (a, b) => {
      if (a.model != null && b.model != null) {
        if (a.model === b.model) return 1;
        return a.model.includes(b.model) || b.model.includes(a.model) ? 2 : 7;
      }
      // Makers are spelt many ways and renamed (GE Healthcare → Cytiva): weaker evidence than a model.
      if (a.maker != null && b.maker != null && a.maker !== b.maker) return 6;
      if (a.words.length === 0 || b.words.length === 0) return 0;
      const j = jaccard(a.words, b.words);
      return j >= 0.999 ? 3 : j >= 0.6 ? 4 : j >= 0.3 ? 5 : 7;
    },
    tfValue: (f) => f.model,
  },
  {
    // Platform and unit in one comparison: a platform belongs to its units.
    field: 'location',
    levels: [MISSING, 'same platform', 'same unit', 'different'],
    compare: (a, b) => {
      if (a.platform != null && b.platform != null) return a.platform === b.platform ? 1 : 3;
      if (a.unit == null || b.unit == null) return 0;
      return a.unit === b.unit ? 2 : 3;
    },
  },
  {
    field: 'commissioningDate',
    levels: [MISSING, 'same day', 'within 2 months', 'within a year', 'further apart'],
    compare: ({ day: a }, { day: b }) => {
      if (a == null || b == null) return 0;
      const d = Math.abs(a - b);
      return d === 0 ? 1 : d <= 62 ? 2 : d <= 366 ? 3 : 4;
    },
  },
  exactOrNot('usefulLife', (f) => f.life),
];
