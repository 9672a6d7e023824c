import { type Features, SIZE } from './features';

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
  /**
   * Levels 1 to this one go from the most to the least alike: a more alike level is never weaker evidence
   * (its Bayes factor is raised to the next one's where the EM learnt less, fellegi-sunter.ts).
   */
  ordered?: number;
  /**
   * m is learnt per couple of tutelles (each shrunk towards the pooled one): where each tutelle records the
   * field its own way (UL and the CHRU the commissioning day, the CNRS the purchase weeks before).
   */
  perCouple?: boolean;
  /** For term-frequency adjustment: the values a record has (their frequencies are counted)... */
  tfValues?: (f: Features) => readonly string[];
  /** ...and the value a pair agrees on at a level, null where that level is not adjusted... */
  tfAgreed?: (a: Features, b: Features, level: number) => string | null;
  /** ...the levels so adjusted. */
  tfLevels?: readonly number[];
}

const MODEL_LEVELS = [
  'missing',
  'same model',
  'one model contains the other',
  'same model code in the designations',
  'one code starts the other (cut, or a variant suffix)',
  'codes on both sides, none shared',
  'different models',
];

const DESIGNATION_LEVELS = [
  'missing',
  'same words',
  'alike (bigram cosine ≥ 0.5)',
  'close (≥ 0.35)',
  'some bigrams shared (≥ 0.2)',
  'different makers',
  'different',
];

/** Makers alike: one's name, spaces left out, starts the other's ('TECH CRAFT', 'TECHCRAFT INC'), or a word is shared ('HPE ARUBA'). */
function sameMaker(a: string, b: string): boolean {
  const x = a.replace(/[^A-Z0-9]/g, '');
  const y = b.replace(/[^A-Z0-9]/g, '');
  const words = new Set(a.split(' '));
  return x.startsWith(y) || y.startsWith(x) || b.split(' ').some((w) => w.length >= 3 && words.has(w));
}

/**
 * Whether both models are known and say whether the instrument is one: alike, or neither read at the end of
 * a cut designation ('COMPANY Qua' for 'Quanta 250', a piece of a maker's name), which is no model to differ
 * from (the codes and the words decide).
 */
function modelsSay(a: Features, b: Features): boolean {
  if (a.model == null || b.model == null) return false;
  return (!a.modelCut && !b.modelCut) || a.model.includes(b.model) || b.model.includes(a.model);
}

/** The rarest code both records name (codes are sorted rarest first, the longest where equally rare), null where none. */
function sharedCode(a: Features, b: Features): string | null {
  // A record has a few codes: a scan, not a Set built per pair (millions of pairs at scale).
  for (const code of a.codes) if (!SIZE.test(code) && b.codes.includes(code)) return code;
  return null;
}

const MIN_CODE_START = 5;
/**
 * One of a's codes starts one of b's: a code cut at the source's length limit ('SVMF12' for 'SVMF120P'),
 * or a variant's suffix ('R1214' and 'R1214SS').
 */
function codeStarts(a: Features, b: Features): boolean {
  return a.codes.some(
    (cut) =>
      cut.length >= MIN_CODE_START &&
      /\d/.test(cut) &&
      b.codes.some((c) => c.length > cut.length && c.startsWith(cut)),
  );
}

/** The same words, in any order. */
function sameWords(a: Features, b: Features): boolean {
  return a.words.length === b.words.length && a.words.every((w, i) => w === b.words[i]);
}

/**
 * Cosine of the designations' character bigrams, each weighed by its rarity (TF-IDF): a code written
 * apart or cut ('ETHERFAST4116' and 'EF4116', 'FS1' and 'FS105') and a word spelt two ways still share
 * bigrams, where words must be the same to count; a long designation of the same thing is punished less
 * than by a rarity-weighted word overlap, which was measured worse on Abt-Buy (docs/INVENTORY.md).
 */
function gramCosine(a: Features, b: Features): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.grams.length && j < b.grams.length) {
    if (a.grams[i] === b.grams[j]) {
      dot += a.gramWeights[i]! * b.gramWeights[j]!;
      i++;
      j++;
    } else if (a.grams[i]! < b.grams[j]!) i++;
    else j++;
  }
  return dot;
}

/** The rarest word (heaviest) both designations have, as its id, null where none. */
function rarestSharedWord(a: Features, b: Features): string | null {
  let i = 0;
  let j = 0;
  let best = -1;
  while (i < a.words.length && j < b.words.length) {
    if (a.words[i] === b.words[j]) {
      if (best < 0 || a.weights[i]! > a.weights[best]!) best = i;
      i++;
      j++;
    } else if (a.words[i]! < b.words[j]!) i++;
    else j++;
  }
  return best < 0 ? null : String(a.words[best]);
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
    tfValues: (f) => (f.serial == null ? [] : [f.serial]),
    tfAgreed: (a, _b, level) => (level === 1 ? a.serial : null),
    tfLevels: [1],
  },
  {
    // A model, given or found in the designation, names its maker and its kind: the strongest evidence
    // short of a serial, weighed by how rare the agreed code is.
    field: 'model',
    levels: MODEL_LEVELS,
    compare: (a, b) => {
      if (modelsSay(a, b)) {
        if (a.model === b.model) return 1;
        return a.model!.includes(b.model!) || b.model!.includes(a.model!) ? 2 : 6;
      }
      if (sharedCode(a, b) != null) return 3;
      if (codeStarts(a, b) || codeStarts(b, a)) return 4;
      // Codes on both sides, none shared: different models, or a code one side did not write.
      return a.codes.length > 0 && b.codes.length > 0 ? 5 : 0;
    },
    tfValues: (f) => f.codes,
    tfAgreed: (a, b, level) => (level === 1 ? a.model : level === 3 ? sharedCode(a, b) : null),
    tfLevels: [1, 3],
  },
  {
    // The designation's words, their bigrams weighed by rarity; makers apart.
    field: 'designation',
    levels: DESIGNATION_LEVELS,
    ordered: 4,
    compare: (a, b) => {
      // Where both models are known, the model said what the instrument is: the words would count it twice.
      if (modelsSay(a, b)) return 0;
      // Makers are spelt many ways and renamed (GE Healthcare → Cytiva): alike when a word is shared.
      if (a.maker != null && b.maker != null && !sameMaker(a.maker, b.maker)) return 5;
      if (a.words.length === 0 || b.words.length === 0) return 0;
      if (sameWords(a, b)) return 1;
      const similarity = gramCosine(a, b);
      return similarity >= 0.5 ? 2 : similarity >= 0.35 ? 3 : similarity >= 0.2 ? 4 : 6;
    },
    // Sharing a word few records have ('GIGARANGE') says more than sharing 'SWITCH': at the alike levels,
    // u is the frequency of the rarest word both have.
    tfValues: (f) => Array.from(f.words, String),
    tfAgreed: (a, b, level) => (level >= 1 && level <= 4 ? rarestSharedWord(a, b) : null),
    tfLevels: [1, 2, 3, 4],
  },
  {
    // Platform and unit in one comparison: a platform belongs to its units. A unit's records on no platform
    // (its office computers, its own lab equipment) are a level apart from a platform's record whose
    // co-funder did not say the platform: what is co-funded is mostly on a platform, as the EM learns.
    field: 'location',
    levels: [
      MISSING,
      'same platform',
      'same unit, a platform on one side',
      'same unit, on no platform',
      'different',
    ],
    compare: (a, b) => {
      if (a.platform != null && b.platform != null) return a.platform === b.platform ? 1 : 4;
      if (a.unit == null || b.unit == null) return 0;
      if (a.unit !== b.unit) return 4;
      return a.platform != null || b.platform != null ? 2 : 3;
    },
  },
  {
    // Years apart is a level of its own: a tutelle may date its record by a convention's or a
    // re-inventory's day, a few years from the others', where two instruments are as often decades apart.
    field: 'commissioningDate',
    perCouple: true,
    levels: [MISSING, 'same day', 'within 2 months', 'within a year', 'within 5 years', 'further apart'],
    compare: ({ day: a }, { day: b }) => {
      if (a == null || b == null) return 0;
      const d = Math.abs(a - b);
      return d === 0 ? 1 : d <= 62 ? 2 : d <= 366 ? 3 : d <= 5 * 366 ? 4 : 5;
    },
    // A day many records share (the month's first, a batch of purchases) says less than a rare one.
    tfValues: (f) => (f.day == null ? [] : [String(f.day)]),
    tfAgreed: (a, _b, level) => (level === 1 ? String(a.day) : null),
    tfLevels: [1],
  },
  exactOrNot('usefulLife', (f) => f.life),
  {
    // Co-funders split an instrument's price by a convention, in round shares (50/50, 60/40, 40/30/30): two
    // records of one instrument hold values in a ratio of whole multiples of 5 %, two instruments seldom do.
    field: 'valueShares',
    levels: [MISSING, 'the same value', 'in a ratio of round shares', 'in no such ratio'],
    compare: ({ value: a }, { value: b }) => {
      if (a == null || b == null) return 0;
      return Math.abs(a - b) <= SHARE_TOLERANCE * b ? 1 : roundShares(a, b) ? 2 : 3;
    },
  },
  {
    // '4GB' and '8GB', '70-300MM' and '75-300MM': one range, two instruments, whatever else they share.
    field: 'size',
    levels: [MISSING, 'a size shared', 'sizes of one unit, none shared'],
    compare: (a, b) => {
      // A unit both state, none of its sizes shared ('4GB' / '8GB'), says two instruments, even where another
      // size is shared ('133X').
      const apart = (unit: string) =>
        a.sizes.some((s) => unitOf(s) === unit) &&
        !a.sizes.some((s) => unitOf(s) === unit && b.sizes.includes(s));
      if (b.sizes.some((s) => apart(unitOf(s)))) return 2;
      return a.sizes.some((s) => b.sizes.includes(s)) ? 1 : 0;
    },
    // A size few records state ('70300MM') says more than '8GB'.
    tfValues: (f) => f.sizes,
    tfAgreed: (a, b, level) => (level === 1 ? (a.sizes.find((s) => b.sizes.includes(s)) ?? null) : null),
    tfLevels: [1],
  },
];

const unitOf = (size: string) => size.replace(/^\d+/, '');

/** Shares in steps of 5 %: a ratio p/q of two of them has p and q up to 20. */
const SHARE_STEPS = 20;
/** Shares rounded to the cent, then TTC turned into HT: a ratio is that close to p/q. */
const SHARE_TOLERANCE = 1e-4;

/** Whether a/b is p/q with p, q in 1..20 (shares in steps of 5 %), to the cent. */
function roundShares(a: number, b: number): boolean {
  for (let q = 1; q <= SHARE_STEPS; q++) {
    const p = Math.round((q * a) / b);
    if (p >= 1 && p <= SHARE_STEPS && Math.abs(q * a - p * b) <= SHARE_TOLERANCE * p * b) return true;
  }
  return false;
}
