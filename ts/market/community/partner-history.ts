/**
 * Who traded with whom so far: the energy each (seller, buyer) pair of prosumers traded peer-to-peer in earlier
 * market intervals. Matching rules that prefer historical partners (tariff-margin-matching.ts) rank buyers by it.
 */

/** Cumulative P2P energy per (seller, buyer) pair of prosumer ids, kWh. */
export class PartnerHistory {
  private readonly kwh = new Map<string, Map<string, number>>();

  /** Energy `seller` sold to `buyer` in the intervals recorded so far, kWh (0 for a pair that never traded). */
  tradedKwh(seller: string, buyer: string): number {
    return this.kwh.get(seller)?.get(buyer) ?? 0;
  }

  /** Whether the pair traded before. */
  isPartner(seller: string, buyer: string): boolean {
    return this.tradedKwh(seller, buyer) > 0;
  }

  /** Adds `quantityKwh` to the pair's history. */
  record(seller: string, buyer: string, quantityKwh: number): void {
    let row = this.kwh.get(seller);
    if (row === undefined) this.kwh.set(seller, (row = new Map()));
    row.set(buyer, (row.get(buyer) ?? 0) + quantityKwh);
  }

  /** Number of distinct pairs that ever traded. */
  get pairs(): number {
    let n = 0;
    for (const row of this.kwh.values()) n += row.size;
    return n;
  }
}
