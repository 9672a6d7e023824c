import type { CandidatePairs } from './blocking';
import type { Comparison } from './comparisons';
import type { Features } from './features';

/*
 * The Fellegi-Sunter model, as Splink estimates it. For each field and level, m = P(level | same
 * instrument) and u = P(level | different instruments); a pair's match weight is the prior log-odds plus,
 * per field, log2(m/u) of the level it reaches (its Bayes factor: the field's evidence).
 * - u from random pairs of records (almost all of them different instruments), shrunk towards priors;
 * - m from documented priors (M_PRIORS): EM over the blocked pairs was tried, Splink-style, and drifts to
 *   "same platform, same kind" as its match class, since within a platform the fields are not
 *   independent; the priors say what people typing one instrument twice do, and the evidence is readable;
 * - the prior odds as Splink's `estimate_probability_two_random_records_match`, from a deterministic rule;
 * - term frequencies: agreeing on a rare serial or model says more than on a common one, so the exact
 *   level's u is the value's frequency among the records (Splink's term-frequency adjustment).
 */

export interface FieldEvidence {
  field: string;
  level: string;
  /** log2 of this level's Bayes factor m/u: > 0 for a match, < 0 against, 0 when missing. */
  bayesFactorLog2: number;
}

export interface ModelParameters {
  /**
   * Prior probability that two random records match, not estimated by EM: the pairs a deterministic rule
   * (same serial) finds, over its recall, over every cross-tutelle pair (probabilityTwoRandomRecordsMatch).
   */
  lambda: number;
  /** Per comparison, per level: m and u (level 0, missing, is unused). */
  m: number[][];
  u: number[][];
}

/**
 * Documented priors for m: where records of one instrument land, by field and level (level 0 first,
 * unused). Serials are typed by hand (one edit, a prefix kept); designations are re-typed; CNRS and
 * INRAE date a purchase up to two months before commissioning.
 */
const M_PRIORS: Record<string, number[]> = {
  serialNumber: [0, 0.9, 0.05, 0.047, 0.003],
  instrument: [0, 0.7, 0.08, 0.1, 0.05, 0.02, 0.04, 0.01],
  location: [0, 0.95, 0.03, 0.02],
  commissioningDate: [0, 0.5, 0.48, 0.015, 0.005],
  usefulLife: [0, 0.9, 0.1],
};

/** Share of true matches whose records share a normalised serial: both typed (~0.8 × 0.8), legibly. */
const SERIAL_RULE_RECALL = 0.6;
/**
 * u before any data, per field and level (level 0 first, unused): as measured on random pairs of the demo
 * site at scale 1. Estimates are shrunk towards them with U_PRIOR_PAIRS pseudo-pairs, so a site of a few
 * dozen records (a test, a new deployment) still weighs a shared serial as rare, while a real site's
 * 200,000 random pairs speak for themselves.
 */
const U_PRIORS: Record<string, number[]> = {
  serialNumber: [0, 0.0003, 0.0001, 0.0001, 0.9995],
  instrument: [0, 0.006, 0.0004, 0.01, 0.003, 0.003, 0.1, 0.8776],
  location: [0, 0.006, 0.004, 0.99],
  commissioningDate: [0, 0.0002, 0.02, 0.095, 0.8848],
  usefulLife: [0, 0.23, 0.77],
};
const U_PRIOR_PAIRS = 1000;
/** The same for term frequencies, in pseudo-records: a value is this rare before the records say otherwise. */
const TF_PRIOR_RECORDS = 1000;

const RANDOM_PAIRS = 200_000;

/** A small deterministic generator (mulberry32): the same records give the same u, run after run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function estimateU(
  features: readonly Features[],
  comparisons: readonly Comparison[],
  seed = 1,
): number[][] {
  const next = random(seed);
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const n = features.length;
  let drawn = 0;
  for (let attempt = 0; n > 1 && drawn < RANDOM_PAIRS && attempt < RANDOM_PAIRS * 4; attempt++) {
    const a = features[Math.floor(next() * n)]!;
    const b = features[Math.floor(next() * n)]!;
    if (a.tutelle === b.tutelle) continue;
    drawn++;
    comparisons.forEach((c, f) => {
      counts[f]![c.compare(a, b)]!++;
    });
  }
  return counts.map((levels, f) => {
    const seen = levels.slice(1).reduce((s, x) => s + x, 0);
    const prior = U_PRIORS[comparisons[f]!.field] ?? levels.map(() => 1 / (levels.length - 1));
    return levels.map((count, l) =>
      l === 0 ? 1 : (count + U_PRIOR_PAIRS * prior[l]!) / (seen + U_PRIOR_PAIRS),
    );
  });
}

/**
 * Per record, per term-frequency comparison: how often a record of another instrument has its value. A
 * tutelle records an asset once, so the instruments sharing a value are at least as many as the records
 * of one tutelle that have it: a serial on three tutelles' records of one instrument counts once, a
 * placeholder nobody listed ('SANS', typed 40 times by one tutelle) counts 40 times and weighs little.
 */
export function termFrequencies(
  features: readonly Features[],
  comparisons: readonly Comparison[],
): (Float64Array | null)[] {
  return comparisons.map((c) => {
    const value = c.tfValue;
    if (!value) return null;
    const perTutelle = new Map<string, Map<string, number>>();
    let total = 0;
    for (const f of features) {
      const v = value(f);
      if (v == null) continue;
      total++;
      const counts = perTutelle.get(v) ?? new Map<string, number>();
      counts.set(f.tutelle, (counts.get(f.tutelle) ?? 0) + 1);
      perTutelle.set(v, counts);
    }
    const instruments = new Map([...perTutelle].map(([v, counts]) => [v, Math.max(...counts.values())]));
    const prior = U_PRIORS[c.field]?.[1] ?? 0;
    return Float64Array.from(features, (f) => {
      const v = value(f);
      return v == null ? 1 : (instruments.get(v)! + TF_PRIOR_RECORDS * prior) / (total + TF_PRIOR_RECORDS);
    });
  });
}

export interface ScoredPairs extends CandidatePairs {
  /** Per pair, per comparison: the level reached (pairs × comparisons). */
  levels: Uint8Array;
  /** Match weight (log2 odds) and probability per pair. */
  weight: Float64Array;
  probability: Float64Array;
  parameters: ModelParameters;
}

export class FellegiSunter {
  private readonly tf: (Float64Array | null)[];

  constructor(
    private readonly features: readonly Features[],
    private readonly comparisons: readonly Comparison[],
  ) {
    this.tf = termFrequencies(features, comparisons);
  }

  /** Levels of every candidate pair, then every pair's weight and probability. */
  score(pairs: CandidatePairs): ScoredPairs {
    const { features, comparisons } = this;
    const count = pairs.left.length;
    const fields = comparisons.length;
    const levels = new Uint8Array(count * fields);
    for (let k = 0; k < count; k++) {
      const a = features[pairs.left[k]!]!;
      const b = features[pairs.right[k]!]!;
      for (let f = 0; f < fields; f++) levels[k * fields + f] = comparisons[f]!.compare(a, b);
    }
    const parameters: ModelParameters = {
      lambda: this.probabilityTwoRandomRecordsMatch(pairs),
      m: comparisons.map((c) => M_PRIORS[c.field]!),
      u: estimateU(features, comparisons),
    };
    const weight = new Float64Array(count);
    const probability = new Float64Array(count);
    const fieldWeights = parameters.m.map((levelsOfField, f) =>
      levelsOfField.map((m, l) => (l === 0 ? 0 : Math.log2(m / parameters.u[f]![l]!))),
    );
    const prior = Math.log2(parameters.lambda / (1 - parameters.lambda));
    for (let k = 0; k < count; k++) {
      let w = prior;
      for (let f = 0; f < fields; f++) {
        const level = levels[k * fields + f]!;
        w +=
          level === 1 && this.tf[f]
            ? this.fieldWeight(parameters, f, level, pairs.left[k]!)
            : fieldWeights[f]![level]!;
      }
      weight[k] = w;
      probability[k] = 1 / (1 + 2 ** -w);
    }
    return { ...pairs, levels, weight, probability, parameters };
  }

  /**
   * The prior, over random pairs (u's population), as Splink's `estimate_probability_two_random_records_match`:
   * the pairs a deterministic rule (same serial) finds, over its recall, over every cross-tutelle pair.
   */
  private probabilityTwoRandomRecordsMatch(pairs: CandidatePairs): number {
    let bySerial = 0;
    for (let k = 0; k < pairs.left.length; k++) {
      const a = this.features[pairs.left[k]!]!.serial;
      if (a != null && a === this.features[pairs.right[k]!]!.serial) bySerial++;
    }
    const perTutelle = new Map<string, number>();
    for (const f of this.features) perTutelle.set(f.tutelle, (perTutelle.get(f.tutelle) ?? 0) + 1);
    const n = this.features.length;
    let crossPairs = (n * n) / 2;
    for (const c of perTutelle.values()) crossPairs -= (c * c) / 2;
    return Math.min(
      0.5,
      Math.max(1 / Math.max(1, crossPairs), bySerial / SERIAL_RULE_RECALL / Math.max(1, crossPairs)),
    );
  }

  /** The Bayes factor (log2) of one field for one pair: the exact level's u from the value's frequency. */
  private fieldWeight(params: ModelParameters, f: number, level: number, leftIndex: number): number {
    if (level === 0) return 0;
    const tf = this.tf[f];
    const u = level === 1 && tf ? Math.max(tf[leftIndex]!, 1e-6) : params.u[f]![level]!;
    return Math.log2(params.m[f]![level]! / u);
  }

  /** Why a pair scored what it did: per field, the level reached and its Bayes factor. */
  evidence(scored: ScoredPairs, k: number): FieldEvidence[] {
    const fields = this.comparisons.length;
    return this.comparisons.map((c, f) => {
      const level = scored.levels[k * fields + f]!;
      return {
        field: c.field,
        level: c.levels[level]!,
        bayesFactorLog2:
          Math.round(this.fieldWeight(scored.parameters, f, level, scored.left[k]!) * 100) / 100,
      };
    });
  }
}
