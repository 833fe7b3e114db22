/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as ECMAScript's
 * JSON.stringify writes them (shortest round-trip numbers, which the language specifies exactly), so every runtime
 * produces the same bytes for the same value. This matches RFC 8785 (JCS) for the values a ledger holds. Absent
 * (undefined) object members are omitted, as JSON.stringify does; anything that JSON cannot carry faithfully
 * (NaN, ±Infinity, undefined in arrays, bigint, functions, class instances such as Date or Map) throws, because a
 * silently altered value would make a hash meaningless.
 */

/** Serialises `value` canonically; throws TypeError on values JSON cannot represent exactly. */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(v: unknown, path: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${path} is ${v}, which JSON cannot represent`);
      return JSON.stringify(v);
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) {
        return '[' + v.map((x, i) => {
          if (x === undefined) throw new TypeError(`canonicalJson: ${path}[${i}] is undefined`);
          return write(x, `${path}[${i}]`);
        }).join(',') + ']';
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonicalJson: ${path} is a ${proto?.constructor?.name ?? 'non-plain object'}, not a plain object`);
      }
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
      return '{' + keys.map((k) => JSON.stringify(k) + ':' + write(obj[k], `${path}.${k}`)).join(',') + '}';
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof v}, which JSON cannot represent`);
  }
}
