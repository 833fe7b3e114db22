// MATPOWER's distribution feeders convert ohms and kW in code after the matrices; the parser evaluates that code as
// MATLAB does and refuses any other code with a located ParseError.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ParseError } from '../../ts/errors.js';
import { parseMatpowerJson } from '../../ts/network/matpower-json-parser.js';
import { parseMatpowerM } from '../../ts/network/matpower-m-parser.js';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { solvePowerFlow } from '../../ts/powerflow/power-flow.js';
import { matpowerJsonPath } from '../support/cases.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/matpower-m-feeders/${name}.m`, import.meta.url));

describe('MATPOWER feeders with unit-conversion code', () => {
  // The fixtures hold the published values; evaluated in MATLAB's operation order they give exactly the doubles
  // MATPOWER's loadcase holds (the JSON forms), bit for bit, including case141's sin(acos(0.85)).
  it.each(['case33bw', 'case69', 'case85', 'case141'])('%s.m equals the converted JSON form exactly', (name) => {
    const text = readFileSync(fixture(name), 'utf8');
    const m = parseMatpowerM(text, `${name}.m`);
    const j = parseMatpowerJson(readFileSync(matpowerJsonPath(name), 'utf8'), `${name}.case.json`);
    expect(m.baseMva).toBe(j.baseMva);
    expect(m.bus).toEqual(j.bus);
    expect(m.gen).toEqual(j.gen);
    expect(m.branch).toEqual(j.branch);
  });

  it('the code changes the answer: case33bw without it is off by Zbase and 1000', () => {
    const text = readFileSync(fixture('case33bw'), 'utf8');
    const matricesOnly = text.slice(0, text.indexOf('%% convert branch impedances'));
    const raw = parseMatpowerM(matricesOnly, 'case33bw.m');
    const conv = parseMatpowerM(text, 'case33bw.m');
    expect(raw.bus[1]![2]).toBe(100); // kW as written
    expect(conv.bus[1]![2]).toBe(0.1); // MW after / 1e3
    expect(raw.branch[0]![2] / conv.branch[0]![2]).toBeCloseTo(12.66e3 ** 2 / 10e6, 9);
    // Baran & Wu's 33-bus result: 202.68 kW losses, 0.91309 p.u. at bus 18 (only with the conversion).
    const r = solvePowerFlow(compileMatpowerCase(conv), { method: 'bfs' });
    expect(r.lossesMw * 1000).toBeCloseTo(202.68, 1);
    expect(r.vmPu[17]).toBeCloseTo(0.91309, 5);
  });

  it('define_constants, scalar arithmetic with precedence, element reads and elementwise operators', () => {
    const text = [
      'function mpc = t',
      'mpc.baseMVA = 10;',
      'mpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9; 2 1 200 100 0 0 1 1 0 11 1 1.1 0.9];',
      'mpc.gen = [1 0 0 1 -1 1 10 1 1 0];',
      'mpc.branch = [1 2 1.21 2.42 0 0 0 0 0 0 1];',
      'define_constants;',
      'a = -2^2 + 3 * (1 + 1) / 4;         % MATLAB: -(2^2) + 1.5 = -2.5',
      'b = 2^-1 - mpc.bus(2, PD) / 1e3;     % 0.5 - 0.2',
      'mpc.bus(:, [PD QD]) = mpc.bus(:, [PD QD]) ./ 1e3 .* 1;',
      'mpc.bus(2, VMAX) = a + 3.6 + ...',
      '   b * 0;',
      'mpc.branch(:, BR_R) = mpc.branch(:, BR_R) / (mpc.bus(1, BASE_KV)^2 / mpc.baseMVA);',
    ].join('\n');
    const m = parseMatpowerM(text, 't.m');
    expect(m.bus[1]![2]).toBe(0.2);
    expect(m.bus[1]![3]).toBe(0.1);
    expect(m.bus[1]![11]).toBeCloseTo(1.1, 15);
    expect(m.branch[0]![2]).toBeCloseTo(0.1, 15);
    expect(m.branch[0]![3]).toBe(2.42);
  });

  const head = 'function mpc = t\nmpc.baseMVA = 10;\nmpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9; 2 1 0 0 0 0 1 1 0 11 1 1.1 0.9];\nmpc.gen = [1 0 0 1 -1 1 10 1 1 0];\nmpc.branch = [];\ndefine_constants;\n';
  it.each([
    ['x = foo(3);', 7, 5, /call of 'foo'/],
    ['mpc.bus(1:1, PD) = 0;', 7, 10, /ranges a:b are not supported/],
    ['mpc.bus(:, :) = 0;', 7, 12, /whole-matrix/],
    ['mpc.bus(:, PD) = mpc.bus(:, PD) * mpc.bus(:, QD);', 7, 33, /matrix algebra/],
    ['mpc.bus(:, [PD QD]) = mpc.bus(:, PD);', 7, 23, /1×2 .* or a scalar.*1×1|size of the left-hand side/],
    ['y = UNDEFINED_NAME * 2;', 7, 5, /a variable assigned earlier.*UNDEFINED_NAME/],
    ['mpc.bus(:, 14) = 0;', 7, 12, /an integer from 1 to 13/],
    ['mpc.areas(:, 1) = 2;', 7, 5, /mpc\.bus, \.gen or \.branch/],
    ['for i = 1', 7, 1, /a statement/],
    ['[A, B] = idx_foo;', 7, 10, /idx_bus, idx_gen, idx_brch or idx_cost/],
    ['z = 1 +;', 7, 8, /a number, a variable/],
  ])('refuses %s at a located ParseError', (stmt, line, col, msg) => {
    let err: unknown;
    try {
      parseMatpowerM(head + stmt + '\n', 'bad.m');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    const e = err as ParseError;
    expect(e.message).toMatch(msg);
    expect([e.line, e.column]).toEqual([line, col]);
  });
});
