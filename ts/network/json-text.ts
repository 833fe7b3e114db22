/** JSON text parsing with ParseErrors that name file, line and column (shared by the network's JSON readers). */
import { ParseError } from '../errors.js';

/** Line and column (1-based) of a character offset. */
function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return [line, offset - start + 1];
}

/** JSON.parse that throws ParseError with the file, line and column of the syntax error. */
export function parseJsonText(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const [line, col] = lc ? [Number(lc[1]), Number(lc[2])] : pos ? lineCol(text, Number(pos[1])) : locateJsonError(text);
    throw new ParseError(fileName, line, col, 'valid JSON', msg);
  }
}

/**
 * Where JSON.parse failed when the engine's message gives no position: a small recursive-descent pass over the
 * text that stops at the first token the JSON grammar does not allow there.
 */
function locateJsonError(text: string): [number, number] {
  const re = /\s*("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}\[\]:,])/y;
  let pos = 0;
  let tok = '';
  let tokStart = 0;
  const fail = (): never => {
    throw lineCol(text, tokStart);
  };
  const next = (): void => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      tokStart = pos + (/^\s*/.exec(text.slice(pos))![0].length);
      tok = tokStart >= text.length ? '' : '\u0000';
      return;
    }
    tokStart = m.index + m[0].length - m[1]!.length;
    tok = m[1]!;
    pos = m.index + m[0].length;
  };
  // A function, not the variable, so TypeScript does not narrow the token across next() calls.
  const cur = (): string => tok;
  const value = (): void => {
    if (cur() === '{') {
      next();
      if (cur() === '}') return next();
      for (;;) {
        if (cur()[0] !== '"') fail();
        next();
        if (cur() !== ':') fail();
        next();
        value();
        if (cur() === '}') return next();
        if (cur() !== ',') fail();
        next();
      }
    }
    if (cur() === '[') {
      next();
      if (cur() === ']') return next();
      for (;;) {
        value();
        if (cur() === ']') return next();
        if (cur() !== ',') fail();
        next();
      }
    }
    if (cur() === '' || cur() === '\u0000' || '}]:,'.includes(cur())) fail();
    next();
  };
  try {
    next();
    value();
    if (tok !== '') fail();
  } catch (where) {
    if (Array.isArray(where)) return where as [number, number];
    throw where;
  }
  return lineCol(text, text.length);
}
