// The three compilers (engineering model, MATPOWER case, synthetic feeder) fill tables from one allocator, so
// they agree on the CompiledNetwork contract column by column: same fields, same typed-array kinds, right lengths.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocateCompiledNetwork } from '../../ts/network/allocate-compiled-network.js';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { compileNetwork } from '../../ts/network/compile-network.js';
import type { CompiledNetwork } from '../../ts/network/compiled-network.js';
import { createIeee33 } from '../../ts/network/ieee33.js';
import { parseMatpowerJson } from '../../ts/network/matpower-json-parser.js';
import { createSyntheticFeeder } from '../../ts/network/synthetic-feeder.js';
import { matpowerJsonPath } from '../support/cases.js';

function shape(net: CompiledNetwork): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(allocateCompiledNetwork(1, 1, 1, 1))) {
    const got = (net as unknown as Record<string, unknown>)[k];
    out[k] = ArrayBuffer.isView(v) ? (got as object).constructor.name : Array.isArray(v) ? 'Array' : typeof got;
  }
  return out;
}

function lengths(net: CompiledNetwork): void {
  for (const [k, v] of Object.entries(net)) {
    if (!ArrayBuffer.isView(v) && !Array.isArray(v)) continue;
    const n = k.startsWith('gen') || ['pGenPu', 'qGenPu', 'qMaxPu', 'qMinPu', 'vSetPu'].includes(k) ? net.nGen
      : ['branchIds', 'fromBus', 'toBus', 'branchStatus', 'rPu', 'xPu', 'bPu', 'tap', 'shiftRad', 'rateMva', 'branchKind'].includes(k) ? net.nBranch
      : k.startsWith('load') || k.startsWith('injection') ? (v as ArrayLike<number>).length
      : net.nBus;
    expect((v as ArrayLike<number>).length, k).toBe(n);
  }
}

describe('allocateCompiledNetwork', () => {
  const nets = {
    model: compileNetwork(createIeee33()),
    matpower: compileMatpowerCase(parseMatpowerJson(readFileSync(matpowerJsonPath('case33bw'), 'utf8'), 'case33bw')),
    synthetic: createSyntheticFeeder({ buses: 200, seed: 3 }).compiled,
  };

  it('gives the three compilers the same columns of the same kinds', () => {
    const expected = shape(nets.model);
    expect(Object.keys(expected).length).toBe(33); // every CompiledNetwork field but busIndex
    for (const net of Object.values(nets)) expect(shape(net)).toEqual(expected);
  });

  it('sizes every column by its element count', () => {
    for (const net of Object.values(nets)) lengths(net);
  });

  it('starts buses as PQ at 1 p.u. and tap ratios at 1', () => {
    const a = allocateCompiledNetwork(100, 3, 1, 2);
    expect([...a.busType]).toEqual([1, 1, 1]);
    expect([...a.vmPu]).toEqual([1, 1, 1]);
    expect([...a.tap]).toEqual([1, 1]);
    expect(a.baseMva).toBe(100);
  });
});
