/**
 * How a scenario file combines with a preset (`peergrid simulate FILE --preset NAME`): the file is laid over the
 * preset. Objects merge key by key, recursively; any other value in the file (a number, string, array — e.g. the
 * whole `prosumers` list) replaces the preset's; `null` removes the preset's field (e.g. `"tariffMargin": null` when
 * the file changes the mechanism). The result is validated like any scenario. Command-line flags then override both.
 */

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `over` laid over `base` (neither is modified): see the module header. */
export function overlayScenario(base: unknown, over: unknown): unknown {
  if (!isPlainObject(over)) return over;
  const b = isPlainObject(base) ? base : {};
  const out: Record<string, unknown> = { ...b };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = overlayScenario(b[k], v);
  }
  return out;
}
