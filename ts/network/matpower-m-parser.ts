/**
 * Parser for MATPOWER `.m` case files. It reads the numeric subset MATPOWER case files are written in, not MATLAB:
 *
 *   function mpc = caseX
 *   mpc.version = '2';
 *   mpc.baseMVA = 100;
 *   mpc.bus = [ 1 3 0 0 ... ; ... ];      (also mpc.gen, mpc.branch)
 *   mpc.gencost = [ ... ];                (kept: generator costs for the DC OPF)
 *   mpc.bus_name = { 'Bus 1'; ... };      (kept as busNames)
 *
 * Matrices: elements separated by blanks or commas, rows by `;` or newlines, `%` and `%{ … %}` comments, `...` continuations,
 * `Inf`/`-Inf`/`NaN`. After the matrices, the unit-conversion code MATPOWER's distribution feeders carry
 * (`[…] = idx_bus;`, `Vbase = mpc.bus(1, BASE_KV) * 1e3;`, `mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;`) is
 * evaluated as MATLAB would (see matpower-m-code.ts). Any other statement (other `mpc.` fields, calls, loops, …) is a
 * ParseError naming file, line and column: a case we cannot read fully is refused rather than half-read.
 */
import { validateMatpowerCase, type MatpowerCase } from './matpower-case.js';
import { MatpowerCode, type CaseData } from './matpower-m-code.js';
import { DOT, DQUOTE, EQ, LBRACK, LPAREN, QUOTE, Scanner } from './matpower-m-scanner.js';

/** Other cost fields (e.g. gencost2): syntax-checked, then discarded. */
const SKIPPED_FIELD = /^gen\w*cost\w*$/;

/** What the parser expects where a statement starts. */
const STATEMENT = "a statement 'mpc.<field> = …', 'NAME = <expression>', '[…] = idx_…' or 'define_constants'";

/**
 * Parses a MATPOWER `.m` case file's text into a validated MatpowerCase. Throws ParseError (file, line, column) for
 * anything it does not read, and ValidationError for bad values (see validateMatpowerCase).
 */
export function parseMatpowerM(text: string, fileName = '<input>'): MatpowerCase {
  const s = new Scanner(text, fileName);
  let struct = 'mpc';
  let name: string | undefined;
  let version: string | undefined;
  const data: CaseData = {};
  let code = new MatpowerCode(s, 'mpc', data);
  let busNames: string[] | undefined;
  let gencost: number[][] | undefined;
  const assigned = new Map<string, number>();
  let first = true;

  for (;;) {
    s.skipAll();
    if (s.eof()) break;
    const stmtLine = s.line;
    const stmtCol = s.col;
    if (s.peek() === LBRACK) {
      first = false;
      code.idxAssignment();
      continue;
    }
    const word = s.ident(STATEMENT);
    if (word === 'function') {
      if (!first) s.error(STATEMENT, "'function' (only allowed as the first statement)", stmtLine, stmtCol);
      s.skipInline();
      struct = s.ident('the output name in "function mpc = caseName"');
      s.skipInline();
      s.expectChar(EQ, "'=' in \"function mpc = caseName\"");
      s.skipInline();
      name = s.ident('the case name in "function mpc = caseName"');
      s.endStatement();
      first = false;
      code = new MatpowerCode(s, struct, data);
      continue;
    }
    first = false;
    if (word === 'define_constants') {
      code.defineConstants();
      continue;
    }
    if (word !== struct) {
      // `NAME = …` is a scalar assignment; any other statement (a call, if, for, …) is refused here.
      s.skipInline();
      if (s.peek() !== EQ || s.text.charCodeAt(s.pos + 1) === EQ) s.error(STATEMENT, JSON.stringify(word), stmtLine, stmtCol);
      code.scalarAssignment(word);
      continue;
    }
    s.expectChar(DOT, `'.' after '${struct}'`);
    const fieldCol = s.col;
    const field = s.ident(`a field name after '${struct}.'`);
    if (s.peek() === LPAREN) {
      code.indexedAssignment(field, stmtLine, fieldCol);
      continue;
    }
    const prevLine = assigned.get(field);
    if (prevLine !== undefined) s.error(`each field assigned once`, `a second '${struct}.${field}' (first at line ${prevLine})`, stmtLine, fieldCol);
    assigned.set(field, stmtLine);
    s.skipInline();
    s.expectChar(EQ, `'=' after '${struct}.${field}'`);
    s.skipInline();
    switch (field) {
      case 'version':
        version = s.peek() === QUOTE || s.peek() === DQUOTE ? s.string() : String(s.number());
        break;
      case 'baseMVA':
        data.baseMVA = s.number();
        break;
      case 'bus':
      case 'gen':
      case 'branch':
        data[field] = s.matrix(field);
        break;
      case 'bus_name':
        busNames = s.cellOfStrings(field);
        break;
      case 'gencost':
        gencost = s.matrix(field);
        break;
      default:
        if (SKIPPED_FIELD.test(field)) {
          s.matrix(field);
          break;
        }
        s.error(
          `one of ${struct}.version, .baseMVA, .bus, .gen, .branch, .gencost, .bus_name`,
          `'${struct}.${field}' (peergrid reads power-flow data only)`,
          stmtLine,
          fieldCol,
        );
    }
    s.endStatement();
  }

  const missing = (f: string): never => s.error(`an assignment to ${struct}.${f} somewhere in the file`, 'end of file');
  const mc: MatpowerCase = {
    baseMva: data.baseMVA ?? missing('baseMVA'),
    bus: data.bus ?? missing('bus'),
    gen: data.gen ?? missing('gen'),
    branch: data.branch ?? missing('branch'),
  };
  if (name !== undefined) mc.name = name;
  if (version !== undefined) mc.version = version;
  if (busNames !== undefined) mc.busNames = busNames;
  if (gencost !== undefined) mc.gencost = gencost;
  validateMatpowerCase(mc);
  return mc;
}
