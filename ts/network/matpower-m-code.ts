/**
 * The code MATPOWER's own case files run after their matrices, and nothing more. MATPOWER's distribution feeders
 * (case33bw, case69, case85, case141, …) store ohms and kW and convert in code:
 *
 *   [PQ, PV, REF, NONE, BUS_I, …] = idx_bus;          (or define_constants;)
 *   Vbase = mpc.bus(1, BASE_KV) * 1e3;                  scalar assignment: numbers, variables, mpc.baseMVA,
 *   Sbase = mpc.baseMVA * 1e6;                          one matrix element, + - * / ^ (and .* ./ .^), ( )
 *   mpc.branch(:, [BR_R BR_X]) = mpc.branch(:, [BR_R BR_X]) / (Vbase^2 / Sbase);
 *   mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;  column slices, scaled elementwise
 *   mpc.bus(:, QD) = mpc.bus(:, PD) * sin(acos(pf));    elementary functions (sin cos tan asin acos atan sqrt exp log abs)
 *
 * A reader that takes only the matrices gets these feeders wrong by factors of 1000 and Zbase; this one evaluates
 * the statements with MATLAB's semantics and operation order (so the numbers are the doubles MATPOWER holds), and
 * refuses anything else — a function call, a range, a loop, matrix algebra — with a ParseError at its line and column.
 */
import { defineConstants, MATPOWER_IDX_FUNCTIONS } from './matpower-idx.js';
import { COLON, COMMA, DOT, EQ, LBRACK, LPAREN, NL, RBRACK, RPAREN, SP, TAB, Scanner } from './matpower-m-scanner.js';

/** The case data code may read and scale, by field name. */
export interface CaseData {
  baseMVA?: number;
  bus?: number[][];
  gen?: number[][];
  branch?: number[][];
}

/** A value of an expression: a scalar, or a block of matrix elements (row-major) from a slice. */
type Value = number | Block;
interface Block {
  rows: number;
  cols: number;
  data: number[];
}

const MATRICES = ['bus', 'gen', 'branch'] as const;

/** Elementary functions case files use in conversions (case141: `sin(acos(pf))` for a power factor). */
const MATH_FUNCTIONS: Record<string, (x: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, abs: Math.abs,
};
type MatrixField = (typeof MATRICES)[number];

/** A cursor position with its line, for going back. */
interface Mark {
  pos: number;
  line: number;
  lineStart: number;
}

/** Index of one dimension: every row (`:`) or a list of 0-based positions. */
type Index = 'all' | number[];

/** Evaluates the statements of the code subset against `data`, with its own scalar variables. */
export class MatpowerCode {
  private readonly vars = new Map<string, number>();

  constructor(
    private readonly s: Scanner,
    private readonly struct: string,
    private readonly data: CaseData,
  ) {}

  /** `[A, B, …] = idx_bus;` (at '['): binds each name to the function's output at its position. */
  idxAssignment(): void {
    const s: Scanner = this.s;
    const names: Array<{ name: string; line: number; col: number }> = [];
    s.expectChar(LBRACK, "'['");
    for (;;) {
      this.skipBlanksAndLineEnds();
      if (s.peek() === RBRACK) break;
      const line = s.line;
      const col = s.col;
      names.push({ name: s.ident('a variable name in [ … ] = idx_…'), line, col });
      this.skipBlanksAndLineEnds();
      if (s.peek() === COMMA) s.pos++;
    }
    s.pos++;
    s.skipInline();
    s.expectChar(EQ, "'=' after [ … ]");
    s.skipInline();
    const line = s.line;
    const col = s.col;
    const fn = s.ident('idx_bus, idx_gen, idx_brch or idx_cost');
    const outputs = MATPOWER_IDX_FUNCTIONS[fn];
    if (!Object.hasOwn(MATPOWER_IDX_FUNCTIONS, fn) || outputs === undefined) {
      s.error('idx_bus, idx_gen, idx_brch or idx_cost (the only functions a case file may call)', JSON.stringify(fn), line, col);
    }
    if (names.length > outputs.length) {
      const extra = names[outputs.length]!;
      s.error(`at most ${outputs.length} outputs of ${fn}`, `output ${outputs.length + 1} '${extra.name}'`, extra.line, extra.col);
    }
    names.forEach((n, i) => this.vars.set(n.name, outputs[i]![1]));
    s.endStatement();
  }

  /** `define_constants;` (after the word): binds every idx_* name. */
  defineConstants(): void {
    for (const [k, v] of defineConstants()) this.vars.set(k, v);
    this.s.endStatement();
  }

  /** `NAME = <scalar expression>;` (after NAME, read at line/col). */
  scalarAssignment(name: string): void {
    const s: Scanner = this.s;
    s.skipInline();
    s.expectChar(EQ, `'=' after '${name}' (a scalar assignment)`);
    s.skipInline();
    const line = s.line;
    const col = s.col;
    const v = this.expression(false);
    if (typeof v !== 'number') s.error('a scalar value (a variable holds one number)', `a ${v.rows}×${v.cols} block`, line, col);
    this.vars.set(name, v);
    s.endStatement();
  }

  /** `mpc.FIELD(ROWS, COLS) = <expression>;` (after `mpc.FIELD`, at '('): assigns elementwise into the matrix. */
  indexedAssignment(field: string, fieldLine: number, fieldCol: number): void {
    const s: Scanner = this.s;
    const matrix = this.matrix(field, fieldLine, fieldCol);
    const [rows, cols] = this.indices(field, matrix);
    s.skipInline();
    s.expectChar(EQ, `'=' after ${this.struct}.${field}( … )`);
    s.skipInline();
    const line = s.line;
    const col = s.col;
    const v = this.expression(false);
    const rowList = rows === 'all' ? matrix.map((_, i) => i) : rows;
    if (typeof v !== 'number' && (v.rows !== rowList.length || v.cols !== cols.length)) {
      s.error(`a value of ${rowList.length}×${cols.length} (the size of the left-hand side) or a scalar`, `${v.rows}×${v.cols}`, line, col);
    }
    rowList.forEach((r, i) => {
      cols.forEach((c, j) => {
        matrix[r]![c] = typeof v === 'number' ? v : v.data[i * v.cols + j]!;
      });
    });
    s.endStatement();
  }

  // ---- expressions (MATLAB precedence: + - < * / < unary - < ^) ----

  /** expr := term (('+' | '-') term)*; inside [ ], `a -b` is two elements as in MATLAB. */
  private expression(inBrackets: boolean): Value {
    const s: Scanner = this.s;
    let v = this.term(inBrackets);
    for (;;) {
      const before = this.mark();
      s.skipInline();
      const c = s.peek();
      if (c !== 43 && c !== 45) return this.rewind(before, v);
      if (inBrackets && s.pos > before.pos) {
        const next = s.text.charCodeAt(s.pos + 1);
        if (next !== SP && next !== TAB) return this.rewind(before, v);
      }
      const line = s.line;
      const col = s.col;
      s.pos++;
      s.skipInline();
      v = this.apply(c === 43 ? '+' : '-', v, this.term(inBrackets), line, col);
    }
  }

  private term(inBrackets: boolean): Value {
    const s: Scanner = this.s;
    let v = this.unary(inBrackets);
    for (;;) {
      const before = this.mark();
      s.skipInline();
      if (inBrackets && s.pos > before.pos && !this.atOperator()) return this.rewind(before, v);
      const line = s.line;
      const col = s.col;
      const dotted = s.peek() === DOT && (s.text[s.pos + 1] === '*' || s.text[s.pos + 1] === '/');
      const c = s.text.charCodeAt(s.pos + (dotted ? 1 : 0));
      if (c !== 42 && c !== 47) return this.rewind(before, v);
      s.pos += dotted ? 2 : 1;
      s.skipInline();
      const rhs = this.unary(inBrackets);
      const op = c === 42 ? '*' : '/';
      if (!dotted && typeof v !== 'number' && typeof rhs !== 'number') {
        s.error(`'.${op}' (elementwise); '${op}' between two blocks is matrix algebra, which case files do not use`, `'${op}'`, line, col);
      }
      if (!dotted && op === '/' && typeof rhs !== 'number') s.error('a scalar divisor (use ./ for elementwise division)', "'/' by a block", line, col);
      v = this.apply(op, v, rhs, line, col);
    }
  }

  private unary(inBrackets: boolean): Value {
    const s: Scanner = this.s;
    const c = s.peek();
    if (c === 45 || c === 43) {
      const line = s.line;
      const col = s.col;
      s.pos++;
      s.skipInline();
      const v = this.unary(inBrackets);
      return c === 45 ? this.apply('*', -1, v, line, col) : v;
    }
    return this.power(inBrackets);
  }

  private power(inBrackets: boolean): Value {
    const s: Scanner = this.s;
    let v = this.primary();
    for (;;) {
      const before = this.mark();
      s.skipInline();
      if (inBrackets && s.pos > before.pos && !this.atOperator()) return this.rewind(before, v);
      const dotted = s.peek() === DOT && s.text[s.pos + 1] === '^';
      if (!dotted && s.text[s.pos] !== '^') return this.rewind(before, v);
      const line = s.line;
      const col = s.col;
      s.pos += dotted ? 2 : 1;
      s.skipInline();
      // MATLAB: the exponent may carry a sign (2^-1), and ^ is left-associative.
      let sign = 1;
      while (s.peek() === 45 || s.peek() === 43) {
        if (s.peek() === 45) sign = -sign;
        s.pos++;
        s.skipInline();
      }
      const e = this.primary();
      if (!dotted && typeof v !== 'number') s.error("'.^' (elementwise); '^' of a block is a matrix power", "'^'", line, col);
      v = this.apply('^', v, sign === 1 ? e : this.apply('*', -1, e, line, col), line, col);
    }
  }

  /** number | ( expr ) | variable | mpc.baseMVA | mpc.M(ROWS, COLS) */
  private primary(): Value {
    const s: Scanner = this.s;
    const line = s.line;
    const col = s.col;
    const c = s.peek();
    if (c === LPAREN) {
      s.pos++;
      s.skipInline();
      const v = this.expression(false);
      s.skipInline();
      s.expectChar(RPAREN, "')'");
      return v;
    }
    if ((c >= 48 && c <= 57) || c === DOT) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.text.slice(s.pos, s.pos + 64));
      if (!m) s.error('a number', s.found(), line, col);
      s.pos += m[0].length;
      return Number(m[0]);
    }
    if (!/[A-Za-z_]/.test(s.text[s.pos] ?? '')) s.error('a number, a variable or ( … )', s.found(), line, col);
    const name = s.ident('a number, a variable or ( … )');
    if (name === this.struct) {
      s.expectChar(DOT, `'.' after '${this.struct}'`);
      const fLine = s.line;
      const fCol = s.col;
      const field = s.ident(`a field name after '${this.struct}.'`);
      if (field === 'baseMVA') {
        if (this.data.baseMVA === undefined) s.error(`${this.struct}.baseMVA assigned before it is used`, `'${this.struct}.baseMVA'`, fLine, fCol);
        return this.data.baseMVA;
      }
      const matrix = this.matrix(field, fLine, fCol);
      if (s.peek() !== LPAREN) s.error(`'(' to index ${this.struct}.${field} (whole matrices are not used in expressions)`, s.found());
      const [rows, cols] = this.indices(field, matrix);
      const rowList = rows === 'all' ? matrix.map((_, i) => i) : rows;
      if (rowList.length === 1 && cols.length === 1) return matrix[rowList[0]!]![cols[0]!]!;
      const data: number[] = [];
      for (const r of rowList) for (const k of cols) data.push(matrix[r]![k]!);
      return { rows: rowList.length, cols: cols.length, data };
    }
    const fn = Object.hasOwn(MATH_FUNCTIONS, name) ? MATH_FUNCTIONS[name] : undefined;
    if (fn !== undefined && s.peek() === LPAREN) {
      s.pos++;
      s.skipInline();
      const arg = this.expression(false);
      s.skipInline();
      s.expectChar(RPAREN, `')' to close ${name}(`);
      return typeof arg === 'number' ? fn(arg) : { rows: arg.rows, cols: arg.cols, data: arg.data.map(fn) };
    }
    if (name === 'Inf') return Infinity;
    if (name === 'NaN') return NaN;
    if (name === 'pi') return Math.PI;
    const v = this.vars.get(name);
    if (v === undefined) {
      s.skipInline();
      if (s.peek() === LPAREN) s.error('a number, a variable or mpc.<field>(…) (case files call no functions here)', `a call of '${name}'`, line, col);
      s.error('a variable assigned earlier in the file', `'${name}'`, line, col);
    }
    return v;
  }

  /** `(ROWS, COLS)` of a matrix: ROWS is ':' or a scalar; COLS a scalar or `[a b …]`; 1-based in the file, 0-based here. */
  private indices(field: string, matrix: number[][]): [Index, number[]] {
    const s: Scanner = this.s;
    s.expectChar(LPAREN, "'('");
    s.skipInline();
    let rows: Index;
    if (s.peek() === COLON) {
      s.pos++;
      rows = 'all';
    } else {
      rows = [this.position(`a row of ${this.struct}.${field}`, matrix.length)];
    }
    s.skipInline();
    s.expectChar(COMMA, `',' and the columns (${this.struct}.${field}(ROWS, COLS))`);
    s.skipInline();
    let cols: number[];
    const width = matrix[0]?.length ?? 0;
    if (s.peek() === COLON) s.error(`the columns to use (a column name or [A B])`, "':' (a whole-matrix operation)");
    if (s.peek() === LBRACK) {
      s.pos++;
      cols = [];
      for (;;) {
        s.skipInline();
        if (s.peek() === RBRACK) break;
        cols.push(this.position(`a column of ${this.struct}.${field}`, width, true));
        s.skipInline();
        if (s.peek() === COMMA) s.pos++;
      }
      s.pos++;
      if (cols.length === 0) s.error('at least one column in [ ]', "'[]'");
    } else {
      cols = [this.position(`a column of ${this.struct}.${field}`, width)];
    }
    s.skipInline();
    s.expectChar(RPAREN, `')' (only 2-D indexing ${this.struct}.${field}(ROWS, COLS))`);
    return [rows, cols];
  }

  /** A scalar index expression, checked to be an integer in 1 … size; returned 0-based. */
  private position(what: string, size: number, inBrackets = false): number {
    const s: Scanner = this.s;
    const line = s.line;
    const col = s.col;
    const v = this.expression(inBrackets);
    s.skipInline();
    if (s.peek() === COLON) s.error(`${what} (a single index; ranges a:b are not supported)`, "':'");
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > size) {
      s.error(`${what}: an integer from 1 to ${size}`, typeof v === 'number' ? String(v) : 'a block', line, col);
    }
    return v - 1;
  }

  private matrix(field: string, line: number, col: number): number[][] {
    if (!(MATRICES as readonly string[]).includes(field)) {
      this.s.error(`${this.struct}.bus, .gen or .branch (the matrices code may scale)`, `'${this.struct}.${field}'`, line, col);
    }
    const m = this.data[field as MatrixField];
    if (m === undefined) this.s.error(`${this.struct}.${field} assigned before this statement`, `'${this.struct}.${field}'`, line, col);
    return m;
  }

  /** Elementwise arithmetic with scalar broadcast; blocks must have the same shape. */
  private apply(op: '+' | '-' | '*' | '/' | '^', a: Value, b: Value, line: number, col: number): Value {
    const f = (x: number, y: number): number =>
      op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : Math.pow(x, y);
    if (typeof a === 'number' && typeof b === 'number') return f(a, b);
    if (typeof a !== 'number' && typeof b !== 'number' && (a.rows !== b.rows || a.cols !== b.cols)) {
      this.s.error(`blocks of the same size for '${op}'`, `${a.rows}×${a.cols} and ${b.rows}×${b.cols}`, line, col);
    }
    const shape = typeof a === 'number' ? (b as Block) : a;
    const data = shape.data.map((_, i) => f(typeof a === 'number' ? a : a.data[i]!, typeof b === 'number' ? b : b.data[i]!));
    return { rows: shape.rows, cols: shape.cols, data };
  }

  private atOperator(): boolean {
    const c = this.s.text[this.s.pos];
    return c === '*' || c === '/' || c === '^' || (c === '.' && /[*/^]/.test(this.s.text[this.s.pos + 1] ?? ''));
  }

  /** Where the cursor is, to go back to. */
  private mark(): Mark {
    return { pos: this.s.pos, line: this.s.line, lineStart: this.s.lineStart };
  }

  /** Goes back to `m` and returns `v`: blanks before a token that ends an expression belong to the caller. */
  private rewind(m: Mark, v: Value): Value {
    this.s.pos = m.pos;
    this.s.line = m.line;
    this.s.lineStart = m.lineStart;
    return v;
  }

  private skipBlanksAndLineEnds(): void {
    const s: Scanner = this.s;
    for (;;) {
      s.skipInline();
      if (s.peek() === NL) s.newline();
      else return;
    }
  }
}
