/**
 * Forecasts of each prosumer's net injection for the gate-closure mode (orders are placed on the forecast, delivery
 * is the actual):
 * - 'persistence': the forecast of step s is the net injection actually delivered at step s − lagSteps (lag 1: the
 *   last metered quarter-hour; lag 96 at 15 min: the same time yesterday). Before any history exists the forecast is
 *   0 kW (no position), so the first lagSteps steps are delivered entirely as imbalance.
 * - 'noisy-truth': actual + N(0, σ²) with σ = relativeErrorSd · (load + EV + PV) of the step (the gross energy the
 *   meter sees), a seeded draw per prosumer and step; a stated error, not a model of a forecaster.
 * Both are capped at the connection's export limit (a prosumer knows its own limit when it places its order).
 */
import type { Rng } from '../../random.js';
import type { GateClosureSpec } from '../scenario/scenario-schema.js';

/** Forecasts of the prosumers' net injections, kW. */
export class NetInjectionForecast {
  private readonly history: Float64Array | null;
  private readonly lag: number;

  constructor(
    private readonly spec: GateClosureSpec['forecast'],
    private readonly n: number,
    private readonly rngs: readonly Rng[],
  ) {
    this.lag = spec.kind === 'persistence' ? spec.lagSteps : 0;
    // A ring of lag rows × n prosumers: row s % lag holds step s's delivery until step s + lag reads it.
    this.history = spec.kind === 'persistence' ? new Float64Array(this.lag * n) : null;
  }

  /** The forecast of prosumer i for step s, kW (actualKw and grossKw are the step's truth, used by 'noisy-truth'). */
  forecastKw(s: number, i: number, actualKw: number, grossKw: number, exportLimitKw: number): number {
    let f: number;
    if (this.spec.kind === 'persistence') f = s < this.lag ? 0 : this.history![(s % this.lag) * this.n + i]!;
    else f = actualKw + this.spec.relativeErrorSd * grossKw * this.rngs[i]!.normal();
    return Math.min(f, exportLimitKw);
  }

  /** Records what prosumer i actually delivered at step s, kW (the persistence forecast of step s + lag). */
  observe(s: number, i: number, deliveredKw: number): void {
    if (this.history !== null) this.history[(s % this.lag) * this.n + i] = deliveredKw;
  }
}
