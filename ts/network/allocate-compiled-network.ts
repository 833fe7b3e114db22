// The one allocator of CompiledNetwork columns: compileNetwork, compileMatpowerCase and createSyntheticFeeder fill
// the same tables, so they get them from here (sizes and neutral start values in one place; a new column is added
// once).
import { BUS_PQ, type CompiledNetwork } from './compiled-network.js';
import type { CompiledNetworkModel } from './compile-network.js';

/** Every column of a CompiledNetwork except the id → row map (which each compiler builds its own way). */
export type CompiledColumns = Omit<CompiledNetwork, 'busIndex'>;

/** The per-element columns a CompiledNetworkModel adds (loads, injections, branch kinds). */
export type ModelColumns = Omit<CompiledNetworkModel, keyof CompiledNetwork | 'name'>;

/**
 * Allocates the tables of a network with `nBus` buses, `nGen` generators and `nBranch` branches (MVA base
 * `baseMva`): ids unset, every bus PQ at 1 p.u. and 0 rad, tap ratios 1, every other number 0 (out of service,
 * no load, no limits) — the compiler then writes what its source says.
 */
export function allocateCompiledNetwork(baseMva: number, nBus: number, nGen: number, nBranch: number): CompiledColumns {
  return {
    baseMva,
    nBus,
    busIds: new Array(nBus),
    busType: new Int32Array(nBus).fill(BUS_PQ),
    baseKv: new Float64Array(nBus),
    pLoadPu: new Float64Array(nBus),
    qLoadPu: new Float64Array(nBus),
    gsPu: new Float64Array(nBus),
    bsPu: new Float64Array(nBus),
    vmPu: new Float64Array(nBus).fill(1),
    vaRad: new Float64Array(nBus),
    vmMinPu: new Float64Array(nBus),
    vmMaxPu: new Float64Array(nBus),
    nGen,
    genIds: new Array(nGen),
    genBus: new Int32Array(nGen),
    genStatus: new Uint8Array(nGen),
    pGenPu: new Float64Array(nGen),
    qGenPu: new Float64Array(nGen),
    qMaxPu: new Float64Array(nGen),
    qMinPu: new Float64Array(nGen),
    vSetPu: new Float64Array(nGen),
    nBranch,
    branchIds: new Array(nBranch),
    fromBus: new Int32Array(nBranch),
    toBus: new Int32Array(nBranch),
    branchStatus: new Uint8Array(nBranch),
    rPu: new Float64Array(nBranch),
    xPu: new Float64Array(nBranch),
    bPu: new Float64Array(nBranch),
    tap: new Float64Array(nBranch).fill(1),
    shiftRad: new Float64Array(nBranch),
    rateMva: new Float64Array(nBranch),
  };
}

/** Allocates the per-element columns of a CompiledNetworkModel: `nBranch` branch kinds (all lines), loads, injections. */
export function allocateModelColumns(nBranch: number, nLoad: number, nInjection: number): ModelColumns {
  return {
    branchKind: new Uint8Array(nBranch),
    loadIds: new Array(nLoad),
    loadBus: new Int32Array(nLoad),
    loadPPu: new Float64Array(nLoad),
    loadQPu: new Float64Array(nLoad),
    injectionIds: new Array(nInjection),
    injectionKind: new Uint8Array(nInjection),
    injectionBus: new Int32Array(nInjection),
    injectionPPu: new Float64Array(nInjection),
    injectionQPu: new Float64Array(nInjection),
  };
}
