// `peergrid opf <case>`: MATPOWER's DC optimal power flow of a case with generator costs (.m or the JSON form of
// ../shared/cases/opf), printed as a readable summary or as exactly one JSON object. Node-only (reads files).
import { resolveCaseArgument } from './case-argument.js';
import type { Command } from 'commander';
import { checkLpSolverName, loadLpSolver } from '../lp/load-lp-solver.js';
import { readMatpowerFile } from '../network/read-matpower-file.js';
import { solveDcOpf, type DcOpfResult } from '../opf/solve-dc-opf.js';

/** Options of `peergrid opf` as commander parses them. */
export interface OpfCliOptions {
  solver: string;
  json?: boolean;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The `--json` output: exactly these fields, arrays in case row order. */
export function opfJson(r: DcOpfResult): object {
  return {
    status: r.status,
    objectiveUsdPerH: finiteOrNull(r.objectiveUsdPerH),
    busIds: r.busIds,
    lmpUsdPerMwh: Array.from(r.lmpUsdPerMwh),
    pgMw: Array.from(r.pgMw),
    branchFlowMw: Array.from(r.branchFlowMw),
    branchShadowPriceUsdPerMwh: Array.from(r.branchShadowPriceUsdPerMwh),
    vaDeg: Array.from(r.vaDeg),
    solver: r.solver,
    solveMs: r.solveMs,
  };
}

/** The readable summary: status, cost, LMP range with bus ids, binding lines with shadow prices. */
export function opfSummary(name: string, r: DcOpfResult): string {
  const lines = [`${name}: DC optimal power flow (MATPOWER DC model), solver ${r.solver}`, `status: ${r.status}`];
  if (r.status === 'optimal') {
    let lo = 0, hi = 0;
    for (let i = 1; i < r.busIds.length; i++) {
      if (r.lmpUsdPerMwh[i]! < r.lmpUsdPerMwh[lo]!) lo = i;
      if (r.lmpUsdPerMwh[i]! > r.lmpUsdPerMwh[hi]!) hi = i;
    }
    let gen = 0;
    for (const p of r.pgMw) gen += p;
    lines.push(
      `cost: ${r.objectiveUsdPerH.toFixed(2)} $/h, generation ${gen.toFixed(2)} MW`,
      `LMP: min ${r.lmpUsdPerMwh[lo]!.toFixed(4)} $/MWh at bus ${r.busIds[lo]}, max ${r.lmpUsdPerMwh[hi]!.toFixed(4)} $/MWh at bus ${r.busIds[hi]}`,
    );
    const binding: number[] = [];
    r.branchShadowPriceUsdPerMwh.forEach((mu, l) => {
      if (mu > 1e-6) binding.push(l);
    });
    binding.sort((a, b) => r.branchShadowPriceUsdPerMwh[b]! - r.branchShadowPriceUsdPerMwh[a]!);
    lines.push(`binding lines: ${binding.length}${binding.length > 20 ? ' (20 largest shadow prices shown)' : ''}`);
    for (const l of binding.slice(0, 20)) {
      lines.push(`  branch ${l + 1}: flow ${r.branchFlowMw[l]!.toFixed(3)} MW, shadow price ${r.branchShadowPriceUsdPerMwh[l]!.toFixed(4)} $/MWh`);
    }
  }
  lines.push(`solve time: ${r.solveMs.toFixed(1)} ms`);
  return lines.join('\n') + '\n';
}

/** Registers `peergrid opf`. Exit code 0 when optimal, 1 otherwise (the result is still printed). */
export function registerOpfCommand(program: Command): void {
  program
    .command('opf')
    .description("DC optimal power flow (MATPOWER's DC model) of a case with gencost (.m or .json): dispatch, flows, LMPs")
    .argument('<case>', 'case file (.m or .json) with mpc.gencost, or a case name looked up like pf\'s (case9241pegase)')
    .option('--solver <solver>', 'highs | glpk (glpk.js: GPL-3.0, optional, LPs only)', 'highs')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (file: string, o: OpfCliOptions) => {
      // The solver's WebAssembly compiles in the background while the case file is read.
      const loading = loadLpSolver(checkLpSolverName(o.solver, '--solver'));
      loading.catch(() => undefined);
      const resolved = resolveCaseArgument(file, []);
      const mc = readMatpowerFile(resolved.kind === 'file' ? resolved.path : file);
      const result = await solveDcOpf(mc, { solver: await loading });
      process.stdout.write(o.json ? JSON.stringify(opfJson(result)) + '\n' : opfSummary(file, result));
      if (result.status !== 'optimal') {
        process.stderr.write(`peergrid: optimal power flow ended with status '${result.status}'\n`);
        process.exitCode = 1;
      }
    });
}
