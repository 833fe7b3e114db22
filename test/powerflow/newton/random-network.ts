/** Test helper: seeded random CompiledNetworks for twin and reference tests. */
import type { CompiledNetwork } from '../../../ts/network/compiled-network.js';
import { Rng } from '../../../ts/random.js';

/**
 * A seeded random meshed network: a spanning path plus random extra and parallel branches, some out of service,
 * taps, phase shifts, negative reactances and shunts; bus 0 is the slack, ~30 % of the others PV. No loads or
 * generators (see withRandomInjections).
 */
export function randomNetwork(rng: Rng, nBus: number, nBranch: number): CompiledNetwork {
  const f64 = (n: number, g: () => number) => Float64Array.from({ length: n }, g);
  const fromBus = new Int32Array(nBranch);
  const toBus = new Int32Array(nBranch);
  for (let l = 0; l < nBranch; l++) {
    // A spanning path first (every bus connected), then random extra and parallel branches.
    fromBus[l] = l < nBus - 1 ? l : rng.int(nBus);
    toBus[l] = l < nBus - 1 ? l + 1 : (fromBus[l] + 1 + rng.int(nBus - 1)) % nBus;
  }
  const busType = Int32Array.from({ length: nBus }, (_, i) => (i === 0 ? 3 : rng.chance(0.3) ? 2 : 1));
  return {
    baseMva: 100, nBus, busIds: Array.from({ length: nBus }, (_, i) => i + 1), busIndex: new Map(), busType,
    baseKv: f64(nBus, () => 110), pLoadPu: f64(nBus, () => 0), qLoadPu: f64(nBus, () => 0),
    gsPu: f64(nBus, () => (rng.chance(0.3) ? rng.uniform(0, 0.1) : 0)),
    bsPu: f64(nBus, () => (rng.chance(0.3) ? rng.uniform(-0.5, 0.5) : 0)),
    vmPu: f64(nBus, () => 1), vaRad: f64(nBus, () => 0), vmMinPu: f64(nBus, () => 0.9), vmMaxPu: f64(nBus, () => 1.1),
    nGen: 0, genIds: [], genBus: new Int32Array(0), genStatus: new Uint8Array(0), pGenPu: new Float64Array(0),
    qGenPu: new Float64Array(0), qMaxPu: new Float64Array(0), qMinPu: new Float64Array(0), vSetPu: new Float64Array(0),
    nBranch, branchIds: Array.from({ length: nBranch }, (_, l) => l + 1), fromBus, toBus,
    branchStatus: Uint8Array.from({ length: nBranch }, (_, l) => (l < nBus - 1 || rng.chance(0.8) ? 1 : 0)),
    rPu: f64(nBranch, () => rng.uniform(-0.01, 0.05)),
    xPu: f64(nBranch, () => rng.uniform(-0.05, 0.3)), // negative reactances as in PEGASE equivalents
    bPu: f64(nBranch, () => rng.uniform(0, 0.3)),
    tap: f64(nBranch, () => (rng.chance(0.4) ? rng.uniform(0.9, 1.1) : 1)),
    shiftRad: f64(nBranch, () => (rng.chance(0.2) ? rng.uniform(-0.5, 0.5) : 0)),
    rateMva: f64(nBranch, () => 0),
  };
}

/**
 * Gives `net` random loads (0–0.3 p.u., power factor ~0.95) at every non-slack bus, PV generation (0–0.4 p.u.)
 * and set-points (1.00–1.05 p.u.) at PV buses, and returns the specified net injections.
 */
export function withRandomInjections(rng: Rng, net: CompiledNetwork): { pNetPu: Float64Array; qNetPu: Float64Array } {
  const pNetPu = new Float64Array(net.nBus);
  const qNetPu = new Float64Array(net.nBus);
  for (let i = 0; i < net.nBus; i++) {
    if (net.busType[i] === 3) continue;
    const pl = rng.uniform(0, 0.3);
    net.pLoadPu[i] = pl;
    net.qLoadPu[i] = pl * rng.uniform(0.2, 0.4);
    pNetPu[i] = -pl;
    qNetPu[i] = -net.qLoadPu[i];
    if (net.busType[i] === 2) {
      pNetPu[i] += rng.uniform(0, 0.4);
      net.vmPu[i] = rng.uniform(1, 1.05);
    }
  }
  return { pNetPu, qNetPu };
}
