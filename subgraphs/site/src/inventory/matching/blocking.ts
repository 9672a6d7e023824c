import type { Features } from './features';

/*
 * Blocking: which pairs are worth scoring. A pair is a candidate when it agrees on the key of at least one
 * rule (their union, as Splink's blocking rules): so the work grows with the records, not their square.
 * Only pairs of different tutelles are candidates: a tutelle records an asset once (UL's additions are
 * rolled into their asset by its connector), so two records of one tutelle are two assets.
 */

export interface BlockingRule {
  name: string;
  /** The keys a record is blocked under (a pair is a candidate when its records share one). */
  keys(f: Features): readonly string[];
  /**
   * The compared fields the rule looks at: pairs it found do not train those fields' m (fellegi-sunter.ts);
   * all of them for a rule kept for recall, whose pairs are mostly different instruments and would teach
   * the EM that a match is "same platform, same kind".
   */
  fields: readonly string[];
}

const both = (a: string | null, b: string | null) => (a == null || b == null ? null : `${a}|${b}`);
/** A rule kept for recall only: it trains no field. */
const ALL = [
  'serialNumber',
  'model',
  'designation',
  'location',
  'commissioningDate',
  'usefulLife',
  'valueShares',
  'size',
];
const one = (key: string | null) => (key == null ? [] : [key]);
const CODE_START = 5;

/** The first rules find the most pairs without looking at place or dates: they train those fields. */
export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'serial number', keys: (f) => one(f.serial), fields: ['serialNumber'] },
  {
    // Codes are found in the designation: a rule on them looks at both text fields.
    name: 'model code',
    keys: (f) => f.codes,
    fields: ['model', 'designation'],
  },
  {
    // A code cut at the length limit ('SVMF12' for 'SVMF120P') shares its first characters.
    name: 'model code start',
    keys: (f) => [
      ...new Set(f.codes.filter((c) => c.length >= CODE_START).map((c) => c.slice(0, CODE_START))),
    ],
    fields: ALL,
  },
  {
    name: 'rarest designation words',
    keys: (f) => f.rareWords.map((w) => `w${w}`),
    fields: ALL,
  },
  {
    name: 'platform + model',
    keys: (f) => one(both(f.platform, f.model)),
    fields: ALL,
  },
  {
    name: 'unit + model',
    keys: (f) => one(both(f.unit, f.model)),
    fields: ALL,
  },
  {
    name: 'platform + kind',
    keys: (f) => one(both(f.platform, f.head)),
    fields: ALL,
  },
  {
    // A maker and any word of the designation: what the codes no longer find when none is written the same
    // on both sides ('LINKSYS ETHERFAST 5-PORT SWITCH' and 'Linksys EtherFast EZXS55W Ethernet Switch').
    name: 'manufacturer + word',
    keys: (f) => (f.maker == null ? [] : Array.from(f.words, (w) => `${f.maker}|${w}`)),
    fields: ALL,
  },
  {
    name: 'unit + manufacturer + kind',
    keys: (f) => one(both(f.unit, both(f.maker, f.head))),
    fields: ALL,
  },
];

/**
 * The rules whose pairs train m (fellegi-sunter.ts), each apart from the others: a shared serial, a shared
 * model code, and a shared maker, which looks at no compared field, so that where a site has no serials
 * the model's and the designation's m are still learnt from pairs that were not chosen for agreeing on them.
 */
export const TRAINING_RULES: readonly BlockingRule[] = [
  BLOCKING_RULES[0]!,
  { ...BLOCKING_RULES[1]!, fields: ['serialNumber', 'model', 'designation'] },
  // Serials keep their documented prior: learnt from code or maker pairs (several instruments of one
  // model, whose serials differ), they cost the demo's recall.
  { name: 'manufacturer', keys: (f) => one(f.maker), fields: ['serialNumber'] },
];

/** A block this big says its key is not selective (a placeholder serial nobody listed): it is skipped. */
export const MAX_BLOCK_SIZE = 500;

export interface CandidatePairs {
  /** Pairs as indexes into the features, `left[k] < right[k]`. */
  left: Uint32Array;
  right: Uint32Array;
  /** Per pair: the index of the first rule that found it. */
  rule: Uint8Array;
  /** Pairs each rule found (before the union removed the ones an earlier rule had). */
  byRule: Record<string, number>;
  skippedBlocks: number;
}

/**
 * Candidate pairs as they are found, each once: an open-addressing table of pair numbers over typed
 * arrays. A Set of i·n + j would hold millions of numbers past 2^31 at scale ×100, each boxed on the heap,
 * and its collection took a third of the reconciliation.
 */
class PairList {
  left = new Uint32Array(1024);
  right = new Uint32Array(1024);
  rule = new Uint8Array(1024);
  size = 0;
  /** Per slot: the pair's number + 1, 0 where empty. */
  private slots = new Uint32Array(2048);

  /** Adds the pair (i < j) unless it is in already; whether it was added. */
  add(i: number, j: number, rule: number): boolean {
    const mask = this.slots.length - 1;
    let slot = (Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca6b)) & mask;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) break;
      if (this.left[held - 1] === i && this.right[held - 1] === j) return false;
      slot = (slot + 1) & mask;
    }
    if (this.size === this.left.length) this.grow();
    this.left[this.size] = i;
    this.right[this.size] = j;
    this.rule[this.size] = rule;
    this.size++;
    this.slots[slot] = this.size;
    // Kept under half full, so that probes stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return true;
  }

  private grow(): void {
    const widen = <T extends Uint32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const wider = make(array.length * 2);
      wider.set(array);
      return wider;
    };
    this.left = widen(this.left, (n) => new Uint32Array(n));
    this.right = widen(this.right, (n) => new Uint32Array(n));
    this.rule = widen(this.rule, (n) => new Uint8Array(n));
  }

  private rehash(): void {
    this.slots = new Uint32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let slot = (Math.imul(this.left[k]!, 0x9e3779b1) ^ Math.imul(this.right[k]!, 0x85ebca6b)) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = k + 1;
    }
  }
}

export function candidatePairs(
  features: readonly Features[],
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): CandidatePairs {
  const pairs = new PairList();
  const byRule: Record<string, number> = {};
  let skippedBlocks = 0;
  const tutelles = new Map<string, number>();
  const tutelleOf = Uint8Array.from(features, (f) => {
    if (!tutelles.has(f.tutelle)) tutelles.set(f.tutelle, tutelles.size);
    return tutelles.get(f.tutelle)!;
  });
  rules.forEach((rule, r) => {
    const blocks = new Map<string, number[]>();
    features.forEach((f, i) => {
      for (const key of rule.keys(f)) {
        const block = blocks.get(key);
        if (block) block.push(i);
        else blocks.set(key, [i]);
      }
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
          if (tutelleOf[i] === tutelleOf[j]) continue;
          found++;
          pairs.add(i, j, r);
        }
    }
    byRule[rule.name] = found;
  });
  return {
    left: pairs.left.slice(0, pairs.size),
    right: pairs.right.slice(0, pairs.size),
    rule: pairs.rule.slice(0, pairs.size),
    byRule,
    skippedBlocks,
  };
}
