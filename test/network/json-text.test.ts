import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumnAt } from '../../ts/network/json-text.js';

describe('jsonErrorOffset', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '0', '"s"']) {
      expect(() => JSON.parse(t)).not.toThrow();
      expect(jsonErrorOffset(t)).toBe(-1);
    }
  });
  it.each([
    ['{"a": ,}', 6],
    ['{"a": 1,}', 8],
    ['[1 2]', 3],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ['{"a": 01}', 7],
    ['{"a": 1} x', 9],
    ['{"a": "b', 8],
  ])('%s → offset %i (and JSON.parse rejects it)', (t, at) => {
    expect(() => JSON.parse(t)).toThrow();
    expect(jsonErrorOffset(t)).toBe(at);
  });
  it('line and column are 1-based', () => {
    expect(lineColumnAt('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(lineColumnAt('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
