/**
 * Import of real meter data from CSV text (browser-safe: no node: imports; read the file yourself, or use
 * meter-csv-file.ts in Node). Hand-parsed rather than with csv-parse: csv-parse/sync calls Node's Buffer, so it
 * does not run in browsers without a polyfill, and tracking each field's line and column is simpler here.
 *
 * Format: one header line (optional) and one row per interval with a timestamp column and a value column. The
 * delimiter is ',', ';' or tab (taken from the first line); with ';' or tab a decimal comma is accepted. Lines that
 * are empty or start with '#' are skipped (but counted, so line numbers are the file's). Double-quoted fields are
 * supported on one line.
 * - Columns: the timestamp column is the one named timestamp/time/datetime/date/ts/start/interval_start (or the first
 *   column, or `timestampColumn`); the value column is the first other column whose name carries a unit (kWh, Wh, kW,
 *   W, e.g. "consumption_kwh" or "Power [kW]"), else `valueColumn`, else the second of two columns.
 * - Units: from the header, or `valueUnit` when the header has none (or there is no header). A header unit and a
 *   different `valueUnit` is an error, never a silent choice. Energy columns (kWh or Wh) are energy per interval;
 *   power columns (kW or W) are the interval's average power. The output is always average kW per interval.
 * - Time zones: a timestamp with 'Z' or an offset (+01:00) is an exact instant. One without is read either in the
 *   IANA zone `timeZone` (e.g. 'Europe/Berlin', with its daylight-saving rules: a wall time skipped when clocks go
 *   forward is an error; the hour repeated when they go back is read in order, first occurrence then second), or
 *   at the fixed offset `naiveUtcOffsetHours` (default 0 = UTC, no DST: local-time exports around a DST change then
 *   show up as a duplicate or a gap, reported with its line). Zones use Intl (full ICU: Node, browsers).
 * - Timestamps mark the interval START unless `timestampMarks: 'end'`.
 * - Checks, each a ParseError(file, line, column, expected, found) at the first offending line: unparseable
 *   timestamp or value, wrong field count, duplicate or decreasing timestamps, an interval that is not a whole
 *   multiple of the step (`expectedDtHours`, else the most common spacing), negative values (unless `netMeter`),
 *   and gaps unless `fillGaps` says how to fill them ('zero' or 'interpolate', linear in kW). Filled steps are marked
 *   in `filled` and listed in `gaps`.
 */
import { ParseError, ValidationError } from '../../errors.js';
import { MS_PER_HOUR, localTimeInstants, parseIsoInstantMs, parseIsoParts, timeZoneOffsetMinutes, type TimeGrid } from './time-grid.js';

/** Unit of a meter CSV value column. */
export type MeterValueUnit = 'kWh' | 'Wh' | 'kW' | 'W';

/** Options of `parseMeterCsv`. */
export interface MeterCsvOptions {
  /** File name used in error messages. */
  file: string;
  /** Unit of the value column when the header does not name one. */
  valueUnit?: MeterValueUnit;
  /** Expected interval, hours (default: the most common spacing of the timestamps). */
  expectedDtHours?: number;
  /** What to do with missing intervals (default 'error'). */
  fillGaps?: 'error' | 'zero' | 'interpolate';
  /** Allow negative values (net meters that export). Default false. */
  netMeter?: boolean;
  /** Offset from UTC at which timestamps without an offset are read, hours (default 0). */
  naiveUtcOffsetHours?: number;
  /** IANA time zone in which timestamps without an offset are read, with its DST rules (instead of naiveUtcOffsetHours). */
  timeZone?: string;
  /** Whether a timestamp marks the start (default) or the end of its interval. */
  timestampMarks?: 'start' | 'end';
  /** Timestamp column: header name or 0-based index. */
  timestampColumn?: string | number;
  /** Value column: header name or 0-based index. */
  valueColumn?: string | number;
  /**
   * How error messages name these options (default 'the valueUnit option', …): a caller that exposes them under
   * other names (a scenario's `prosumers[3].load.unit`) passes those, so a hint never names a field the user cannot set.
   */
  optionNames?: Partial<Record<MeterHintOption, string>>;
}

/** Options an error message may suggest. */
export type MeterHintOption = 'valueUnit' | 'valueColumn' | 'netMeter' | 'fillGaps' | 'expectedDtHours';

/** How a hint names option `k`. */
function optionName(options: MeterCsvOptions, k: MeterHintOption): string {
  return options.optionNames?.[k] ?? `the ${k} option`;
}

/** A missing stretch of intervals found in the data. */
export interface MeterGap {
  /** Line of the last row before the gap. */
  afterLine: number;
  /** Line of the first row after the gap. */
  beforeLine: number;
  /** Start of the first missing interval, ISO 8601 UTC. */
  fromIso: string;
  /** Number of missing intervals. */
  missingSteps: number;
}

/** Options of meterSeriesOnGrid. */
export interface MeterOnGridOptions {
  /**
   * Data coarser than the grid (hourly meter data, 15-minute steps): 'hold' repeats each interval's average power
   * over the grid steps inside it (energy per interval kept); without it such data is an error.
   */
  resample?: 'hold';
  /** How the error message names the resample option (default 'the resample option'). */
  resampleName?: string;
}

/** Meter data on a regular interval, average kW per interval. */
export interface MeterSeries {
  /** Source file name. */
  file: string;
  /** Start of the first interval, ms since the epoch (UTC). */
  startMs: number;
  /** Start of the first interval, ISO 8601 UTC. */
  startIso: string;
  /** Interval length, hours. */
  dtHours: number;
  /** Average power per interval, kW (negative = export, only with netMeter). */
  kw: Float64Array;
  /** 1 where the interval was filled (fillGaps), 0 where it came from the file. */
  filled: Uint8Array;
  /** Source line of each interval (0 for filled ones). */
  sourceLine: Int32Array;
  /** The gaps found (empty unless fillGaps was 'zero' or 'interpolate'). */
  gaps: MeterGap[];
  /** Unit the values had in the file. */
  sourceUnit: MeterValueUnit;
}

interface Field {
  text: string;
  column: number; // 1-based character column where the field starts
}

function splitLine(line: string, delimiter: string, file: string, lineNo: number): Field[] {
  const fields: Field[] = [];
  let i = 0;
  for (;;) {
    const column = i + 1;
    let text = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new ParseError(file, lineNo, column, 'a closing double quote');
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += line[i++];
      }
      if (i < line.length && line[i] !== delimiter) throw new ParseError(file, lineNo, i + 1, `'${delimiter}' after a quoted field`, JSON.stringify(line[i]));
    } else {
      const j = line.indexOf(delimiter, i);
      text = j < 0 ? line.slice(i) : line.slice(i, j);
      i = j < 0 ? line.length : j;
    }
    fields.push({ text: text.trim(), column });
    if (i >= line.length) return fields;
    i++; // skip the delimiter
  }
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TIMESTAMP_NAMES = new Set(['timestamp', 'time', 'datetime', 'date_time', 'date', 'ts', 'start', 'interval_start', 'time_utc', 'timestamp_utc']);

/** The unit a column name carries, if any ('consumption_kwh' → 'kWh', 'Power [kW]' → 'kW'). */
export function unitFromColumnName(name: string): MeterValueUnit | undefined {
  const s = name.toLowerCase();
  if (/kwh/.test(s)) return 'kWh';
  if (/(^|[^a-z])wh([^a-z]|$)/.test(s)) return 'Wh';
  if (/(^|[^a-z])kw([^a-z]|$)/.test(s)) return 'kW';
  if (/(^|[^a-z])w([^a-z]|$)/.test(s)) return 'W';
  return undefined;
}

function pickColumn(spec: string | number | undefined, header: Field[] | null, file: string, line: number, what: string): number | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0) throw new ValidationError({ element: 'meter csv', id: file, field: `${what}Column`, value: spec }, 'expected a 0-based column index');
    return spec;
  }
  const idx = header ? header.findIndex((f) => f.text === spec) : -1;
  if (idx < 0) throw new ParseError(file, line, 1, `a header with a column named ${JSON.stringify(spec)}`, header ? header.map((f) => f.text).join(',') : 'no header');
  return idx;
}

/** Parses meter data CSV text into a regular kW series; see the file header for format, units and checks. */
export function parseMeterCsv(text: string, options: MeterCsvOptions): MeterSeries {
  const file = options.file;
  const fillGaps = options.fillGaps ?? 'error';
  const naive = options.naiveUtcOffsetHours ?? 0;
  if (!['error', 'zero', 'interpolate'].includes(fillGaps)) {
    throw new ValidationError({ element: 'meter csv', id: file, field: 'fillGaps', value: fillGaps }, "expected 'error', 'zero' or 'interpolate'");
  }
  if (options.expectedDtHours !== undefined && !(options.expectedDtHours > 0 && Number.isFinite(options.expectedDtHours))) {
    throw new ValidationError({ element: 'meter csv', id: file, field: 'expectedDtHours', value: options.expectedDtHours, unit: 'h' }, 'expected a positive interval');
  }
  if (!(Math.abs(naive) <= 18)) {
    throw new ValidationError({ element: 'meter csv', id: file, field: 'naiveUtcOffsetHours', value: naive, unit: 'h' }, 'expected an offset within ±18 h');
  }
  const zone = options.timeZone;
  if (zone !== undefined) {
    if (options.naiveUtcOffsetHours !== undefined) {
      throw new ValidationError({ element: 'meter csv', id: file, field: 'timeZone', value: zone }, 'give either timeZone or naiveUtcOffsetHours, not both');
    }
    try {
      timeZoneOffsetMinutes(zone, 0);
    } catch {
      throw new ValidationError({ element: 'meter csv', id: file, field: 'timeZone', value: zone }, "expected an IANA time zone such as 'Europe/Berlin'");
    }
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let first = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l !== '' && !l.startsWith('#')) {
      first = i;
      break;
    }
  }
  if (first < 0) throw new ParseError(file, 1, 1, 'a header or a data row', 'an empty file');
  const firstLine = lines[first]!;
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  const decimalComma = delimiter !== ',';

  const firstFields = splitLine(firstLine, delimiter, file, first + 1);
  const hasHeader = !Number.isFinite(parseIsoInstantMs(firstFields[0]!.text, naive)) ||
    (typeof options.timestampColumn === 'number' && !Number.isFinite(parseIsoInstantMs(firstFields[options.timestampColumn]?.text ?? '', naive)));
  const header = hasHeader ? firstFields : null;
  const headerLine = first + 1;

  let tsCol = pickColumn(options.timestampColumn, header, file, headerLine, 'timestamp');
  if (tsCol === undefined) {
    const named = header ? header.findIndex((f) => TIMESTAMP_NAMES.has(f.text.toLowerCase().replace(/[\s-]+/g, '_'))) : -1;
    tsCol = named >= 0 ? named : 0;
  }
  let valCol = pickColumn(options.valueColumn, header, file, headerLine, 'value');
  if (valCol === undefined && header) {
    const withUnit = header.findIndex((f, i) => i !== tsCol && unitFromColumnName(f.text) !== undefined);
    if (withUnit >= 0) valCol = withUnit;
  }
  if (valCol === undefined) {
    if (firstFields.length === 2) valCol = tsCol === 0 ? 1 : 0;
    else throw new ParseError(file, headerLine, 1, `a value column named with its unit (e.g. "kwh" or "kw"), or ${optionName(options, 'valueColumn')}`, header ? header.map((f) => f.text).join(delimiter) : firstLine);
  }
  for (const [col, what] of [[tsCol, 'timestamp'], [valCol, 'value']] as const) {
    // A column index past the last field would otherwise surface as a TypeError on the first data row.
    if (col >= firstFields.length) throw new ParseError(file, headerLine, 1, `a column ${col + 1} for the ${what}s (the ${what}Column option)`, `${firstFields.length} column(s)`);
  }
  if (valCol === tsCol) throw new ValidationError({ element: 'meter csv', id: file, field: 'valueColumn', value: valCol }, 'is the timestamp column');

  const headerUnit = header ? unitFromColumnName(header[valCol]?.text ?? '') : undefined;
  if (header && header[valCol] === undefined) throw new ParseError(file, headerLine, 1, `a column ${valCol + 1} for the values`, `${header.length} columns`);
  if (headerUnit && options.valueUnit && headerUnit !== options.valueUnit) {
    throw new ParseError(file, headerLine, header![valCol]!.column, `a value column in ${options.valueUnit} (${optionName(options, 'valueUnit')})`, `${JSON.stringify(header![valCol]!.text)}, which says ${headerUnit}`);
  }
  const unit = headerUnit ?? options.valueUnit;
  if (unit === undefined) {
    throw new ParseError(file, headerLine, header ? header[valCol]!.column : 1, `a unit in the value column's name (kWh, Wh, kW, W) or ${optionName(options, 'valueUnit')}`, header ? JSON.stringify(header[valCol]!.text) : 'no header');
  }
  if (!['kWh', 'Wh', 'kW', 'W'].includes(unit)) {
    throw new ValidationError({ element: 'meter csv', id: file, field: 'valueUnit', value: unit }, "expected 'kWh', 'Wh', 'kW' or 'W'");
  }
  const nFields = firstFields.length;

  // Rows.
  const ms: number[] = [];
  const values: number[] = [];
  const lineOf: number[] = [];
  for (let i = hasHeader ? first + 1 : first; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineNo = i + 1;
    const fields = splitLine(raw, delimiter, file, lineNo);
    if (fields.length !== nFields) {
      throw new ParseError(file, lineNo, fields[fields.length - 1]!.column, `${nFields} fields separated by '${delimiter === '\t' ? '\\t' : delimiter}'`, `${fields.length}`);
    }
    const tsField = fields[tsCol]!;
    const parts = parseIsoParts(tsField.text);
    if (!parts) throw new ParseError(file, lineNo, tsField.column, 'an ISO 8601 timestamp such as 2024-01-01T00:15:00Z', JSON.stringify(tsField.text));
    let t: number;
    if (parts.offsetMinutes !== null) t = parts.wallMs - parts.offsetMinutes * 60_000;
    else if (zone !== undefined) {
      const candidates = localTimeInstants(parts.wallMs, zone);
      if (candidates.length === 0) {
        throw new ParseError(file, lineNo, tsField.column, `a local time that exists in ${zone}`, `${JSON.stringify(tsField.text)}, skipped when the clocks go forward`);
      }
      // In the repeated hour after clocks go back, the first reading is the first occurrence, the next the second.
      const prevT = ms.length ? ms[ms.length - 1]! : -Infinity;
      t = candidates.find((c) => c > prevT) ?? candidates[candidates.length - 1]!;
    } else t = parts.wallMs - naive * MS_PER_HOUR;
    const vField = fields[valCol]!;
    const vText = decimalComma ? vField.text.replace(',', '.') : vField.text;
    if (!NUMBER_RE.test(vText)) throw new ParseError(file, lineNo, vField.column, `a number in ${unit}`, JSON.stringify(vField.text));
    const v = Number(vText);
    if (!Number.isFinite(v)) throw new ParseError(file, lineNo, vField.column, `a finite number in ${unit}`, JSON.stringify(vField.text));
    if (v < 0 && !options.netMeter) {
      throw new ParseError(file, lineNo, vField.column, `a non-negative consumption (set ${optionName(options, 'netMeter')} to true for net-metered data with export)`, vField.text);
    }
    const prev = ms.length - 1;
    if (prev >= 0 && t === ms[prev]) {
      throw new ParseError(file, lineNo, tsField.column, `a timestamp after line ${lineOf[prev]}'s`, `${JSON.stringify(tsField.text)}, a duplicate of line ${lineOf[prev]}`);
    }
    if (prev >= 0 && t < ms[prev]!) {
      throw new ParseError(file, lineNo, tsField.column, `timestamps in increasing order (line ${lineOf[prev]} is ${new Date(ms[prev]!).toISOString()})`, JSON.stringify(tsField.text));
    }
    ms.push(t);
    values.push(v);
    lineOf.push(lineNo);
  }
  if (ms.length === 0) throw new ParseError(file, lines.length, 1, 'at least one data row', 'none');

  // Interval.
  let dtMs: number;
  if (options.expectedDtHours !== undefined) dtMs = options.expectedDtHours * MS_PER_HOUR;
  else {
    if (ms.length < 2) throw new ParseError(file, lineOf[0]!, 1, `at least two rows, or ${optionName(options, 'expectedDtHours')}`, 'one row');
    const counts = new Map<number, number>();
    for (let i = 1; i < ms.length; i++) counts.set(ms[i]! - ms[i - 1]!, (counts.get(ms[i]! - ms[i - 1]!) ?? 0) + 1);
    let best = 0;
    let bestCount = 0;
    for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
    dtMs = best;
  }
  const dtHours = dtMs / MS_PER_HOUR;
  const toKw = unit === 'kWh' ? 1 / dtHours : unit === 'Wh' ? 1 / (1000 * dtHours) : unit === 'kW' ? 1 : 1 / 1000;

  const gaps: MeterGap[] = [];
  let total = 1;
  for (let i = 1; i < ms.length; i++) {
    const ratio = (ms[i]! - ms[i - 1]!) / dtMs;
    const k = Math.round(ratio);
    if (Math.abs(ratio - k) > 1e-6 || k < 1) {
      throw new ParseError(file, lineOf[i]!, 1, `a timestamp on the ${dtHours} h interval grid after line ${lineOf[i - 1]}`, new Date(ms[i]!).toISOString());
    }
    if (k > 1) {
      const gap: MeterGap = { afterLine: lineOf[i - 1]!, beforeLine: lineOf[i]!, fromIso: new Date(ms[i - 1]! + dtMs).toISOString(), missingSteps: k - 1 };
      if (fillGaps === 'error') {
        throw new ParseError(file, lineOf[i]!, 1, `the next interval at ${gap.fromIso} (or ${optionName(options, 'fillGaps')} 'zero' / 'interpolate')`, `${new Date(ms[i]!).toISOString()}: ${k - 1} missing interval(s)`);
      }
      gaps.push(gap);
    }
    total += k;
  }

  const kw = new Float64Array(total);
  const filled = new Uint8Array(total);
  const sourceLine = new Int32Array(total);
  let j = 0;
  for (let i = 0; i < ms.length; i++) {
    if (i > 0) {
      const k = Math.round((ms[i]! - ms[i - 1]!) / dtMs);
      const a = values[i - 1]! * toKw;
      const b = values[i]! * toKw;
      for (let m = 1; m < k; m++) {
        kw[j] = fillGaps === 'interpolate' ? a + ((b - a) * m) / k : 0;
        filled[j] = 1;
        j++;
      }
    }
    kw[j] = values[i]! * toKw;
    sourceLine[j] = lineOf[i]!;
    j++;
  }
  const startMs = ms[0]! - (options.timestampMarks === 'end' ? dtMs : 0);
  return { file, startMs, startIso: new Date(startMs).toISOString(), dtHours, kw, filled, sourceLine, gaps, sourceUnit: unit };
}

/**
 * The part of `series` that covers `grid`, average kW per grid step. The grid's step must equal the series interval
 * or be a whole multiple of it (then intervals are averaged), and the grid must start on an interval boundary and lie
 * inside the data; otherwise a ValidationError says what does not fit.
 */
export function meterSeriesOnGrid(series: MeterSeries, grid: TimeGrid, options: MeterOnGridOptions = {}): Float64Array {
  const ratio = grid.dtHours / series.dtHours;
  const k = Math.round(ratio);
  const finer = Math.round(series.dtHours / grid.dtHours);
  if (ratio < 1 && finer > 1 && Math.abs(series.dtHours / grid.dtHours - finer) < 1e-9) {
    if (options.resample !== 'hold') {
      throw new ValidationError(
        { element: 'meter series', id: series.file, field: 'dtHours', value: series.dtHours, unit: 'h' },
        `the data interval is coarser than the grid step ${grid.dtHours} h: set ${options.resampleName ?? 'the resample option'} to 'hold' to hold each interval's average power over its ${finer} steps`,
      );
    }
    return holdOnGrid(series, grid, finer);
  }
  if (k < 1 || Math.abs(ratio - k) > 1e-9) {
    throw new ValidationError({ element: 'meter series', id: series.file, field: 'dtHours', value: series.dtHours, unit: 'h' }, `the grid step ${grid.dtHours} h is not a whole multiple of the data interval`);
  }
  const offset = (grid.startMs - series.startMs) / (series.dtHours * MS_PER_HOUR);
  const first = Math.round(offset);
  if (Math.abs(offset - first) > 1e-9 || first < 0 || first + grid.steps * k > series.kw.length) {
    const endIso = new Date(series.startMs + series.kw.length * series.dtHours * MS_PER_HOUR).toISOString();
    throw new ValidationError({ element: 'meter series', id: series.file, field: 'startIso', value: grid.startIso }, `the grid (${grid.steps} steps of ${grid.dtHours} h) does not fall on the data's intervals inside [${series.startIso}, ${endIso})`);
  }
  const out = new Float64Array(grid.steps);
  for (let i = 0; i < grid.steps; i++) {
    let s = 0;
    for (let m = 0; m < k; m++) s += series.kw[first + i * k + m]!;
    out[i] = s / k;
  }
  return out;
}

/** Coarse data on a finer grid: each data interval's average kW held over the `per` grid steps inside it. */
function holdOnGrid(series: MeterSeries, grid: TimeGrid, per: number): Float64Array {
  const stepMs = grid.dtHours * MS_PER_HOUR;
  const offset = (grid.startMs - series.startMs) / stepMs;
  const first = Math.round(offset);
  if (Math.abs(offset - first) > 1e-9 || first < 0 || Math.floor((first + grid.steps - 1) / per) >= series.kw.length) {
    const endIso = new Date(series.startMs + series.kw.length * series.dtHours * MS_PER_HOUR).toISOString();
    throw new ValidationError({ element: 'meter series', id: series.file, field: 'startIso', value: grid.startIso }, `the grid (${grid.steps} steps of ${grid.dtHours} h) does not fall inside the data's intervals [${series.startIso}, ${endIso})`);
  }
  const out = new Float64Array(grid.steps);
  for (let i = 0; i < grid.steps; i++) out[i] = series.kw[Math.floor((first + i) / per)]!;
  return out;
}
