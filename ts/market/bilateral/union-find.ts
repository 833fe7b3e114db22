/** Disjoint sets over 0…n−1 with path halving and union by size: components of the trade graph. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** Representative of a's set. */
  find(a: number): number {
    const p = this.parent;
    while (p[a] !== a) {
      p[a] = p[p[a]!]!;
      a = p[a]!;
    }
    return a;
  }

  /** Merges the sets of a and b; returns false when they were already one set. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) { const t = ra; ra = rb; rb = t; }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb]!;
    return true;
  }

  /** Dense component labels 0…k−1 (in order of first appearance) and their count k. */
  labels(): { label: Int32Array; count: number } {
    const n = this.parent.length;
    const label = new Int32Array(n).fill(-1);
    const ofRoot = new Int32Array(n).fill(-1);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      if (ofRoot[r] === -1) ofRoot[r] = count++;
      label[i] = ofRoot[r]!;
    }
    return { label, count };
  }
}
