/**
 * Rule-based against optimal storage on one scenario: the scenario as written (its batteries' rules and EVs'
 * policies), then with every battery on rule 'optimal' (and, if asked, every EV on policy 'optimal'), same seed,
 * same households, one mechanism (default 'none': the bills against the retailer, which is what the plans minimise).
 * Each row: what the households with a battery (and with an EV) pay, the community's self-sufficiency, peak import
 * and curtailment, and the run's time.
 */
import type { PlanningSpec, ScenarioInput, SimMechanism } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { runComparison } from './run-comparison.js';

/** One strategy's outcome. */
export interface StorageStrategyRow {
  /** 'as written' (the scenario's own rules) or 'optimal'. */
  strategy: 'as written' | 'optimal';
  /** Σ bills of the households with a battery, currency. */
  batteryHouseholdsCost: number;
  /** Σ bills of the households with an EV, currency. */
  evHouseholdsCost: number;
  /** Σ bills of all households, currency. */
  communityCost: number;
  /** Community self-sufficiency (share of consumption not imported), 0–1. */
  selfSufficiency: number | null;
  /** Peak import of the community, kW. */
  peakImportKw: number | null;
  /** PV curtailed, kWh. */
  curtailedKwh: number;
  /** EV energy not delivered by departure, kWh. */
  evUnmetKwh: number;
  /** Time of the run by `options.clock` (default: wall time), ms. */
  runMs: number;
}

/** Options of compareStorageStrategies. */
export interface StorageStrategyOptions {
  /** Mechanism of both runs (default 'none'). */
  mechanism?: SimMechanism;
  /** Also set every EV to policy 'optimal' (default true). */
  evs?: boolean;
  /** Planning of the optimal devices (default: 24 h ahead, hourly, perfect forecast). */
  planning?: Partial<PlanningSpec>;
  /** Simulate only the first `steps` steps. */
  steps?: number;
  /** Clock of `runMs`, ms (default performance.now; a benchmark on a shared machine may pass a CPU-time clock). */
  clock?: () => number;
}

/** Runs the scenario as written and with optimal storage; returns the two rows in that order. */
export function compareStorageStrategies(input: ScenarioInput, options: StorageStrategyOptions = {}): StorageStrategyRow[] {
  const optimal: ScenarioInput = structuredClone(input);
  for (const p of optimal.prosumers ?? []) {
    if (p.battery) p.battery = { ...p.battery, rule: 'optimal', planning: options.planning, chargeBelowPricePerKwh: undefined, dischargeAbovePricePerKwh: undefined };
    if (p.ev && options.evs !== false) p.ev = { ...p.ev, policy: 'optimal', planning: options.planning, cheapPricePerKwh: undefined };
  }
  return ([['as written', input], ['optimal', optimal]] as const).map(([strategy, scenario]) => {
    const s = validateScenario(scenario);
    const clock = options.clock ?? (() => performance.now());
    const t0 = clock();
    const [r] = runComparison(s, { mechanisms: [options.mechanism ?? 'none'], steps: options.steps });
    const runMs = clock() - t0;
    const c = r!.metrics.community;
    let batteryHouseholdsCost = 0;
    let evHouseholdsCost = 0;
    r!.metrics.prosumers.forEach((m, i) => {
      if (s.prosumers[i]!.battery) batteryHouseholdsCost += m.cost;
      if (s.prosumers[i]!.ev) evHouseholdsCost += m.cost;
    });
    return {
      strategy, batteryHouseholdsCost, evHouseholdsCost, communityCost: c.cost, selfSufficiency: c.selfSufficiency,
      peakImportKw: c.peakImportKw, curtailedKwh: c.curtailedKwh, evUnmetKwh: c.evUnmetKwh, runMs,
    };
  });
}
