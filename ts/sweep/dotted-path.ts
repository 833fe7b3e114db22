/**
 * Dotted paths into a scenario object, as a sweep file writes them: `market.mechanism`, `tariffs.retailPricePerKwh`,
 * `prosumers.3.pvKwp` (a numeric segment indexes an array).
 */

/** Splits a dotted path; returns null when a segment is empty. */
export function splitPath(path: string): string[] | null {
  const parts = path.split('.');
  return parts.every((p) => p !== '') ? parts : null;
}

/** The path as validateScenario names fields (`prosumers[3].pvKwp`), to match its errors to sweep axes. */
export function scenarioFieldOf(path: string): string {
  return path
    .split('.')
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

/**
 * Sets `value` at `path` in `target`, creating missing objects on the way. Returns null on success, or the problem
 * (an index past the end of an array, or a step into a number or string).
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): string | null {
  const parts = splitPath(path);
  if (parts === null) return 'a dotted path must not have empty segments';
  let node: unknown = target;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i]!;
    const last = i === parts.length - 1;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(key)) return `'${parts.slice(0, i).join('.')}' is a list: expected an index, got '${key}'`;
      const k = Number(key);
      if (k >= node.length) return `'${parts.slice(0, i).join('.')}' has ${node.length} item(s): no index ${k}`;
      if (last) node[k] = value;
      else node = node[k];
    } else if (node !== null && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (last) obj[key] = value;
      else {
        if (obj[key] === undefined) obj[key] = {};
        node = obj[key];
      }
    } else {
      return `'${parts.slice(0, i).join('.')}' is not an object`;
    }
  }
  return null;
}
