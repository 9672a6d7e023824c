import type { Features } from './features';

/*
 * Blocking: which pairs are worth scoring. A pair is a candidate when it agrees on the key of at least one
 * rule (their union, as Splink's blocking rules): so the work grows with the records, not their square.
 * Only pairs of different tutelles are candidates: a tutelle records an asset once (UL's additions are
 * rolled into their asset by its connector), so two records of one tutelle are two assets.
 */

export interface BlockingRule {
  name: string;
  key(f: Features): string | null;
}

const both = (a: string | null, b: string | null) => (a == null || b == null ? null : `${a}|${b}`);

export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'serial number', key: (f) => f.serial },
  { name: 'platform + model', key: (f) => both(f.platform, f.model) },
  { name: 'unit + model', key: (f) => both(f.unit, f.model) },
  { name: 'platform + kind', key: (f) => both(f.platform, f.head) },
  { name: 'unit + manufacturer + kind', key: (f) => both(f.unit, both(f.maker, f.head)) },
];

/** A block this big says its key is not selective (a placeholder serial nobody listed): it is skipped. */
export const MAX_BLOCK_SIZE = 500;

export interface CandidatePairs {
  /** Pairs as indexes into the features, `left[k] < right[k]`. */
  left: Uint32Array;
  right: Uint32Array;
  /** Pairs each rule found (before the union removed the ones an earlier rule had). */
  byRule: Record<string, number>;
  skippedBlocks: number;
}

export function candidatePairs(
  features: readonly Features[],
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): CandidatePairs {
  const seen = new Set<number>();
  const left: number[] = [];
  const right: number[] = [];
  const byRule: Record<string, number> = {};
  let skippedBlocks = 0;
  const n = features.length;
  for (const rule of rules) {
    const blocks = new Map<string, number[]>();
    features.forEach((f, i) => {
      const key = rule.key(f);
      if (key == null) return;
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    });
    let found = 0;
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > MAX_BLOCK_SIZE) {
        skippedBlocks++;
        continue;
      }
      for (let x = 0; x < block.length; x++)
        for (let y = x + 1; y < block.length; y++) {
          const i = block[x]!;
          const j = block[y]!;
          if (features[i]!.tutelle === features[j]!.tutelle) continue;
          found++;
          const code = i * n + j;
          if (seen.has(code)) continue;
          seen.add(code);
          left.push(i);
          right.push(j);
        }
    }
    byRule[rule.name] = found;
  }
  return { left: Uint32Array.from(left), right: Uint32Array.from(right), byRule, skippedBlocks };
}
