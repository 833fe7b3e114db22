/**
 * Which community each order belongs to: the communities of a nested market are given as lists of prosumer ids,
 * every prosumer in at most one community, and every order's prosumer in exactly one (an order nobody manages has
 * no first market to clear in). Bad specs throw a ValidationError naming the community (or the order) and field.
 */
import { ValidationError } from '../../errors.js';
import { isMechanismName, MECHANISMS, type MechanismName } from '../mechanisms.js';
import type { Order } from '../order.js';

/** A market mechanism, or 'none': no market at this level (orders pass through unmatched). */
export type NestedMechanism = MechanismName | 'none';

/** One community of a nested market: its members and the mechanism that clears it internally. */
export interface CommunitySpec {
  /** Community id (unique, non-empty). */
  id: string;
  /** Ids of its member prosumers. */
  prosumers: readonly string[];
  /** Mechanism of its internal market ('none': members' orders go straight to the inter-community market). */
  mechanism: NestedMechanism;
}

/** The orders of a book grouped by community. */
export interface CommunityPartition {
  /** Community index of every order, in book order. */
  communityOfOrder: Int32Array;
  /** Order indices of each community, ascending (book order). */
  members: number[][];
}

/** Whether `name` is a mechanism of a nested market (a clearMarket mechanism or 'none'). */
export function isNestedMechanism(name: unknown): name is NestedMechanism {
  return name === 'none' || isMechanismName(name);
}

/** Checks a mechanism of a nested market; `element`/`id` name where it was given. */
export function checkNestedMechanism(mechanism: unknown, element: string, id: string): NestedMechanism {
  if (!isNestedMechanism(mechanism)) {
    throw new ValidationError({ element, id, field: 'mechanism', value: mechanism }, `must be 'none' or one of ${MECHANISMS.join(', ')}`);
  }
  return mechanism;
}

/** Checks the communities and assigns every order to one; throws ValidationError on the first problem. */
export function partitionByCommunity(orders: readonly Order[], communities: readonly CommunitySpec[]): CommunityPartition {
  if (!Array.isArray(communities) || communities.length === 0) {
    throw new ValidationError({ element: 'option', id: 'communities', field: 'communities', value: communities }, 'must be a non-empty array of communities');
  }
  const communityOf = new Map<string, number>();
  const ids = new Set<string>();
  communities.forEach((c, k) => {
    const id = typeof c?.id === 'string' && c.id.length > 0 ? c.id : null;
    if (id === null) throw new ValidationError({ element: 'community', id: `#${k}`, field: 'id', value: c?.id }, 'must be a non-empty string');
    if (ids.has(id)) throw new ValidationError({ element: 'community', id, field: 'id', value: id }, 'duplicates another community id');
    ids.add(id);
    checkNestedMechanism(c.mechanism, 'community', id);
    if (!Array.isArray(c.prosumers)) {
      throw new ValidationError({ element: 'community', id, field: 'prosumers', value: c.prosumers }, 'must be an array of prosumer ids');
    }
    for (const p of c.prosumers) {
      const other = communityOf.get(p);
      if (other !== undefined) {
        throw new ValidationError({ element: 'community', id, field: 'prosumers', value: p }, `prosumer already belongs to community '${communities[other]!.id}'`);
      }
      communityOf.set(p, k);
    }
  });
  const communityOfOrder = new Int32Array(orders.length);
  const members: number[][] = communities.map(() => []);
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i]!;
    const k = communityOf.get(o.prosumer);
    if (k === undefined) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'prosumer', value: o.prosumer }, 'belongs to no community: list the prosumer in one');
    }
    communityOfOrder[i] = k;
    members[k]!.push(i);
  }
  return { communityOfOrder, members };
}
