import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMatpowerJson, parseMatpowerM, ValidationError } from '../../ts/index.js';
import { casesDir } from '../support/cases.js';

describe('MATPOWER gencost import', () => {
  for (const name of ['case9', 'case118', 'case1354pegase']) {
    it(`${name}: the .m file and the OPF JSON form give the same gencost`, () => {
      const m = parseMatpowerM(readFileSync(`${casesDir}/matpower-m/${name}.m`, 'utf8'), `${name}.m`);
      const j = parseMatpowerJson(readFileSync(`${casesDir}/opf/${name}.opf-case.json`, 'utf8'), `${name}.json`);
      expect(m.gencost).toBeDefined();
      expect(m.gencost!.length).toBe(m.gen.length);
      expect(m.gencost).toEqual(j.gencost);
    });
  }

  it('refuses bad gencost rows, naming row and column', () => {
    const base = (gencost: number[][]): string =>
      JSON.stringify({
        baseMVA: 100,
        bus: [[1, 3, 0, 0, 0, 0, 1, 1, 0, 230, 1, 1.1, 0.9]],
        gen: [[1, 0, 0, 10, -10, 1, 100, 1, 50, 0]],
        branch: [],
        gencost,
      });
    expect(() => parseMatpowerJson(base([[3, 0, 0, 2, 1, 0]]))).toThrow(/gencost 1: MODEL = 3: MODEL must be 1/);
    expect(() => parseMatpowerJson(base([[1, 0, 0, 3, 0, 0, 10, 5]]))).toThrow(/needs 6 cost columns/);
    expect(() => parseMatpowerJson(base([[2, 0, 0, 3, 1, 2, 3], [2, 0, 0, 3, 1, 2, 3], [2, 0, 0, 3, 1, 2, 3]]))).toThrow(ValidationError);
  });
});
