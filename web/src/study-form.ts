/**
 * The study the page runs: the built-in default study (createDefaultStudy: households on a synthetic LV feeder)
 * sized and reshaped by the form — number of households, PV, battery and EV shares (the sweep generators, so a page
 * study equals a sweep run with the same values), tariffs, days, seed. Pure: the Chromium test builds the same scenario in Node from the same form values.
 */
import { createDefaultStudy } from '../../ts/sim/scenario/default-study.js';
import { SWEEP_GENERATORS } from '../../ts/sweep/sweep-generators.js';
import type { SimMechanism } from '../../ts/sim/scenario/scenario-schema.js';

/** The form's values. */
export interface StudyForm {
  households: number;
  pvShare: number;
  batteryShare: number;
  evShare: number;
  retailPricePerKwh: number;
  feedInPricePerKwh: number;
  /** Simulated days (96 steps of 15 minutes each). */
  days: number;
  seed: number;
  /** P2P mechanisms compared with the no-P2P baseline. */
  mechanisms: SimMechanism[];
}

/** Defaults of the form. */
export const DEFAULT_FORM: StudyForm = {
  households: 60,
  pvShare: 0.4,
  batteryShare: 0.15,
  evShare: 0.1,
  retailPricePerKwh: 0.4,
  feedInPricePerKwh: 0.081,
  days: 2,
  seed: 1,
  mechanisms: ['uniform', 'sdr'],
};

/** Builds the scenario input of a form; throws on a value a generator refuses (message names the field). */
export function studyScenario(form: StudyForm): Record<string, unknown> {
  const s = createDefaultStudy({ prosumers: form.households, steps: Math.round(form.days * 96), seed: form.seed }) as Record<string, any>;
  for (const [name, value] of [['pvShare', form.pvShare], ['batteryShare', form.batteryShare], ['evShare', form.evShare]] as const) {
    const problem = SWEEP_GENERATORS[name]!(s, value);
    if (problem !== null) throw new Error(`${name}: ${problem}`);
  }
  // The form gives all-in prices, which replace the default study's decomposed tariff (both together are refused);
  // it has no field for P2P charges, so a P2P kWh pays none here.
  s.tariffs = { retailPricePerKwh: form.retailPricePerKwh, feedInPricePerKwh: form.feedInPricePerKwh };
  return s;
}
