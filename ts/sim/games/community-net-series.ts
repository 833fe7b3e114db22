// The data a community coalition game is made of, taken from a simulation: every member's net import per step with
// no P2P market (mechanism 'none': each household's load, PV, battery and EV as the scenario runs them, after
// connection-limit and network curtailment), and the scenario's retail and feed-in prices and P2P charges per step.
// communitySavingsGame / communitySavingsShapley turn them into v(S); the batteries act on retail prices as in the
// baseline, so v(S) values pooling the baseline positions, not a re-optimised coalition schedule.
import { ValidationError } from '../../errors.js';
import type { MemberNetSeries, PoolingTariffs } from '../../market/games/community-savings-game.js';
import { createSimulation, type SimulationOptions } from '../engine/simulation.js';
import { NetPositionRecorder } from './net-position-recorder.js';

/** Members' net imports and the tariffs of every step of a scenario's no-P2P run. */
export interface CommunityNetSeries {
  /** Scenario name. */
  scenario: string;
  /** Steps simulated. */
  steps: number;
  /** Step length, hours. */
  dtHours: number;
  /** One series per member, in the order asked for (or scenario order), net import per step, kWh. */
  members: MemberNetSeries[];
  /** Retail and feed-in prices and the P2P charges (both sides) per step, currency/kWh. */
  tariffs: { retailPricePerKwh: Float64Array; feedInPricePerKwh: Float64Array; internalChargePerKwh: Float64Array } & PoolingTariffs;
}

/** Options of `communityNetSeries`. */
export interface CommunityNetSeriesOptions extends Pick<SimulationOptions, 'deps' | 'files' | 'steps' | 'network'> {
  /** Prosumer ids to keep, in this order (default: every prosumer of the scenario); the others still load the feeder. */
  players?: readonly string[];
}

/** Runs the scenario without a P2P market and returns each member's net import per step with the step tariffs. */
export function communityNetSeries(scenario: unknown, options: CommunityNetSeriesOptions = {}): CommunityNetSeries {
  const recorder = new NetPositionRecorder();
  const sim = createSimulation(scenario, { ...options, mechanism: 'none', settlementSink: recorder });
  const ids = sim.scenario.prosumers.map((p) => p.id);
  const players = options.players ?? ids;
  const index = players.map((p, k) => {
    const i = ids.indexOf(p);
    if (i < 0) {
      throw new ValidationError({ element: 'player', id: p, field: `players[${k}]`, value: p }, `is not a prosumer of scenario '${sim.scenario.name}' (prosumers: ${preview(ids)})`);
    }
    if (players.indexOf(p) !== k) throw new ValidationError({ element: 'player', id: p, field: `players[${k}]`, value: p }, 'is listed twice');
    return i;
  });
  sim.run();
  const recorded = recorder.positions()!;
  return {
    scenario: sim.scenario.name,
    steps: sim.grid.steps,
    dtHours: sim.grid.dtHours,
    members: index.map((i) => recorded.members[i]!),
    tariffs: recorded.tariffs,
  };
}

function preview(ids: readonly string[]): string {
  return ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')}, … (${ids.length} in all)`;
}
