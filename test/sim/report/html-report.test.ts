import { describe, expect, it } from 'vitest';
import { runComparison } from '../../../ts/sim/engine/run-comparison.js';
import { defaultSimulationDeps } from '../../../ts/sim/engine/default-deps.js';
import { renderHtmlReport } from '../../../ts/sim/report/html-report.js';
import { renderLineChart } from '../../../ts/sim/report/svg-chart.js';
import { validateScenario } from '../../../ts/sim/scenario/validate-scenario.js';
import { nodeFiles, smallScenario } from '../sim-test-helpers.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const VOID_HTML = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

/**
 * A strict little XML parser (independent of the renderer): every tag closed in order, attribute values quoted,
 * no duplicate attributes, `&` only in the five XML entities or numeric references, no raw `<` in text. Throws on
 * the first problem; `html` allows the HTML void elements and a doctype.
 */
function parseXml(src: string, html = false): El {
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt < 0 ? src.length : lt);
    if (entity.test(text)) throw new Error(`bare & in text near ${JSON.stringify(text.slice(0, 40))}`);
    if (text.includes('>')) throw new Error(`bare > in text near ${JSON.stringify(text.slice(0, 40))}`);
    stack.at(-1)!.text += text;
    if (lt < 0) break;
    const gt = src.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const tag = src.slice(lt + 1, gt);
    i = gt + 1;
    if (html && /^!doctype html$/i.test(tag)) continue;
    if (tag.startsWith('/')) {
      const top = stack.pop()!;
      if (top.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${top.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const m = /^([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*\/?$/.exec(tag);
    if (!m) throw new Error(`malformed tag <${tag.slice(0, 60)}>`);
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]} in <${m[1]}>`);
      if (entity.test(a[2]!)) throw new Error(`bare & in attribute ${a[1]}`);
      attrs[a[1]!] = a[2]!;
    }
    const el: El = { name: m[1]!, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    if (!selfClosing && !(html && VOID_HTML.has(el.name))) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  return root;
}

function all(el: El, name: string, out: El[] = []): El[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    all(c, name, out);
  }
  return out;
}

/** Checks a chart: well-formed, finite coordinates, every label inside the viewBox. */
function checkSvg(svg: El): { texts: string[]; paths: El[] } {
  expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  const [x0, y0, w, h] = svg.attrs.viewBox!.split(' ').map(Number);
  expect([x0, y0]).toEqual([0, 0]);
  for (const el of [...all(svg, 'line'), ...all(svg, 'text'), ...all(svg, 'rect')]) {
    for (const k of ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height']) {
      if (el.attrs[k] === undefined) continue;
      const v = Number(el.attrs[k]);
      expect(Number.isFinite(v), `${el.name}.${k}=${el.attrs[k]}`).toBe(true);
    }
  }
  for (const t of all(svg, 'text')) {
    if (t.attrs.transform) continue; // the rotated y-axis label
    if (t.attrs.transform) continue; // rotated category labels (checked in the bar-chart test)
    const x = Number(t.attrs.x);
    const y = Number(t.attrs.y);
    // Width estimate: ≤ 0.62 em per character at the 11 px default (bold 14 px title: its own estimate).
    const half = t.attrs['text-anchor'] === 'middle';
    const end = t.attrs['text-anchor'] === 'end';
    const px = t.text.length * (t.attrs['font-size'] === '14' ? 8 : 6.2);
    const left = end ? x - px : half ? x - px / 2 : x;
    const right = end ? x : half ? x + px / 2 : x + px;
    expect(left, `"${t.text}" starts left of the chart`).toBeGreaterThanOrEqual(0);
    expect(right, `"${t.text}" runs past the right edge`).toBeLessThanOrEqual(w!);
    expect(y, `"${t.text}" below the chart`).toBeLessThanOrEqual(h!);
    expect(y).toBeGreaterThan(0);
  }
  const paths = all(svg, 'path');
  for (const p of paths) expect(p.attrs.d).toMatch(/^(?:[ML]-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?)*$/);
  for (const p of all(svg, 'polygon')) expect(p.attrs.points).toMatch(/^-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?(?: -?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?)*$/);
  return { texts: all(svg, 'text').map((t) => t.text), paths };
}

describe('report.html', () => {
  const scenario = validateScenario(smallScenario({ horizon: { start: '2024-06-03T06:00:00Z', steps: 32, dtHours: 0.25 }, engine: 'ts' }));
  const results = runComparison(scenario, {
    deps: defaultSimulationDeps,
    files: nodeFiles(),
    mechanisms: ['none', 'uniform', 'pay-as-bid', 'sdr', 'mmr', 'bill-sharing'],
  });
  const html = renderHtmlReport(results, { title: 'test <report> & co', vmLimitsPu: [0.9, 1.1], notes: ['a "note" <b>'], currency: 'CHF', thermalRatings: false });

  it('is well-formed, self-contained (no scripts, no external references) and escapes user text', () => {
    const doc = parseXml(html, true);
    expect(doc.children.map((c) => c.name)).toEqual(['html']);
    expect(all(doc, 'script')).toEqual([]);
    // Only links within the page (column headers → their definitions), each to an existing id.
    expect(html).not.toMatch(/src\s*=|href\s*=\s*"[^#]|url\(|@import/i);
    const ids = new Set(all(doc, 'dt').map((d) => d.attrs.id));
    const links = all(doc, 'a').map((a) => a.attrs.href!.slice(1));
    expect(links.length).toBeGreaterThan(10);
    for (const l of links) expect(ids.has(l), l).toBe(true);
    for (const d of ['Gini', 'Jain', 'Welfare']) expect(all(doc, 'dt').some((x) => x.text.includes(d))).toBe(true);
    expect(all(doc, 'title')[0]!.text).toBe('test &lt;report&gt; &amp; co');
    expect(all(doc, 'meta')[0]!.attrs.charset).toBe('utf-8');
    // The market table: header + one row per run, one cell per column, money headers in the currency.
    const table = all(doc, 'table')[0]!;
    const rows = all(table, 'tr');
    expect(rows.length).toBe(1 + results.length);
    const cols = all(rows[0]!, 'th').length;
    expect(cols).toBeLessThanOrEqual(14); // ≈ 800 px at 12 px type
    for (const r of rows.slice(1)) expect(all(r, 'td').length).toBe(cols);
    const units = all(rows[0]!, 'span').map((x) => x.text);
    expect(units).toContain('CHF');
    expect(units).toContain('CHF/kWh');
    expect(html).not.toMatch(/\bEUR\b/);
    // The physics table: one column for every mechanism (same flows), thermal figures say 'no ratings'.
    const physics = all(doc, 'table')[1]!;
    expect(all(all(physics, 'tr')[0]!, 'th').map((x) => x.text)).toEqual(['figure', 'every mechanism']);
    expect(all(physics, 'td').filter((x) => x.text === 'no ratings').length).toBe(2);
  });

  it('has the four charts, each with a title, both axis labels, ticks, data and labels inside the picture', () => {
    const doc = parseXml(html, true);
    const svgs = all(doc, 'svg');
    expect(svgs.length).toBe(4);
    const want = [
      [/^Voltage envelope/, 'time (UTC)', 'voltage, p.u.'],
      [/^P2P price over time/, 'time (UTC)', 'CHF per kWh'],
      [/^Savings per prosumer/, 'prosumers, sorted by savings', 'savings, CHF'],
      [/^Energy per day/, 'day (local time)', 'kWh'],
    ] as const;
    svgs.forEach((svg, k) => {
      const { texts, paths } = checkSvg(svg);
      expect(texts[0]).toMatch(want[k]![0]);
      expect(texts).toContain(want[k]![1]);
      expect(texts).toContain(want[k]![2]);
      expect(texts.filter((t) => /^-?[\d.]+(?:e[+-]\d+)?$/.test(t)).length).toBeGreaterThanOrEqual(3); // y ticks
      expect(paths.some((p) => p.attrs.d!.length > 20) || all(svg, 'rect').length > 3).toBe(true);
    });
    // The legends name every P2P mechanism on the price, savings and traded-energy charts (identical series together).
    for (const k of [1, 2, 3]) {
      const legend = checkSvg(svgs[k]!).texts.join(' ');
      for (const m of ['uniform', 'pay-as-bid', 'sdr', 'mmr', 'bill-sharing']) expect(legend).toContain(m);
    }
  });

  it('draws one voltage envelope because every mechanism has the same physical flows', () => {
    for (const r of results.slice(1)) {
      expect(Array.from(r.series.vmMaxPu!)).toEqual(Array.from(results[0]!.series.vmMaxPu!));
      expect(Array.from(r.series.vmMinPu!)).toEqual(Array.from(results[0]!.series.vmMinPu!));
      expect(Array.from(r.series.substationKw!)).toEqual(Array.from(results[0]!.series.substationKw!));
    }
    const svg = all(parseXml(html, true), 'svg')[0]!;
    expect(all(svg, 'path').length).toBe(2);
  });

  it('wraps a long legend onto more rows and grows the picture instead of running off the edge', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i);
    const series = Array.from({ length: 9 }, (_, i) => ({ name: `a rather long series name ${i}`, y: x, color: '#000' }));
    const svg = parseXml(renderLineChart({ title: 't', xLabel: 'x', yLabel: 'y', x, series })).children[0]!;
    checkSvg(svg);
    expect(Number(svg.attrs.viewBox!.split(' ')[3])).toBeGreaterThan(300 + 16 * 2);
  });

  it('draws NaN as gaps, never as NaN coordinates', () => {
    const x = Float64Array.from({ length: 6 }, (_, i) => i);
    const y = Float64Array.from([1, NaN, 2, 3, NaN, NaN]);
    const svg = parseXml(renderLineChart({ title: 't', xLabel: 'x', yLabel: 'y', x, series: [{ name: 's', y, color: '#000' }] })).children[0]!;
    const { paths } = checkSvg(svg);
    expect(paths[0]!.attrs.d!.match(/M/g)!.length).toBe(2);
    expect(svg.attrs.viewBox).not.toMatch(/NaN/);
  });
});

describe('long-run charts', () => {
  it('aggregates per day into min/mean/max bands and labels every day of the bar chart', async () => {
    const { periodBands, periodSums } = await import('../../../ts/sim/report/period-aggregate.js');
    const { renderBandChart } = await import('../../../ts/sim/report/band-chart.js');
    const { renderBarChart } = await import('../../../ts/sim/report/bar-chart.js');
    // Three local days (UTC+1) of hourly values v = hour index; day 0 starts at 23:00 UTC the day before.
    const t0 = Date.UTC(2023, 5, 4, 23);
    const time = Float64Array.from({ length: 72 }, (_, i) => t0 + i * 3_600_000);
    const v = Float64Array.from({ length: 72 }, (_, i) => i);
    v[30] = NaN;
    const b = periodBands(time, v, 'day', 1);
    expect(b.labels).toEqual(['06-05', '06-06', '06-07']);
    expect([...b.min]).toEqual([0, 24, 48]);
    expect([...b.max]).toEqual([23, 47, 71]);
    expect(b.mean[0]).toBeCloseTo(11.5, 12);
    expect(b.mean[1]).toBeCloseTo((24 * 35.5 - 30) / 23, 12); // the NaN step is skipped
    expect([...periodSums(time, v, 'day', 1).sums]).toEqual([276, 852 - 30, 1428]);
    const band = parseXml(renderBandChart({ title: 't', xLabel: 'day', yLabel: 'y', labels: b.labels, bands: [{ name: 'v', ...b, color: '#000' }] })).children[0]!;
    checkSvg(band);
    expect(all(band, 'polygon').length).toBe(1);
    const labels = Array.from({ length: 31 }, (_, i) => `07-${String(i + 1).padStart(2, '0')}`);
    const bars = parseXml(renderBarChart({ title: 't', xLabel: 'day', yLabel: 'kWh', labels, series: [{ name: 's', values: labels.map((_, i) => i), color: '#000' }] })).children[0]!;
    const { texts } = checkSvg(bars);
    for (const l of labels) expect(texts).toContain(l);
    expect(all(bars, 'rect').filter((r) => r.attrs.fill === '#000').length).toBe(31 + 1); // 31 bars + the legend swatch
  });
});

describe('report of a long run', () => {
  it('draws daily voltage bands, the typical-day price and labelled daily bars, all well-formed', async () => {
    const { createDefaultStudy } = await import('../../../ts/sim/scenario/default-study.js');
    const results = runComparison(createDefaultStudy({ prosumers: 10, steps: 5 * 96, start: '2023-06-05T00:00:00+01:00' }), { mechanisms: ['none', 'uniform', 'sdr'] });
    const doc = parseXml(renderHtmlReport(results, { title: 't', utcOffsetHours: 1, vmLimitsPu: [0.9, 1.1] }), true);
    const svgs = all(doc, 'svg');
    expect(svgs.length).toBe(4);
    const texts = svgs.map((s) => checkSvg(s).texts);
    expect(texts[0]![0]).toMatch(/per day/);
    expect(all(svgs[0]!, 'polygon').length).toBe(2); // one band for the highest, one for the lowest bus
    expect(texts[1]![0]).toMatch(/by hour of day/);
    for (const d of ['06-05', '06-06', '06-07', '06-08', '06-09']) expect(texts[3]).toContain(d);
  });
});
