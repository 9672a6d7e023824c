/*
 * Clustering under constraints: records are joined by their best-scoring pairs first (a maximum spanning
 * forest, Kruskal's order), and a join is refused when it would put two records of one tutelle in one
 * instrument, or cross a person's cannot-link. People's must-links are joined first, whatever the score.
 */

export interface Constraints {
  /** Pairs of record indexes people said are one instrument. */
  mustLink: ReadonlyArray<readonly [number, number]>;
  /** Pairs of record indexes people said are two. */
  cannotLink: ReadonlyArray<readonly [number, number]>;
}

export interface ClusterEdge {
  /** Index of the pair in the scored pairs, or -1 for a must-link no pair scored. */
  pair: number;
  a: number;
  b: number;
  decided: boolean;
}

export class ConstrainedClusters {
  private readonly parent: Int32Array;
  /** Per root: the tutelles it holds, as bits. */
  private readonly tutelles: Uint8Array;
  /** Per root: the records it must never join (cannot-link partners), where any. */
  private readonly forbidden = new Map<number, Set<number>>();
  readonly edges: ClusterEdge[] = [];

  constructor(tutelleBits: Uint8Array, constraints: Constraints) {
    this.parent = Int32Array.from(tutelleBits, (_, i) => i);
    this.tutelles = Uint8Array.from(tutelleBits);
    for (const [a, b] of constraints.cannotLink) {
      this.forbid(a, b);
      this.forbid(b, a);
    }
    for (const [a, b] of constraints.mustLink) this.join(a, b, -1, true);
  }

  private forbid(a: number, b: number): void {
    const set = this.forbidden.get(a);
    if (set) set.add(b);
    else this.forbidden.set(a, new Set([b]));
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Whether a cannot-link crosses the two clusters. */
  private crossesCannotLink(x: number, y: number): boolean {
    const fx = this.forbidden.get(x);
    const fy = this.forbidden.get(y);
    if (!fx && !fy) return false;
    const [small, other] = (fx?.size ?? 0) <= (fy?.size ?? 0) ? [fx, y] : [fy, x];
    if (!small) return false;
    for (const record of small) if (this.find(record) === other) return true;
    return false;
  }

  /** Joins the clusters of a and b unless a constraint forbids it (a person's must-link overrides the tutelle rule). */
  join(a: number, b: number, pair: number, decided = false): boolean {
    const x = this.find(a);
    const y = this.find(b);
    if (x === y) return false;
    if (!decided && ((this.tutelles[x]! & this.tutelles[y]!) !== 0 || this.crossesCannotLink(x, y)))
      return false;
    const [root, child] = x < y ? [x, y] : [y, x];
    this.parent[child] = root;
    this.tutelles[root]! |= this.tutelles[child]!;
    const moved = this.forbidden.get(child);
    if (moved) {
      for (const r of moved) this.forbid(root, r);
      this.forbidden.delete(child);
    }
    this.edges.push({ pair, a, b, decided });
    return true;
  }
}
