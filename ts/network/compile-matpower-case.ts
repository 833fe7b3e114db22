/**
 * Lowers a MatpowerCase to a CompiledNetwork with MATPOWER's own semantics (ext2int, bustypes, runpf's start point),
 * so a solver fed the result starts exactly where MATPOWER's Newton starts:
 *  - rows stay in case order; bus ids are the MATPOWER bus numbers (gaps allowed), gen and branch ids their 1-based
 *    row numbers;
 *  - powers and shunts divided by baseMVA; impedances already p.u.; TAP = 0 means ratio 1; SHIFT degrees → radians;
 *  - status > 0 means in service (MATPOWER); out-of-service rows are kept with status 0, and so are rows that
 *    ext2int would drop because they touch an isolated (type 4) bus: those get status 0 too;
 *  - bus types as `bustypes`: a PV or reference bus without an in-service generator becomes PQ; if no reference
 *    bus is left, the first PV bus becomes the reference (or, with `missingSlack: 'error'`, a ValidationError:
 *    that choice changes the answer, so a caller may want the user to make it); type 4 stays isolated;
 *  - start voltages: case VM/VA, with each in-service generator's VG written into VM at PV and reference buses
 *    (runpf: V0(gbus) = Vg, the last generator at a bus winning, as in MATLAB's indexed assignment).
 */
import { ValidationError } from '../errors.js';
import { RAD_PER_DEG } from '../units.js';
import { BUS_ISOLATED, BUS_PQ, BUS_PV, BUS_SLACK, type CompiledNetwork, type ElementId } from './compiled-network.js';
import { allocateCompiledNetwork } from './allocate-compiled-network.js';
import { MATPOWER_COLUMN as MPC, validateMatpowerCase, type MatpowerCase } from './matpower-case.js';

/** Options of compileMatpowerCase. */
export interface CompileMatpowerOptions {
  /**
   * When no reference bus with an in-service generator is left: 'first-pv' (default, MATPOWER's bustypes) makes the
   * first PV bus the slack; 'error' throws a ValidationError naming that bus instead.
   */
  missingSlack?: 'first-pv' | 'error';
}

/** Compiles a MATPOWER case (validated first) to per-unit typed-array tables; see the file header for semantics. */
export function compileMatpowerCase(mc: MatpowerCase, options: CompileMatpowerOptions = {}): CompiledNetwork {
  validateMatpowerCase(mc);
  const base = mc.baseMva;
  const nBus = mc.bus.length;
  const nGen = mc.gen.length;
  const nBranch = mc.branch.length;

  const net = allocateCompiledNetwork(base, nBus, nGen, nBranch);
  const { busIds, busType, baseKv, pLoadPu, qLoadPu, gsPu, bsPu, vmPu, vaRad, vmMinPu, vmMaxPu } = net;
  const busIndex = new Map<ElementId, number>();
  for (let i = 0; i < nBus; i++) {
    const r = mc.bus[i]!;
    const id = r[MPC.BUS_I]!;
    busIds[i] = id;
    busIndex.set(id, i);
    busType[i] = r[MPC.BUS_TYPE]!;
    baseKv[i] = r[MPC.BASE_KV]!;
    pLoadPu[i] = r[MPC.PD]! / base;
    qLoadPu[i] = r[MPC.QD]! / base;
    gsPu[i] = r[MPC.GS]! / base;
    bsPu[i] = r[MPC.BS]! / base;
    vmPu[i] = r[MPC.VM]!;
    vaRad[i] = r[MPC.VA]! * RAD_PER_DEG;
    vmMinPu[i] = r[MPC.VMIN]!;
    vmMaxPu[i] = r[MPC.VMAX]!;
  }

  const { genIds, genBus, genStatus, pGenPu, qGenPu, qMaxPu, qMinPu, vSetPu } = net;
  const genOnAtBus = new Uint8Array(nBus);
  for (let g = 0; g < nGen; g++) {
    const r = mc.gen[g]!;
    const b = busIndex.get(r[MPC.GEN_BUS]!)!;
    genIds[g] = g + 1;
    genBus[g] = b;
    genStatus[g] = r[MPC.GEN_STATUS]! > 0 && busType[b] !== BUS_ISOLATED ? 1 : 0;
    pGenPu[g] = r[MPC.PG]! / base;
    qGenPu[g] = r[MPC.QG]! / base;
    qMaxPu[g] = r[MPC.QMAX]! / base;
    qMinPu[g] = r[MPC.QMIN]! / base;
    vSetPu[g] = r[MPC.VG]!;
    if (genStatus[g]) genOnAtBus[b] = 1;
  }

  // bustypes: reference and PV buses need an in-service generator; else PQ. Keep one reference bus at least.
  let hasRef = false;
  let firstPv = -1;
  for (let i = 0; i < nBus; i++) {
    const t = busType[i]!;
    if ((t === BUS_SLACK || t === BUS_PV) && !genOnAtBus[i]) busType[i] = BUS_PQ;
    if (busType[i] === BUS_SLACK) hasRef = true;
    if (busType[i] === BUS_PV && firstPv < 0) firstPv = i;
  }
  if (!hasRef) {
    if (firstPv < 0) {
      throw new ValidationError(
        { element: 'case', id: mc.name ?? 'mpc', field: 'BUS_TYPE', value: 'none' },
        'no reference (type 3) or PV bus with an in-service generator: the power flow has no slack',
      );
    }
    if (options.missingSlack === 'error') {
      throw new ValidationError(
        { element: 'case', id: mc.name ?? 'mpc', field: 'BUS_TYPE', value: 'no reference bus' },
        `no reference (type 3) bus with an in-service generator; MATPOWER would make bus ${busIds[firstPv]} (the first PV bus) the slack, which changes the answer`,
      );
    }
    busType[firstPv] = BUS_SLACK;
  }
  for (let g = 0; g < nGen; g++) {
    if (!genStatus[g]) continue;
    const b = genBus[g]!;
    if (busType[b] === BUS_PV || busType[b] === BUS_SLACK) vmPu[b] = vSetPu[g]!;
  }

  const { branchIds, fromBus, toBus, branchStatus, rPu, xPu, bPu, tap, shiftRad, rateMva } = net;
  for (let k = 0; k < nBranch; k++) {
    const r = mc.branch[k]!;
    const f = busIndex.get(r[MPC.F_BUS]!)!;
    const t = busIndex.get(r[MPC.T_BUS]!)!;
    branchIds[k] = k + 1;
    fromBus[k] = f;
    toBus[k] = t;
    branchStatus[k] = r[MPC.BR_STATUS]! > 0 && busType[f] !== BUS_ISOLATED && busType[t] !== BUS_ISOLATED ? 1 : 0;
    rPu[k] = r[MPC.BR_R]!;
    xPu[k] = r[MPC.BR_X]!;
    bPu[k] = r[MPC.BR_B]!;
    tap[k] = r[MPC.TAP]! === 0 ? 1 : r[MPC.TAP]!;
    shiftRad[k] = r[MPC.SHIFT]! * RAD_PER_DEG;
    rateMva[k] = r[MPC.RATE_A]!;
  }

  return { ...net, busIndex };
}
