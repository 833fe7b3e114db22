/**
 * The warning every output of a simulation carries when some steps' power flows failed: those steps have no losses,
 * voltages or loadings, so the totals leave them out, and a reader must not take the zeros for a healthy feeder.
 */
import type { SimulationResult } from '../engine/simulation.js';

/** Total number of failed power-flow steps over the runs. */
export function countFailedSteps(results: readonly SimulationResult[]): number {
  return results.reduce((n, r) => n + r.metrics.community.powerFlowFailures, 0);
}

/** One line per run with failed steps (count, first step, its time and status); empty when every step solved. */
export function failedStepWarnings(results: readonly SimulationResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const c = r.metrics.community;
    const first = c.firstPowerFlowFailure;
    if (c.powerFlowFailures === 0 || first === null) continue;
    const mech = r.mechanism === 'none' ? 'none (no P2P)' : r.mechanism;
    lines.push(
      `power flow failed in ${c.powerFlowFailures} of ${r.steps} step${r.steps === 1 ? '' : 's'} (${mech}); ` +
        `first at step ${first.step} (${first.time}): ${first.status}. Losses, peak import and violations leave ` +
        `${c.powerFlowFailures === 1 ? 'this step' : 'these steps'} out.`,
    );
  }
  return lines;
}
