// `peergrid game <game.json> --solution shapley|nucleolus|core-check [--json]`: solves a coalition game
// (format coalition-game/1) for a cost or surplus allocation (Node-only file).
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { checkLpSolverName, loadLpSolver } from '../lp/load-lp-solver.js';
import { parseCoalitionGame, type CoalitionGame } from '../market/games/coalition-game.js';
import { checkCore, type CoreCheck } from '../market/games/core-check.js';
import { MAX_NUCLEOLUS_PLAYERS, nucleolus } from '../market/games/nucleolus.js';
import { shapleyValue } from '../market/games/shapley-value.js';
import { readTextFile } from '../files/read-text-file.js';
import { parseJsonText } from '../network/json-text.js';

/** Allocation concepts `peergrid game` offers. */
export const GAME_SOLUTIONS = ['shapley', 'nucleolus', 'core-check'] as const;

interface GameFlags {
  solution: string;
  allocation?: string;
  solver: string;
  json?: boolean;
}

/** Registers `peergrid game <game.json> --solution shapley|nucleolus|core-check [--allocation JSON] [--solver] [--json]`. */
export function registerGameCommand(program: Command): void {
  program
    .command('game')
    .description('allocate a coalition game (coalition-game/1): Shapley value, nucleolus, or a core check')
    .argument('<game>', 'JSON file {"format": "coalition-game/1", "kind": "value"|"cost", "players": [...], "values": {"": 0, "a": v, "a,b": v, ...}}')
    .requiredOption('--solution <name>', GAME_SOLUTIONS.join('|'))
    .option('--allocation <json>', 'core-check: the allocation {"id": value, ...} (default: the file\'s "allocation" field)')
    .option('--solver <name>', 'LP solver of the nucleolus and least core: highs | glpk', 'highs')
    .option('--json', 'print exactly one JSON object')
    .action(async (file: string, flags: GameFlags) => {
      if (!(GAME_SOLUTIONS as readonly string[]).includes(flags.solution)) {
        throw new ValidationError({ element: 'option', id: '--solution', field: 'solution', value: flags.solution }, `must be one of ${GAME_SOLUTIONS.join(', ')}`);
      }
      const solverName = checkLpSolverName(flags.solver, '--solver');
      const doc = parseJsonText(readTextFile(file, 'a coalition game file'), file);
      const game = parseCoalitionGame(doc);
      // The least core needs an LP row per coalition: beyond MAX_NUCLEOLUS_PLAYERS only Shapley and core checks run.
      const least = flags.solution === 'nucleolus' || game.players.length <= MAX_NUCLEOLUS_PLAYERS ? nucleolus(game, await loadLpSolver(solverName)) : null;
      let allocation: Float64Array;
      if (flags.solution === 'shapley') allocation = shapleyValue(game);
      else if (flags.solution === 'nucleolus') allocation = least!.allocation;
      else allocation = readAllocation(game, flags.allocation, doc);
      const check = checkCore(game, allocation);
      const out = {
        solution: flags.solution,
        kind: game.kind,
        allocation: Object.fromEntries(game.players.map((p, i) => [p, allocation[i]!])),
        inCore: check.inCore,
        coreExcess: check.coreExcess,
        worstCoalition: check.worstCoalition,
        efficiencyGap: check.efficiencyGap,
        coreNonEmpty: least === null ? null : least.leastCoreEpsilon <= check.tolerance,
        leastCoreEpsilon: least?.leastCoreEpsilon ?? null,
        tolerance: check.tolerance,
        solver: solverName,
      };
      if (flags.json) process.stdout.write(JSON.stringify(out) + '\n');
      else process.stdout.write(describe(game, flags.solution, allocation, check, least?.leastCoreEpsilon ?? null));
    });
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
