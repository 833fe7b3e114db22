import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandRunners } from './run-cli-in-process.js';
import { registerGameCommand } from '../../ts/cli/game-command.js';
import { nodeFiles, smallScenario } from '../sim/sim-test-helpers.js';
import { communityNetSeries } from '../../ts/sim/games/community-net-series.js';
import { communitySavingsGame, mechanismAllocation } from '../../ts/market/games/community-savings-game.js';
import { shapleyValue } from '../../ts/market/games/shapley-value.js';

let dir = '';
const bankruptcy200 = {
  format: 'coalition-game/1',
  kind: 'value',
  players: ['a', 'b', 'c'],
  // O'Neill's bankruptcy game, estate 200, claims 100/200/300: v(S) = max(0, 200 − claims outside S).
  values: { '': 0, a: 0, b: 0, c: 0, 'a,b': 0, 'a,c': 0, 'b,c': 100, 'a,b,c': 200 },
  allocation: { a: 50, b: 75, c: 75 },
};

const { run, runFailing } = commandRunners(registerGameCommand, 'game');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peergrid-game-'));
  writeFileSync(join(dir, 'b.json'), JSON.stringify(bankruptcy200, null, 2));
});

describe('peergrid game (in process)', () => {
  it('--solution nucleolus --json: the Talmud division (50, 75, 75), in the core', async () => {
    const out = JSON.parse(await run(join(dir, 'b.json'), '--solution', 'nucleolus', '--json'));
    expect(Object.keys(out).slice(0, 4)).toEqual(['solution', 'kind', 'allocation', 'inCore']);
    expect(out.solution).toBe('nucleolus');
    expect(out.allocation.a).toBeCloseTo(50, 7);
    expect(out.allocation.b).toBeCloseTo(75, 7);
    expect(out.allocation.c).toBeCloseTo(75, 7);
    expect(out.inCore).toBe(true);
    expect(out.coreNonEmpty).toBe(true);
  });

  it('--solution shapley --json with glpk: sums to v(N); core-check reads the file\'s allocation; --allocation overrides it', async () => {
    const s = JSON.parse(await run(join(dir, 'b.json'), '--solution', 'shapley', '--solver', 'glpk', '--json'));
    expect(s.allocation.a + s.allocation.b + s.allocation.c).toBeCloseTo(200, 9);
    // By hand: a adds 100 only when it comes last (2 of 6 orders) → 100/3; b adds 100 after c alone and 200 when last → 500/6.
    expect(s.allocation.a).toBeCloseTo(100 / 3, 9);
    expect(s.allocation.b).toBeCloseTo(250 / 3, 9);
    const c = JSON.parse(await run(join(dir, 'b.json'), '--solution', 'core-check', '--json'));
    expect(c.inCore).toBe(true);
    const bad = JSON.parse(await run(join(dir, 'b.json'), '--solution', 'core-check', '--allocation', '{"a": 150, "b": 25, "c": 25}', '--json'));
    expect(bad.inCore).toBe(false);
    expect(bad.worstCoalition).toEqual(['b', 'c']);
    expect(bad.coreExcess).toBeCloseTo(50, 9);
  });

  it('readable summary without --json', async () => {
    const text = await run(join(dir, 'b.json'), '--solution', 'nucleolus');
    expect(text).toMatch(/^nucleolus of a 3-player value game/);
    expect(text).toMatch(/in the core: yes/);
  });

  it.each([
    [['--solution', 'banzhaf'], /--solution.*must be one of shapley, nucleolus, core-check/],
    [['--solution', 'core-check', '--allocation', '{"a": 1, "b": 2}'], /allocation "c".*finite number/],
    [['--solution', 'core-check', '--allocation', '{"a": 1, "b": 2, "c": 3, "d": 4}'], /unknown player/],
    [['--solution', 'nucleolus', '--solver', 'cplex'], /--solver.*'highs' or 'glpk'/],
  ])('%j → one line naming the flag or player, exit 1', async (args, message) => {
    expect(await runFailing(join(dir, 'b.json'), ...args)).toMatch(message);
  });
});

describe('peergrid game beyond the nucleolus size', () => {
  it('a 17-player game: Shapley runs (least core reported as null), the nucleolus is refused naming the limit', async () => {
    const players = Array.from({ length: 17 }, (_, i) => `p${i}`);
    const values: Record<string, number> = {};
    for (let mask = 0; mask < 1 << 17; mask++) {
      const members = players.filter((_, i) => mask & (1 << i));
      values[members.join(',')] = members.length * members.length;
    }
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify({ format: 'coalition-game/1', players, values }));
    const out = JSON.parse(await run(file, '--solution', 'shapley', '--json'));
    // v(S) = |S|² is symmetric: everyone gets v(N)/n = 17.
    for (const p of players) expect(out.allocation[p]).toBeCloseTo(17, 9);
    expect(out.leastCoreEpsilon).toBeNull();
    expect(await runFailing(file, '--solution', 'nucleolus')).toMatch(/at most 16 players/);
  }, 60_000);
});

describe('peergrid game on a community scenario ({"players", "community"})', () => {
  const scenario = smallScenario({ horizon: { start: '2024-06-03T00:00:00Z', steps: 96, dtHours: 0.25 } });
  const players = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5'];

  beforeAll(() => {
    writeFileSync(join(dir, 'community.json'), JSON.stringify(scenario));
    writeFileSync(join(dir, 'by-path.json'), JSON.stringify({ players, community: 'community.json' }));
    writeFileSync(join(dir, 'inline.json'), JSON.stringify({ players, community: scenario }));
    // 22 members: 2^22 coalitions cannot be tabulated, so the Shapley value is sampled.
    const big = { ...scenario, prosumers: [...scenario.prosumers, ...scenario.prosumers.slice(0, 10).map((p) => ({ ...p, id: `${p.id}b` }))] };
    writeFileSync(join(dir, 'big.json'), JSON.stringify({ community: big }));
  });

  it('--solution shapley: the exact Shapley value of the pooled no-P2P positions (path and inline forms agree)', async () => {
    const a = JSON.parse(await run(join(dir, 'by-path.json'), '--solution', 'shapley', '--json'));
    const b = JSON.parse(await run(join(dir, 'inline.json'), '--solution', 'shapley', '--json'));
    expect(a).toEqual(b);
    expect(a.exact).toBe(true);
    expect(a.steps).toBe(96);
    const series = communityNetSeries(scenario, { players, files: nodeFiles() });
    const game = communitySavingsGame(series.members, series.tariffs);
    const phi = shapleyValue(game);
    players.forEach((p, i) => expect(a.allocation[p]).toBeCloseTo(phi[i]!, 9));
    expect(a.grandCoalitionValue).toBeCloseTo(game.values[63]!, 9);
    expect(a.grandCoalitionValue).toBeGreaterThan(0);
  });

  it('--solution core-check --mechanism mmr checks what the mid-market rate pays each member', async () => {
    const out = JSON.parse(await run(join(dir, 'by-path.json'), '--solution', 'core-check', '--mechanism', 'mmr', '--json'));
    const series = communityNetSeries(scenario, { players, files: nodeFiles() });
    const x = mechanismAllocation(series.members, series.tariffs, 'mmr');
    players.forEach((p, i) => expect(out.allocation[p]).toBeCloseTo(x[i]!, 9));
    expect(typeof out.inCore).toBe('boolean');
    expect(out.efficiencyGap).toBeCloseTo(0, 9);
  });

  it('22 members: the sampled Shapley value with confidence half-widths, summing to v(N); nucleolus is refused', async () => {
    const out = JSON.parse(await run(join(dir, 'big.json'), '--solution', 'shapley', '--samples', '200', '--seed', '3', '--json'));
    expect(out.exact).toBe(false);
    expect(Object.keys(out.allocation)).toHaveLength(22);
    expect(out.samples).toBe(200);
    expect(out.inCore).toBeNull();
    for (const id of Object.keys(out.allocation)) expect(out.halfWidth[id]).toBeGreaterThanOrEqual(0);
    const total = Object.values(out.allocation as Record<string, number>).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(out.grandCoalitionValue, 9);
    expect(await runFailing(join(dir, 'big.json'), '--solution', 'nucleolus')).toMatch(/22 players over 96 steps are too many to tabulate.*--solution shapley/);
  });

  it('names an unknown player and a community that is not a scenario', async () => {
    writeFileSync(join(dir, 'stranger.json'), JSON.stringify({ players: ['h0', 'zz'], community: scenario }));
    expect(await runFailing(join(dir, 'stranger.json'), '--solution', 'shapley')).toMatch(/player "zz": players\[1\].*not a prosumer/);
    writeFileSync(join(dir, 'not-scenario.json'), JSON.stringify({ community: 42 }));
    expect(await runFailing(join(dir, 'not-scenario.json'), '--solution', 'shapley')).toMatch(/community = 42.*scenario object, the path of a scenario file, or "default"/);
    expect(await runFailing(join(dir, 'b.json'), '--solution', 'core-check', '--mechanism', 'mmr')).toMatch(/--mechanism.*community game/);
    // A bad numeric flag is refused even where the game would not use it; a file with neither form says what it needs.
    expect(await runFailing(join(dir, 'by-path.json'), '--solution', 'shapley', '--samples', 'abc')).toMatch(/--samples.*"abc".*positive integer/);
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ players: ['h0'], comunity: scenario }));
    expect(await runFailing(join(dir, 'typo.json'), '--solution', 'shapley')).toMatch(/values.*missing: give "values".*or "community"/);
  });
});
