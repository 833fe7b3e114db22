/**
 * The balancing of an islanded grid in one step, after its local market (no retailer): what the market left
 * unmatched must be met on the island. Rule, in order:
 * 1. Residual supply serves residual demand (they are on the same island whatever the market decided).
 * 2. Shortfall (residual demand > residual supply): storage discharges more. Every battery can move from its own
 *    set-point of the step (its self-consumption rule ran before the market) up to its largest discharge for the step
 *    (stopping a charge first); the shortfall is shared pro rata to that spare power. What storage cannot cover is
 *    load shed, pro rata to each prosumer's residual demand (every unserved household loses the same share of what it
 *    could not get).
 * 3. Surplus (residual supply > residual demand): storage charges more, pro rata to each battery's spare charging
 *    power (reducing a discharge first); what storage cannot take is PV curtailed, pro rata to each prosumer's residual
 *    supply. (With only 'self-consumption' batteries, which the islanded mode requires, a seller's residual is PV, so
 *    curtailing it is always possible; a buyer's residual is load, so shedding it is.)
 * Price of the step's balancing energy (one price, so the island operator's books balance): the value of lost load
 * when load is shed (scarcity: a served kWh is worth what an unserved one costs); otherwise the reference retail
 * price when the island is short, the reference feed-in price when it is long (or balanced).
 * Energy identity (exact to rounding, asserted every step by the islanded grid): Σ residual supply + storage
 * discharge − storage charge − curtailed = Σ residual demand − shed.
 */
import type { Battery } from '../../flex/battery.js';

/** One step's balancing problem (energies in kWh, powers in kW). */
export interface IslandStepInput {
  /** Step length, hours. */
  dtHours: number;
  /** Value of lost load, currency/kWh. */
  vollPerKwh: number;
  /** Reference retail price of the step, currency/kWh. */
  retailPricePerKwh: number;
  /** Reference feed-in price of the step, currency/kWh. */
  feedInPricePerKwh: number;
  /** Residual demand per prosumer after the market, kWh. */
  residualDemandKwh: Float64Array;
  /** Residual supply per prosumer after the market, kWh. */
  residualSupplyKwh: Float64Array;
  /** Each prosumer's battery, or null. */
  batteries: readonly (Battery | null)[];
  /** Each battery's AC set-point already applied this step, kW (discharge > 0); rewritten to the final set-point. */
  batteryKw: Float64Array;
}

/** One step's balancing outcome (arrays per prosumer, kWh). */
export interface IslandStepOutcome {
  /** Load shed per prosumer, kWh. */
  shedKwh: Float64Array;
  /** PV curtailed per prosumer, kWh. */
  curtailedKwh: Float64Array;
  /** Extra storage energy delivered per prosumer (negative: extra stored), AC side, kWh. */
  storageKwh: Float64Array;
  /** Price of the step's balancing energy, currency/kWh. */
  pricePerKwh: number;
  /** Σ residual demand − Σ residual supply when positive, kWh. */
  shortfallKwh: number;
  /** Σ residual supply − Σ residual demand when positive, kWh. */
  surplusKwh: number;
}

/** Creates the outcome arrays for n prosumers (reused every step). */
export function createIslandOutcome(n: number): IslandStepOutcome {
  return { shedKwh: new Float64Array(n), curtailedKwh: new Float64Array(n), storageKwh: new Float64Array(n), pricePerKwh: 0, shortfallKwh: 0, surplusKwh: 0 };
}

/**
 * The battery's stored energy before this step's set-point `kw` was applied (Battery.apply: charging stores √η of
 * the AC energy, discharging takes 1/√η of it), kWh.
 */
function energyBeforeStep(b: Battery, kw: number, dtHours: number): number {
  const eta = Math.sqrt(b.params.efficiency);
  return kw < 0 ? b.energyKwh + kw * dtHours * eta : b.energyKwh + (kw * dtHours) / eta;
}

/** Moves every battery from its set-point by `share` of its spare power towards discharge (+1) or charge (−1). */
function redispatch(input: IslandStepInput, direction: 1 | -1, needKwh: number, out: IslandStepOutcome): number {
  const { batteries, batteryKw, dtHours: dt } = input;
  const spare = new Float64Array(batteries.length);
  let capacityKwh = 0;
  for (let i = 0; i < batteries.length; i++) {
    const b = batteries[i];
    if (b === null || b === undefined) continue;
    const saved = b.energyKwh;
    b.energyKwh = energyBeforeStep(b, batteryKw[i]!, dt);
    spare[i] = direction > 0 ? Math.max(0, b.maxDischargeKw(dt) - batteryKw[i]!) : Math.max(0, batteryKw[i]! + b.maxChargeKw(dt));
    b.energyKwh = saved;
    capacityKwh += spare[i]! * dt;
  }
  const usedKwh = Math.min(needKwh, capacityKwh);
  if (!(usedKwh > 0)) return 0;
  const share = usedKwh / capacityKwh;
  for (let i = 0; i < batteries.length; i++) {
    if (!(spare[i]! > 0)) continue;
    const b = batteries[i]!;
    const next = batteryKw[i]! + direction * spare[i]! * share;
    b.energyKwh = energyBeforeStep(b, batteryKw[i]!, dt);
    b.apply(next, dt);
    out.storageKwh[i] = (next - batteryKw[i]!) * dt;
    batteryKw[i] = next;
  }
  return usedKwh;
}

/** Balances one islanded step by the rule of the file header; writes into `out` and returns it. */
export function dispatchIsland(input: IslandStepInput, out: IslandStepOutcome): IslandStepOutcome {
  const { residualDemandKwh: d, residualSupplyKwh: s } = input;
  out.shedKwh.fill(0);
  out.curtailedKwh.fill(0);
  out.storageKwh.fill(0);
  let demand = 0;
  let supply = 0;
  for (let i = 0; i < d.length; i++) {
    demand += d[i]!;
    supply += s[i]!;
  }
  out.shortfallKwh = Math.max(0, demand - supply);
  out.surplusKwh = Math.max(0, supply - demand);
  out.pricePerKwh = input.feedInPricePerKwh;
  if (demand > supply) {
    const shortfall = demand - supply;
    const unserved = shortfall - redispatch(input, 1, shortfall, out);
    out.pricePerKwh = input.retailPricePerKwh;
    if (unserved > 0) {
      for (let i = 0; i < d.length; i++) out.shedKwh[i] = d[i]! * (unserved / demand);
      out.pricePerKwh = input.vollPerKwh;
    }
  } else if (supply > demand) {
    const surplus = supply - demand;
    const left = surplus - redispatch(input, -1, surplus, out);
    if (left > 0) for (let i = 0; i < s.length; i++) out.curtailedKwh[i] = s[i]! * (left / supply);
  }
  return out;
}
