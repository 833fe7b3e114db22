/** Test helpers: load a shared MATPOWER case (test/support/cases.ts) and form its specified injections. */
import { compileMatpowerCase } from '../../../ts/network/compile-matpower-case.js';
import type { CompiledNetwork } from '../../../ts/network/compiled-network.js';
import { readMatpowerFile } from '../../../ts/network/read-matpower-file.js';
import { matpowerJsonPath } from '../../support/cases.js';

/** Loads and compiles case `name` (e.g. 'case9'). */
export function loadCase(name: string): CompiledNetwork {
  return compileMatpowerCase(readMatpowerFile(matpowerJsonPath(name)));
}

/** Specified net injections (p.u.): in-service generation minus constant-power load, as MATPOWER's makeSbus. */
export function netInjections(net: CompiledNetwork): { pNetPu: Float64Array; qNetPu: Float64Array } {
  const pNetPu = new Float64Array(net.nBus);
  const qNetPu = new Float64Array(net.nBus);
  for (let i = 0; i < net.nBus; i++) {
    pNetPu[i] = -net.pLoadPu[i];
    qNetPu[i] = -net.qLoadPu[i];
  }
  for (let g = 0; g < net.nGen; g++) {
    if (!net.genStatus[g]) continue;
    pNetPu[net.genBus[g]] += net.pGenPu[g];
    qNetPu[net.genBus[g]] += net.qGenPu[g];
  }
  return { pNetPu, qNetPu };
}
