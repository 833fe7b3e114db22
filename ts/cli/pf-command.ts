// `peergrid pf <case>`: one AC power flow on a MATPOWER case file or a built-in network, printed as a readable
// summary or as exactly one JSON object. Node-only (reads files).
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { compileNetwork } from '../network/compile-network.js';
import { createIeee33 } from '../network/ieee33.js';
import { BUS_SLACK, type CompiledNetwork } from '../network/compiled-network.js';
import { compileMatpowerCase } from '../network/compile-matpower-case.js';
import { MATPOWER_COLUMN } from '../network/matpower-case.js';
import { readMatpowerFile } from '../network/read-matpower-file.js';
import { resolveCaseArgument } from './case-argument.js';
import { plural } from './text-format.js';
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
  chooseSlack?: boolean;
}

/** Built-in networks `peergrid pf` accepts instead of a file, with what builds them. */
const BUILT_INS: Record<string, { description: string; build: () => CompiledNetwork }> = {
  ieee33: { description: 'IEEE 33-bus feeder (Baran & Wu 1989)', build: () => compileNetwork(createIeee33()) },
};

/** A loaded case: the compiled network and what the loading decided that the user should know. */
export interface PfCase {
  net: CompiledNetwork;
  /** Choices made while loading (e.g. the slack chosen by --choose-slack). */
  notes: string[];
}

/**
 * Resolves the case argument (a file, a built-in name, or a bare case name in the case folders) and compiles it.
 * A case without a usable reference bus is refused unless `chooseSlack` (MATPOWER's first-PV-bus rule) is set.
 */
export function loadPfCase(arg: string, chooseSlack = false): PfCase {
  const c = resolveCaseArgument(arg, Object.keys(BUILT_INS));
  if (c.kind === 'built-in') return { net: BUILT_INS[c.name]!.build(), notes: [] };
  const mc = readMatpowerFile(c.path);
  let net: CompiledNetwork;
  try {
    net = compileMatpowerCase(mc, { missingSlack: chooseSlack ? 'first-pv' : 'error' });
  } catch (e) {
    if (e instanceof ValidationError && e.value === 'no reference bus') {
      throw new ValidationError({ element: 'case', id: c.path, field: 'BUS_TYPE', value: 'no reference bus' }, `${e.message.replace(/^.*?: BUS_TYPE = [^:]*: /, '')}; pass --choose-slack to accept that choice`);
    }
    throw e;
  }
  const notes: string[] = [];
  for (let i = 0; i < net.nBus; i++) {
    if (net.busType[i] === BUS_SLACK && mc.bus[i]![MATPOWER_COLUMN.BUS_TYPE] !== BUS_SLACK) {
      notes.push(`no reference bus in the case: bus ${String(net.busIds[i])} (the first PV bus) is the slack (--choose-slack)`);
    }
  }
  return { net, notes };
}

/** True when the case is a distribution feeder (every bus has a base voltage, none above 69 kV): shown in kW. */
export function isFeeder(net: CompiledNetwork): boolean {
  if (net.nBus === 0) return false;
  for (let i = 0; i < net.nBus; i++) if (!(net.baseKv[i]! > 0 && net.baseKv[i]! <= 69)) return false;
  return true;
}

/**
 * Line charging of the in-service branches at the solved voltages, Mvar injected (MATPOWER get_losses: b/2·|Vf/τ|²
 * at the from end plus b/2·|Vt|² at the to end). MATPOWER reports it apart from the series (I²Z) losses.
 */
export function chargingMvar(net: CompiledNetwork, r: PowerFlowResult): number {
  let q = 0;
  for (let k = 0; k < net.nBranch; k++) {
    if (!net.branchStatus[k]) continue;
    const vf = r.vmPu[net.fromBus[k]!]! / net.tap[k]!;
    const vt = r.vmPu[net.toBus[k]!]!;
    q += (net.bPu[k]! / 2) * (vf * vf + vt * vt);
  }
  return q * net.baseMva;
}

/** Bus ids of one type whatever the source: numbers (MATPOWER bus numbers; the built-in feeder numbers its buses). */
function numericIds(ids: readonly (string | number)[]): (string | number)[] {
  return ids.every((id) => typeof id === 'number' || /^\d+$/.test(id)) ? ids.map(Number) : ids.map(String);
}

/**
 * Voltages of a result as magnitudes ≥ 0: a non-converged iterate can hold a negative magnitude, which is the same
 * complex voltage as its absolute value at the angle + 180°.
 */
function polarVoltages(r: PowerFlowResult): { vm: number[]; va: number[] } {
  const vm = Array.from(r.vmPu);
  const va = Array.from(r.vaDeg);
  for (let i = 0; i < vm.length; i++) {
    if (vm[i]! < 0) {
      vm[i] = -vm[i]!;
      va[i] = ((va[i]! + 360) % 360) - 180;
    }
  }
  return { vm, va };
}

/**
 * The `--json` output, arrays in the case's row order. The original fields (status … solveMs) keep their names and
 * meaning; the rest extends them: generator outputs, branch loading and ratings, MATPOWER's series losses and line
 * charging, de-energized buses, violations with ids, and the notes.
 */
export function pfJson(net: CompiledNetwork, r: PowerFlowResult, notes: string[] = []): object {
  const { vm, va } = polarVoltages(r);
  const charging = chargingMvar(net, r);
  return {
    status: r.status,
    converged: r.converged,
    iterations: r.iterations,
    method: r.method,
    engine: r.engine,
    busIds: numericIds(r.busIds),
    vmPu: vm,
    vaDeg: va,
    branch: {
      pFromMw: Array.from(r.pFromMw),
      qFromMvar: Array.from(r.qFromMvar),
      pToMw: Array.from(r.pToMw),
      qToMvar: Array.from(r.qToMvar),
      loadingPercent: r.loadingPercent,
      rateMva: Array.from(net.rateMva),
    },
    lossesMw: r.lossesMw,
    lossesMvar: r.lossesMvar,
    solveMs: r.solveMs,
    genIds: numericIds(r.genIds),
    pgMw: Array.from(r.pGenMw),
    qgMvar: Array.from(r.qGenMvar),
    branchIds: numericIds(r.branchIds),
    seriesLossesMvar: r.lossesMvar + charging,
    chargingMvar: charging,
    unsuppliedBusIds: numericIds(r.unsuppliedBusIds),
    violations: {
      buses: r.violations.buses.map((v) => ({ ...v, busId: numericIds([v.busId])[0] })),
      branches: r.violations.branches.map((v) => ({ ...v, branchId: numericIds([v.branchId])[0] })),
    },
    notes: [...notes, ...r.notes],
    maxMismatchPu: r.maxMismatchPu,
  };
}

/** A list of ids for one line: the first `max`, then how many more. */
function idList(ids: readonly (string | number)[], max = 10): string {
  const shown = ids.slice(0, max).map(String).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

/** The readable summary, one fact per line: kW/kvar for feeders, MW/Mvar for transmission cases. */
export function pfSummary(name: string, net: CompiledNetwork, r: PowerFlowResult, notes: string[] = []): string {
  let inService = 0;
  for (let k = 0; k < net.nBranch; k++) inService += net.branchStatus[k]!;
  const feeder = isFeeder(net);
  const [scale, pUnit, qUnit, digits] = feeder ? [1000, 'kW', 'kvar', 3] : [1, 'MW', 'Mvar', 3];
  const p = (mw: number): string => `${(mw * scale).toFixed(digits)} ${pUnit}`;
  const q = (mvar: number): string => `${(mvar * scale).toFixed(digits)} ${qUnit}`;
  const lines = [
    `${name}: ${plural(net.nBus, 'bus', 'buses')}, ${plural(net.nBranch, 'branch', 'branches')} (${inService} in service), ${plural(net.nGen, 'generator')}, base ${net.baseMva} MVA`,
    `status: ${r.status} (${r.method === 'bfs' ? 'backward/forward sweep' : 'Newton-Raphson'}, ${r.engine}) after ${plural(r.iterations, 'iteration')}, max mismatch ${r.maxMismatchPu.toExponential(2)} p.u.`,
  ];
  for (const n of [...notes, ...r.notes]) lines.push(`note: ${n}`);
  if (!r.converged) {
    lines.push('no solution: voltages, flows and losses are not shown (--json has the last iterate, with "converged": false)');
  } else {
    let lo = -1;
    let hi = -1;
    const off = new Set(r.unsuppliedBusIds);
    for (let i = 0; i < net.nBus; i++) {
      if (off.has(r.busIds[i]!)) continue;
      if (lo < 0 || r.vmPu[i]! < r.vmPu[lo]!) lo = i;
      if (hi < 0 || r.vmPu[i]! > r.vmPu[hi]!) hi = i;
    }
    let pGen = 0;
    let qGen = 0;
    for (let g = 0; g < net.nGen; g++) {
      pGen += r.pGenMw[g]!;
      qGen += r.qGenMvar[g]!;
    }
    const charging = chargingMvar(net, r);
    lines.push(
      lo >= 0
        ? `voltage: min ${r.vmPu[lo]!.toFixed(5)} p.u. at bus ${String(r.busIds[lo])}, max ${r.vmPu[hi]!.toFixed(5)} p.u. at bus ${String(r.busIds[hi])}`
        : 'voltage: no energized bus',
      `losses (I²Z): ${p(r.lossesMw)}, ${q(r.lossesMvar + charging)}; line charging: ${q(charging)} injected`,
      `generation: ${p(pGen)}, ${q(qGen)}`,
    );
    const vb = r.violations.buses;
    const vl = r.violations.branches;
    lines.push(
      vb.length === 0
        ? 'voltage limits: all buses within'
        : `voltage limits: ${plural(vb.length, 'bus', 'buses')} outside: ${idList(vb.map((v) => `${String(v.busId)} (${v.vmPu.toFixed(4)} p.u. ${v.limit === 'min' ? '<' : '>'} ${v.limitPu})`))}`,
      vl.length === 0
        ? 'thermal limits: no branch above 100 % of its rating'
        : `thermal limits: ${plural(vl.length, 'branch', 'branches')} above 100 %: ${idList(vl.map((v) => `${String(v.branchId)} (${v.loadingPercent.toFixed(1)} %)`))}`,
    );
  }
  if (r.unsuppliedBusIds.length > 0) lines.push(`de-energized buses (no path to the slack): ${idList(r.unsuppliedBusIds, 50)}`);
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
    .option('--choose-slack', "a case without a reference bus: make the first PV bus the slack (MATPOWER's rule) instead of refusing")
    .action((file: string, o: PfCliOptions) => {
      const options = parsePfOptions(o);
      const { net, notes } = loadPfCase(file, o.chooseSlack === true);
      const result = solvePowerFlow(net, options);
      process.stdout.write(o.json ? JSON.stringify(pfJson(net, result, notes)) + '\n' : pfSummary(file, net, result, notes));
      if (!result.converged) {
        process.stderr.write(`peergrid: power flow ended with status '${result.status}'\n`);
        process.exitCode = 1;
      }
    });
}
