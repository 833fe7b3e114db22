import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError, ValidationError } from '../../ts/errors.js';
import { BUS_ISOLATED, BUS_PQ, BUS_SLACK, type CompiledNetwork } from '../../ts/network/compiled-network.js';
import { compileMatpowerCase } from '../../ts/network/compile-matpower-case.js';
import { parseMatpowerJson } from '../../ts/network/matpower-json-parser.js';
import { parseMatpowerM } from '../../ts/network/matpower-m-parser.js';
import { readMatpowerFile } from '../../ts/network/read-matpower-file.js';
import { matpowerMDir, matpowerJsonDir } from '../support/cases.js';

const JSON_DIR = matpowerJsonDir;
const M_DIR = matpowerMDir;
const FIXTURES = new URL('../fixtures/network/', import.meta.url).pathname;
const jsonCases = readdirSync(JSON_DIR).filter((f) => f.endsWith('.case.json')).sort();
const mCases = readdirSync(M_DIR).filter((f) => f.endsWith('.m')).sort();

const compiled = new Map<string, CompiledNetwork>();
function caseJson(name: string): CompiledNetwork {
  let c = compiled.get(name);
  if (!c) {
    c = compileMatpowerCase(readMatpowerFile(`${JSON_DIR}/${name}.case.json`));
    compiled.set(name, c);
  }
  return c;
}
const raw = (name: string) => JSON.parse(readFileSync(`${JSON_DIR}/${name}.case.json`, 'utf8'));
const DEG = Math.PI / 180;

function catchError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('MATPOWER JSON cases', () => {
  it('finds all 19 cases', () => expect(jsonCases.length).toBe(19));

  it.each(jsonCases)('%s imports with the counts and per-unit values of its file', (file) => {
    const name = file.replace('.case.json', '');
    const r = raw(name);
    const c = caseJson(name);
    expect([c.nBus, c.nGen, c.nBranch]).toEqual([r.nbus, r.ngen, r.nbranch]);
    expect(c.baseMva).toBe(r.baseMVA);
    expect(c.busIds).toEqual(r.bus.map((b: number[]) => b[0]));
    let bad = 0;
    for (let i = 0; i < c.nBus; i++) {
      if (c.busIndex.get(c.busIds[i]!) !== i) bad++;
      if (c.pLoadPu[i] !== r.bus[i][2] / r.baseMVA || c.bsPu[i] !== r.bus[i][5] / r.baseMVA) bad++;
    }
    expect(bad).toBe(0);
    let slack = 0;
    for (let i = 0; i < c.nBus; i++) if (c.busType[i] === BUS_SLACK) slack++;
    expect(slack).toBe(1);
    for (let k = 0; k < c.nBranch; k++) {
      const br = r.branch[k];
      if (c.branchIds[k] !== k + 1 || c.busIds[c.fromBus[k]!] !== br[0] || c.busIds[c.toBus[k]!] !== br[1]) bad++;
      if (c.tap[k] !== (br[8] === 0 ? 1 : br[8]) || c.branchStatus[k] !== (br[10] > 0 ? 1 : 0)) bad++;
      if (c.rPu[k] !== br[2] || c.xPu[k] !== br[3] || c.bPu[k] !== br[4] || c.rateMva[k] !== br[5]) bad++;
    }
    // Start point: VG at generator buses (all gens in these cases are in service at PV/ref buses).
    for (let g = 0; g < c.nGen; g++) if (c.vmPu[c.genBus[g]!] !== c.vSetPu[g]) bad++;
    expect(bad).toBe(0);
  });
});

describe('MATPOWER .m cases', () => {
  it('finds all 7 cases', () => expect(mCases.length).toBe(7));

  it.each(mCases)('%s compiles to exactly the arrays of its JSON form', (file) => {
    const name = file.replace('.m', '');
    const fromM = compileMatpowerCase(parseMatpowerM(readFileSync(`${M_DIR}/${file}`, 'utf8'), file));
    const fromJson = caseJson(name);
    expect(fromM).toEqual(fromJson);
  });

  it('keeps bus names of case14', () => {
    const mc = readMatpowerFile(`${M_DIR}/case14.m`);
    expect(mc.name).toBe('case14');
    expect(mc.version).toBe('2');
    expect(mc.busNames?.length).toBe(14);
    expect(mc.busNames?.[0]).toBe('Bus 1     HV');
  });
});

describe('quirks listed in cases/README.md are preserved', () => {
  it('bus numbers with gaps', () => {
    for (const name of ['case4_dist', 'case18', 'case300', 'case1354pegase']) {
      const c = caseJson(name);
      const ids = c.busIds as number[];
      const max = Math.max(...ids);
      expect(max).toBeGreaterThan(c.nBus - 1 + ids[0]!); // not a dense 1..n (or k..k+n-1) numbering
      ids.forEach((id, i) => expect(c.busIndex.get(id)).toBe(i));
    }
  });

  it('out-of-service tie switches kept with status 0', () => {
    const counts: Record<string, number> = { case33bw: 5, case136ma: 21, case118zh: 15 };
    for (const [name, n] of Object.entries(counts)) {
      const c = caseJson(name);
      expect(c.branchStatus.reduce((s, v) => s + (v === 0 ? 1 : 0), 0)).toBe(n);
    }
    // case33bw's first tie line 21-8 (MATPOWER row 33).
    const c = caseJson('case33bw');
    expect([c.busIds[c.fromBus[32]!], c.busIds[c.toBus[32]!], c.branchStatus[32]]).toEqual([21, 8, 0]);
  });

  it('negative R or X survive', () => {
    for (const name of ['case300', 'case9241pegase', 'case13659pegase']) {
      const c = caseJson(name);
      let neg = 0;
      for (let k = 0; k < c.nBranch; k++) if (c.rPu[k]! < 0 || c.xPu[k]! < 0) neg++;
      expect(neg, name).toBeGreaterThan(0);
    }
  });

  it('TAP = 0 becomes 1, phase shifts in radians', () => {
    const c = caseJson('case9');
    expect(Array.from(c.tap)).toEqual(new Array(9).fill(1));
    for (const name of ['case2383wp', 'case1354pegase', 'case9241pegase']) {
      const r = raw(name);
      const c2 = caseJson(name);
      const k = r.branch.findIndex((b: number[]) => b[9] !== 0);
      expect(k, name).toBeGreaterThanOrEqual(0);
      expect(c2.shiftRad[k]).toBeCloseTo(r.branch[k][9] * DEG, 15);
    }
  });

  it('GS/BS shunts divided by baseMVA', () => {
    const c = caseJson('case14'); // bus 9 has BS = 19 MVAr
    expect(c.bsPu[c.busIndex.get(9)!]).toBeCloseTo(0.19, 15);
  });

  it('case118 slack angle 30 degrees', () => {
    const c = caseJson('case118');
    const s = c.busType.indexOf(BUS_SLACK);
    expect(c.busIds[s]).toBe(69);
    expect(c.vaRad[s]).toBeCloseTo(30 * DEG, 15);
  });

  it('infinite Q limits stay infinite', () => {
    const c = caseJson('case1354pegase');
    expect(Array.from(c.qMaxPu).filter((q) => q === Infinity).length).toBeGreaterThan(0);
    expect(Array.from(c.qMinPu).filter((q) => q === -Infinity).length).toBeGreaterThan(0);
  });

  it('RATE_A becomes rateMva', () => {
    const c = caseJson('case9');
    expect(Array.from(c.rateMva)).toEqual([250, 250, 150, 300, 150, 250, 250, 250, 250]);
  });
});

describe('hand-made quirks case (ext2int / bustypes semantics)', () => {
  const mc = readMatpowerFile(`${FIXTURES}quirks.m`);
  const c = compileMatpowerCase(mc);
  const b = (id: number) => c.busIndex.get(id)!;

  it('parses commas, comments, continuations, Inf', () => {
    expect(mc.bus.map((r) => r[0])).toEqual([3, 7, 20, 21]);
    expect(mc.bus[2]).toEqual([20, 2, 10, 5, 1, -2, 1, 0.98, -5, 110, 1, 1.1, 0.9]);
    expect(mc.bus[3]).toEqual([21, 1, 50, 20, 0, 19, 1, 1.01, -3, 110, 1, 1.1, 0.9]);
    expect(mc.gen[0]![3]).toBe(Infinity);
    expect(mc.gen[0]![4]).toBe(-Infinity);
  });

  it('bus types, start voltages, statuses', () => {
    expect(Array.from(c.busType)).toEqual([BUS_SLACK, BUS_ISOLATED, BUS_PQ, BUS_PQ]); // PV without gen → PQ
    expect(c.vmPu[b(3)]).toBe(1.04); // VG at the slack
    expect(c.vmPu[b(20)]).toBe(0.98); // no in-service gen: case VM kept
    expect(c.vaRad[b(3)]).toBe(30 * DEG);
    expect(Array.from(c.genStatus)).toEqual([1, 0, 0]); // out of service; at isolated bus
    expect(Array.from(c.branchStatus)).toEqual([1, 1, 0, 0]); // out of service; touches isolated bus
  });

  it('per-unit conversion', () => {
    expect(c.pLoadPu[b(21)]).toBe(0.5);
    expect(c.qLoadPu[b(21)]).toBe(0.2);
    expect(c.gsPu[b(20)]).toBe(0.01);
    expect(c.bsPu[b(20)]).toBe(-0.02);
    expect(c.pGenPu[0]).toBe(0.6);
    expect(c.qMaxPu[1]).toBe(0.5);
    expect(Array.from(c.tap)).toEqual([1, 0.975, 1.05, 1]);
    expect(c.shiftRad[1]).toBe(-2.5 * DEG);
    expect(c.rPu[1]).toBe(-0.002);
    expect(c.xPu[2]).toBe(-0.01);
    expect(c.rateMva[0]).toBe(120);
  });

  it('falls back to the first PV bus as reference when the reference has no generator (bustypes)', () => {
    const m = `mpc.baseMVA = 10;\nmpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9; 2 2 1 0 0 0 1 1 0 11 1 1.1 0.9];\n` +
      `mpc.gen = [1 0 0 1 -1 1 10 0 1 0; 2 0 0 1 -1 1.03 10 1 1 0];\nmpc.branch = [1 2 0.01 0.1 0 0 0 0 0 0 1];\n`;
    const c2 = compileMatpowerCase(parseMatpowerM(m, 'x.m'));
    expect(Array.from(c2.busType)).toEqual([BUS_PQ, BUS_SLACK]);
    expect(c2.vmPu[1]).toBe(1.03);
  });
});

describe('.m ParseError paths name file, line and column', () => {
  const head = 'function mpc = t\nmpc.baseMVA = 100;\n';
  const good = 'mpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9];\nmpc.gen = [1 0 0 1 -1 1 10 1 1 0];\nmpc.branch = [];\n';
  const perr = (text: string) => {
    const e = catchError(() => parseMatpowerM(text, 'bad.m'));
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  };

  it('accepts the good base', () => expect(parseMatpowerM(head + good, 'ok.m').bus.length).toBe(1));

  it('bad token', () => {
    const e = perr(head + 'mpc.bus = [\n  1 3 0 0 0 0 1 1x 0 11 1 1.1 0.9;\n];\n' + good.slice(good.indexOf('mpc.gen')));
    expect([e.file, e.line, e.column]).toEqual(['bad.m', 4, 17]);
    expect(e.message).toContain('"1x"');
  });

  it('unknown statement', () => {
    const e = perr(head + 'mpc.areas = [1 1];\n' + good);
    expect([e.line, e.column]).toEqual([3, 5]);
    expect(e.message).toContain('mpc.areas');
  });

  it('code that is not an assignment', () => {
    const e = perr(head + good + 'if x, end\n');
    expect([e.line, e.column]).toEqual([6, 1]);
  });

  it('ragged row', () => {
    const e = perr(head + 'mpc.bus = [\n1 3 0 0 0 0 1 1 0 11 1 1.1 0.9;\n  2 1 0 0 0 0 1 1 0 11 1 1.1;\n];\n' + good.slice(good.indexOf('mpc.gen')));
    expect([e.line, e.column]).toEqual([5, 3]);
    expect(e.message).toContain('13 values');
  });

  it('unterminated matrix', () => {
    const e = perr(head + 'mpc.bus = [\n1 3 0 0 0 0 1 1 0 11 1 1.1 0.9;\n');
    expect(e.line).toBe(5);
    expect(e.message).toContain("']' to close the matrix of mpc.bus opened at line 3, column 11");
  });

  it('garbage after a statement', () => {
    const e = perr(head + 'mpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9] 7\n');
    expect([e.line, e.column]).toEqual([3, 44]);
  });

  it('more .m syntax errors', () => {
    expect(perr(head + 'mpc.bus = [,1];\n').column).toBe(12); // a comma where a number must come
    expect(perr(head + 'mpc.bus [1];\n').column).toBe(9); // missing '='
    expect(perr(head + 'mpc bus = [1];\n').column).toBe(4); // missing '.'
    expect(perr(head + 'mpc.bus_name = {\n  \'a\';\n').message).toContain("'}' to close the cell array of mpc.bus_name");
    expect(perr(head + 'mpc.bus_name = { 7 };\n').message).toContain('a quoted string');
    expect(perr(head + 'mpc.baseMVA2 = 1;\n').message).toContain('mpc.baseMVA2');
    expect(perr(head + 'mpc.gen = [1 2 - 3];\n').message).toContain('"-"');
    expect(perr(head + 'x = y;\n').message).toContain("a variable assigned earlier");
  });

  it('skips gen*cost blocks and accepts numeric versions, Inf spellings and exponents', () => {
    const mc = parseMatpowerM(
      "mpc.version = 2;\nmpc.baseMVA = 1e2;\nmpc.gencost2 = [1 2 3];\n" +
        'mpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9];\nmpc.gen = [1 0 0 inf -inf 1 10 1 1 0];\nmpc.branch = [];\n',
      'ok.m',
    );
    expect(mc.version).toBe('2');
    expect(mc.baseMva).toBe(100);
    expect([mc.gen[0]![3], mc.gen[0]![4]]).toEqual([Infinity, -Infinity]);
  });

  it('missing field, duplicate field, unterminated string, misplaced function', () => {
    expect(perr(head + 'mpc.bus = [1 3 0 0 0 0 1 1 0 11 1 1.1 0.9];\n').message).toContain('mpc.gen');
    expect(perr(head + 'mpc.baseMVA = 10;\n' + good).line).toBe(3);
    expect(perr("mpc.version = '2;\n").column).toBe(15);
    expect(perr(head + 'function mpc = again\n').line).toBe(3);
  });
});

describe('ValidationError paths name matrix, row and column', () => {
  const bus = [[1, 3, 0, 0, 0, 0, 1, 1, 0, 11, 1, 1.1, 0.9], [2, 1, 1, 0.5, 0, 0, 1, 1, 0, 11, 1, 1.1, 0.9]];
  const gen = [[1, 0, 0, 10, -10, 1, 10, 1, 10, 0]];
  const branch = [[1, 2, 0.01, 0.1, 0, 0, 0, 0, 0, 0, 1]];
  const verr = (patch: (o: { baseMVA: unknown; bus: unknown[][]; gen: unknown[][]; branch: unknown[][] }) => void) => {
    const o = { baseMVA: 10 as unknown, bus: bus.map((r) => [...r]) as unknown[][], gen: gen.map((r) => [...r]) as unknown[][], branch: branch.map((r) => [...r]) as unknown[][] };
    patch(o);
    const e = catchError(() => compileMatpowerCase(parseMatpowerJson(o, 'v.json')));
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return [v.element, v.id, v.field, v.value];
  };

  it('accepts the good case', () => expect(compileMatpowerCase(parseMatpowerJson({ baseMVA: 10, bus, gen, branch })).nBus).toBe(2));
  it('baseMVA', () => expect(verr((o) => (o.baseMVA = 0))).toEqual(['case', 'mpc', 'baseMVA', 0]));
  it('duplicate bus number', () => expect(verr((o) => (o.bus[1]![0] = 1))).toEqual(['bus', 2, 'BUS_I', 1]));
  it('non-integer bus number', () => expect(verr((o) => (o.bus[1]![0] = 2.5))).toEqual(['bus', 2, 'BUS_I', 2.5]));
  it('bad bus type', () => expect(verr((o) => (o.bus[1]![1] = 5))).toEqual(['bus', 2, 'BUS_TYPE', 5]));
  it('NaN load', () => expect(verr((o) => (o.bus[1]![2] = 'NaN'))).toEqual(['bus', 2, 'PD', NaN]));
  it('non-numeric string', () => expect(verr((o) => (o.bus[1]![3] = 'x'))).toEqual(['bus', 2, 'QD', 'x']));
  it('too few columns', () => expect(verr((o) => o.gen[0]!.splice(9))).toEqual(['gen', 1, 'columns', 9]));
  it('ragged rows', () => expect(verr((o) => o.bus[1]!.push(0))).toEqual(['bus', 2, 'columns', 14]));
  it('gen at unknown bus', () => expect(verr((o) => (o.gen[0]![0] = 9))).toEqual(['gen', 1, 'GEN_BUS', 9]));
  it('branch to unknown bus', () => expect(verr((o) => (o.branch[0]![1] = 9))).toEqual(['branch', 1, 'T_BUS', 9]));
  it('zero impedance', () => expect(verr((o) => (o.branch[0]![2] = o.branch[0]![3] = 0))).toEqual(['branch', 1, 'BR_X', 0]));
  it('QMIN > QMAX', () => expect(verr((o) => (o.gen[0]![4] = 20))).toEqual(['gen', 1, 'QMIN', 20]));
  it('no slack at all', () => expect(verr((o) => (o.gen[0]![7] = 0))).toEqual(['case', 'mpc', 'BUS_TYPE', 'none']));
  it('version other than 2', () => {
    const e = catchError(() => parseMatpowerJson({ baseMVA: 10, bus, gen, branch, version: '1' }, 'v.json')) as ValidationError;
    expect([e.element, e.field, e.value]).toEqual(['case', 'version', '1']);
  });
  it('VM not positive', () => expect(verr((o) => (o.bus[1]![7] = 0))).toEqual(['bus', 2, 'VM', 0]));
  it('BASE_KV negative', () => expect(verr((o) => (o.bus[1]![9] = -1))).toEqual(['bus', 2, 'BASE_KV', -1]));
  it('VA infinite', () => expect(verr((o) => (o.bus[1]![8] = 'Infinity'))).toEqual(['bus', 2, 'VA', Infinity]));
  it('VG not positive', () => expect(verr((o) => (o.gen[0]![5] = 0))).toEqual(['gen', 1, 'VG', 0]));
  it('PG NaN', () => expect(verr((o) => (o.gen[0]![1] = 'NaN'))).toEqual(['gen', 1, 'PG', NaN]));
  it('QMAX = -Infinity', () => expect(verr((o) => (o.gen[0]![3] = '-Infinity'))).toEqual(['gen', 1, 'QMAX', -Infinity]));
  it('QMIN = +Infinity', () => expect(verr((o) => (o.gen[0]![4] = 'Infinity'))).toEqual(['gen', 1, 'QMIN', Infinity]));
  it('branch R NaN', () => expect(verr((o) => (o.branch[0]![2] = 'NaN'))).toEqual(['branch', 1, 'BR_R', NaN]));
  it('branch from unknown bus', () => expect(verr((o) => (o.branch[0]![0] = 5))).toEqual(['branch', 1, 'F_BUS', 5]));
  it('RATE_A negative', () => expect(verr((o) => (o.branch[0]![5] = -1))).toEqual(['branch', 1, 'RATE_A', -1]));
  it('no buses', () => expect(verr((o) => (o.bus = []))).toEqual(['case', 'mpc', 'bus', 0]));
  it('matrix not an array', () => expect(verr((o) => ((o as Record<string, unknown>).branch = 3))).toEqual(['case', 'v.json', 'branch', 3]));
  it('row not an array', () => expect(verr((o) => ((o.gen as unknown[])[0] = 1))).toEqual(['gen', 1, 'columns', 1]));
  it('root not an object', () => {
    expect(catchError(() => parseMatpowerJson('[1, 2]', 'r.json'))).toBeInstanceOf(ValidationError);
  });
  it('columns in another order', () => {
    const cols = { bus: ['BUS_TYPE', 'BUS_I'] };
    const e = catchError(() => parseMatpowerJson({ baseMVA: 10, bus, gen, branch, columns: cols }, 'c.json')) as ValidationError;
    expect([e.element, e.field]).toEqual(['case', 'columns.bus']);
  });
  it('bus_name count must match the buses', () => {
    const e = catchError(() => parseMatpowerJson({ baseMVA: 10, bus, gen, branch, bus_name: ['a'] }, 'n.json')) as ValidationError;
    expect([e.element, e.field, e.value]).toEqual(['case', 'bus_name', 1]);
  });
  it('missing key', () => expect(verr((o) => delete (o as Record<string, unknown>).gen)).toEqual(['case', 'v.json', 'gen', undefined]));

  it('JSON syntax error is a ParseError with line and column', () => {
    const e = catchError(() => parseMatpowerJson('{\n "baseMVA": 10,\n "bus": [[1, x]]\n}', 'b.json')) as ParseError;
    expect(e).toBeInstanceOf(ParseError);
    expect([e.file, e.line, e.column]).toEqual(['b.json', 3, 14]);
  });

  it('unknown file extension', () => {
    expect(catchError(() => readMatpowerFile('/tmp/case.txt'))).toBeInstanceOf(ParseError);
  });
});

describe('.m text variants', () => {
  const case9 = readFileSync(`${M_DIR}/case9.m`, 'utf8');
  const ref = compileMatpowerCase(parseMatpowerM(case9, 'case9.m'));

  it('CRLF line ends and no final newline parse identically', () => {
    expect(compileMatpowerCase(parseMatpowerM(case9.replace(/\n/g, '\r\n').trimEnd(), 'crlf.m'))).toEqual(ref);
  });

  it('block comments %{ … %} are skipped, inside and outside matrices', () => {
    const text = case9
      .replace('mpc.baseMVA = 100;', '%{\nmpc.baseMVA = 5;\nanything here\n  %}\nmpc.baseMVA = 100;')
      .replace('\t2\t2\t0', '%{\n\t99\t1 2 3\n%}\n\t2\t2\t0');
    expect(compileMatpowerCase(parseMatpowerM(text, 'block.m'))).toEqual(ref);
  });

  it('an unterminated block comment is a ParseError at its opening', () => {
    const e = catchError(() => parseMatpowerM(case9 + '\n%{\nnever closed\n', 'open.m')) as ParseError;
    expect(e).toBeInstanceOf(ParseError);
    expect(e.message).toContain("'%}' to close the block comment opened at line");
  });
});
