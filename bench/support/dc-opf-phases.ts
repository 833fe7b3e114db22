/**
 * One cold DC OPF of a case file, split into its phases (what `peergrid opf <file> --json` does, step by step, in a
 * fresh process so every phase pays its first-run costs as the CLI does); prints a JSON array of {phase, ms, cpuMs}.
 * Node start and module loading are not included (the CLI wall time in dc-opf.bench.ts holds them).
 * Usage: node --import tsx bench/support/dc-opf-phases.ts <case.m|case.json>
 */
import { cpuUsage } from 'node:process';
import { opfJson } from '../../ts/cli/opf-command.js';
import { kktViolation } from '../../ts/lp/kkt-violation.js';
import { loadLpSolver } from '../../ts/lp/load-lp-solver.js';
import { makeLpResult } from '../../ts/lp/lp-result.js';
import { readMatpowerFile } from '../../ts/network/read-matpower-file.js';
import { buildDcGeneratorLp, dcNetworkOf } from '../../ts/opf/dc-network.js';
import { buildDcOpfModel } from '../../ts/opf/dc-opf-model.js';
import { solveDcOpfByPtdf } from '../../ts/opf/ptdf-dc-opf.js';
import { factorReducedSusceptance } from '../../ts/opf/reduced-susceptance.js';
import { solveDcOpfWith } from '../../ts/opf/solve-dc-opf.js';

const out: { phase: string; ms: number; cpuMs: number }[] = [];
function phase<T>(name: string, f: () => T): T {
  const c0 = cpuUsage(), t0 = performance.now();
  const v = f();
  const c = cpuUsage(c0);
  out.push({ phase: name, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
  return v;
}
const file = process.argv[2]!;
const solver = await (async () => {
  const c0 = cpuUsage(), t0 = performance.now();
  const s = await loadLpSolver('highs');
  const c = cpuUsage(c0);
  out.push({ phase: 'load HiGHS (WebAssembly compile)', ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
  return s;
})();
const mc = phase('parse the .m file', () => readMatpowerFile(file));
const net = phase('validate, DC network arrays', () => dcNetworkOf(mc));
const gens = phase('generator block (costs)', () => buildDcGeneratorLp(mc, net));
const model = phase('B-θ model (for the certificate)', () => buildDcOpfModel(mc, net, gens));
const factor = phase('LU of B_nn (minimum degree + sparse LU)', () => factorReducedSusceptance(model));
if (factor === null) throw new Error('B_nn is singular');
const p = phase('PTDF LP rounds (HiGHS) + PTDF rows + LMP solve', () => solveDcOpfByPtdf(solver, model, factor));
if (p === null) throw new Error('PTDF form did not settle');
const lp = phase('read back: objective, reduced costs', () => makeLpResult(model.lp, 'optimal', 'highs', '', 0, p.x, p.rowDuals));
phase('KKT certificate on the B-θ model', () => kktViolation(model.lp, lp));
const r = solveDcOpfWith(solver, mc);
phase('JSON output (stringify)', () => JSON.stringify(opfJson(r)));
out.push({ phase: `(then solveDcOpfWith again, warm: ${r.lpSolves} LP rounds, ${r.limitRows} limit rows)`, ms: r.solveMs, cpuMs: NaN });
process.stdout.write(JSON.stringify(out) + '\n');
