/**
 * Scenario presets: the designs of named P2P trials as ready-made scenarios, run with `peergrid simulate --preset
 * NAME`. Each is a plain scenario (validated by the same zod schema as a scenario file), deterministic for its seed,
 * a small LV community over a few days; docs/presets/<name>.md says which features of the real design it reproduces
 * and which it cannot. `highlights` turns a run's results into the lines that show the design's distinctive feature.
 */
import { ValidationError } from '../../../errors.js';
import type { SimulationResult } from '../../engine/simulation.js';
import type { ScenarioInput } from '../scenario-schema.js';
import { brooklynMicrogrid } from './brooklyn-microgrid.js';
import { elecbay } from './elecbay.js';
import { gridPlus } from './grid-plus.js';
import { powerLedgerSeda } from './power-ledger-seda.js';

/** One named trial as a scenario preset. */
export interface ScenarioPreset {
  /** The name `--preset` takes. */
  name: string;
  /** The trial and its design, one line. */
  title: string;
  /** Its documentation page, relative to the repository root. */
  docs: string;
  /** A fresh copy of the scenario (callers may change it). */
  scenario(): ScenarioInput;
  /** Lines showing the design's distinctive feature in a finished comparison (the runs in the order run). */
  highlights(results: readonly SimulationResult[]): string[];
}

/** Every preset, by name (alphabetical). */
export const SCENARIO_PRESETS: readonly ScenarioPreset[] = [brooklynMicrogrid, elecbay, gridPlus, powerLedgerSeda];

/** The preset names, alphabetical. */
export const SCENARIO_PRESET_NAMES: readonly string[] = SCENARIO_PRESETS.map((p) => p.name);

/** The preset called `name`; an unknown name is a ValidationError listing the available ones. */
export function scenarioPreset(name: string): ScenarioPreset {
  const p = SCENARIO_PRESETS.find((x) => x.name === name);
  if (p === undefined) {
    throw new ValidationError({ element: 'option', id: 'simulate', field: '--preset', value: name }, `expected one of ${SCENARIO_PRESET_NAMES.join(', ')}`);
  }
  return p;
}
