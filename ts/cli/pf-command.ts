// `peergrid pf <case>`: one AC power flow on a MATPOWER case file or a built-in network, printed as a readable
// summary or as exactly one JSON object. Node-only (reads files).
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { compileNetwork } from '../network/compile-network.js';
import { createIeee33 } from '../network/ieee33.js';
import type { CompiledNetwork } from '../network/compiled-network.js';
import { compileMatpowerCase } from '../network/compile-matpower-case.js';
import { readMatpowerFile } from '../network/read-matpower-file.js';
import { resolveCaseArgument } from './case-argument.js';
import { solvePowerFlow, type PowerFlowOptions } from '../powerflow/power-flow.js';
import type { PowerFlowResult } from '../powerflow/power-flow-result.js';

/** Options of `peergrid pf` as commander parses them. */
export interface PfCliOptions {
  method: string;
  engine: string;
  json?: boolean;
  tolerance?: string;
  maxIterations?: string;
  flatStart?: boolean;
}

/** Built-in networks `peergrid pf` accepts instead of a file, with what builds them. */
const BUILT_INS: Record<string, { description: string; build: () => CompiledNetwork }> = {
  ieee33: { description: 'IEEE 33-bus feeder (Baran & Wu 1989)', build: () => compileNetwork(createIeee33()) },
};

/** Resolves the case argument (a file, a built-in name, or a bare case name in the case folders) and compiles it. */
export function loadPfCase(arg: string): CompiledNetwork {
  const c = resolveCaseArgument(arg, Object.keys(BUILT_INS));
  return c.kind === 'built-in' ? BUILT_INS[c.name]!.build() : compileMatpowerCase(readMatpowerFile(c.path));
}

/** The `--json` output: exactly these fields, arrays in the case's row order. */
export function pfJson(r: PowerFlowResult): object {
  return {
    status: r.status,
    converged: r.converged,
    iterations: r.iterations,
    method: r.method,
    engine: r.engine,
    busIds: r.busIds,
    vmPu: Array.from(r.vmPu),
    vaDeg: Array.from(r.vaDeg),
    branch: {
      pFromMw: Array.from(r.pFromMw),
      qFromMvar: Array.from(r.qFromMvar),
      pToMw: Array.from(r.pToMw),
      qToMvar: Array.from(r.qToMvar),
    },
    lossesMw: r.lossesMw,
    lossesMvar: r.lossesMvar,
    solveMs: r.solveMs,
  };
}

/** The readable summary, one fact per line. */
export function pfSummary(name: string, net: CompiledNetwork, r: PowerFlowResult): string {
  let inService = 0;
  for (let k = 0; k < net.nBranch; k++) inService += net.branchStatus[k];
  let lo = -1;
  let hi = -1;
  const off = new Set(r.unsuppliedBusIds);
  for (let i = 0; i < net.nBus; i++) {
    if (off.has(r.busIds[i])) continue;
    if (lo < 0 || r.vmPu[i] < r.vmPu[lo]) lo = i;
    if (hi < 0 || r.vmPu[i] > r.vmPu[hi]) hi = i;
  }
  let pGen = 0;
  let qGen = 0;
  for (let g = 0; g < net.nGen; g++) {
    pGen += r.pGenMw[g];
    qGen += r.qGenMvar[g];
  }
  const lines = [
    `${name}: ${net.nBus} buses, ${net.nBranch} branches (${inService} in service), ${net.nGen} generator${net.nGen === 1 ? '' : 's'}, base ${net.baseMva} MVA`,
    `status: ${r.status} (${r.method === 'bfs' ? 'backward/forward sweep' : 'Newton-Raphson'}, ${r.engine}) after ${r.iterations} iterations, max mismatch ${r.maxMismatchPu.toExponential(2)} p.u.`,
    ...(r.converged ? [] : ['note: not a solution; the values below are at the last iterate (or the start point)']),
    lo >= 0
      ? `voltage: min ${r.vmPu[lo].toFixed(5)} p.u. at bus ${String(r.busIds[lo])}, max ${r.vmPu[hi].toFixed(5)} p.u. at bus ${String(r.busIds[hi])}`
      : 'voltage: no energized bus',
    `losses: ${(r.lossesMw * 1000).toFixed(3)} kW, ${(r.lossesMvar * 1000).toFixed(3)} kvar`,
    `generation: ${pGen.toFixed(4)} MW, ${qGen.toFixed(4)} Mvar`,
    `violations: ${r.violations.buses.length} buses outside their voltage limits, ${r.violations.branches.length} branches above 100 % loading`,
  ];
  if (r.unsuppliedBusIds.length > 0) lines.push(`de-energized buses (no path to the slack): ${r.unsuppliedBusIds.join(', ')}`);
  lines.push(`solve time: ${r.solveMs.toFixed(2)} ms`);
  return lines.join('\n') + '\n';
}

/** A ValidationError naming the command-line flag the user typed (not the API option it maps to). */
function badFlag(flag: string, value: unknown, unit: string | undefined, problem: string): never {
  throw new ValidationError({ element: 'option', id: flag, field: 'value', value, unit }, problem);
}

/** Checks the command-line flags (naming the flag on error) and maps them to PowerFlowOptions. */
export function parsePfOptions(o: PfCliOptions): PowerFlowOptions {
  if (!['auto', 'bfs', 'nr'].includes(o.method)) badFlag('--method', o.method, undefined, "must be 'auto', 'bfs' or 'nr'");
  if (!['wasm', 'ts'].includes(o.engine)) badFlag('--engine', o.engine, undefined, "must be 'wasm' or 'ts'");
  const options: PowerFlowOptions = {
    method: o.method as PowerFlowOptions['method'],
    engine: o.engine as PowerFlowOptions['engine'],
    flatStart: o.flatStart === true,
  };
  if (o.tolerance !== undefined) {
    const t = Number(o.tolerance);
    if (o.tolerance.trim() === '' || !Number.isFinite(t) || t <= 0) badFlag('--tolerance', o.tolerance, 'p.u.', 'must be a positive number');
    options.tolerancePu = t;
  }
  if (o.maxIterations !== undefined) {
    const m = Number(o.maxIterations);
    if (o.maxIterations.trim() === '' || !Number.isInteger(m) || m < 1) badFlag('--max-iterations', o.maxIterations, undefined, 'must be an integer ≥ 1');
    options.maxIterations = m;
  }
  return options;
}

/** Registers `peergrid pf`. Exit code 0 when the power flow converged, 1 otherwise (the result is still printed). */
export function registerPfCommand(program: Command): void {
  program
    .command('pf')
    .description('AC power flow on a MATPOWER case (.m or .json) or a built-in network (ieee33)')
    .argument('<case>', 'case file (.m or .json) or built-in network name')
    .option('--method <method>', "auto | bfs | nr ('auto': sweep for radial feeders, else Newton-Raphson)", 'auto')
    .option('--engine <engine>', 'wasm | ts', 'wasm')
    .option('--json', 'print exactly one JSON object on stdout')
    .option('--tolerance <pu>', 'convergence tolerance, p.u. of power mismatch (default 1e-8)')
    .option('--max-iterations <n>', 'iteration limit')
    .option('--flat-start', 'start from 1 p.u. instead of the case voltages')
    .action((file: string, o: PfCliOptions) => {
      const net = loadPfCase(file);
      const result = solvePowerFlow(net, parsePfOptions(o));
      process.stdout.write(o.json ? JSON.stringify(pfJson(result)) + '\n' : pfSummary(file, net, result));
      if (!result.converged) {
        process.stderr.write(`peergrid: power flow ended with status '${result.status}'\n`);
        process.exitCode = 1;
      }
    });
}
