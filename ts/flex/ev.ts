/**
 * EV charging between arrival and departure. A session asks for `energyKwh` (stored in the car) between the start
 * of step `arrivalStep` and the start of step `departureStep`. Policies:
 * - 'immediate': full charger power from arrival until the energy is delivered.
 * - 'price-aware' (deadline-feasible): full power while the price is at or below `cheapPricePerKwh`; otherwise only
 *   the minimum that keeps the deadline reachable at full power in the remaining steps (so charging slides as late
 *   as it can, into the night valley under a flat tariff). It never misses a deadline the immediate policy meets.
 * - 'optimal': what its `planner` (a rolling-horizon optimiser the simulation attaches) asks for, but never less
 *   than the deadline-feasible minimum above.
 * Energy the session cannot get before departure (too short a stay) is counted as unmet, never silently dropped.
 */
import { ValidationError } from '../errors.js';

/** One charging session, in step indices of the simulation grid. */
export interface EvChargingSession {
  /** First step the car is plugged in. */
  arrivalStep: number;
  /** First step the car is gone (exclusive end). */
  departureStep: number;
  /** Energy to store, kWh. */
  energyKwh: number;
}

/** Charger and policy parameters. */
export interface EvChargerParams {
  /** Charger power, kW. */
  powerKw: number;
  /** Charging efficiency (grid → car battery). */
  efficiency: number;
  /** Charging policy. */
  policy: 'immediate' | 'price-aware' | 'optimal';
  /** Price-aware policy: charge freely at or below this price, currency/kWh (absent: only deadline-driven). */
  cheapPricePerKwh?: number;
}

/** Decides the charging of an EV with policy 'optimal' during a session. */
export interface EvPlanner {
  /** Energy the plan stores at step `step` of `session` with `remainingKwh` still needed, kWh. */
  storeKwh(step: number, session: EvChargingSession, remainingKwh: number, dtHours: number): number;
}

/** An EV charger working through a list of sessions sorted by arrival. */
export class EvCharger {
  /** The optimiser of policy 'optimal' (attached by the simulation; null otherwise). */
  planner: EvPlanner | null = null;
  private next = 0;
  private active = -1;
  private remainingKwh = 0;
  /** Energy delivered into the car so far, kWh. */
  deliveredKwh = 0;
  /** Energy sessions asked for but did not get before departure, kWh. */
  unmetKwh = 0;

  constructor(
    readonly params: EvChargerParams,
    readonly sessions: readonly EvChargingSession[],
  ) {
    const bad = (field: string, value: unknown, problem: string, unit?: string): never => {
      throw new ValidationError({ element: 'EV charger', id: 'ev', field, value, unit }, problem);
    };
    if (!(params.powerKw > 0 && Number.isFinite(params.powerKw))) bad('powerKw', params.powerKw, 'must be a finite number > 0', 'kW');
    if (!(params.efficiency > 0 && params.efficiency <= 1)) bad('efficiency', params.efficiency, 'must be in (0, 1]');
    if (params.policy !== 'immediate' && params.policy !== 'price-aware' && params.policy !== 'optimal') bad('policy', params.policy, "expected 'immediate', 'price-aware' or 'optimal'");
    sessions.forEach((x, i) => {
      // Unsorted or empty sessions would be skipped or mis-scheduled by the single forward pass in powerKw.
      if (!Number.isInteger(x.arrivalStep) || !Number.isInteger(x.departureStep) || x.departureStep < x.arrivalStep) {
        bad(`sessions[${i}].departureStep`, x.departureStep, `must be an integer step ≥ arrivalStep (${x.arrivalStep})`);
      }
      if (!(x.energyKwh >= 0 && Number.isFinite(x.energyKwh))) bad(`sessions[${i}].energyKwh`, x.energyKwh, 'must be a finite number ≥ 0', 'kWh');
      if (i > 0 && x.arrivalStep < sessions[i - 1]!.arrivalStep) {
        bad(`sessions[${i}].arrivalStep`, x.arrivalStep, `sessions must be sorted by arrival (sessions[${i - 1}] arrives at ${sessions[i - 1]!.arrivalStep})`);
      }
    });
  }

  /** Whether a car is plugged in during the last step decided. */
  get pluggedIn(): boolean {
    return this.active >= 0;
  }

  /** Charging power drawn from the grid at step `step`, kW (≥ 0). Steps must be visited in increasing order. */
  powerKw(step: number, pricePerKwh: number, dtHours: number): number {
    if (this.active >= 0 && step >= this.sessions[this.active]!.departureStep) {
      this.unmetKwh += this.remainingKwh;
      this.active = -1;
      this.remainingKwh = 0;
    }
    while (this.active < 0 && this.next < this.sessions.length && this.sessions[this.next]!.arrivalStep <= step) {
      const s = this.sessions[this.next++]!;
      if (s.departureStep > step) {
        this.active = this.next - 1;
        this.remainingKwh = s.energyKwh;
      } else {
        this.unmetKwh += s.energyKwh; // the session ended before this step was reached
      }
    }
    if (this.active < 0 || this.remainingKwh <= 0) return 0;
    const p = this.params;
    const perStepKwh = p.powerKw * dtHours * p.efficiency;
    const stepsLeft = this.sessions[this.active]!.departureStep - step;
    let storeKwh: number;
    const deadlineKwh = Math.max(0, this.remainingKwh - perStepKwh * (stepsLeft - 1));
    if (p.policy === 'optimal') {
      if (this.planner === null) throw new Error("EvCharger: policy 'optimal' needs a planner (the simulation attaches one)");
      const planned = this.planner.storeKwh(step, this.sessions[this.active]!, this.remainingKwh, dtHours);
      storeKwh = Math.min(perStepKwh, this.remainingKwh, Math.max(deadlineKwh, planned));
    } else if (p.policy === 'immediate' || (p.cheapPricePerKwh !== undefined && pricePerKwh <= p.cheapPricePerKwh)) {
      storeKwh = Math.min(perStepKwh, this.remainingKwh);
    } else {
      storeKwh = Math.min(perStepKwh, deadlineKwh);
    }
    this.remainingKwh -= storeKwh;
    if (this.remainingKwh < 1e-12) this.remainingKwh = 0;
    this.deliveredKwh += storeKwh;
    return storeKwh / (dtHours * p.efficiency);
  }
}
