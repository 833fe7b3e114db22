/**
 * Attaches the rolling-horizon planners to the batteries with rule 'optimal' and the EVs with policy 'optimal' of a
 * simulation (one exact scheduler shared by all of them: they solve one at a time and copy their plans out).
 * A battery plans on the household's net load including its car: the car's charging is known ahead (its sessions
 * and policy are deterministic given the prices), so a copy of the charger is run over the whole horizon first.
 */
import type { Battery } from '../../flex/battery.js';
import { EvCharger } from '../../flex/ev.js';
import { sharedStorageScheduler, type StorageScheduler } from '../../flex/storage-scheduler.js';
import type { Engine } from '../../engine.js';
import type { Rng } from '../../random.js';
import { NetLoadHorizonForecast } from '../forecast/net-load-horizon-forecast.js';
import { RollingHorizonBattery } from '../agents/rolling-horizon-battery.js';
import { RollingHorizonEv } from '../agents/rolling-horizon-ev.js';
import type { PlanningSpec, ProsumerSpec } from '../scenario/scenario-schema.js';
import type { StepTariffColumns } from './step-tariffs.js';

/** One household's devices and series, as prepareAgents built them. */
export interface PlannedHousehold {
  spec: ProsumerSpec;
  battery: Battery | null;
  ev: EvCharger | null;
  loadKw: Float64Array;
  pvKw: Float64Array | null;
  /** The prosumer's own generator (planners fork their forecast noise from it). */
  rng: Rng;
}

const DEFAULT_PLANNING: PlanningSpec = { horizonHours: 24, resolveEveryHours: 1, forecast: { kind: 'perfect' } };

/** The planners of one simulation run. */
export class StoragePlanning {
  private readonly scheduler: (steps: number) => StorageScheduler;

  constructor(
    private readonly tariffs: StepTariffColumns,
    private readonly dtHours: number,
    engine: Engine,
  ) {
    this.scheduler = sharedStorageScheduler(engine);
  }

  /** Gives the household's optimal battery and EV their planners (nothing for rule-based devices). */
  attach(h: PlannedHousehold): void {
    const evOptimal = h.ev !== null && h.ev.params.policy === 'optimal';
    const batteryOptimal = h.battery !== null && h.battery.params.rule === 'optimal';
    if (!evOptimal && !batteryOptimal) return;
    const n = this.tariffs.retailPricePerKwh.length;
    const net = new Float64Array(n);
    const gross = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const pv = h.pvKw === null ? 0 : h.pvKw[s]!;
      net[s] = h.loadKw[s]! - pv;
      gross[s] = h.loadKw[s]! + pv;
    }
    if (evOptimal) h.ev!.planner = this.evPlanner(h.ev!, h.spec.ev!.planning ?? DEFAULT_PLANNING, net, gross, h.rng);
    if (!batteryOptimal) return;
    if (h.ev !== null) {
      // The car's charging over the whole run, from a copy of the charger with an identical planner.
      const copy = new EvCharger(h.ev.params, h.ev.sessions);
      if (evOptimal) copy.planner = this.evPlanner(copy, h.spec.ev!.planning ?? DEFAULT_PLANNING, net, gross, h.rng);
      for (let s = 0; s < n; s++) {
        const evKw = copy.powerKw(s, this.tariffs.retailPricePerKwh[s]!, this.dtHours);
        net[s] += evKw;
        gross[s] += evKw;
      }
    }
    const plan = h.spec.battery!.planning ?? DEFAULT_PLANNING;
    h.battery!.planner = new RollingHorizonBattery({
      importPrice: this.tariffs.retailPricePerKwh,
      exportPrice: this.tariffs.feedInPricePerKwh,
      forecast: new NetLoadHorizonForecast(plan.forecast, net, gross, h.rng.fork('battery-forecast')),
      horizonSteps: this.steps(plan.horizonHours),
      resolveSteps: this.steps(plan.resolveEveryHours),
      scheduler: this.scheduler,
    });
  }

  private evPlanner(ev: EvCharger, plan: PlanningSpec, net: Float64Array, gross: Float64Array, rng: Rng): RollingHorizonEv {
    return new RollingHorizonEv({
      importPrice: this.tariffs.retailPricePerKwh,
      exportPrice: this.tariffs.feedInPricePerKwh,
      // A copy of the series: the battery's forecast adds the car to `net` afterwards.
      forecast: new NetLoadHorizonForecast(plan.forecast, net.slice(), gross.slice(), rng.fork('ev-forecast')),
      powerKw: ev.params.powerKw,
      efficiency: ev.params.efficiency,
      resolveSteps: this.steps(plan.resolveEveryHours),
      scheduler: this.scheduler,
    });
  }

  /** Hours → whole steps (at least one). */
  private steps(hours: number): number {
    return Math.max(1, Math.round(hours / this.dtHours));
  }
}
