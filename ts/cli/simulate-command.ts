/**
 * `peergrid simulate [scenario.json] [--out DIR] [--json] [--steps N] [--mechanisms a,b] [--engine wasm|ts]
 * [--allow-failed-steps]`
 *
 * Without a scenario it runs the built-in study (createDefaultStudy: a low-voltage community of 100 households on a
 * synthetic 400 kVA feeder, one year of 15-minute steps) and compares the no-P2P baseline, uniform, pay-as-bid, SDR, mid-market rate and bill sharing.
 * With a scenario it compares the no-P2P baseline and the scenario's mechanism (or --mechanisms). Prints the
 * comparison table (or, with --json, exactly one JSON object on stdout); with --out writes report.html (offline,
 * inline SVG), results.json, comparison.csv, prosumers.csv and timeseries.csv, and with the scenario's ledger enabled
 * ledger-<mechanism>.jsonl (streamed: entries are verified and replayed as they are appended, never all held in
 * memory). A progress bar goes to stderr only when stderr is a terminal. Bad input: one line on stderr and a non-zero exit (see main.ts).
 * Steps whose power flow failed are counted in the table, warned about under it, in the report and in --json, and
 * make the exit code EXIT_FAILED_STEPS unless --allow-failed-steps.
 * `--preset NAME` runs a named trial's design (ts/sim/scenario/presets; an unknown name lists them). Precedence:
 * the preset, then a scenario file given with it laid over it (presets/overlay-scenario.ts), then the flags
 * (--steps, --mechanisms, --engine). The output adds the preset's name, docs page and highlight lines.
 */
import { NetPositionRecorder } from '../sim/games/net-position-recorder.js';
import { coalitionView, type CoalitionView } from '../sim/games/coalition-view.js';
import { combineSinks } from '../sim/engine/settlement-sink.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { parseProgressMode, startProgress } from './progress.js';
import { createDefaultStudy } from '../sim/scenario/default-study.js';
import { SIM_MECHANISMS, type SimMechanism } from '../sim/scenario/scenario-schema.js';
import { validateScenario } from '../sim/scenario/validate-scenario.js';
import { defaultSimulationDeps } from '../sim/engine/default-deps.js';
import { DEFAULT_COMPARISON, runComparison } from '../sim/engine/run-comparison.js';
import type { SimulationResult } from '../sim/engine/simulation.js';
import type { ScenarioFiles } from '../sim/engine/simulation-deps.js';
import { comparisonRows, formatComparisonTable, formatPhysicsSummary, physicsIdentical } from '../sim/report/comparison.js';
import { describeStudy, householdRecords, strategyDescription } from '../sim/report/study-description.js';
import { comparisonCsv, prosumersCsv, timeSeriesCsv } from '../sim/report/csv.js';
import { renderHtmlReport } from '../sim/report/html-report.js';
import { formatCommunityReport } from '../sim/report/community-report.js';
import { countFailedSteps, failedStepWarnings } from '../sim/report/failed-steps.js';
import { readScenarioFile } from '../sim/node/scenario-file.js';
import type { Engine } from '../engine.js';
import { openOutputFolder, type OutputFolder } from '../files/output-folder.js';
import { StreamedBlockLedger, StreamedLedger, type LedgerRunSummary } from './streamed-ledger.js';
import { loadLpSolver } from '../lp/load-lp-solver.js';
import type { LpSolver } from '../lp/lp-solver.js';
import { scenarioPreset, type ScenarioPreset } from '../sim/scenario/presets/index.js';
import { overlayScenario } from '../sim/scenario/presets/overlay-scenario.js';

/** The files `simulate --out` writes; a stale one from an earlier run is removed when the new run is committed. */
const SIMULATE_OUTPUT_FILE = /^(report\.html|results\.json|comparison\.csv|prosumers\.csv|timeseries\.csv|ledger-[a-z-]+\.jsonl)$/;

interface SimulateOptions {
  out?: string;
  json?: boolean;
  steps?: string;
  mechanisms?: string;
  engine?: string;
  progress?: string;
  allowFailedSteps?: boolean;
  preset?: string;
}

/** Exit code of a run that finished but had steps whose power flow failed (without --allow-failed-steps). */
export const EXIT_FAILED_STEPS = 3;

function optionError(field: string, value: unknown, problem: string): ValidationError {
  return new ValidationError({ element: 'option', id: 'simulate', field, value }, problem);
}

function parseSteps(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 1) throw optionError('--steps', v, 'expected a positive integer');
  return n;
}

function parseMechanisms(v: string | undefined): SimMechanism[] | undefined {
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const m of list) {
    if (!(SIM_MECHANISMS as readonly string[]).includes(m)) throw optionError('--mechanisms', m, `expected one of ${SIM_MECHANISMS.join(', ')}`);
  }
  if (list.length === 0) throw optionError('--mechanisms', v, 'expected a comma-separated list of mechanisms');
  // A repeated mechanism would run twice and its ledger file would be overwritten by the second run.
  const twice = list.find((m, i) => list.indexOf(m) !== i);
  if (twice !== undefined) throw optionError('--mechanisms', v, `lists '${twice}' twice`);
  return list as SimMechanism[];
}

/** JSON with NaN and ±Infinity written as null and typed arrays as arrays. */
function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (v instanceof Float64Array) return Array.from(v, (x) => (Number.isFinite(x) ? x : null));
      return v;
    },
    indent,
  );
}

/** Registers `peergrid simulate`. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('simulate P2P trading on a feeder and compare market mechanisms (default: the built-in IEEE 33-bus study)')
    .argument('[scenario]', 'scenario JSON file (default: the built-in study)')
    .option('--out <dir>', 'write report.html, results.json and CSV files to DIR')
    .option('--json', 'print exactly one JSON object on stdout')
    .option('--steps <n>', 'simulate only the first N steps')
    .option('--mechanisms <list>', `comma-separated mechanisms (${SIM_MECHANISMS.join(', ')})`)
    .option('--engine <engine>', "kernel engine: 'wasm' or 'ts' (default: the scenario's)")
    .option('--progress <mode>', 'auto (a bar on a terminal, else a line on stderr every few seconds), bar, lines or none')
    .option('--preset <name>', 'a named trial (brooklyn-microgrid, elecbay, grid-plus, power-ledger-seda); a scenario file given too is laid over it')
    .option('--allow-failed-steps', `exit 0 even when some steps' power flows failed (default: exit ${EXIT_FAILED_STEPS})`)
    .action(async (file: string | undefined, opts: SimulateOptions) => {
      const steps = parseSteps(opts.steps);
      const mechanismsOpt = parseMechanisms(opts.mechanisms);
      parseProgressMode(opts.progress); // a bad value fails before the run
      if (opts.engine !== undefined && opts.engine !== 'wasm' && opts.engine !== 'ts') {
        throw optionError('--engine', opts.engine, "expected 'wasm' or 'ts'");
      }
      const preset = opts.preset === undefined ? null : scenarioPreset(opts.preset);
      let input: unknown;
      let files: ScenarioFiles | undefined;
      if (file === undefined) {
        input = preset === null ? createDefaultStudy() : preset.scenario();
      } else {
        ({ scenario: input, files } = readScenarioFile(file));
        if (preset !== null) input = overlayScenario(preset.scenario(), input);
      }
      const scenario = validateScenario(input);
      if (opts.engine) scenario.engine = opts.engine as Engine;
      const mechanisms =
        mechanismsOpt ??
        (file === undefined && preset === null
          ? [...DEFAULT_COMPARISON]
          : scenario.market.mechanism === 'none'
            ? ['none' as const]
            : ['none' as const, scenario.market.mechanism]);

      if (steps !== undefined && steps > scenario.horizon.steps) {
        throw optionError('--steps', steps, `exceeds the scenario's horizon of ${scenario.horizon.steps} steps`);
      }
      // Opened (and checked) before the run: a bad --out fails now, not after the simulation.
      const out: OutputFolder | null = opts.out === undefined ? null : openOutputFolder(opts.out, { isOwnFile: (n) => SIMULATE_OUTPUT_FILE.test(n) });
      try {
        // Clearing with the grid inside solves LPs: the solver loads (asynchronously) once, before the run.
        const lpSolver = mechanisms.includes('network-constrained') ? await loadLpSolver() : undefined;
        const { text, results } = runAndWrite(opts, scenario, files, mechanisms, steps, out, preset, lpSolver);
        out?.commit('peergrid simulate');
        // Printed only once the files are in place, so "wrote …" is never followed by a failure to write.
        process.stdout.write(text);
        reportFailedSteps(results, opts);
      } finally {
        out?.discard();
      }
    });
}

/**
 * After the outputs (printed and written in full: the warning and exit code come on top of them, never instead):
 * failed power-flow steps warn on stderr (with --json, whose stdout is one JSON object; the table shows them) and set
 * the exit code EXIT_FAILED_STEPS unless --allow-failed-steps.
 */
function reportFailedSteps(results: readonly SimulationResult[], opts: SimulateOptions): void {
  const failedSteps = countFailedSteps(results);
  if (failedSteps === 0) return;
  if (opts.json) for (const w of failedStepWarnings(results)) process.stderr.write(`peergrid: warning: ${w}\n`);
  if (!opts.allowFailedSteps) {
    process.stderr.write(`peergrid: ${failedSteps} failed power-flow step(s); pass --allow-failed-steps to accept them\n`);
    process.exitCode = EXIT_FAILED_STEPS;
  }
}

/** The coalition view of the runs, when the baseline ran (its positions were recorded). */
function coalitionViewOf(results: readonly SimulationResult[], recorder: NetPositionRecorder, seed: number): CoalitionView | null {
  const positions = recorder.positions();
  return positions === null ? null : coalitionView(results, positions, { seed });
}

/** Runs the comparison, writes the result files to `out` (staged until committed); returns the table or JSON to print, and the runs. */
function runAndWrite(
  opts: SimulateOptions,
  scenario: ReturnType<typeof validateScenario>,
  files: ScenarioFiles | undefined,
  mechanisms: SimMechanism[],
  steps: number | undefined,
  out: OutputFolder | null,
  preset: ScenarioPreset | null,
  lpSolver: LpSolver | undefined,
): { text: string; results: SimulationResult[] } {
      const outDir = out === null ? null : out.target;
      const totalSteps = (steps ?? scenario.horizon.steps) * mechanisms.length;
      // A bar would mix into --json's stdout neighbour on a terminal; lines (every few seconds) are harmless.
      const mode = parseProgressMode(opts.progress);
      const bar = startProgress(mode === 'auto' && opts.json ? 'lines' : mode, totalSteps, mechanisms[0]!);
      const ledgerRuns: Array<StreamedLedger | StreamedBlockLedger> = [];
      const led = scenario.ledger;
      // The baseline's positions make the community's coalition game: only the report, results.json and --json show it.
      const positions = out !== null || opts.json ? new NetPositionRecorder() : undefined;
      const t0 = performance.now();
      let results: SimulationResult[];
      try {
        results = runComparison(scenario, {
          deps: defaultSimulationDeps,
          files,
          mechanisms,
          steps,
          lpSolver,
          sinkFor: (m) =>
            combineSinks(
              m === 'none' ? positions : undefined,
              led.enabled
                ? (() => {
                    const path = out === null ? null : out.pathFor(`ledger-${m}.jsonl`);
                    const prosumers = scenario.prosumers.map((p) => p.id);
                    const run =
                      led.format === 'blocks'
                        ? new StreamedBlockLedger(m, { prosumers, seed: scenario.seed, signOrders: led.signOrders, blockSteps: led.blockSteps }, path)
                        : new StreamedLedger(m, { prosumers, seed: scenario.seed, signOrders: led.signOrders, mode: led.mode, operatorSignEvery: led.operatorSignEvery }, path);
                    ledgerRuns.push(run);
                    return run.sink;
                  })()
                : undefined,
            ),
          onProgress: (done, total) => {
            if (done % 16 === 0 || done === total) {
              const per = total / mechanisms.length;
              bar.update(done, mechanisms[Math.min(mechanisms.length - 1, Math.floor((done - 1) / per))]!);
            }
          },
        });
      } finally {
        bar.stop();
      }
      const elapsedMs = performance.now() - t0;
      const ledgerSummary: LedgerRunSummary[] = ledgerRuns.map((l) => l.finish());
      const rows = comparisonRows(results);
      const first = results[0]!;
      const coalition = positions === undefined ? null : coalitionViewOf(results, positions, scenario.seed);
      const failedSteps = countFailedSteps(results);
      const warnings = failedStepWarnings(results);
      const presetSummary = preset === null ? null : { name: preset.name, title: preset.title, docs: preset.docs, highlights: preset.highlights(results) };

      const net = defaultSimulationDeps.loadNetwork(scenario.network, files);
      const format = { currency: scenario.currency, thermalRatings: net.rateMva.some((r) => r > 0) };
      if (out !== null) {
        const vmin = Math.min(...net.vmMinPu);
        const vmax = Math.max(...net.vmMaxPu);
        out.write(
          'report.html',
          renderHtmlReport(results, {
            title: `peergrid simulation: ${scenario.name}`,
            vmLimitsPu: [vmin, vmax],
            currency: scenario.currency,
            thermalRatings: format.thermalRatings,
            utcOffsetHours: scenario.utcOffsetHours,
            notes: [`Seed ${scenario.seed}, engine ${scenario.engine}; mechanisms: ${results.map((r) => r.mechanism).join(', ')} ('none' = the no-P2P baseline).`],
            study: describeStudy(scenario, results, net, preset ?? undefined),
            coalition,
          }),
        );
        out.write(
          'results.json',
          toJson({
            scenario,
            currency: scenario.currency,
            households: householdRecords(scenario, results.find((r) => r.mechanism === 'none') ?? first),
            runs: results.map((r) => ({ mechanism: r.mechanism, steps: r.steps, dtHours: r.dtHours, start: r.start, metrics: r.metrics, series: r.series })),
            coalition,
          }),
        );
        out.write('comparison.csv', comparisonCsv(rows));
        out.write('prosumers.csv', prosumersCsv(results));
        out.write('timeseries.csv', timeSeriesCsv(results));
      }

      if (opts.json) {
        return {
          results,
          text: toJson({
            scenario: scenario.name,
            network: scenario.network,
            prosumers: scenario.prosumers.length,
            steps: first.steps,
            dtHours: first.dtHours,
            start: scenario.horizon.start,
            seed: scenario.seed,
            engine: scenario.engine,
            currency: scenario.currency,
            elapsedMs,
            comparison: rows,
            powerFlowFailures: failedSteps,
            warnings,
            runs: results.map((r) => ({
              mechanism: r.mechanism,
              community: r.metrics.community,
              ...(r.metrics.communities ? { communities: r.metrics.communities } : {}),
              ...(r.metrics.islanded ? { islanded: r.metrics.islanded } : {}),
            })),
            ledgers: ledgerSummary,
            coalition,
            outDir,
            ...(presetSummary === null ? {} : { preset: presetSummary }),
          }) + '\n',
        };
      }
      const bg = scenario.backgroundLoad;
      const lines = [
        `${scenario.name}: ${scenario.prosumers.length} prosumers on ${scenario.network}, ${first.steps} steps of ${first.dtHours} h from ${scenario.horizon.start} (seed ${scenario.seed}, ${scenario.engine})`,
        `background load: ${bg === 'network' ? "the network's own loads at buses without prosumers" : bg === 'none' ? 'none' : `the network's loads × ${bg}`}; bids: ${strategyDescription(scenario.market.strategy).split(' (')[0]!.split(':')[0]}${scenario.market.gateClosure ? `; gate closure on ${scenario.market.gateClosure.forecast.kind} forecasts` : ''}; money in ${scenario.currency}`,
        '',
        formatComparisonTable(rows, format),
        ...formatCommunityReport(results, format),
        ...warnings.map((w) => `WARNING: ${w}`),
        '',
        ...(physicsIdentical(rows) ? formatPhysicsSummary(rows, format) : []),
        '',
        `${results.length} run(s), ${(first.steps * results.length).toLocaleString('en-US')} steps in ${(elapsedMs / 1000).toFixed(2)} s`,
      ];
      for (const l of ledgerSummary) {
        lines.push(`ledger ${l.mechanism}: ${l.entries} entries${l.format === 'blocks' ? ` in ${l.blocks} signed blocks` : ''}, ${l.verified ? 'verified' : `${l.issues} issue(s)`}, replayed balances ${l.balancesReproduced ? 'match' : 'DIFFER'}`);
      }
      if (presetSummary !== null) {
        lines.push(`preset ${presetSummary.name}: ${presetSummary.title}; what it reproduces and what it cannot: ${presetSummary.docs}`);
        lines.push(...presetSummary.highlights.map((h) => `  ${h}`));
      }
      if (outDir) {
        const ledgerFiles = ledgerSummary.map((l) => `, ledger-${l.mechanism}.jsonl`).join('');
        lines.push(`wrote ${join(outDir, 'report.html')}, results.json, comparison.csv, prosumers.csv, timeseries.csv${ledgerFiles}`);
      }
      return { text: lines.join('\n') + '\n', results };
}
