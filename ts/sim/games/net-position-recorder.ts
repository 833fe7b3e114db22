// Records every prosumer's net import per step (kWh, after curtailment) and the step's retail and feed-in prices and
// P2P charges, as a settlement sink, so a run's positions can become a coalition game (community-savings-game.ts).
import type { MemberNetSeries, PoolingTariffs } from '../../market/games/community-savings-game.js';
import type { SettlementSink } from '../engine/settlement-sink.js';
import type { Simulation } from '../engine/simulation.js';

/** Members' net imports per step and the step tariffs, as the community savings game takes them. */
export interface RecordedPositions {
  /** One series per prosumer, scenario order, net import per step, kWh. */
  members: MemberNetSeries[];
  /** Prices and P2P charges (network charge + levies, both sides) per step, currency/kWh. */
  tariffs: { retailPricePerKwh: Float64Array; feedInPricePerKwh: Float64Array; internalChargePerKwh: Float64Array } & PoolingTariffs;
}

/** A settlement sink that keeps each prosumer's net import of every step (memory: prosumers × steps × 8 bytes). */
export class NetPositionRecorder implements SettlementSink {
  private series: Float64Array[] = [];
  private ids: string[] = [];
  private steps = 0;
  private sim: Simulation | null = null;

  /** Stores step `sim.stepsDone`'s net imports (called by the simulation after settlement). */
  record(sim: Simulation): void {
    if (this.sim === null) {
      this.sim = sim;
      this.ids = sim.scenario.prosumers.map((p) => p.id);
      this.series = this.ids.map(() => new Float64Array(sim.grid.steps));
    }
    const s = sim.stepsDone;
    const dt = sim.grid.dtHours;
    for (let i = 0; i < this.series.length; i++) this.series[i]![s] = -sim.netKw[i]! * dt;
    this.steps = s + 1;
  }

  /** The positions recorded so far (views, not copies); null before the first step. */
  positions(): RecordedPositions | null {
    const sim = this.sim;
    if (sim === null) return null;
    const n = this.steps;
    const tc = sim.tariffColumns;
    const charges = new Float64Array(n);
    for (let s = 0; s < n; s++) charges[s] = tc.networkChargePerKwh[s]! + tc.leviesPerKwh[s]!;
    return {
      members: this.ids.map((id, i) => ({ id, netKwh: this.series[i]!.subarray(0, n) })),
      tariffs: { retailPricePerKwh: tc.retailPricePerKwh.subarray(0, n), feedInPricePerKwh: tc.feedInPricePerKwh.subarray(0, n), internalChargePerKwh: charges },
    };
  }
}
