/**
 * Validation of a `p2p-bilateral-market/1` document before any computation: the format tag, unique agent ids, finite
 * costs, ordered bounds, links naming known agents, no self-links and no link listed twice in the same direction.
 * Every problem throws a ValidationError naming the agent (id) or the link ("from→to", or its position).
 */
import { ValidationError } from '../../errors.js';
import { BILATERAL_MARKET_FORMAT, type BilateralMarket } from './bilateral-market.js';

/** Checks a bilateral market; throws ValidationError on the first bad field. */
export function validateBilateralMarket(market: BilateralMarket): void {
  if (market === null || typeof market !== 'object') {
    throw new ValidationError({ element: 'market', id: 'market', field: 'market', value: market }, 'must be an object');
  }
  if (market.format !== BILATERAL_MARKET_FORMAT) {
    throw new ValidationError({ element: 'market', id: 'market', field: 'format', value: market.format }, `must be '${BILATERAL_MARKET_FORMAT}'`);
  }
  if (!Array.isArray(market.agents) || market.agents.length === 0) {
    throw new ValidationError({ element: 'market', id: 'market', field: 'agents', value: market.agents }, 'must be a non-empty array of agents');
  }
  const ids = new Set<string>();
  market.agents.forEach((a, i) => {
    if (a === null || typeof a !== 'object') {
      throw new ValidationError({ element: 'agent', id: `#${i}`, field: 'agent', value: a }, 'must be an object');
    }
    if (typeof a.id !== 'string' || a.id.length === 0) {
      throw new ValidationError({ element: 'agent', id: `#${i}`, field: 'id', value: a.id }, 'must be a non-empty string');
    }
    if (ids.has(a.id)) throw new ValidationError({ element: 'agent', id: a.id, field: 'id', value: a.id }, 'is not unique');
    ids.add(a.id);
    finite(a.id, 'costQuadPerKw2', a.costQuadPerKw2, 'currency/kW²');
    if (a.costQuadPerKw2 < 0) {
      throw new ValidationError({ element: 'agent', id: a.id, field: 'costQuadPerKw2', value: a.costQuadPerKw2, unit: 'currency/kW²' }, 'must be ≥ 0 (a convex cost)');
    }
    finite(a.id, 'costLinPerKw', a.costLinPerKw, 'currency/kWh');
    finite(a.id, 'pMinKw', a.pMinKw, 'kW');
    finite(a.id, 'pMaxKw', a.pMaxKw, 'kW');
    if (a.pMinKw > a.pMaxKw) {
      throw new ValidationError({ element: 'agent', id: a.id, field: 'pMinKw', value: a.pMinKw, unit: 'kW' }, `must be ≤ pMaxKw (${a.pMaxKw})`);
    }
  });
  if (market.links === undefined) return;
  if (!Array.isArray(market.links)) {
    throw new ValidationError({ element: 'market', id: 'market', field: 'links', value: market.links }, 'must be an array of links when present');
  }
  const seen = new Set<string>();
  market.links.forEach((l, i) => {
    if (l === null || typeof l !== 'object') {
      throw new ValidationError({ element: 'link', id: `#${i}`, field: 'link', value: l }, 'must be an object');
    }
    const name = `${String(l.from)}→${String(l.to)}`;
    if (typeof l.from !== 'string' || !ids.has(l.from)) {
      throw new ValidationError({ element: 'link', id: name, field: 'from', value: l.from }, 'must name a known agent');
    }
    if (typeof l.to !== 'string' || !ids.has(l.to)) {
      throw new ValidationError({ element: 'link', id: name, field: 'to', value: l.to }, 'must name a known agent');
    }
    if (l.from === l.to) throw new ValidationError({ element: 'link', id: name, field: 'to', value: l.to }, 'an agent cannot trade with itself');
    if (typeof l.costPerKwh !== 'number' || !Number.isFinite(l.costPerKwh)) {
      throw new ValidationError({ element: 'link', id: name, field: 'costPerKwh', value: l.costPerKwh, unit: 'currency/kWh' }, 'must be a finite number');
    }
    // A negative cost on |P_nm| is concave: the problem would be non-convex (and unbounded around any cycle).
    if (l.costPerKwh < 0) {
      throw new ValidationError({ element: 'link', id: name, field: 'costPerKwh', value: l.costPerKwh, unit: 'currency/kWh' }, 'must be ≥ 0');
    }
    const key = `${l.from}\u0000${l.to}`;
    if (seen.has(key)) throw new ValidationError({ element: 'link', id: name, field: 'to', value: l.to }, 'is listed twice in this direction');
    seen.add(key);
  });
}

function finite(id: string, field: string, value: unknown, unit: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError({ element: 'agent', id, field, value, unit }, 'must be a finite number');
  }
}
