import { BLOCKING_RULES, candidatePairs, TRAINING_RULES } from './blocking';
import { ConstrainedClusters } from './clustering';
import { COMPARISONS } from './comparisons';
import { FeatureBuilder, type MatchInput, makerVocabulary, modelVocabulary } from './features';
import { FellegiSunter, type FieldEvidence, type ModelParameters } from './fellegi-sunter';

/*
 * Reconciliation, end to end: features → blocking → Fellegi-Sunter scores → constrained clustering →
 * instruments (`Equipment`), each link with its probability and the evidence behind it.
 */

export interface MatchDecisions {
  /** Pairs of record ids people said are one instrument. */
  mustLink: ReadonlyArray<readonly [string, string]>;
  /** Pairs of record ids people said are two instruments. */
  cannotLink: ReadonlyArray<readonly [string, string]>;
}

export interface MatchLink {
  a: string;
  b: string;
  /** Null where people joined records no rule had paired. */
  probability: number | null;
  weight: number | null;
  evidence: FieldEvidence[];
  /** Joined by a person's decision rather than by the score. */
  decided: boolean;
}

export interface MatchedCluster {
  /** Stable while the cluster keeps its smallest record: `EQ-` + that record's id. */
  id: string;
  recordIds: string[];
  /** The links that joined it (a spanning tree); empty for one record. */
  links: MatchLink[];
  /** The weakest link's probability, 1 where every link was decided, null for one record. */
  confidence: number | null;
}

export interface MatchOptions {
  /** A pair joins when its match probability reaches this. */
  threshold?: number;
  /** Unjoined pairs at or above this are kept as possible matches, for review. */
  reviewFloor?: number;
}

export interface MatchReport {
  clusters: MatchedCluster[];
  /** Pairs scored between the review floor and the threshold, or refused by a constraint: for people to look at. */
  possibleMatches: MatchLink[];
  stats: {
    records: number;
    candidatePairs: number;
    pairsByRule: Record<string, number>;
    skippedBlocks: number;
    parameters: ModelParameters;
    milliseconds: number;
  };
}

/** Chosen for precision (≥ 0.99 on the demo's truth): a wrong merge costs more than a missed one. */
export const DEFAULT_THRESHOLD = 0.98;
export const DEFAULT_REVIEW_FLOOR = 0.05;

export const equipmentIdOf = (recordIds: readonly string[]) => `EQ-${[...recordIds].sort()[0]}`;

/** The pairs of records the blocking rules put forward (ids): what the blocking's recall is measured on. */
export function blockedPairs(inputs: readonly MatchInput[]): Array<[string, string]> {
  const makers = makerVocabulary(inputs);
  const builder = new FeatureBuilder(modelVocabulary(inputs, makers), makers);
  const features = inputs.map((input) => builder.build(input));
  builder.weigh(features);
  const pairs = candidatePairs(features, BLOCKING_RULES);
  return Array.from(pairs.left, (i, k) => [features[i]!.id, features[pairs.right[k]!]!.id]);
}

export function reconcile(
  inputs: readonly MatchInput[],
  decisions: MatchDecisions = { mustLink: [], cannotLink: [] },
  options: MatchOptions = {},
): MatchReport {
  const started = performance.now();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const reviewFloor = options.reviewFloor ?? DEFAULT_REVIEW_FLOOR;
  const makers = makerVocabulary(inputs);
  const builder = new FeatureBuilder(modelVocabulary(inputs, makers), makers);
  const features = inputs.map((input) => builder.build(input));
  builder.weigh(features);
  const pairs = candidatePairs(features, BLOCKING_RULES);
  const model = new FellegiSunter(features, COMPARISONS, TRAINING_RULES);
  const scored = model.score(pairs);

  const grouped = groupRecords(
    inputs,
    {
      a: scored.left,
      b: scored.right,
      probability: scored.probability,
      weight: scored.weight,
      evidence: (k) => model.evidence(scored, k),
    },
    decisions,
    { threshold, reviewFloor },
  );
  return {
    ...grouped,
    stats: {
      records: inputs.length,
      candidatePairs: scored.left.length,
      pairsByRule: pairs.byRule,
      skippedBlocks: pairs.skippedBlocks,
      parameters: scored.parameters,
      milliseconds: Math.round(performance.now() - started),
    },
  };
}

/**
 * Scored pairs of records (indexes), column by column as the model leaves them: millions of them at scale,
 * too many for an object each. Evidence is computed only for the links kept.
 */
interface PairScores {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  probability: ArrayLike<number>;
  weight: ArrayLike<number>;
  evidence(k: number): FieldEvidence[];
}

/**
 * Clustering proper, on pairs already scored: people's must-links first, then pairs best first while their
 * probability reaches the threshold, under the constraints; pairs left apart above the review floor are
 * possible matches.
 */
function groupRecords(
  records: ReadonlyArray<{ id: string; tutelle: string }>,
  pairs: PairScores,
  decisions: MatchDecisions,
  { threshold, reviewFloor }: { threshold: number; reviewFloor: number },
): Pick<MatchReport, 'clusters' | 'possibleMatches'> {
  const index = new Map(records.map((r, i) => [r.id, i]));
  const indexes = (list: MatchDecisions['mustLink']) =>
    list.flatMap(([a, b]) => {
      const i = index.get(a);
      const j = index.get(b);
      return i === undefined || j === undefined ? [] : [[i, j] as const];
    });
  const tutelleBit = new Map<string, number>();
  const bits = Uint8Array.from(records, (r) => {
    if (!tutelleBit.has(r.tutelle)) tutelleBit.set(r.tutelle, 1 << tutelleBit.size);
    return tutelleBit.get(r.tutelle)!;
  });
  const clusters = new ConstrainedClusters(bits, {
    mustLink: indexes(decisions.mustLink),
    cannotLink: indexes(decisions.cannotLink),
  });
  const order: number[] = [];
  for (let k = 0; k < pairs.a.length; k++) if (pairs.probability[k]! >= reviewFloor) order.push(k);
  order.sort((x, y) => pairs.weight[y]! - pairs.weight[x]!);
  const possible: number[] = [];
  for (const k of order) {
    const a = pairs.a[k]!;
    const b = pairs.b[k]!;
    const joined = pairs.probability[k]! >= threshold && clusters.join(a, b, k);
    if (!joined && clusters.find(a) !== clusters.find(b)) possible.push(k);
  }
  const link = (k: number, decided: boolean): MatchLink => ({
    a: records[pairs.a[k]!]!.id,
    b: records[pairs.b[k]!]!.id,
    probability: pairs.probability[k]!,
    weight: pairs.weight[k]!,
    evidence: pairs.evidence(k),
    decided,
  });
  const scoredPairOf = scoredPairsOfMustLinks(clusters.edges, pairs);

  const members = new Map<number, number[]>();
  records.forEach((_, i) => {
    const root = clusters.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });
  const linksOf = new Map<number, MatchLink[]>();
  for (const [e, edge] of clusters.edges.entries()) {
    const k = edge.pair >= 0 ? edge.pair : (scoredPairOf.get(e) ?? -1);
    const made: MatchLink =
      k >= 0
        ? link(k, edge.decided)
        : {
            a: records[edge.a]!.id,
            b: records[edge.b]!.id,
            probability: null,
            weight: null,
            evidence: [],
            decided: true,
          };
    const root = clusters.find(edge.a);
    const list = linksOf.get(root);
    if (list) list.push(made);
    else linksOf.set(root, [made]);
  }
  const result: MatchedCluster[] = [];
  for (const [root, list] of members) {
    const recordIds = list.map((i) => records[i]!.id).sort();
    const links = linksOf.get(root) ?? [];
    const confidence =
      links.length === 0 ? null : Math.min(...links.map((l) => (l.decided ? 1 : (l.probability ?? 1))));
    result.push({ id: equipmentIdOf(recordIds), recordIds, links, confidence });
  }
  result.sort((x, y) => (x.id < y.id ? -1 : 1));
  return { clusters: result, possibleMatches: possible.map((k) => link(k, false)) };
}

/** Per must-link edge (by its place in `edges`): the scored pair of its two records, where one was scored. */
function scoredPairsOfMustLinks(
  edges: ReadonlyArray<{ pair: number; a: number; b: number }>,
  pairs: PairScores,
): Map<number, number> {
  const wanted = new Map<string, number>();
  const ends = new Set<number>();
  edges.forEach((edge, e) => {
    if (edge.pair >= 0) return;
    wanted.set(`${Math.min(edge.a, edge.b)}|${Math.max(edge.a, edge.b)}`, e);
    ends.add(edge.a);
  });
  const found = new Map<number, number>();
  for (let k = 0; ends.size > 0 && k < pairs.a.length; k++) {
    const a = pairs.a[k]!;
    const b = pairs.b[k]!;
    if (!ends.has(a) && !ends.has(b)) continue;
    const e = wanted.get(`${Math.min(a, b)}|${Math.max(a, b)}`);
    if (e !== undefined) found.set(e, k);
  }
  return found;
}

/**
 * A few instruments grouped again after a decision, from the links already scored between their records
 * (what a person decides on is what the last reconciliation scored): immediate, where a whole
 * reconciliation takes seconds at scale. The next reconciliation regroups the whole site, the decision a
 * constraint there too.
 */
export function regroup(
  records: ReadonlyArray<{ id: string; tutelle: string }>,
  links: readonly MatchLink[],
  decisions: MatchDecisions,
  options: MatchOptions = {},
): Pick<MatchReport, 'clusters' | 'possibleMatches'> {
  const index = new Map(records.map((r, i) => [r.id, i]));
  const kept = links.flatMap((l) => {
    const a = index.get(l.a);
    const b = index.get(l.b);
    if (a === undefined || b === undefined || l.probability == null || l.weight == null) return [];
    return [{ a, b, probability: l.probability, weight: l.weight, evidence: l.evidence }];
  });
  const pairs: PairScores = {
    a: kept.map((p) => p.a),
    b: kept.map((p) => p.b),
    probability: kept.map((p) => p.probability),
    weight: kept.map((p) => p.weight),
    evidence: (k) => kept[k]!.evidence,
  };
  return groupRecords(records, pairs, decisions, {
    threshold: options.threshold ?? DEFAULT_THRESHOLD,
    reviewFloor: options.reviewFloor ?? DEFAULT_REVIEW_FLOOR,
  });
}
