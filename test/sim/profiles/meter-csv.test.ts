import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError, ValidationError } from '../../../ts/errors.js';
import { parseMeterCsv, meterSeriesOnGrid, unitFromColumnName, type MeterCsvOptions } from '../../../ts/sim/profiles/meter-csv.js';
import { readMeterCsvFile } from '../../../ts/sim/profiles/meter-csv-file.js';
import { TimeGrid } from '../../../ts/sim/profiles/time-grid.js';

const dir = new URL('../../fixtures/meter-data/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
const parse = (name: string, opts: Partial<MeterCsvOptions> = {}) => parseMeterCsv(fixture(name), { file: name, ...opts });

/** Asserts a ParseError at file:line(:column) whose message mentions `text`. */
function expectParseError(fn: () => unknown, line: number, column: number | null, text: string | RegExp): ParseError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ParseError);
  const pe = err as ParseError;
  expect(pe.line).toBe(line);
  if (column !== null) expect(pe.column).toBe(column);
  expect(pe.message).toMatch(text);
  return pe;
}

describe('parseMeterCsv: good files', () => {
  it('reads kWh per quarter-hour and converts to average kW (kWh / 0.25 h)', () => {
    const s = parse('good-15min-kwh.csv');
    expect(s.dtHours).toBe(0.25);
    expect(s.startIso).toBe('2024-01-01T00:00:00.000Z');
    expect(s.sourceUnit).toBe('kWh');
    expect(Array.from(s.kw)).toEqual([0.1, 0.2, 0.05, 0.25, 0.4, 0.3, 0.1, 0.2].map((v) => v / 0.25));
    expect(Array.from(s.sourceLine)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.gaps).toEqual([]);
  });

  it("reads ';' + decimal comma + kW + offsets + CRLF + comments, keeping the file's line numbers", () => {
    const s = parse('semicolon-kw-offset.csv');
    expect(s.sourceUnit).toBe('kW');
    expect(s.dtHours).toBe(1);
    expect(s.startIso).toBe('2024-02-29T23:00:00.000Z'); // 00:00 at +01:00
    expect(Array.from(s.kw)).toEqual([1.25, 0.75, 0.5]);
    expect(Array.from(s.sourceLine)).toEqual([3, 4, 5]);
  });

  it('reads a headerless file with naive timestamps at a given offset, Wh per hour → kW', () => {
    const s = parse('no-header-wh-naive.csv', { valueUnit: 'Wh', naiveUtcOffsetHours: 2 });
    expect(s.startIso).toBe('2024-05-31T22:00:00.000Z');
    expect(Array.from(s.kw)).toEqual([0.1, 0.2, 0.3]);
    // Naive timestamps default to UTC.
    expect(parse('no-header-wh-naive.csv', { valueUnit: 'Wh' }).startIso).toBe('2024-06-01T00:00:00.000Z');
  });

  it("shifts by one interval when timestamps mark the interval's end", () => {
    expect(parse('good-15min-kwh.csv', { timestampMarks: 'end' }).startIso).toBe('2023-12-31T23:45:00.000Z');
  });

  it('allows negative values only for net meters', () => {
    expectParseError(() => parse('net-meter.csv'), 3, 22, /non-negative.*netMeter/);
    const s = parse('net-meter.csv', { netMeter: true });
    expect(Array.from(s.kw)).toEqual([2, -1, 0.4]);
  });

  it('reads the file from disk in Node and names the path in errors', () => {
    const path = new URL('bad-value.csv', dir).pathname;
    expect(readMeterCsvFile(new URL('good-15min-kwh.csv', dir).pathname).kw.length).toBe(8);
    const e = expectParseError(() => readMeterCsvFile(path), 3, 22, /number in kWh/);
    expect(e.file).toBe(path);
  });

  it('picks the named timestamp column and the first column with a unit among several, or the ones asked for', () => {
    const text = 'meter_id,start,import_kwh,export_kwh\nM1,2024-01-01T00:00Z,0.5,0\nM1,2024-01-01T00:15Z,0.25,0.1\n';
    const s = parseMeterCsv(text, { file: 'multi.csv' });
    expect(Array.from(s.kw)).toEqual([2, 1]);
    const e = parseMeterCsv(text, { file: 'multi.csv', valueColumn: 'export_kwh' });
    expect(e.kw[1]).toBeCloseTo(0.4, 12);
    expectParseError(() => parseMeterCsv(text, { file: 'multi.csv', valueColumn: 'net_kwh' }), 1, 1, /column named "net_kwh"/);
    // Column indexes past the last field: a ParseError naming the option, not a TypeError on the first row.
    expectParseError(() => parseMeterCsv(text, { file: 'multi.csv', valueColumn: 7 }), 1, 1, /a column 8 for the values \(the valueColumn option\).*4 column/);
    const bare = '2024-01-01T00:00Z,0.5\n2024-01-01T00:15Z,0.25\n';
    expectParseError(() => parseMeterCsv(bare, { file: 'bare.csv', valueUnit: 'kWh', valueColumn: 2 }), 1, 1, /valueColumn option/);
    expectParseError(() => parseMeterCsv(bare, { file: 'bare.csv', valueUnit: 'kWh', timestampColumn: 3, valueColumn: 1 }), 1, 1, /timestampColumn option/);
  });

  it('parses a year of quarter-hours (35,040 rows) quickly and exactly', () => {
    const rows = ['timestamp,kwh'];
    const t0 = Date.UTC(2023, 0, 1);
    for (let i = 0; i < 35_040; i++) rows.push(`${new Date(t0 + i * 900_000).toISOString()},${(i % 7) / 10}`);
    const t = performance.now();
    const s = parseMeterCsv(rows.join('\n'), { file: 'year.csv' });
    expect(performance.now() - t).toBeLessThan(2000); // ~100 ms on a quiet machine
    expect(s.kw.length).toBe(35_040);
    expect(s.kw[35_039]).toBeCloseTo(((35_039 % 7) / 10) * 4, 12);
  });

  it('recognises units in column names', () => {
    expect(unitFromColumnName('consumption_kwh')).toBe('kWh');
    expect(unitFromColumnName('Energy (Wh)')).toBe('Wh');
    expect(unitFromColumnName('Power [kW]')).toBe('kW');
    expect(unitFromColumnName('p_w')).toBe('W');
    expect(unitFromColumnName('value')).toBeUndefined();
    expect(unitFromColumnName('kwargs')).toBeUndefined();
  });
});

describe('parseMeterCsv: bad input, with the real line and column', () => {
  it('unparseable value', () => expectParseError(() => parse('bad-value.csv'), 3, 22, /number in kWh.*"abc"/));
  it('unparseable timestamp', () => expectParseError(() => parse('bad-timestamp.csv'), 3, 1, /ISO 8601.*2024-13-01/));
  it('duplicate timestamp', () => expectParseError(() => parse('duplicate.csv'), 4, 1, /duplicate of line 3/));
  it('non-monotonic timestamps', () => expectParseError(() => parse('non-monotonic.csv'), 4, 1, /increasing order/));
  it('inconsistent interval', () => expectParseError(() => parse('inconsistent-interval.csv'), 5, 1, /0.25 h interval grid after line 4/));
  it('gap reported, not filled, by default', () => expectParseError(() => parse('gap.csv'), 5, 1, /fillGaps.*2 missing interval/));
  it('no unit in header or options', () => expectParseError(() => parse('no-unit.csv'), 1, 11, /unit.*valueUnit/));
  it('header unit contradicting the valueUnit option', () =>
    expectParseError(() => parse('good-15min-kwh.csv', { valueUnit: 'kW' }), 1, 11, /which says kWh/));
  it('wrong number of fields', () =>
    expectParseError(() => parseMeterCsv('timestamp,kwh\n2024-01-01T00:00Z,1\n2024-01-01T00:15Z,1,2\n', { file: 'f.csv' }), 3, null, /2 fields/));
  it('empty file and header-only file', () => {
    expectParseError(() => parseMeterCsv('\n\n', { file: 'e.csv' }), 1, 1, /empty file/);
    expectParseError(() => parseMeterCsv('timestamp,kwh\n', { file: 'h.csv' }), 2, 1, /at least one data row/);
  });
  it('one row without expectedDtHours', () =>
    expectParseError(() => parseMeterCsv('timestamp,kwh\n2024-01-01T00:00Z,1\n', { file: 'one.csv' }), 2, 1, /expectedDtHours/));
  it('unterminated quote', () =>
    expectParseError(() => parseMeterCsv('timestamp,kwh\n"2024-01-01T00:00Z,1\n', { file: 'q.csv' }), 2, 1, /closing double quote/));
  it('bad options are ValidationErrors', () => {
    expect(() => parse('good-15min-kwh.csv', { fillGaps: 'guess' as never })).toThrow(ValidationError);
    expect(() => parse('good-15min-kwh.csv', { expectedDtHours: -1 })).toThrow(ValidationError);
  });
  it('an expected interval that the data does not follow', () =>
    expectParseError(() => parse('good-15min-kwh.csv', { expectedDtHours: 1 }), 3, 1, /1 h interval grid after line 2/));
});

describe('parseMeterCsv: explicit gap filling', () => {
  it("fills with zeros and lists the gap with its lines", () => {
    const s = parse('gap.csv', { fillGaps: 'zero' });
    expect(Array.from(s.kw)).toEqual([2, 2, 2, 0, 0, 3.2, 2.8]);
    expect(Array.from(s.filled)).toEqual([0, 0, 0, 1, 1, 0, 0]);
    expect(s.gaps).toEqual([{ afterLine: 4, beforeLine: 5, fromIso: '2024-01-01T00:45:00.000Z', missingSteps: 2 }]);
  });
  it('interpolates linearly in kW between the neighbours (2 → 3.2 over 3 steps)', () => {
    const s = parse('gap.csv', { fillGaps: 'interpolate' });
    expect(s.kw[3]).toBeCloseTo(2.4, 12);
    expect(s.kw[4]).toBeCloseTo(2.8, 12);
    expect(Array.from(s.sourceLine)).toEqual([2, 3, 4, 0, 0, 5, 6]);
  });
});

describe('parseMeterCsv: local time in an IANA zone (daylight saving)', () => {
  it('reads the repeated hour when clocks go back as first then second occurrence: a continuous hourly series', () => {
    const s = parse('local-time-dst-fall-back.csv', { timeZone: 'Europe/Berlin' });
    expect(s.startIso).toBe('2024-10-26T22:00:00.000Z'); // 00:00 CEST = UTC+2
    expect(s.dtHours).toBe(1);
    expect(Array.from(s.kw)).toEqual([0.5, 0.4, 0.3, 0.3, 0.2]);
    expect(s.gaps).toEqual([]);
    // Read at a fixed offset instead, the repeated hour is a duplicate, reported on its line.
    expectParseError(() => parse('local-time-dst-fall-back.csv', { naiveUtcOffsetHours: 1 }), 5, 1, /duplicate of line 4/);
  });
  it('knows that 02:00 does not exist when clocks go forward (01:00 → 03:00 is one hour)', () => {
    const s = parse('local-time-dst-spring-forward.csv', { timeZone: 'Europe/Berlin' });
    expect(s.startIso).toBe('2024-03-30T23:00:00.000Z');
    expect(s.kw.length).toBe(4);
    expect(s.gaps).toEqual([]);
  });
  it('rejects a wall time skipped by the clock change, and an unknown zone', () => {
    expectParseError(() => parse('local-time-dst-gap.csv', { timeZone: 'Europe/Berlin' }), 4, 1, /exists in Europe\/Berlin.*02:30/);
    expect(() => parse('good-15min-kwh.csv', { timeZone: 'Mars/Olympus' })).toThrow(/IANA/);
    expect(() => parse('good-15min-kwh.csv', { timeZone: 'UTC', naiveUtcOffsetHours: 1 })).toThrow(/not both/);
  });
  it('leaves timestamps with explicit offsets alone', () => {
    expect(parse('semicolon-kw-offset.csv', { timeZone: 'America/New_York' }).startIso).toBe('2024-02-29T23:00:00.000Z');
  });
});

describe('meterSeriesOnGrid', () => {
  const s = parse('good-15min-kwh.csv');
  it('returns the same steps on an identical grid and hourly means on an hourly grid', () => {
    expect(Array.from(meterSeriesOnGrid(s, new TimeGrid({ startIso: '2024-01-01T00:15:00Z', steps: 2, dtHours: 0.25 })))).toEqual([0.8, 0.2]);
    const hourly = meterSeriesOnGrid(s, new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 2, dtHours: 1 }));
    expect(hourly[0]).toBeCloseTo(0.6 / 1, 12); // 0.1+0.2+0.05+0.25 kWh in one hour
    expect(hourly[1]).toBeCloseTo(1.0, 12);
  });
  it('rejects grids outside the data, off the interval boundaries or with a non-multiple step', () => {
    expect(() => meterSeriesOnGrid(s, new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 3, dtHours: 1 }))).toThrow(ValidationError);
    expect(() => meterSeriesOnGrid(s, new TimeGrid({ startIso: '2024-01-01T00:05:00Z', steps: 1, dtHours: 0.25 }))).toThrow(ValidationError);
    expect(() => meterSeriesOnGrid(s, new TimeGrid({ startIso: '2024-01-01T00:00:00Z', steps: 1, dtHours: 0.1 }))).toThrow(ValidationError);
  });
});
