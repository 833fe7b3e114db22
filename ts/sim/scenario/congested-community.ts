/**
 * The default study in a variant whose feeder limits bind: PV on every roof and no limits enforced before the
 * market, so that the grid's own limits (the 400 kVA transformer, the NAYY cables' ratings, 0.9–1.1 p.u.) are what
 * stops the midday export. It is the case where clearing with the grid inside matters
 * (`market.mechanism: 'network-constrained'`, examples/10-network-constrained-community.ts):
 * - every household of createDefaultStudy keeps its load, battery and car; the 40 with PV keep their 3–10 kWp, the
 *   other 60 get PV too, drawn the same way (3–10 kWp, 0.1 kWp steps) from a separate seeded stream;
 * - limits: none (no 70 % export rule, no transformer cap before the market): the after-the-fact correction or the
 *   network-constrained clearing is all that keeps the feeder within its limits.
 */
import { Rng } from '../../random.js';
import { createDefaultStudy, type DefaultStudyOptions } from './default-study.js';
import type { ScenarioInput } from './scenario-schema.js';

/** The default study with PV on every roof and no limits enforced before the market (see the file header). */
export function createCongestedCommunity(options: DefaultStudyOptions = {}): ScenarioInput {
  const study = createDefaultStudy(options);
  const rng = new Rng(study.seed ?? 2024).fork('congested-community');
  return {
    ...study,
    name: 'lv-community-congested',
    prosumers: study.prosumers!.map((p) => (p.pvKwp ? p : { ...p, pvKwp: Math.round(rng.uniform(3, 10) * 10) / 10 })),
    limits: {},
  };
}
