/**
 * The scenario's connection to the upstream grid: `grid: {mode: 'connected'}` (the same as no `grid`: the retailer
 * buys and sells every residual) or `grid: {mode: 'islanded', vollPerKwh}` (no retailer: the island's own storage, load
 * shedding and PV curtailment balance every step; ts/sim/island/). In islanded mode the tariffs are no retailer's
 * prices but the island's reference prices (bids are made against them; see ts/sim/island/island-dispatch.ts).
 * Options that presuppose an upstream grid are rejected with their path: the transformer limit, gate closure
 * (imbalance is settled by someone upstream), batteries on any rule but 'self-consumption' (price-threshold and optimal batteries
 * trade against a grid that is not there), the signed ledger (it does not record the island's storage dispatch yet),
 * and mechanism 'network-constrained' (its clearing curtails PV itself, after the orders were built).
 */
import { z } from 'zod';

/** Connected (default) or islanded with a value of lost load. */
export const gridModeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('connected') }).strict(),
  z
    .object({
      mode: z.literal('islanded'),
      /** Value of lost load: what a kWh of shed load costs its consumer, and the island's price when load is shed, currency/kWh. */
      vollPerKwh: z.number().finite().positive(),
    })
    .strict(),
]);

/** A validated grid mode. */
export type GridModeSpec = z.output<typeof gridModeSchema>;

interface GridFields {
  grid?: GridModeSpec;
  limits: { transformerKw?: number };
  market: { gateClosure?: unknown; mechanism: string };
  prosumers: ReadonlyArray<{ battery?: { rule: string } }>;
  ledger: { enabled: boolean };
}

/** Cross-field checks of the islanded mode (run by the scenario schema's superRefine). */
export function checkGridMode(s: GridFields, ctx: z.RefinementCtx): void {
  if (s.grid?.mode !== 'islanded') return;
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  if (s.limits.transformerKw !== undefined) issue(['limits', 'transformerKw'], 'an islanded grid has no transformer to an upstream grid');
  if (s.market.gateClosure !== undefined) issue(['market', 'gateClosure'], 'an islanded grid has nobody upstream to settle imbalances: clear on actuals');
  if (s.ledger.enabled) issue(['ledger', 'enabled'], 'the ledger does not record the islanded dispatch yet');
  if (s.market.mechanism === 'network-constrained') issue(['market', 'mechanism'], "the islanded balancing after a 'network-constrained' clearing is not supported: its curtailment changes the positions the island balances");
  s.prosumers.forEach((p, i) => {
    if (p.battery !== undefined && p.battery.rule !== 'self-consumption') issue(['prosumers', i, 'battery', 'rule'], "an islanded grid dispatches storage itself: use rule 'self-consumption'");
  });
}
