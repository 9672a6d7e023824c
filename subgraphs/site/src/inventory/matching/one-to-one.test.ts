import { oneToOne } from './one-to-one';

/** A site of two tutelles, n records each, where record i of A and record i of B are one instrument. */
function site(n: number, extra: Array<[number, number, number]> = []) {
  const tutelles = [...Array.from({ length: n }, () => 'A'), ...Array.from({ length: n }, () => 'B')];
  const pairs: Array<[number, number, number]> = [
    ...Array.from({ length: n }, (_, i): [number, number, number] => [i, n + i, 16]),
    ...extra,
  ];
  const result = oneToOne(
    Uint32Array.from(pairs, ([a]) => a),
    Uint32Array.from(pairs, ([, b]) => b),
    Float64Array.from(pairs, ([, , e]) => e),
    tutelles,
  );
  return {
    ...result,
    of: (a: number, b: number) => result.probability[pairs.findIndex(([x, y]) => x === a && y === b)]!,
  };
}

describe('the one-to-one assignment', () => {
  it('learns that most records have a partner, and makes a lone pair of middling evidence likely', () => {
    // 8 bits of evidence: against one pair in 100 × 100, a pairwise model's prior leaves it at 0.03.
    const { of, matches } = site(100, [[0, 101, 8]]);
    expect(matches).toBeGreaterThan(95);
    expect(of(0, 100)).toBeGreaterThan(0.99);
    // Record 1 of B is taken by record 1 of A, far more surely: it is no rival of 0's partner, and 0 is no match of it.
    expect(of(0, 101)).toBeLessThan(0.1);
  });

  it('shares the probability of two rivals as alike, neither taken elsewhere', () => {
    // Record 0 of A alike to record 0 of B and to a 101st record of B, no other pair of either.
    const tutelles = [...Array.from({ length: 100 }, () => 'A'), ...Array.from({ length: 101 }, () => 'B')];
    const pairs = [...Array.from({ length: 99 }, (_, i) => [i + 1, 101 + i, 16]), [0, 100, 12], [0, 200, 12]];
    const { probability } = oneToOne(
      Uint32Array.from(pairs, ([a]) => a!),
      Uint32Array.from(pairs, ([, b]) => b!),
      Float64Array.from(pairs, ([, , e]) => e!),
      tutelles,
    );
    expect(probability[0]).toBeGreaterThan(0.99);
    expect(probability[99]).toBeCloseTo(probability[100]!);
    // Halved in record 0's view (either is its partner), whole in theirs: far from a join.
    expect(probability[99]!).toBeLessThan(0.75);
  });
});
