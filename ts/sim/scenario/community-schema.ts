/**
 * The scenario's nested communities (ts/market/communities/): `communities` lists each community's members and its
 * internal mechanism, `interCommunity` the market between them. A mechanism left out is the run's mechanism (so a
 * comparison of mechanisms runs the whole nested structure under each; 'none', the no-P2P baseline, runs no market
 * at either level). Every prosumer belongs to exactly one community; the checks name the path of the problem.
 */
import { z } from 'zod';
import { MECHANISMS } from '../../market/mechanisms.js';
import { isNestedMechanism } from '../../market/communities/community-partition.js';

/** A mechanism of a nested market: a clearMarket mechanism, or 'none' (no market at this level). */
const nestedMechanismSchema = z.enum(['none', ...MECHANISMS]);

/** One community: its id, its member prosumers' ids, and its internal mechanism (default: the run's). */
export const communitySchema = z
  .object({
    id: z.string().min(1),
    prosumers: z.array(z.string().min(1)).min(1),
    mechanism: nestedMechanismSchema.optional(),
  })
  .strict();

/** The inter-community market: its mechanism (default: the run's) and the form residuals take in it. */
export const interCommunitySchema = z
  .object({
    mechanism: nestedMechanismSchema.optional(),
    /** 'orders': members' unmatched orders go up as they are; 'aggregate': one order per community and side. */
    residuals: z.enum(['orders', 'aggregate']).default('orders'),
  })
  .strict();

/** A validated community. */
export type CommunityScenarioSpec = z.output<typeof communitySchema>;
/** A validated inter-community market. */
export type InterCommunityScenarioSpec = z.output<typeof interCommunitySchema>;

interface CommunityFields {
  prosumers: ReadonlyArray<{ id: string }>;
  communities?: ReadonlyArray<{ id: string; prosumers: readonly string[] }>;
  interCommunity?: unknown;
  market: { mechanism: string };
}

/** Cross-field checks of the communities (run by the scenario schema's superRefine). */
export function checkCommunities(s: CommunityFields, ctx: z.RefinementCtx): void {
  if (s.communities === undefined) {
    if (s.interCommunity !== undefined) ctx.addIssue({ code: 'custom', path: ['interCommunity'], message: 'needs communities' });
    return;
  }
  if (!isNestedMechanism(s.market.mechanism)) {
    ctx.addIssue({ code: 'custom', path: ['market', 'mechanism'], message: `'${s.market.mechanism}' cannot clear nested communities: use 'none' or a clearMarket mechanism` });
  }
  const known = new Set(s.prosumers.map((p) => p.id));
  const member = new Map<string, number>();
  const ids = new Map<string, number>();
  s.communities.forEach((c, k) => {
    const j = ids.get(c.id);
    if (j !== undefined) ctx.addIssue({ code: 'custom', path: ['communities', k, 'id'], message: `duplicates communities[${j}].id` });
    else ids.set(c.id, k);
    c.prosumers.forEach((p, m) => {
      const path = ['communities', k, 'prosumers', m];
      if (!known.has(p)) ctx.addIssue({ code: 'custom', path, message: `no prosumer has id '${p}'` });
      else if (member.has(p)) ctx.addIssue({ code: 'custom', path, message: `'${p}' already belongs to communities[${member.get(p)}]` });
      else member.set(p, k);
    });
  });
  s.prosumers.forEach((p, i) => {
    if (!member.has(p.id)) ctx.addIssue({ code: 'custom', path: ['prosumers', i, 'id'], message: `'${p.id}' belongs to no community: list it in one of communities[*].prosumers` });
  });
}
