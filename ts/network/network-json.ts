/**
 * Reading a NetworkModel written as JSON (the same plain objects the builder produces). JSON has no Infinity, so
 * generator Q limits may be written as the strings "Infinity" / "-Infinity" (as in the MATPOWER JSON cases);
 * `networkToJson` writes them that way, so a model survives a round trip.
 */
import type { NetworkModel } from './network-model.js';
import { parseJsonText } from './json-text.js';
import { validateNetwork } from './validate-network.js';

const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity };

/**
 * Parses a NetworkModel from JSON text (or an already parsed object) and validates it. Throws ParseError (file,
 * line, column) for bad JSON and ValidationError for bad content.
 */
export function parseNetworkJson(input: string | object, fileName = '<input>'): NetworkModel {
  const model = (typeof input === 'string' ? parseJsonText(input, fileName) : structuredClone(input)) as NetworkModel;
  if (model !== null && typeof model === 'object' && Array.isArray(model.generators)) {
    for (const g of model.generators) {
      if (g === null || typeof g !== 'object') continue;
      const r = g as unknown as Record<string, unknown>;
      for (const f of ['qMinKvar', 'qMaxKvar']) {
        const v = r[f];
        if (typeof v === 'string' && Object.hasOwn(NON_FINITE, v)) r[f] = NON_FINITE[v];
      }
    }
  }
  validateNetwork(model);
  return model;
}

/** Serialises a NetworkModel to JSON text, writing infinite Q limits as "Infinity" / "-Infinity". */
export function networkToJson(model: NetworkModel, indent?: number): string {
  return JSON.stringify(model, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) ? String(v) : v), indent);
}
