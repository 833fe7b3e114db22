// `peergrid game <game.json> --solution shapley|nucleolus|core-check [--json]`: solves a coalition game
// (format coalition-game/1) for a cost or surplus allocation, or derives the community savings game v(S) from a
// simulation scenario (`{"players": [...], "community": <scenario or its path>}`) first (Node-only file).
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { checkLpSolverName, loadLpSolver } from '../lp/load-lp-solver.js';
import { parseCoalitionGame, type CoalitionGame } from '../market/games/coalition-game.js';
import { checkCore, type CoreCheck } from '../market/games/core-check.js';
import { MAX_NUCLEOLUS_PLAYERS, nucleolus } from '../market/games/nucleolus.js';
import { shapleyValue } from '../market/games/shapley-value.js';
import { readTextFile } from '../files/read-text-file.js';
import { parseJsonText } from '../network/json-text.js';
import { readCommunityGame, type CommunityGameInput } from './community-game-input.js';
import {
  canTabulateCommunity, communitySavingsGame, communitySavingsShapley, mechanismAllocation,
} from '../market/games/community-savings-game.js';
import { isMechanismName } from '../market/mechanisms.js';
import type { SampledShapleyResult } from '../market/games/shapley-value.js';

/** Allocation concepts `peergrid game` offers. */
export const GAME_SOLUTIONS = ['shapley', 'nucleolus', 'core-check'] as const;

interface GameFlags {
  solution: string;
  allocation?: string;
  mechanism?: string;
  solver: string;
  steps?: string;
  samples: string;
  seed: string;
  json?: boolean;
}

/** Registers `peergrid game <game.json> --solution shapley|nucleolus|core-check [--allocation JSON] [--solver] [--json]`. */
export function registerGameCommand(program: Command): void {
  program
    .command('game')
    .description('allocate a coalition game (coalition-game/1): Shapley value, nucleolus, or a core check')
    .argument('<game>', 'JSON file {"format": "coalition-game/1", "kind": "value"|"cost", "players": [...], "values": {"": 0, "a": v, "a,b": v, ...}} or {"players": [...], "community": <scenario or path>}')
    .requiredOption('--solution <name>', GAME_SOLUTIONS.join('|'))
    .option('--allocation <json>', 'core-check: the allocation {"id": value, ...} (default: the file\'s "allocation" field)')
    .option('--mechanism <name>', 'core-check of a community: the savings each member gets when the community clears with this mechanism')
    .option('--solver <name>', 'LP solver of the nucleolus and least core: highs | glpk', 'highs')
    .option('--steps <n>', 'community: simulate only the first n steps of the scenario')
    .option('--samples <n>', 'community too large to tabulate: random orders of the sampled Shapley value', '1000')
    .option('--seed <n>', 'seed of the sampled Shapley value', '1')
    .option('--json', 'print exactly one JSON object')
    .action(async (file: string, flags: GameFlags) => {
      if (!(GAME_SOLUTIONS as readonly string[]).includes(flags.solution)) {
        throw new ValidationError({ element: 'option', id: '--solution', field: 'solution', value: flags.solution }, `must be one of ${GAME_SOLUTIONS.join(', ')}`);
      }
      const solverName = checkLpSolverName(flags.solver, '--solver');
      // Every numeric flag is checked before any work, also where this game does not use it.
      const numbers = { steps: integerFlag(flags.steps, '--steps'), samples: integerFlag(flags.samples, '--samples')!, seed: integerFlag(flags.seed, '--seed')! };
      const doc = parseJsonText(readTextFile(file, 'a coalition game file'), file);
      if (typeof doc === 'object' && doc !== null && Object.hasOwn(doc, 'community')) {
        await runCommunityGame(readCommunityGame(doc, file, numbers.steps), flags, numbers, solverName);
        return;
      }
      if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && !Object.hasOwn(doc, 'values')) {
        throw new ValidationError({ element: 'game', id: 'document', field: 'values', value: undefined }, 'missing: give "values" (every coalition\'s value) or "community" (a scenario to derive them from)');
      }
      if (flags.mechanism !== undefined) {
        throw new ValidationError({ element: 'option', id: '--mechanism', field: 'mechanism', value: flags.mechanism }, 'applies to a community game ({"players": [...], "community": ...}) only');
      }
      const game = parseCoalitionGame(doc);
      const r = await solveTabulated(game, flags, solverName, () => readAllocation(game, flags.allocation, doc));
      process.stdout.write(flags.json ? JSON.stringify(r.out) + '\n' : r.text);
    });
}

/** Shapley, nucleolus or a core check of a tabulated game: the `--json` object and the readable summary. */
async function solveTabulated(game: CoalitionGame, flags: GameFlags, solverName: 'highs' | 'glpk', checkedAllocation: () => Float64Array) {
  // The least core needs an LP row per coalition: beyond MAX_NUCLEOLUS_PLAYERS only Shapley and core checks run.
  const least = flags.solution === 'nucleolus' || game.players.length <= MAX_NUCLEOLUS_PLAYERS ? nucleolus(game, await loadLpSolver(solverName)) : null;
  let allocation: Float64Array;
  if (flags.solution === 'shapley') allocation = shapleyValue(game);
  else if (flags.solution === 'nucleolus') allocation = least!.allocation;
  else allocation = checkedAllocation();
  const check = checkCore(game, allocation);
  const out = {
    solution: flags.solution,
    kind: game.kind,
    allocation: Object.fromEntries(game.players.map((p, i) => [p, allocation[i]!])),
    inCore: check.inCore as boolean | null,
    coreExcess: check.coreExcess as number | null,
    worstCoalition: check.worstCoalition as string[] | null,
    efficiencyGap: check.efficiencyGap as number | null,
    coreNonEmpty: least === null ? null : least.leastCoreEpsilon <= check.tolerance,
    leastCoreEpsilon: least?.leastCoreEpsilon ?? null,
    tolerance: check.tolerance as number | null,
    solver: solverName,
  };
  return { out, text: describe(game, flags.solution, allocation, check, least?.leastCoreEpsilon ?? null) };
}

/**
 * A community game: v(S) from the scenario's no-P2P run. Tabulated (exact Shapley, nucleolus, core checks) when
 * 2^players × steps is small enough; otherwise only the Shapley value runs, sampled, with confidence intervals.
 */
async function runCommunityGame(input: CommunityGameInput, flags: GameFlags, numbers: { samples: number; seed: number }, solverName: 'highs' | 'glpk'): Promise<void> {
  const { series } = input;
  const n = series.members.length;
  const ids = series.members.map((m) => m.id);
  const about = { scenario: series.scenario, steps: series.steps, dtHours: series.dtHours };
  if (flags.mechanism !== undefined && flags.solution !== 'core-check') {
    throw new ValidationError({ element: 'option', id: '--mechanism', field: 'mechanism', value: flags.mechanism }, 'applies to --solution core-check only');
  }
  if (canTabulateCommunity(n, series.steps)) {
    const game = communitySavingsGame(series.members, series.tariffs);
    const allocationOf = (): Float64Array => {
      if (flags.mechanism === undefined) return readAllocation(game, flags.allocation, input.document);
      if (flags.allocation !== undefined) {
        throw new ValidationError({ element: 'option', id: '--mechanism', field: 'mechanism', value: flags.mechanism }, 'give either --mechanism or --allocation, not both');
      }
      if (!isMechanismName(flags.mechanism)) {
        throw new ValidationError({ element: 'option', id: '--mechanism', field: 'mechanism', value: flags.mechanism }, 'must be a market mechanism (see peergrid clear --help)');
      }
      return mechanismAllocation(series.members, series.tariffs, flags.mechanism, { seed: numbers.seed });
    };
    const r = await solveTabulated(game, flags, solverName, allocationOf);
    const out = { ...r.out, ...about, grandCoalitionValue: game.values[game.values.length - 1]!, exact: true, halfWidth: null, confidence: null, samples: null };
    process.stdout.write(flags.json ? JSON.stringify(out) + '\n' : `community '${series.scenario}', ${series.steps} steps, no-P2P positions pooled\n${r.text}`);
    return;
  }
  if (flags.solution !== 'shapley') {
    throw new ValidationError(
      { element: 'game', id: 'community', field: 'players', value: n },
      `${n} players over ${series.steps} steps are too many to tabulate 2^${n} coalitions, so only --solution shapley (sampled) runs; use fewer players or --steps`,
    );
  }
  const sampled = communitySavingsShapley(series.members, series.tariffs, { samples: numbers.samples, seed: numbers.seed });
  const total = sampled.value.reduce((s, v) => s + v, 0);
  const out = {
    solution: 'shapley',
    kind: 'value',
    allocation: Object.fromEntries(ids.map((p, i) => [p, sampled.value[i]!])),
    inCore: null,
    coreExcess: null,
    worstCoalition: null,
    efficiencyGap: null,
    coreNonEmpty: null,
    leastCoreEpsilon: null,
    tolerance: null,
    solver: null,
    ...about,
    grandCoalitionValue: total,
    exact: false,
    halfWidth: Object.fromEntries(ids.map((p, i) => [p, sampled.halfWidth[i]!])),
    confidence: sampled.confidence,
    samples: sampled.samples,
  };
  if (flags.json) {
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  const width = Math.max(6, ...ids.map((p) => p.length));
  const lines = [
    `community '${series.scenario}', ${series.steps} steps, no-P2P positions pooled`,
    `sampled Shapley value of a ${n}-player value game (${sampled.samples} orders, ${sampled.confidence * 100} % intervals); v(N) = ${fmt(total)}`,
    ...ids.map((p, i) => `  ${p.padEnd(width)}  ${fmt(sampled.value[i]!)} ± ${fmt(sampled.halfWidth[i]!)}`),
    'core: not checked (2^n coalitions)',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** A positive integer flag (undefined when absent). */
function integerFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < (flag === '--seed' ? 0 : 1)) {
    throw new ValidationError({ element: 'option', id: flag, field: flag.slice(2), value: text }, flag === '--seed' ? 'must be an integer ≥ 0' : 'must be a positive integer');
  }
  return v;
}

/** The allocation to check: `--allocation` JSON text, else the game file's `allocation` object; every player once. */
function readAllocation(game: CoalitionGame, flag: string | undefined, doc: unknown): Float64Array {
  let raw: unknown = (doc as { allocation?: unknown }).allocation;
  const source = flag !== undefined ? '--allocation' : 'allocation';
  if (flag !== undefined) {
    try {
      raw = JSON.parse(flag);
    } catch {
      throw new ValidationError({ element: 'option', id: '--allocation', field: 'allocation', value: flag }, 'must be a JSON object {"player id": value, ...}');
    }
  }
  if (raw === undefined) {
    throw new ValidationError({ element: 'option', id: '--allocation', field: 'allocation', value: undefined }, 'core-check needs an allocation: pass --allocation \'{"a": 1, ...}\' or put "allocation" in the game file');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ValidationError({ element: 'option', id: source, field: 'allocation', value: raw }, 'must be an object {"player id": value, ...}');
  }
  const entries = raw as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!game.players.includes(key)) {
      throw new ValidationError({ element: 'allocation', id: key, field: `${source}.${key}`, value: entries[key] }, `names an unknown player (players: ${game.players.join(', ')})`);
    }
  }
  return Float64Array.from(game.players, (p) => {
    const v = Object.hasOwn(entries, p) ? entries[p] : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValidationError({ element: 'allocation', id: p, field: `${source}.${p}`, value: v }, 'must be a finite number (every player needs a value)');
    }
    return v;
  });
}

function describe(game: CoalitionGame, solution: string, x: Float64Array, check: CoreCheck, epsilon: number | null): string {
  const what = game.kind === 'value' ? 'value' : 'cost';
  const width = Math.max(6, ...game.players.map((p) => p.length));
  const lines = [`${solution} of a ${game.players.length}-player ${what} game`];
  game.players.forEach((p, i) => lines.push(`  ${p.padEnd(width)}  ${fmt(x[i]!)}`));
  lines.push(`in the core: ${check.inCore ? 'yes' : 'no'} (largest coalition excess ${fmt(check.coreExcess)}${check.worstCoalition.length ? ` by {${check.worstCoalition.join(', ')}}` : ''}; efficiency gap ${fmt(check.efficiencyGap)})`);
  if (epsilon === null) lines.push(`least core: not computed for more than ${MAX_NUCLEOLUS_PLAYERS} players`);
  else lines.push(`least core ε = ${fmt(epsilon)}: the core is ${epsilon <= check.tolerance ? 'non-empty' : 'empty'}`);
  return lines.join('\n') + '\n';
}

function fmt(v: number): string {
  return Math.abs(v) < 5e-13 ? '0' : Number(v.toPrecision(10)).toString();
}
