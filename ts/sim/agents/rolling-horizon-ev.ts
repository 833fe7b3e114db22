/**
 * The rolling-horizon optimal EV charger (policy 'optimal'): at each session's arrival, and every `resolveSteps`
 * steps while the car stays, it solves the session's exact charging schedule to its departure — the same kernel as
 * the battery (an EV session is a battery that only charges: stored energy from 0 up to the energy still needed,
 * which it must hold at departure; charge efficiency = the charger's) — against the retail and feed-in prices on a
 * forecast of the household's net load without the car (load − PV), so the car charges from the household's own
 * PV surplus where that is cheapest and otherwise in the cheapest hours. EvCharger never lets it fall below the
 * deadline-feasible minimum. A session too short for its energy is charged at full power (the rest is unmet).
 */
import type { EvChargingSession, EvPlanner } from '../../flex/ev.js';
import { KernelStatus } from '../../status.js';
import { STORAGE_PARAM } from '../../flex/storage-schedule-baseline.js';
import type { StorageScheduler } from '../../flex/storage-scheduler.js';
import type { NetLoadHorizonForecast } from '../forecast/net-load-horizon-forecast.js';

/** Everything a rolling-horizon EV planner needs. */
export interface RollingHorizonEvInit {
  /** Import (retail) price per step of the whole run, currency/kWh. */
  importPrice: Float64Array;
  /** Export (feed-in) price per step, currency/kWh. */
  exportPrice: Float64Array;
  /** Forecasts of the household's net load without the car. */
  forecast: NetLoadHorizonForecast;
  /** Charger power, kW. */
  powerKw: number;
  /** Charging efficiency (grid → car). */
  efficiency: number;
  /** Steps between plans during a session. */
  resolveSteps: number;
  /** The shared exact scheduler, sized on demand. */
  scheduler: (steps: number) => StorageScheduler;
}

/** Plans an EV's charging session by session by re-solving its exact schedule to departure. */
export class RollingHorizonEv implements EvPlanner {
  private plan = new Float64Array(0);
  private netKw = new Float64Array(0);
  private readonly params = new Float64Array(STORAGE_PARAM.LENGTH);
  private session: EvChargingSession | null = null;
  private planStart = -1;
  /** Plans solved so far. */
  solves = 0;

  constructor(private readonly init: RollingHorizonEvInit) {}

  /** Energy the plan stores at `step`, kWh; re-plans at a new session or when due. */
  storeKwh(step: number, session: EvChargingSession, remainingKwh: number, dtHours: number): number {
    if (session !== this.session || step - this.planStart >= this.init.resolveSteps) this.replan(step, session, remainingKwh, dtHours);
    return this.plan[step - this.planStart] ?? 0;
  }

  private replan(step: number, session: EvChargingSession, remainingKwh: number, dtHours: number): void {
    const { importPrice, exportPrice, powerKw, efficiency } = this.init;
    const h = Math.max(0, Math.min(session.departureStep, importPrice.length) - step);
    if (this.plan.length < h) {
      this.plan = new Float64Array(h);
      this.netKw = new Float64Array(h);
    }
    const net = this.netKw.subarray(0, h);
    this.init.forecast.fill(step, net);
    const p = this.params;
    p[STORAGE_PARAM.MAX_CHARGE_KW] = powerKw;
    p[STORAGE_PARAM.MAX_DISCHARGE_KW] = 0;
    p[STORAGE_PARAM.CHARGE_EFFICIENCY] = efficiency;
    p[STORAGE_PARAM.DISCHARGE_EFFICIENCY] = 1;
    p[STORAGE_PARAM.INITIAL_SOC_KWH] = 0;
    p[STORAGE_PARAM.MIN_SOC_KWH] = 0;
    p[STORAGE_PARAM.MAX_SOC_KWH] = remainingKwh;
    // Within the run's horizon the session's whole need is due; a session running past it needs only what fits.
    const dueKwh = session.departureStep <= importPrice.length ? remainingKwh : Math.max(0, remainingKwh - powerKw * efficiency * dtHours * (session.departureStep - importPrice.length));
    p[STORAGE_PARAM.FINAL_SOC_MIN_KWH] = Math.min(dueKwh, remainingKwh);
    p[STORAGE_PARAM.IMPORT_LIMIT_KW] = Infinity;
    p[STORAGE_PARAM.EXPORT_LIMIT_KW] = Infinity;
    const s = this.init.scheduler(h);
    const code = s.solve({
      steps: h, dtHours, importPrice: importPrice.subarray(step, step + h), exportPrice: exportPrice.subarray(step, step + h),
      netLoadKw: net, params: p,
    });
    this.solves++;
    const full = powerKw * efficiency * dtHours;
    for (let k = 0; k < h; k++) this.plan[k] = code === KernelStatus.OK ? s.chargeKw[k]! * efficiency * dtHours : full;
    this.session = session;
    this.planStart = step;
  }
}
