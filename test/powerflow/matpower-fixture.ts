// Test helper: a minimal, independent reader of the shared MATPOWER JSON cases (test/support/cases.ts) into a
// CompiledNetwork, so the power-flow tests do not depend on ts/network's importer (and cross-check it later).
import { readFileSync } from 'node:fs';
import { BUS_PQ, BUS_PV, BUS_SLACK, BUS_ISOLATED, type CompiledNetwork, type ElementId } from '../../ts/network/compiled-network.js';
import { matpowerJsonPath } from '../support/cases.js';

/** The 9 radial distribution feeders among the shared cases. */
export const RADIAL_CASES = ['case4_dist', 'case18', 'case22', 'case33bw', 'case69', 'case85', 'case141', 'case136ma', 'case118zh'];

/** Reads `<name>.case.json` and compiles it the way MATPOWER's runpf sees it. */
export function loadMatpowerCase(name: string): CompiledNetwork {
  const c = JSON.parse(readFileSync(matpowerJsonPath(name), 'utf8')) as {
    baseMVA: number;
    bus: (number | string)[][];
    gen: (number | string)[][];
    branch: (number | string)[][];
  };
  return fromMatrices(c.baseMVA, c.bus.map(nums), c.gen.map(nums), c.branch.map(nums));
}

function nums(row: (number | string)[]): number[] {
  return row.map((x) => Number(x));
}

/** Compiles MATPOWER matrices (bus 13 columns, gen ≥ 8, branch ≥ 11) to a CompiledNetwork. */
export function fromMatrices(baseMva: number, bus: number[][], gen: number[][], branch: number[][]): CompiledNetwork {
  const nBus = bus.length;
  const busIds: ElementId[] = bus.map((r) => r[0]);
  const busIndex = new Map<ElementId, number>(busIds.map((id, i) => [id, i]));
  const idx = (id: number): number => {
    const i = busIndex.get(id);
    if (i === undefined) throw new Error(`unknown bus ${id}`);
    return i;
  };
  const busType = Int32Array.from(bus, (r) => r[1]);
  const hasGen = new Uint8Array(nBus);
  for (const g of gen) if (g[7] > 0) hasGen[idx(g[0])] = 1;
  for (let i = 0; i < nBus; i++) if (busType[i] === BUS_PV && !hasGen[i]) busType[i] = BUS_PQ;
  const vmPu = Float64Array.from(bus, (r) => r[7]);
  for (const g of gen) {
    const b = idx(g[0]);
    if (g[7] > 0 && (busType[b] === BUS_PV || busType[b] === BUS_SLACK)) vmPu[b] = g[5];
  }
  void BUS_ISOLATED;
  return {
    baseMva,
    nBus,
    busIds,
    busIndex,
    busType,
    baseKv: Float64Array.from(bus, (r) => r[9]),
    pLoadPu: Float64Array.from(bus, (r) => r[2] / baseMva),
    qLoadPu: Float64Array.from(bus, (r) => r[3] / baseMva),
    gsPu: Float64Array.from(bus, (r) => r[4] / baseMva),
    bsPu: Float64Array.from(bus, (r) => r[5] / baseMva),
    vmPu,
    vaRad: Float64Array.from(bus, (r) => (r[8] * Math.PI) / 180),
    vmMinPu: Float64Array.from(bus, (r) => r[12]),
    vmMaxPu: Float64Array.from(bus, (r) => r[11]),
    nGen: gen.length,
    genIds: gen.map((_, i) => i + 1),
    genBus: Int32Array.from(gen, (g) => idx(g[0])),
    genStatus: Uint8Array.from(gen, (g) => (g[7] > 0 ? 1 : 0)),
    pGenPu: Float64Array.from(gen, (g) => g[1] / baseMva),
    qGenPu: Float64Array.from(gen, (g) => g[2] / baseMva),
    qMaxPu: Float64Array.from(gen, (g) => g[3] / baseMva),
    qMinPu: Float64Array.from(gen, (g) => g[4] / baseMva),
    vSetPu: Float64Array.from(gen, (g) => g[5]),
    nBranch: branch.length,
    branchIds: branch.map((_, i) => i + 1),
    fromBus: Int32Array.from(branch, (r) => idx(r[0])),
    toBus: Int32Array.from(branch, (r) => idx(r[1])),
    branchStatus: Uint8Array.from(branch, (r) => (r[10] > 0 ? 1 : 0)),
    rPu: Float64Array.from(branch, (r) => r[2]),
    xPu: Float64Array.from(branch, (r) => r[3]),
    bPu: Float64Array.from(branch, (r) => r[4]),
    tap: Float64Array.from(branch, (r) => (r[8] === 0 ? 1 : r[8])),
    shiftRad: Float64Array.from(branch, (r) => (r[9] * Math.PI) / 180),
    rateMva: Float64Array.from(branch, (r) => r[5]),
  };
}
