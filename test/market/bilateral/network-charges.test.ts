import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../../ts/network/compile-network.js';
import { createIeee33 } from '../../../ts/network/ieee33.js';
import { applyNetworkCharges, electricalDistances } from '../../../ts/market/bilateral/network-charges.js';
import { createRandomBilateralMarket } from '../../../ts/market/bilateral/random-bilateral-market.js';
import { solveBilateralMarketSync } from '../../../ts/market/bilateral/solve-bilateral-market.js';

const network = compileNetwork(createIeee33());
// 32 agents, one per load bus 2…33 of the IEEE 33-bus feeder, everyone may trade with everyone.
const community = createRandomBilateralMarket({ agents: 32, partners: 0 }, 7);
const agentBus = Object.fromEntries(community.agents.map((a, i) => [a.id, String(i + 2)]));

/** Σ r over the branches of the path between two buses, by walking parent links found from the branch list. */
function pathResistance(a: string, b: string): number {
  const parent = new Map<number, [number, number]>();
  const seen = new Set([network.busIndex.get('1')!]);
  const queue = [network.busIndex.get('1')!];
  while (queue.length) {
    const v = queue.shift()!;
    for (let k = 0; k < network.nBranch; k++) {
      if (!network.branchStatus[k]) continue;
      const u = network.fromBus[k] === v ? network.toBus[k]! : network.toBus[k] === v ? network.fromBus[k]! : -1;
      if (u < 0 || seen.has(u)) continue;
      seen.add(u);
      parent.set(u, [v, network.rPu[k]!]);
      queue.push(u);
    }
  }
  const up = (x: number): Map<number, number> => {
    const acc = new Map<number, number>([[x, 0]]);
    let r = 0;
    while (parent.has(x)) { const [p, rr] = parent.get(x)!; r += rr; x = p; acc.set(x, r); }
    return acc;
  };
  const A = up(network.busIndex.get(a)!);
  const B = up(network.busIndex.get(b)!);
  let best = Infinity;
  for (const [bus, ra] of A) if (B.has(bus)) best = Math.min(best, ra + B.get(bus)!);
  return best;
}

describe('network charges on bilateral trades (Baroche et al. 2019) on the IEEE 33-bus feeder', () => {
  it('electrical distance = Σ r on the path between the buses / mean branch r (1e-12), symmetric, 0 on the diagonal', () => {
    const d = electricalDistances(network);
    const n = network.nBus;
    let rMean = 0;
    let count = 0;
    for (let k = 0; k < network.nBranch; k++) if (network.branchStatus[k]) { rMean += network.rPu[k]!; count++; }
    rMean /= count;
    for (const [a, b] of [['2', '3'], ['18', '33'], ['22', '25'], ['1', '18'], ['7', '7']] as const) {
      const ia = network.busIndex.get(a)!;
      const ib = network.busIndex.get(b)!;
      expect(d[ia * n + ib]).toBeCloseTo(pathResistance(a, b) / rMean, 12);
      expect(d[ia * n + ib]).toBe(d[ib * n + ia]);
    }
  });

  it('uniform, zonal and electrical-distance charges become link costs as specified', () => {
    const fee = 0.02;
    const uniform = applyNetworkCharges(community, network, { method: 'uniform', feePerKwh: fee, agentBus });
    expect(uniform.links).toHaveLength(32 * 31);
    for (const l of uniform.links!) expect(l.costPerKwh).toBe(fee / 2);
    const zones = Object.fromEntries(community.agents.map((a, i) => [a.id, i < 16 ? 'west' : 'east']));
    const zonal = applyNetworkCharges(community, network, { method: 'zonal', feePerKwh: fee, agentBus, agentZone: zones });
    for (const l of zonal.links!) expect(l.costPerKwh).toBe(zones[l.from] === zones[l.to] ? 0 : fee / 2);
    const dist = applyNetworkCharges(community, network, { method: 'electrical-distance', feePerKwh: fee, agentBus });
    const mean = dist.links!.reduce((s, l) => s + 2 * l.costPerKwh, 0) / dist.links!.length;
    expect(mean).toBeCloseTo(fee, 12);
    const d = electricalDistances(network);
    const cost = (from: string, to: string): number => dist.links!.find((l) => l.from === from && l.to === to)!.costPerKwh;
    const bus = (id: string): number => network.busIndex.get(agentBus[id]!)!;
    // Charges are proportional to the distance: the ratio of two pairs' charges is the ratio of their distances.
    const r1 = cost('a0', 'a1') / cost('a0', 'a30');
    expect(r1).toBeCloseTo(d[bus('a0') * network.nBus + bus('a1')]! / d[bus('a0') * network.nBus + bus('a30')]!, 12);
  });

  it('each allocation changes trades, locality and total cost; distance charges make trades more local', () => {
    const fee = 0.03;
    const d = electricalDistances(network);
    const bus = (id: string): number => network.busIndex.get(agentBus[id]!)!;
    const summary = (method: 'uniform' | 'zonal' | 'electrical-distance') => {
      const market = applyNetworkCharges(community, network, { method, feePerKwh: fee, agentBus });
      const r = solveBilateralMarketSync(market);
      expect(r.status).toBe('optimal');
      let traded = 0;
      let weighted = 0;
      for (const t of r.trades) if (t.kw > 0) { traded += t.kw; weighted += t.kw * d[bus(t.from) * network.nBus + bus(t.to)]!; }
      return { traded, meanDistance: weighted / traded, objective: r.objective! };
    };
    const free = solveBilateralMarketSync(community);
    const u = summary('uniform');
    const z = summary('zonal');
    const e = summary('electrical-distance');
    // Any charge makes trading dearer than the charge-free market.
    for (const s of [u, z, e]) expect(s.objective).toBeGreaterThan(free.objective!);
    expect(e.meanDistance).toBeLessThan(u.meanDistance);
  });
});
