/**
 * The rolling-horizon optimal battery (rule 'optimal'): every `resolveSteps` steps it solves the exact schedule of
 * the next `horizonSteps` steps (battery-schedule/1 by the flex-storage kernel) against the retail (import) and
 * feed-in (export) prices, on a forecast of its household's net load (load + EV − PV), from the battery's present
 * stored energy (energy left at the horizon's end valued as below); then it applies the plan's AC power step by
 * step (held within the step's limits by Battery.dispatch) until the next plan.
 *
 * What the plan does not see: P2P prices (unknown ahead; the plan is the household's bill against its retailer),
 * the connection's export limit and any curtailment (applied after the battery, as for the rule-based strategies),
 * and its own losses in charging and discharging at once (the battery applies the net AC power).
 */
import type { Battery, BatteryPlanner } from '../../flex/battery.js';
import { KernelStatus } from '../../status.js';
import { STORAGE_PARAM } from '../../flex/storage-schedule-baseline.js';
import type { StorageScheduler } from '../../flex/storage-scheduler.js';
import type { NetLoadHorizonForecast } from '../forecast/net-load-horizon-forecast.js';

/** Everything a rolling-horizon battery planner needs. */
export interface RollingHorizonBatteryInit {
  /** Import (retail) price per step of the whole run, currency/kWh. */
  importPrice: Float64Array;
  /** Export (feed-in) price per step, currency/kWh. */
  exportPrice: Float64Array;
  /** The household's net-load forecasts. */
  forecast: NetLoadHorizonForecast;
  /** Steps looked ahead by each plan. */
  horizonSteps: number;
  /** Steps between plans (≤ horizonSteps). */
  resolveSteps: number;
  /** The shared exact scheduler, sized on demand. */
  scheduler: (steps: number) => StorageScheduler;
}

/** Plans a battery's AC power by re-solving its exact schedule over a rolling horizon. */
export class RollingHorizonBattery implements BatteryPlanner {
  private readonly plan: Float64Array;
  private readonly netKw: Float64Array;
  private readonly params = new Float64Array(STORAGE_PARAM.LENGTH);
  private planStart = -1;
  private planLength = 0;
  /** Plans solved so far. */
  solves = 0;
  /** Plans the kernel could not solve (the battery then idles until the next plan). */
  failedSolves = 0;

  constructor(private readonly init: RollingHorizonBatteryInit) {
    this.plan = new Float64Array(init.horizonSteps);
    this.netKw = new Float64Array(init.horizonSteps);
  }

  /** AC power of the plan at `step`, kW (discharge positive); re-plans when due. */
  powerKw(step: number, battery: Battery, dtHours: number): number {
    const k = step - this.planStart;
    if (this.planStart < 0 || k < 0 || k >= this.init.resolveSteps || k >= this.planLength) this.replan(step, battery, dtHours);
    return this.plan[step - this.planStart]!;
  }

  private replan(step: number, battery: Battery, dtHours: number): void {
    const { importPrice, exportPrice, horizonSteps } = this.init;
    const h = Math.min(horizonSteps, importPrice.length - step);
    const net = this.netKw.subarray(0, h);
    this.init.forecast.fill(step, net);
    const b = battery.params;
    const eta = Math.sqrt(b.efficiency);
    const p = this.params;
    p[STORAGE_PARAM.MAX_CHARGE_KW] = b.powerKw;
    p[STORAGE_PARAM.MAX_DISCHARGE_KW] = b.powerKw;
    p[STORAGE_PARAM.CHARGE_EFFICIENCY] = eta;
    p[STORAGE_PARAM.DISCHARGE_EFFICIENCY] = eta;
    p[STORAGE_PARAM.INITIAL_SOC_KWH] = battery.energyKwh;
    p[STORAGE_PARAM.MIN_SOC_KWH] = b.socMin * b.capacityKwh;
    p[STORAGE_PARAM.MAX_SOC_KWH] = b.socMax * b.capacityKwh;
    p[STORAGE_PARAM.FINAL_SOC_MIN_KWH] = b.socMin * b.capacityKwh;
    p[STORAGE_PARAM.IMPORT_LIMIT_KW] = Infinity;
    p[STORAGE_PARAM.EXPORT_LIMIT_KW] = Infinity;
    // Energy left at the horizon's end saves at least the cheapest import of the horizon when used later. Valued
    // at 0 (as in battery-schedule/1), ties under a flat tariff let each plan sell its leftover at once and buy it
    // back later; at this value it is kept, and buying energy only to hold it at the end never pays (η_c·η_d ≤ 1).
    // A plan reaching the end of the run values it at 0: nothing comes after.
    let cheapest = Infinity;
    for (let k = 0; k < h; k++) cheapest = Math.min(cheapest, importPrice[step + k]!);
    p[STORAGE_PARAM.TERMINAL_VALUE_PER_KWH] = step + h < importPrice.length ? eta * cheapest : 0;
    const s = this.init.scheduler(h);
    const code = s.solve({
      steps: h, dtHours, importPrice: importPrice.subarray(step, step + h), exportPrice: exportPrice.subarray(step, step + h),
      netLoadKw: net, params: p,
    });
    this.solves++;
    if (code === KernelStatus.OK) for (let k = 0; k < h; k++) this.plan[k] = s.dischargeKw[k]! - s.chargeKw[k]!;
    else {
      this.failedSolves++;
      this.plan.fill(0, 0, h);
    }
    this.planStart = step;
    this.planLength = h;
  }
}
