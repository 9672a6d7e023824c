import { type BlockingRule, type CandidatePairs, candidatePairs } from './blocking';
import type { Comparison } from './comparisons';
import type { Features } from './features';
import { oneToOne } from './one-to-one';

/*
 * The Fellegi-Sunter model, as Splink estimates it. For each field and level, m = P(level | same
 * instrument) and u = P(level | different instruments); a pair's evidence is, per field, log2(m/u) of
 * the level it reaches (its Bayes factor); its probability is that of a one-to-one assignment
 * (one-to-one.ts): b is a's partner among a's candidates, or none.
 * - u from random pairs of records (almost all of them different instruments), shrunk towards priors;
 * - m by expectation-maximisation, starting from documented priors (M_PRIORS), run apart on each training
 *   rule's own pairs (Splink's training rules): a field's m is learnt from the first rule that found
 *   MIN_TRAINING_PAIRS and does not look at it (a rule on model codes says nothing of how often one
 *   instrument's records agree on codes, but pairs sharing a maker do);
 * - the prior, per couple of tutelles, from the share of records that have a partner, learnt by EM over
 *   every record's candidates (one-to-one.ts), so it does not rest on one field (serials, absent from
 *   many sites); the training EM's own share of matches is that sample's, not the site's;
 * - term frequencies: agreeing on a rare serial or model code says more than on a common one, so the
 *   agreeing level's u is the value's frequency among the records (Splink's term-frequency adjustment).
 * Probabilities are clamped to [CLAMP, 1 - CLAMP] so that no level is proof on its own.
 */

export interface FieldEvidence {
  field: string;
  level: string;
  /** log2 of this level's Bayes factor m/u: > 0 for a match, < 0 against, 0 when missing. */
  bayesFactorLog2: number;
}

/** One level of a comparison, as Splink keeps it: what it says, its m and u, what its u is adjusted by. */
export interface ComparisonLevel {
  label: string;
  m: number;
  u: number;
  /** The value whose frequency replaces u at this level (term-frequency adjustment), null where none. */
  tfColumn: string | null;
}

export interface ModelParameters {
  /** Prior probability that two random cross-tutelle records match: the expected matches (one-to-one.ts) over the cross pairs. */
  lambda: number;
  /**
   * Per comparison (in COMPARISONS' order): its levels, level 0 ('missing') carrying no evidence, m pooled
   * over the couples of tutelles; where m is learnt per couple (`Comparison.perCouple`), each couple's.
   */
  comparisons: Array<{
    field: string;
    levels: ComparisonLevel[];
    byCouple?: Array<{ tutelles: [string, string]; m: number[] }>;
  }>;
  emIterations: number;
}

/**
 * m per field, per couple of tutelles (FellegiSunter.coupleOf), per level; where a field is learnt pooled,
 * every couple holds the pooled levels.
 */
type MTable = number[][][];

const CLAMP = 1e-4;
const clamp = (p: number) => Math.min(1 - CLAMP, Math.max(CLAMP, p));
/** A pair's probability short of 0 and 1, so that its weight (log2 odds) is finite. */
const clampProbability = (p: number) => Math.min(1 - 1e-12, Math.max(1e-12, p));
const EM_ITERATIONS = 15;
/**
 * Pseudo-matches of the prior m each EM estimate is shrunk towards: a few pairs do not swing a level, but a
 * sample of a few hundred matches speaks for itself. At 200 the prior held half the weight of the demo's
 * ~200 serial-sharing matches at ×1 and kept dates years apart at m 0.037 where its matches have 0.086
 * (docs/INVENTORY.md).
 */
const M_PRIOR_PAIRS = 50;
const MIN_TRAINING_PAIRS = 30;

/**
 * Documented priors for m: where records of one instrument land, by field and level (level 0 first,
 * unused). Serials are typed by hand (one edit, a prefix kept); designations are re-typed; CNRS and
 * INRAE date a purchase up to two months before commissioning.
 */
const M_PRIORS: Record<string, number[]> = {
  serialNumber: [0, 0.9, 0.05, 0.047, 0.003],
  model: [0, 0.4, 0.05, 0.35, 0.05, 0.13, 0.02],
  designation: [0, 0.2, 0.4, 0.2, 0.1, 0.05, 0.05],
  location: [0, 0.95, 0.025, 0.005, 0.02],
  commissioningDate: [0, 0.5, 0.48, 0.015, 0.004, 0.001],
  usefulLife: [0, 0.9, 0.1],
  // A convention splits a price in round shares; an upgrade UL adds to its share leaves no round ratio.
  valueShares: [0, 0.2, 0.6, 0.2],
  // One instrument's records state one capacity, one focal range; a size left out is 'missing'.
  size: [0, 0.9, 0.1],
};

/**
 * u before any data, per field and level (level 0 first, unused): as measured on random pairs of the demo
 * site at scale 1. Estimates are shrunk towards them with U_PRIOR_PAIRS pseudo-pairs, so a site of a few
 * dozen records (a test, a new deployment) still weighs a shared serial as rare, while a real site's
 * 200,000 random pairs speak for themselves.
 */
const U_PRIORS: Record<string, number[]> = {
  serialNumber: [0, 0.0003, 0.0001, 0.0001, 0.9995],
  instrument: [0, 0.006, 0.0004, 0.001, 0.0002, 0.002, 0.003, 0.01, 0.1, 0.8774],
  location: [0, 0.006, 0.001, 0.003, 0.99],
  commissioningDate: [0, 0.0002, 0.02, 0.095, 0.4, 0.4848],
  usefulLife: [0, 0.23, 0.77],
  valueShares: [0, 0.002, 0.01, 0.988],
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
 * Per term-frequency comparison: how often a record of another instrument has each value. A tutelle
 * records an asset once, so the instruments sharing a value are at least as many as the records of one
 * tutelle that have it: a serial on three tutelles' records of one instrument counts once, a placeholder
 * nobody listed ('SANS', typed 40 times by one tutelle) counts 40 times and weighs little.
 */
export function termFrequencies(
  features: readonly Features[],
  comparisons: readonly Comparison[],
): (Map<string, number> | null)[] {
  return comparisons.map((c) => {
    const values = c.tfValues;
    if (!values) return null;
    const perValue = new Map<string, Map<string, number>>();
    let total = 0;
    for (const f of features) {
      const list = values(f);
      if (list.length > 0) total++;
      for (const v of list) {
        const counts = perValue.get(v) ?? new Map<string, number>();
        counts.set(f.tutelle, (counts.get(f.tutelle) ?? 0) + 1);
        perValue.set(v, counts);
      }
    }
    // Shrunk towards a value met once per instrument: TF_PRIOR_RECORDS pseudo-records with other values.
    return new Map(
      [...perValue].map(([v, counts]) => [v, Math.max(...counts.values()) / (total + TF_PRIOR_RECORDS)]),
    );
  });
}

/**
 * m where the levels 1 to `ordered` are ordered, so that a more alike level's Bayes factor is at least the
 * next one's: the EM, fed pairs sharing a maker, can find 'same words' rarer among matches than 'close'
 * (a cut designation is seldom the same), which would rank a pair of the same words under a close one.
 */
function monotone(m: readonly number[], u: readonly number[], ordered: number): number[] {
  const raised = [...m];
  for (let l = ordered - 1; l >= 1; l--)
    if (raised[l]! / u[l]! < raised[l + 1]! / u[l + 1]!) raised[l] = (u[l]! * raised[l + 1]!) / u[l + 1]!;
  const total = raised.reduce((s, x, l) => (l === 0 ? s : s + x), 0);
  return raised.map((x, l) => (l === 0 ? x : clamp(x / total)));
}

export interface ScoredPairs extends CandidatePairs {
  /** Per pair, per comparison: the level reached (pairs × comparisons). */
  levels: Uint8Array;
  /** Per pair, per comparison: the term-frequency u of the value agreed on, NaN where not adjusted. */
  tfU: Float64Array;
  /** Per pair: its couple of tutelles (an index of the model's, for the m learnt per couple). */
  couples: Uint16Array;
  /** Match weight (log2 odds) and probability per pair. */
  weight: Float64Array;
  probability: Float64Array;
  parameters: ModelParameters;
}

export class FellegiSunter {
  private readonly tf: (Map<string, number> | null)[];
  private readonly tutelles: string[];
  /** Per record, its tutelle's index in `tutelles`. */
  private readonly tutelleOf: Uint8Array;
  /** m and u as `score` learnt them, for `evidence`. */
  private fitted: { m: MTable; u: number[][] } | null = null;

  constructor(
    private readonly features: readonly Features[],
    private readonly comparisons: readonly Comparison[],
    /** The rules whose pairs train m, in order of preference. */
    private readonly trainingRules: readonly BlockingRule[],
  ) {
    this.tf = termFrequencies(features, comparisons);
    this.tutelles = [...new Set(features.map((f) => f.tutelle))].sort();
    const index = new Map(this.tutelles.map((t, i) => [t, i]));
    this.tutelleOf = Uint8Array.from(features, (f) => index.get(f.tutelle)!);
  }

  /** The couple of tutelles of two records, whichever comes first: an index below couples(). */
  private coupleOf(i: number, j: number): number {
    const a = this.tutelleOf[i]!;
    const b = this.tutelleOf[j]!;
    return a < b ? a * this.tutelles.length + b : b * this.tutelles.length + a;
  }

  private couples(): number {
    return Math.max(1, this.tutelles.length ** 2);
  }

  /** Levels of every candidate pair, m by EM on the training rules' pairs, then the one-to-one probabilities and their weights (log2 odds). */
  score(pairs: CandidatePairs): ScoredPairs {
    const { comparisons } = this;
    const count = pairs.left.length;
    const fields = comparisons.length;
    const { levels, tfU, couples } = this.levelsOf(pairs);
    const u = estimateU(this.features, comparisons).map((l) => l.map(clamp));
    const { m, pooled, iterations } = this.train(u);
    this.fitted = { m, u };
    const evidence = new Float64Array(count);
    for (let k = 0; k < count; k++)
      for (let f = 0; f < fields; f++) evidence[k]! += this.bayesFactorLog2(m, u, tfU, levels, couples, k, f);
    const assigned = oneToOne(
      pairs.left,
      pairs.right,
      evidence,
      this.features.map((f) => f.tutelle),
    );
    const lambda = Math.min(0.5, Math.max(1, assigned.matches) / this.crossPairs());
    const parameters: ModelParameters = {
      lambda,
      comparisons: comparisons.map((c, f) => ({
        field: c.field,
        levels: c.levels.map((label, l) => ({
          label,
          m: pooled[f]![l]!,
          u: u[f]![l]!,
          tfColumn: c.tfLevels?.includes(l) ? c.field : null,
        })),
        ...(c.perCouple ? { byCouple: this.byCouple(m[f]!) } : {}),
      })),
      emIterations: iterations,
    };
    const probability = Float64Array.from(assigned.probability, clampProbability);
    const weight = Float64Array.from(probability, (p) => Math.log2(p / (1 - p)));
    return { ...pairs, levels, tfU, couples, weight, probability, parameters };
  }

  /** A per-couple field's m, couple by couple (each couple of tutelles once). */
  private byCouple(m: number[][]): Array<{ tutelles: [string, string]; m: number[] }> {
    const { tutelles } = this;
    return tutelles.flatMap((a, i) =>
      tutelles.slice(i + 1).map((b, j) => ({
        tutelles: [a, b] as [string, string],
        m: m[i * tutelles.length + i + 1 + j]!,
      })),
    );
  }

  /** Per pair and comparison: the level reached, and the term-frequency u of the value agreed on; per pair, its couple of tutelles. */
  private levelsOf(pairs: CandidatePairs): { levels: Uint8Array; tfU: Float64Array; couples: Uint16Array } {
    const { features, comparisons } = this;
    const count = pairs.left.length;
    const fields = comparisons.length;
    const levels = new Uint8Array(count * fields);
    const tfU = new Float64Array(count * fields).fill(Number.NaN);
    const couples = new Uint16Array(count);
    for (let k = 0; k < count; k++) {
      couples[k] = this.coupleOf(pairs.left[k]!, pairs.right[k]!);
      const a = features[pairs.left[k]!]!;
      const b = features[pairs.right[k]!]!;
      for (let f = 0; f < fields; f++) {
        const level = comparisons[f]!.compare(a, b);
        levels[k * fields + f] = level;
        const value = comparisons[f]!.tfAgreed?.(a, b, level);
        const u = value == null ? undefined : this.tf[f]?.get(value);
        if (u !== undefined) tfU[k * fields + f] = Math.max(u, CLAMP);
      }
    }
    return { levels, tfU, couples };
  }

  /**
   * m per field: EM on each training rule's own pairs (all of them, not only those no earlier rule found,
   * which would be the leftovers), each field's m from the first rule that found enough pairs and does
   * not look at it; a field no rule can train keeps its prior.
   */
  private train(u: number[][]): { m: MTable; pooled: number[][]; iterations: number } {
    const { comparisons } = this;
    const priors = comparisons.map((c) => M_PRIORS[c.field] ?? c.levels.map(() => 1 / (c.levels.length - 1)));
    const pooled = priors.map((l) => l.map(clamp));
    const m: MTable = pooled.map((levels) => new Array(this.couples()).fill(levels));
    const trained = comparisons.map(() => false);
    let iterations = 0;
    for (const rule of this.trainingRules) {
      const fields = comparisons.map((c, f) => !trained[f] && !rule.fields.includes(c.field));
      if (!fields.some(Boolean)) continue;
      const pairs = candidatePairs(this.features, [rule]);
      if (pairs.left.length < MIN_TRAINING_PAIRS) continue;
      const { levels, tfU, couples } = this.levelsOf(pairs);
      const learnt = this.expectationMaximisation(
        { count: pairs.left.length, levels, tfU, couples },
        u,
        m,
        fields,
        this.mostMatchesIn(pairs),
      );
      iterations += learnt.iterations;
      fields.forEach((trains, f) => {
        if (!trains) return;
        m[f] = learnt.m[f]!;
        pooled[f] = learnt.pooled[f]!;
        trained[f] = true;
      });
    }
    const ordered = (levels: number[], f: number) => monotone(levels, u[f]!, comparisons[f]!.ordered ?? 0);
    return {
      m: m.map((byCouple, f) => byCouple.map((levels) => ordered(levels, f))),
      pooled: pooled.map(ordered),
      iterations,
    };
  }

  private bayesFactorLog2(
    m: MTable,
    u: number[][],
    tfU: Float64Array,
    levels: Uint8Array,
    couples: Uint16Array,
    k: number,
    f: number,
  ): number {
    const fields = this.comparisons.length;
    const level = levels[k * fields + f]!;
    if (level === 0) return 0;
    const adjusted = tfU[k * fields + f]!;
    return Math.log2(m[f]![couples[k]!]![level]! / (Number.isNaN(adjusted) ? u[f]![level]! : adjusted));
  }

  /**
   * EM over one training rule's pairs: E, each pair's match probability under the current m and lambda;
   * M, the trained fields' m weighed by those probabilities (shrunk towards the prior with M_PRIOR_PAIRS),
   * each couple's m, where learnt per couple, shrunk towards the pooled one with as many; and lambda as the
   * mean probability (that sample's, not the site's).
   */
  private expectationMaximisation(
    sample: { count: number; levels: Uint8Array; tfU: Float64Array; couples: Uint16Array },
    u: number[][],
    start: MTable,
    trains: readonly boolean[],
    mostMatches: number,
  ): { m: MTable; pooled: number[][]; iterations: number } {
    const { comparisons } = this;
    const { count, levels, tfU, couples } = sample;
    const fields = comparisons.length;
    const priors = comparisons.map((c) => M_PRIORS[c.field] ?? c.levels.map(() => 1 / (c.levels.length - 1)));
    let m = start;
    let pooled = start.map((byCouple) => byCouple[0]!);
    // A record has one partner per other tutelle: a sample holds no more matches than that, else the EM's
    // "match" class drifts to the bulk of a sample of mostly different instruments (pairs sharing a maker).
    const most = Math.min(0.5, mostMatches / count);
    let lambdaBlocked = Math.min(0.02, most);
    const posterior = new Float64Array(count);
    let iterations = 0;
    for (; iterations < EM_ITERATIONS; iterations++) {
      const prior = Math.log2(lambdaBlocked / (1 - lambdaBlocked));
      let sum = 0;
      for (let k = 0; k < count; k++) {
        let w = prior;
        for (let f = 0; f < fields; f++) w += this.bayesFactorLog2(m, u, tfU, levels, couples, k, f);
        posterior[k] = 1 / (1 + 2 ** -w);
        sum += posterior[k]!;
      }
      const next = clamp(Math.min(most, sum / count));
      // Per field, couple and level: the expected matches there.
      const counts = comparisons.map((c) =>
        Array.from({ length: this.couples() }, () => new Float64Array(c.levels.length)),
      );
      for (let k = 0; k < count; k++)
        for (let f = 0; f < fields; f++)
          if (trains[f]) counts[f]![couples[k]!]![levels[k * fields + f]!]! += posterior[k]!;
      const shrunk = (levelCounts: ArrayLike<number>, towards: readonly number[]) => {
        let seen = 0;
        for (let l = 1; l < levelCounts.length; l++) seen += levelCounts[l]!;
        return Array.from(levelCounts, (x, l) =>
          l === 0 ? 1 : clamp((x + M_PRIOR_PAIRS * towards[l]!) / (seen + M_PRIOR_PAIRS)),
        );
      };
      pooled = pooled.map((current, f) => {
        if (!trains[f]) return current;
        const total = new Float64Array(current.length);
        for (const byCouple of counts[f]!) for (let l = 0; l < total.length; l++) total[l]! += byCouple[l]!;
        return shrunk(total, priors[f]!);
      });
      m = m.map((byCouple, f) => {
        if (!trains[f]) return byCouple;
        if (!comparisons[f]!.perCouple) return byCouple.map(() => pooled[f]!);
        return counts[f]!.map((levelCounts) => shrunk(levelCounts, pooled[f]!));
      });
      const converged = Math.abs(next - lambdaBlocked) < 1e-5;
      lambdaBlocked = next;
      if (converged) break;
    }
    return { m, pooled, iterations };
  }

  /** The records of a sample's pairs, bar those of its largest tutelle: the most matches it can hold. */
  private mostMatchesIn(pairs: CandidatePairs): number {
    const records = new Set([...pairs.left, ...pairs.right]);
    const counts = new Map<string, number>();
    for (const r of records)
      counts.set(this.features[r]!.tutelle, (counts.get(this.features[r]!.tutelle) ?? 0) + 1);
    return records.size - Math.max(0, ...counts.values());
  }

  private crossPairs(): number {
    const perTutelle = new Map<string, number>();
    for (const f of this.features) perTutelle.set(f.tutelle, (perTutelle.get(f.tutelle) ?? 0) + 1);
    const n = this.features.length;
    let cross = (n * n) / 2;
    for (const c of perTutelle.values()) cross -= (c * c) / 2;
    return Math.max(1, cross);
  }

  /** Why a pair scored what it did: per field, the level reached and its Bayes factor. */
  evidence(scored: ScoredPairs, k: number): FieldEvidence[] {
    const { tfU, levels, couples } = scored;
    if (!this.fitted) throw new Error('evidence asked of a model that scored nothing');
    const { m, u } = this.fitted;
    return this.comparisons.map((c, f) => ({
      field: c.field,
      level: c.levels[levels[k * this.comparisons.length + f]!]!,
      bayesFactorLog2: Math.round(this.bayesFactorLog2(m, u, tfU, levels, couples, k, f) * 100) / 100,
    }));
  }
}
