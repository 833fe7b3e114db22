/**
 * Rule-based battery dispatch for one time step. Power is at the AC terminal, injection positive (discharge > 0,
 * charge < 0). The round-trip efficiency η is split evenly: charging stores √η of the energy drawn, discharging
 * delivers √η of the energy taken from storage. State of charge stays within [socMin, socMax]·capacity, power within
 * ±powerKw.
 *
 * Rules:
 * - 'self-consumption': charge from the prosumer's own surplus, discharge into its own deficit; never trades with
 *   the grid on purpose.
 * - 'price-threshold': charge at full power (from surplus and the grid) when the price is at or below
 *   `chargeBelowPricePerKwh`, discharge at full power (exporting if need be) when it is at or above
 *   `dischargeAbovePricePerKwh`, self-consumption in between.
 * - 'optimal': the power its `planner` (a rolling-horizon optimiser the simulation attaches) asks for, held within
 *   this step's power and state-of-charge limits.
 */
import { ValidationError } from '../errors.js';

/** Battery parameters (checked by the constructor; the scenario schema checks them with paths first). */
export interface BatteryParams {
  /** Usable capacity, kWh. */
  capacityKwh: number;
  /** Charge and discharge power limit, kW. */
  powerKw: number;
  /** Round-trip efficiency, 0 < η ≤ 1. */
  efficiency: number;
  /** Lower state-of-charge limit, fraction of capacity. */
  socMin: number;
  /** Upper state-of-charge limit, fraction of capacity. */
  socMax: number;
  /** State of charge at the start, fraction of capacity. */
  initialSoc: number;
  /** Operating rule. */
  rule: 'self-consumption' | 'price-threshold' | 'optimal';
  /** Price-threshold rule: charge when the price ≤ this, currency/kWh. */
  chargeBelowPricePerKwh?: number;
  /** Price-threshold rule: discharge when the price ≥ this, currency/kWh. */
  dischargeAbovePricePerKwh?: number;
}

function batteryParamsProblem(p: BatteryParams): void {
  const bad = (field: string, value: unknown, problem: string, unit?: string): never => {
    throw new ValidationError({ element: 'battery', id: 'battery', field, value, unit }, problem);
  };
  if (!(p.capacityKwh > 0 && Number.isFinite(p.capacityKwh))) bad('capacityKwh', p.capacityKwh, 'must be a finite number > 0', 'kWh');
  if (!(p.powerKw > 0 && Number.isFinite(p.powerKw))) bad('powerKw', p.powerKw, 'must be a finite number > 0', 'kW');
  if (!(p.efficiency > 0 && p.efficiency <= 1)) bad('efficiency', p.efficiency, 'must be in (0, 1]');
  if (!(p.socMin >= 0 && p.socMin <= p.socMax && p.socMax <= 1)) bad('socMin', p.socMin, `must satisfy 0 ≤ socMin ≤ socMax (${p.socMax}) ≤ 1`);
  if (!(p.initialSoc >= p.socMin && p.initialSoc <= p.socMax)) bad('initialSoc', p.initialSoc, `must lie within [socMin, socMax] = [${p.socMin}, ${p.socMax}]`);
  if (p.rule !== 'self-consumption' && p.rule !== 'price-threshold' && p.rule !== 'optimal') bad('rule', p.rule, "expected 'self-consumption', 'price-threshold' or 'optimal'");
  if (p.rule === 'price-threshold') {
    const lo = p.chargeBelowPricePerKwh;
    const hi = p.dischargeAbovePricePerKwh;
    if (!Number.isFinite(lo)) bad('chargeBelowPricePerKwh', lo, "a finite price is required by rule 'price-threshold'", 'currency/kWh');
    if (!Number.isFinite(hi)) bad('dischargeAbovePricePerKwh', hi, "a finite price is required by rule 'price-threshold'", 'currency/kWh');
    if (!(lo! < hi!)) bad('chargeBelowPricePerKwh', lo, `must be below dischargeAbovePricePerKwh (${hi})`, 'currency/kWh');
  }
}

/** Decides the AC power of a battery with rule 'optimal' at a step. */
export interface BatteryPlanner {
  /** AC power the plan asks for at step `step`, kW (discharge positive, charge negative). */
  powerKw(step: number, battery: Battery, dtHours: number): number;
}

/** A battery with its state; `dispatch` decides one step and updates the stored energy. */
export class Battery {
  /** Stored energy, kWh. */
  energyKwh: number;
  /** The optimiser of rule 'optimal' (attached by the simulation; null otherwise). */
  planner: BatteryPlanner | null = null;
  private readonly etaCharge: number;
  private readonly etaDischarge: number;
  private readonly minKwh: number;
  private readonly maxKwh: number;

  constructor(readonly params: BatteryParams) {
    batteryParamsProblem(params);
    this.etaCharge = Math.sqrt(params.efficiency);
    this.etaDischarge = this.etaCharge;
    this.minKwh = params.socMin * params.capacityKwh;
    this.maxKwh = params.socMax * params.capacityKwh;
    this.energyKwh = params.initialSoc * params.capacityKwh;
  }

  /** State of charge, fraction of capacity. */
  get soc(): number {
    return this.energyKwh / this.params.capacityKwh;
  }

  /** Largest charging power this step can absorb, kW (≥ 0). */
  maxChargeKw(dtHours: number): number {
    return Math.max(0, Math.min(this.params.powerKw, (this.maxKwh - this.energyKwh) / (dtHours * this.etaCharge)));
  }

  /** Largest discharging power this step can deliver, kW (≥ 0). */
  maxDischargeKw(dtHours: number): number {
    return Math.max(0, Math.min(this.params.powerKw, ((this.energyKwh - this.minKwh) * this.etaDischarge) / dtHours));
  }

  /**
   * Decides the battery power for one step and applies it. `netKw` is the prosumer's net before the battery
   * (PV − load − EV, positive = surplus), `pricePerKwh` the retail price of the step, `step` its index (rule
   * 'optimal'). Returns the AC power, kW (discharge positive, charge negative).
   */
  dispatch(netKw: number, pricePerKwh: number, dtHours: number, step = 0): number {
    const p = this.params;
    let powerKw: number;
    if (p.rule === 'optimal') {
      if (this.planner === null) throw new Error("Battery: rule 'optimal' needs a planner (the simulation attaches one)");
      // The plan was made on a forecast: held within what this step allows.
      powerKw = Math.max(-this.maxChargeKw(dtHours), Math.min(this.maxDischargeKw(dtHours), this.planner.powerKw(step, this, dtHours)));
    } else if (p.rule === 'price-threshold' && pricePerKwh <= p.chargeBelowPricePerKwh!) {
      powerKw = -this.maxChargeKw(dtHours);
    } else if (p.rule === 'price-threshold' && pricePerKwh >= p.dischargeAbovePricePerKwh!) {
      powerKw = this.maxDischargeKw(dtHours);
    } else if (netKw > 0) {
      powerKw = -Math.min(netKw, this.maxChargeKw(dtHours));
    } else {
      powerKw = Math.min(-netKw, this.maxDischargeKw(dtHours));
    }
    this.apply(powerKw, dtHours);
    return powerKw;
  }

  /** Applies an AC power for one step, kW (discharge positive); updates the stored energy. */
  apply(powerKw: number, dtHours: number): void {
    if (powerKw < 0) this.energyKwh -= powerKw * dtHours * this.etaCharge;
    else this.energyKwh -= (powerKw * dtHours) / this.etaDischarge;
    // Rounding only: the limits above keep the energy inside the band up to a few ulps. A larger excursion means
    // apply() was called with a power beyond maxChargeKw/maxDischargeKw; clamping it would make energy vanish.
    const over = Math.max(this.energyKwh - this.maxKwh, this.minKwh - this.energyKwh);
    if (over > 1e-9 * Math.max(1, this.params.capacityKwh)) {
      throw new RangeError(`Battery.apply: ${powerKw} kW for ${dtHours} h takes the stored energy ${over} kWh outside [socMin, socMax]`);
    }
    if (this.energyKwh > this.maxKwh) this.energyKwh = this.maxKwh;
    if (this.energyKwh < this.minKwh) this.energyKwh = this.minKwh;
  }
}
