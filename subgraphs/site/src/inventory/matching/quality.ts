/*
 * Pairwise precision and recall of a clustering against a truth: the pairs of records put in one
 * instrument, against the pairs that are one. Records the truth does not know are instruments of their own.
 */

export interface PairwiseQuality {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

function pairsOf(groups: Iterable<readonly string[]>): Set<string> {
  const pairs = new Set<string>();
  for (const group of groups) {
    const sorted = [...group].sort();
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]}\t${sorted[j]}`);
  }
  return pairs;
}

/** `truth`: record id → true instrument id, for the records the truth knows. */
export function pairwiseQuality(
  clusters: ReadonlyArray<{ recordIds: readonly string[] }>,
  truth: ReadonlyMap<string, string>,
): PairwiseQuality {
  const recordIds = new Set(clusters.flatMap((c) => c.recordIds));
  const byInstrument = new Map<string, string[]>();
  for (const [record, instrument] of truth) {
    if (!recordIds.has(record)) continue;
    const list = byInstrument.get(instrument);
    if (list) list.push(record);
    else byInstrument.set(instrument, [record]);
  }
  const expected = pairsOf(byInstrument.values());
  const predicted = pairsOf(clusters.map((c) => c.recordIds));
  let correct = 0;
  for (const pair of predicted) if (expected.has(pair)) correct++;
  const precision = predicted.size === 0 ? 1 : correct / predicted.size;
  const recall = expected.size === 0 ? 1 : correct / expected.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    truePairs: expected.size,
    predictedPairs: predicted.size,
    correctPairs: correct,
    precision,
    recall,
    f1,
  };
}
