/*
 * A record has at most one partner in each other tutelle (a tutelle records an asset once): a pair's
 * probability is that of b being a's partner among all a's candidates in b's tutelle, or none, rather than
 * the pair's alone. With a's partner in tutelle B uniform among B's N records a priori, and a partner at
 * all with probability π (the share of A's records that have one in B):
 *   P(a's partner is b) = x(a,b) / ((1 − π) + Σ_c x(a,c)),  x(a,c) = π / N · BF(a,c),
 * the sum over a's candidates c in B (a pair the blocking left out carries next to no evidence). A pair
 * with rivals as alike shares its probability with them; a pair with none, of a record that likely has a
 * partner, gains. Taken both ways (a's view and b's), their geometric mean.
 * - π is learnt per couple of tutelles by expectation-maximisation: the mean over A's records of their
 *   chance of having a partner in B;
 * - a rival then counts as much as it is free: a rival that another record surely took (its best match)
 *   does not compete, as the clustering would not give it twice. Rounds until the matches settle.
 */

const EM_ROUNDS = 30;
const RIVAL_ROUNDS = 10;
/** A record is never certain to have a partner: some assets one tutelle lists, the others do not. */
const MOST_SHARE = 0.99;

export interface OneToOne {
  probability: Float64Array;
  /** The expected number of matches, over all couples of tutelles. */
  matches: number;
}

/**
 * Per pair (left[k], right[k], records of different tutelles), its probability of being the one match of
 * both records, from its log2 Bayes factor (the fields' evidence, no prior).
 */
export function oneToOne(
  left: Uint32Array,
  right: Uint32Array,
  evidence: Float64Array,
  tutelles: readonly string[],
): OneToOne {
  const names = [...new Set(tutelles)];
  const t = names.length;
  const tutelleOf = Int32Array.from(tutelles, (name) => names.indexOf(name));
  const records = new Float64Array(t);
  for (const i of tutelleOf) records[i]!++;
  const count = left.length;
  // Per pair, the couples of tutelles it links both ways (A * t + B and B * t + A), and the records' slots
  // in `sums` (r * t + the other's tutelle): looked up once, not in each of the rounds below.
  const ab = new Uint16Array(count);
  const ba = new Uint16Array(count);
  const slotA = new Uint32Array(count);
  const slotB = new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    const ta = tutelleOf[left[k]!]!;
    const tb = tutelleOf[right[k]!]!;
    ab[k] = ta * t + tb;
    ba[k] = tb * t + ta;
    slotA[k] = left[k]! * t + tb;
    slotB[k] = right[k]! * t + ta;
  }
  const factor = Float64Array.from(evidence, (e) => 2 ** Math.min(e, 1000));
  // share[A * t + B]: π, the share of A's records with a partner in B; perRecord[A * t + B] = π / N_B.
  const share = new Float64Array(t * t).fill(0.5);
  const perRecord = new Float64Array(t * t);
  const refresh = () => {
    for (let c = 0; c < t * t; c++) perRecord[c] = share[c]! / records[c % t]!;
  };
  refresh();
  // Per record and other tutelle (r * t + B): the sum of x over its candidates there, rivals discounted.
  const sums = new Float64Array(tutelles.length * t);

  for (let round = 0; round < EM_ROUNDS; round++) {
    sums.fill(0);
    for (let k = 0; k < count; k++) {
      sums[slotA[k]!]! += perRecord[ab[k]!]! * factor[k]!;
      sums[slotB[k]!]! += perRecord[ba[k]!]! * factor[k]!;
    }
    const expected = new Float64Array(t * t);
    for (let r = 0; r < tutelles.length; r++)
      for (let tb = 0; tb < t; tb++) {
        const s = sums[r * t + tb]!;
        const couple = tutelleOf[r]! * t + tb;
        if (s > 0) expected[couple]! += s / (1 - share[couple]! + s);
      }
    let moved = 0;
    for (let ta = 0; ta < t; ta++)
      for (let tb = 0; tb < t; tb++) {
        if (ta === tb) continue;
        const next = Math.min(MOST_SHARE, records[tb]! / records[ta]!, expected[ta * t + tb]! / records[ta]!);
        moved = Math.max(moved, Math.abs(next - share[ta * t + tb]!));
        share[ta * t + tb] = next;
      }
    refresh();
    if (moved < 1e-4) break;
  }

  const probability = new Float64Array(count);
  const next = new Float64Array(count);
  // Per pair, how free each record is for the other: not taken by another record of the other's tutelle
  // (every rival in full the first round).
  const freeA = new Float64Array(count).fill(1);
  const freeB = new Float64Array(count).fill(1);
  // Per record and other tutelle: the probability it is taken there (the sum of its pairs').
  const taken = new Float64Array(tutelles.length * t);
  let matches = 0;
  for (let round = 0; round <= RIVAL_ROUNDS; round++) {
    sums.fill(0);
    for (let k = 0; k < count; k++) {
      sums[slotA[k]!]! += perRecord[ab[k]!]! * factor[k]! * freeB[k]!;
      sums[slotB[k]!]! += perRecord[ba[k]!]! * factor[k]! * freeA[k]!;
    }
    for (let k = 0; k < count; k++) {
      const xa = perRecord[ab[k]!]! * factor[k]!;
      const xb = perRecord[ba[k]!]! * factor[k]!;
      const fromA = xa / (1 - share[ab[k]!]! + xa + sums[slotA[k]!]! - xa * freeB[k]!);
      const fromB = xb / (1 - share[ba[k]!]! + xb + sums[slotB[k]!]! - xb * freeA[k]!);
      next[k] = Math.sqrt(fromA * fromB);
    }
    probability.set(next);
    const before = matches;
    matches = 0;
    for (let k = 0; k < count; k++) matches += probability[k]!;
    if (Math.abs(matches - before) <= matches * 1e-3) break;
    taken.fill(0);
    for (let k = 0; k < count; k++) {
      taken[slotA[k]!]! += probability[k]!;
      taken[slotB[k]!]! += probability[k]!;
    }
    for (let k = 0; k < count; k++) {
      // b taken in a's tutelle is slotB; a taken in b's tutelle is slotA.
      freeB[k] = Math.max(0, 1 - (taken[slotB[k]!]! - probability[k]!));
      freeA[k] = Math.max(0, 1 - (taken[slotA[k]!]! - probability[k]!));
    }
  }
  return { probability, matches };
}
