/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as ECMAScript's
 * JSON.stringify writes them (shortest round-trip numbers, which the language specifies exactly), so every runtime
 * produces the same bytes for the same value. This matches RFC 8785 (JCS) for the values a ledger holds. Absent
 * (undefined) object members are omitted, as JSON.stringify does; anything that JSON cannot carry faithfully
 * (NaN, ±Infinity, undefined in arrays, bigint, functions, class instances such as Date or Map) throws, because a
 * silently altered value would make a hash meaningless.
 */

/** Serialises `value` canonically; throws TypeError (naming the path, e.g. $.trades[3].pricePerKwh) on values JSON cannot represent exactly. */
export function canonicalJson(value: unknown): string {
  try {
    return write(value);
  } catch (e) {
    if (e instanceof Unrepresentable) throw new TypeError(`canonicalJson: $${e.path.reverse().join('')} ${e.problem}`);
    throw e;
  }
}

/** Internal: carries the path outwards, built only when something is wrong (keeps the hot path allocation-free). */
class Unrepresentable {
  readonly path: string[] = [];
  constructor(readonly problem: string) {}
}

// Ledger payloads repeat a few keys millions of times: quote each once.
const QUOTED = new Map<string, string>();
function quotedKey(k: string): string {
  let q = QUOTED.get(k);
  if (q === undefined) {
    q = JSON.stringify(k) + ':';
    if (QUOTED.size < 10_000) QUOTED.set(k, q);
  }
  return q;
}

function write(v: unknown): string {
  // Plain loops and string concatenation: several times faster than map/join/filter on typical ledger payloads.
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Unrepresentable(`is ${v}, which JSON cannot represent`);
      return String(v); // Number::toString, exactly what JSON.stringify writes for finite numbers (−0 → "0")
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          try {
            if (x === undefined) throw new Unrepresentable('is undefined');
            out += (i > 0 ? ',' : '') + write(x);
          } catch (e) {
            if (e instanceof Unrepresentable) e.path.push(`[${i}]`);
            throw e;
          }
        }
        return out + ']';
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new Unrepresentable(`is a ${proto?.constructor?.name ?? 'non-plain object'}, not a plain object`);
      }
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const x = obj[k];
        if (x === undefined) continue;
        try {
          out += (first ? '' : ',') + quotedKey(k) + write(x);
        } catch (e) {
          if (e instanceof Unrepresentable) e.path.push(`.${k}`);
          throw e;
        }
        first = false;
      }
      return out + '}';
    }
    default:
      throw new Unrepresentable(`is a ${typeof v}, which JSON cannot represent`);
  }
}
