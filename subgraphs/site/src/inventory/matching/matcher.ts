import { BLOCKING_RULES, candidatePairs } from './blocking';
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
export const DEFAULT_THRESHOLD = 0.95;
export const DEFAULT_REVIEW_FLOOR = 0.05;

export const equipmentIdOf = (recordIds: readonly string[]) => `EQ-${[...recordIds].sort()[0]}`;

export function reconcile(
  inputs: readonly MatchInput[],
  decisions: MatchDecisions = { mustLink: [], cannotLink: [] },
  options: MatchOptions = {},
): MatchReport {
  const started = performance.now();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const reviewFloor = options.reviewFloor ?? DEFAULT_REVIEW_FLOOR;
  const builder = new FeatureBuilder(modelVocabulary(inputs), makerVocabulary(inputs));
  const features = inputs.map((input) => builder.build(input));
  const pairs = candidatePairs(features, BLOCKING_RULES);
  const model = new FellegiSunter(features, COMPARISONS);
  const scored = model.score(pairs);

  const index = new Map(inputs.map((input, i) => [input.id, i]));
  const indexes = (list: MatchDecisions['mustLink']) =>
    list.flatMap(([a, b]) => {
      const i = index.get(a);
      const j = index.get(b);
      return i === undefined || j === undefined ? [] : [[i, j] as const];
    });
  const tutelleBit = new Map<string, number>();
  const bits = Uint8Array.from(inputs, (input) => {
    if (!tutelleBit.has(input.tutelle)) tutelleBit.set(input.tutelle, 1 << tutelleBit.size);
    return tutelleBit.get(input.tutelle)!;
  });
  const clusters = new ConstrainedClusters(bits, {
    mustLink: indexes(decisions.mustLink),
    cannotLink: indexes(decisions.cannotLink),
  });

  const order = Array.from(scored.probability.keys()).filter((k) => scored.probability[k]! >= reviewFloor);
  order.sort((x, y) => scored.weight[y]! - scored.weight[x]!);
  const possible: number[] = [];
  for (const k of order) {
    const joined = scored.probability[k]! >= threshold && clusters.join(scored.left[k]!, scored.right[k]!, k);
    if (!joined && clusters.find(scored.left[k]!) !== clusters.find(scored.right[k]!)) possible.push(k);
  }

  const link = (k: number, decided: boolean): MatchLink => ({
    a: inputs[scored.left[k]!]!.id,
    b: inputs[scored.right[k]!]!.id,
    probability: scored.probability[k]!,
    weight: scored.weight[k]!,
    evidence: model.evidence(scored, k),
    decided,
  });
  const pairOf = new Map<number, number>();
  for (let k = 0; k < scored.left.length; k++)
    pairOf.set(scored.left[k]! * inputs.length + scored.right[k]!, k);

  const members = new Map<number, number[]>();
  inputs.forEach((_, i) => {
    const root = clusters.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });
  const linksOf = new Map<number, MatchLink[]>();
  for (const edge of clusters.edges) {
    const [a, b] = edge.a < edge.b ? [edge.a, edge.b] : [edge.b, edge.a];
    const k = edge.pair >= 0 ? edge.pair : (pairOf.get(a * inputs.length + b) ?? -1);
    const made =
      k >= 0
        ? link(k, edge.decided)
        : {
            a: inputs[a]!.id,
            b: inputs[b]!.id,
            probability: null,
            weight: null,
            evidence: [],
            decided: true,
          };
    const root = clusters.find(a);
    const list = linksOf.get(root);
    if (list) list.push(made);
    else linksOf.set(root, [made]);
  }
  const result: MatchedCluster[] = [];
  for (const [root, list] of members) {
    const recordIds = list.map((i) => inputs[i]!.id).sort();
    const links = linksOf.get(root) ?? [];
    const confidence =
      links.length === 0 ? null : Math.min(...links.map((l) => (l.decided ? 1 : (l.probability ?? 1))));
    result.push({ id: equipmentIdOf(recordIds), recordIds, links, confidence });
  }
  result.sort((x, y) => (x.id < y.id ? -1 : 1));
  return {
    clusters: result,
    possibleMatches: possible.map((k) => link(k, false)),
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
