/**
 * Forecasts of one household's net load over a planning horizon, for the rolling-horizon battery and EV planners
 * (forecast kinds as in the gate-closure mode, see ./net-injection-forecast.ts):
 * - 'perfect': the actual series.
 * - 'persistence': step τ is forecast by the last observed step with the same phase, τ − k·lag with the smallest
 *   k ≥ 1 that lies before the step the plan is made at (lag 96 at 15 min: the same time on the last observed day);
 *   0 kW before any history exists.
 * - 'noisy-truth': actual + N(0, σ²) with σ = relativeErrorSd · the gross power of the step (load + EV + PV), a new
 *   seeded draw every plan; a stated error, not a model of a forecaster.
 */
import type { Rng } from '../../random.js';
import type { PlanningSpec } from '../scenario/scenario-schema.js';

/** Net-load forecasts over horizons from one household's actual series. */
export class NetLoadHorizonForecast {
  constructor(
    private readonly spec: PlanningSpec['forecast'],
    /** Actual net load per step, kW. */
    private readonly actualKw: Float64Array,
    /** Gross power per step (load + EV + PV), kW: the scale of the 'noisy-truth' error. */
    private readonly grossKw: Float64Array,
    private readonly rng: Rng,
  ) {}

  /** Writes the forecast of steps [from, from + out.length) as made at step `from` into `out`, kW. */
  fill(from: number, out: Float64Array): void {
    const a = this.actualKw;
    const f = this.spec;
    for (let k = 0; k < out.length; k++) {
      const t = from + k;
      if (f.kind === 'perfect') out[k] = a[t]!;
      else if (f.kind === 'persistence') {
        const seen = t - f.lagSteps * (Math.floor(k / f.lagSteps) + 1);
        out[k] = seen >= 0 ? a[seen]! : 0;
      } else out[k] = a[t]! + f.relativeErrorSd * this.grossKw[t]! * this.rng.normal();
    }
  }
}
