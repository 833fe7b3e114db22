/**
 * A prosumer agent: each step it nets its load (plus EV charging) against its PV, runs its battery rule, and
 * reports its net injection; the simulation turns that into an order priced by the agent's bidding strategy.
 */
import type { Battery } from '../../flex/battery.js';
import type { EvCharger } from '../../flex/ev.js';
import type { Rng } from '../../random.js';
import type { BiddingStrategy } from './bidding-strategy.js';

/** Everything an agent needs, prepared once before the run. */
export interface ProsumerAgentInit {
  /** Prosumer id. */
  id: string;
  /** Bus row index in the compiled network. */
  busIndex: number;
  /** Load, average kW per step (length ≥ steps). */
  loadKw: Float64Array;
  /** PV output, average kW per step, or null without PV. */
  pvKw: Float64Array | null;
  /** Reactive demand per kW of load, kvar/kW. */
  reactiveKvarPerKw: number;
  /** Battery, or null. */
  battery: Battery | null;
  /** EV charger, or null. */
  ev: EvCharger | null;
  /** Bidding strategy. */
  strategy: BiddingStrategy;
  /** The agent's own seeded generator (bids). */
  rng: Rng;
}

/** One prosumer and its per-step decisions. */
export class ProsumerAgent {
  readonly id: string;
  readonly busIndex: number;
  readonly strategy: BiddingStrategy;
  readonly rng: Rng;
  readonly battery: Battery | null;
  readonly ev: EvCharger | null;
  private readonly loadSeries: Float64Array;
  private readonly pvSeries: Float64Array | null;
  private readonly qPerKw: number;
  /** Load of the last decided step, kW. */
  loadKw = 0;
  /** PV available in the last decided step, kW. */
  pvKw = 0;
  /** EV charging of the last decided step, kW. */
  evKw = 0;
  /** Battery AC power of the last decided step, kW (discharge positive). */
  batteryKw = 0;
  /** Reactive demand of the last decided step, kvar. */
  qKvar = 0;

  constructor(init: ProsumerAgentInit) {
    this.id = init.id;
    this.busIndex = init.busIndex;
    this.strategy = init.strategy;
    this.rng = init.rng;
    this.battery = init.battery;
    this.ev = init.ev;
    this.loadSeries = init.loadKw;
    this.pvSeries = init.pvKw;
    this.qPerKw = init.reactiveKvarPerKw;
  }

  /**
   * Decides step `step` at retail price `retailPricePerKwh` and returns the net injection before any curtailment,
   * kW (PV − load − EV + battery; positive = surplus to sell).
   */
  decide(step: number, retailPricePerKwh: number, dtHours: number): number {
    this.loadKw = this.loadSeries[step]!;
    this.pvKw = this.pvSeries === null ? 0 : this.pvSeries[step]!;
    this.qKvar = this.loadKw * this.qPerKw;
    this.evKw = this.ev === null ? 0 : this.ev.powerKw(step, retailPricePerKwh, dtHours);
    const before = this.pvKw - this.loadKw - this.evKw;
    this.batteryKw = this.battery === null ? 0 : this.battery.dispatch(before, retailPricePerKwh, dtHours, step);
    return before + this.batteryKw;
  }
}
