/**
 * File access over contents carried with a job (a MATPOWER case, meter CSVs): a worker, in another thread or on
 * another machine, reads nothing from disk. Keys are the paths as the scenario writes them.
 */
import type { ScenarioFiles } from '../sim/engine/simulation-deps.js';

/** ScenarioFiles that serve `contents` by the path written in the scenario. */
export function carriedFiles(contents: Readonly<Record<string, string>>): ScenarioFiles {
  return {
    resolve: (path) => path,
    readText: (path) => {
      const text = contents[path];
      if (text === undefined) throw new Error(`file '${path}' was not carried with the job`);
      return text;
    },
  };
}
