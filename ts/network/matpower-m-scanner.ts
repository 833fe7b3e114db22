/** The lexer of MATPOWER `.m` case files: blanks, `%` and `%{ … %}` comments, `...` continuations, numbers, strings, matrix and cell literals, with the line and column of every error. */
import { ParseError } from '../errors.js';

/** Character codes the scanner and the parser test for. */
export const NL = 10, CR = 13, SP = 32, TAB = 9, PCT = 37, SEMI = 59, COMMA = 44, DOT = 46, LBRACK = 91, RBRACK = 93;
/** Character codes the scanner and the parser test for. */
export const LBRACE = 123, RBRACE = 125, QUOTE = 39, DQUOTE = 34, EQ = 61, LPAREN = 40, RPAREN = 41, COLON = 58;

/** A cursor over a MATPOWER .m file with line and column, and readers for its literals (numbers, strings, matrices). */
export class Scanner {
  pos = 0;
  line = 1;
  lineStart = 0;
  constructor(readonly text: string, readonly file: string) {}

  get col(): number {
    return this.pos - this.lineStart + 1;
  }
  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }
  eof(): boolean {
    return this.pos >= this.text.length;
  }
  newline(): void {
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }
  isContinuation(): boolean {
    const t = this.text;
    return t.charCodeAt(this.pos) === DOT && t.charCodeAt(this.pos + 1) === DOT && t.charCodeAt(this.pos + 2) === DOT;
  }
  skipToLineEnd(): void {
    const t = this.text;
    while (this.pos < t.length && t.charCodeAt(this.pos) !== NL) this.pos++;
  }
  /** At a '%': skips a line comment, or a whole `%{ … %}` block comment when '%{' stands alone on its line. */
  skipComment(): void {
    const t = this.text;
    const lineText = (from: number): string => {
      let e = t.indexOf('\n', from);
      if (e < 0) e = t.length;
      return t.slice(from, e).trim();
    };
    if (lineText(this.lineStart) !== '%{') {
      this.skipToLineEnd();
      return;
    }
    const line = this.line;
    const col = this.col;
    this.skipToLineEnd();
    for (;;) {
      if (this.eof()) this.error(`'%}' to close the block comment opened at line ${line}, column ${col}`, 'end of file');
      this.newline();
      if (lineText(this.pos) === '%}') {
        this.skipToLineEnd();
        return;
      }
      this.skipToLineEnd();
    }
  }
  /** Skips blanks, comments and `...` continuations (with their line end); stops at a newline that ends a row or statement. */
  skipInline(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === SP || c === TAB || c === CR) this.pos++;
      else if (c === PCT) this.skipComment();
      else if (c === DOT && this.isContinuation()) {
        this.skipToLineEnd();
        if (!this.eof()) this.newline();
      } else return;
    }
  }
  /** Skips blanks, comments and line ends. */
  skipAll(): void {
    for (;;) {
      this.skipInline();
      if (this.peek() === NL) this.newline();
      else return;
    }
  }
  error(expected: string, found?: string, line = this.line, col = this.col): never {
    throw new ParseError(this.file, line, col, expected, found);
  }
  /** Describes the text at the cursor for an error message. */
  found(): string {
    if (this.eof()) return 'end of file';
    const rest = /^[^\s;,\]\[{}%=]*/.exec(this.text.slice(this.pos, this.pos + 40))![0];
    return JSON.stringify(rest.length > 0 ? rest : this.text[this.pos]);
  }
  ident(expected: string): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!m) this.error(expected, this.found());
    this.pos += m[0].length;
    return m[0];
  }
  expectChar(code: number, expected: string): void {
    if (this.peek() !== code) this.error(expected, this.found());
    this.pos++;
  }
  /** After a statement's value: optional `;` or `,`, then only a comment until the end of the line. */
  endStatement(): void {
    this.skipInline();
    const c = this.peek();
    if (c === SEMI || c === COMMA) {
      this.pos++;
      this.skipInline();
    }
    if (!this.eof() && this.peek() !== NL) this.error("end of statement (';' or a new line)", this.found());
  }

  number(): number {
    const t = this.text;
    const start = this.pos;
    const line = this.line;
    const col = this.col;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === SP || c === TAB || c === CR || c === NL || c === COMMA || c === SEMI || c === RBRACK || c === PCT) break;
      if (c === DOT && this.isContinuation()) break;
      this.pos++;
    }
    const tok = t.slice(start, this.pos);
    const v = parseNumberToken(tok);
    if (v === undefined) this.error('a number', JSON.stringify(tok), line, col);
    return v;
  }

  string(): string {
    const q = this.peek();
    if (q !== QUOTE && q !== DQUOTE) this.error('a quoted string', this.found());
    const line = this.line;
    const col = this.col;
    this.pos++;
    let out = '';
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length || t.charCodeAt(this.pos) === NL) this.error('closing quote of the string', 'end of line', line, col);
      const c = t.charCodeAt(this.pos);
      if (c === q) {
        if (t.charCodeAt(this.pos + 1) === q) {
          out += t[this.pos];
          this.pos += 2;
          continue;
        }
        this.pos++;
        return out;
      }
      out += t[this.pos];
      this.pos++;
    }
  }

  /** A matrix literal `[ … ]` of numbers; every row the same length. */
  matrix(field: string): number[][] {
    const openLine = this.line;
    const openCol = this.col;
    this.expectChar(LBRACK, `'[' to start the matrix of mpc.${field}`);
    const rows: number[][] = [];
    let row: number[] = [];
    let rowLine = 0;
    let rowCol = 0;
    const endRow = (): void => {
      if (row.length === 0) return;
      if (rows.length > 0 && row.length !== rows[0]!.length) {
        this.error(`${rows[0]!.length} values in row ${rows.length + 1} of mpc.${field} (like row 1)`, `${row.length} values`, rowLine, rowCol);
      }
      rows.push(row);
      row = [];
    };
    for (;;) {
      this.skipInline();
      const c = this.peek();
      if (c === -1) this.error(`']' to close the matrix of mpc.${field} opened at line ${openLine}, column ${openCol}`, 'end of file');
      if (c === NL) {
        endRow();
        this.newline();
      } else if (c === SEMI) {
        endRow();
        this.pos++;
      } else if (c === COMMA) {
        if (row.length === 0) this.error('a number', "','");
        this.pos++;
      } else if (c === RBRACK) {
        endRow();
        this.pos++;
        return rows;
      } else {
        if (row.length === 0) {
          rowLine = this.line;
          rowCol = this.col;
        }
        row.push(this.number());
      }
    }
  }

  /** A cell array of strings `{ 'a'; 'b' }`. */
  cellOfStrings(field: string): string[] {
    const openLine = this.line;
    const openCol = this.col;
    this.expectChar(LBRACE, `'{' to start the cell array of mpc.${field}`);
    const out: string[] = [];
    for (;;) {
      this.skipInline();
      const c = this.peek();
      if (c === -1) this.error(`'}' to close the cell array of mpc.${field} opened at line ${openLine}, column ${openCol}`, 'end of file');
      if (c === NL) this.newline();
      else if (c === SEMI || c === COMMA) this.pos++;
      else if (c === RBRACE) {
        this.pos++;
        return out;
      } else out.push(this.string());
    }
  }
}

/** Parses one numeric token: decimal/exponent literals, Inf, -Inf, NaN (MATLAB spellings); undefined if not a number. */
function parseNumberToken(tok: string): number | undefined {
  switch (tok) {
    case 'Inf': case 'inf': case '+Inf': case '+inf': return Infinity;
    case '-Inf': case '-inf': return -Infinity;
    case 'NaN': case 'nan': return NaN;
  }
  // Only these characters may appear; Number() then rejects malformed arrangements ("1-2", "1e", ".").
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === DOT || c === 43 || c === 45 || c === 101 || c === 69)) return undefined;
  }
  const v = Number(tok);
  // -0 is read as 0: the JSON form cannot carry -0, and both forms must compile to identical arrays.
  return Number.isNaN(v) ? undefined : v === 0 ? 0 : v;
}
