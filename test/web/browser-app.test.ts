// The browser app in a real browser (Debian's chromium driven by playwright-core): load the page, run a short
// study through the form, wait for `document.body.dataset.state === "done"`, and check that the page's numbers and
// charts equal the Node engine's for the same scenario and seed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from '../../ts/cli/static-server.js';
import { createSimulation } from '../../ts/sim/engine/simulation.js';
import { validateScenario } from '../../ts/sim/scenario/validate-scenario.js';
import { renderStudyCharts } from '../../web/src/study-charts.js';
import { DEFAULT_FORM, studyScenario } from '../../web/src/study-form.js';
import { chromiumForTests } from '../support/services.js';
// @ts-expect-error: a plain .mjs build script without typings
import { buildWebApp } from '../../scripts/build-web.mjs';

const executablePath = chromiumForTests();
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(executablePath === null)('browser app (headless Chromium)', () => {
  let browser: Browser | undefined;
  let close: (() => void) | undefined;
  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  it('runs a study in Web Workers and shows the Node engine’s numbers and charts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'peergrid-web-'));
    const sizes = (await buildWebApp(out)) as Record<string, number>;
    expect(sizes['main.js']).toBeLessThan(400_000);
    const { server, url } = await serveStatic(out, 0);
    close = () => server.close();
    browser = await chromium.launch({ executablePath: executablePath!, args: FLAGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-state="ready"]');
    const form = { ...DEFAULT_FORM, households: 40, days: 1, seed: 7, pvShare: 0.5, mechanisms: ['uniform' as const, 'sdr' as const] };
    await page.fill('#households', '40');
    await page.fill('#days', '1');
    await page.fill('#seed', '7');
    await page.fill('#pvShare', '50');
    await page.uncheck('input[name=mechanism][value=pay-as-bid]').catch(() => {});
    await page.check('input[name=mechanism][value=uniform]');
    await page.check('input[name=mechanism][value=sdr]');
    await page.click('#run');
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 90_000 });
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => [document.body.dataset.state, document.getElementById('status')!.textContent])).toEqual(['done', expect.stringMatching(/^3 runs of 96 steps, 40 households/)]);

    const seen = await page.evaluate(() => {
      const p = window.peergrid!;
      return {
        scenario: p.scenario,
        runs: p.results.map((r) => ({
          mechanism: r.mechanism,
          metrics: r.metrics,
          series: Object.fromEntries(Object.entries(r.series).map(([k, v]) => [k, Array.from(v)])),
        })),
        progress: (document.getElementById('progress') as HTMLProgressElement).value,
        downloads: [...document.querySelectorAll('button[id^=download]')].map((b) => (b as HTMLButtonElement).disabled),
        tableRows: document.querySelectorAll('#table tbody tr').length,
      };
    });
    // The page ran the scenario the form describes.
    expect(seen.scenario).toEqual(validateScenario(studyScenario(form)));
    expect(seen.runs.map((r) => r.mechanism)).toEqual(['none', 'uniform', 'sdr']);
    expect(seen.progress).toBe(1);
    expect(seen.downloads).toEqual([false, false]);
    expect(seen.tableRows).toBe(3);

    // The same runs on Node's engine, main thread. Tolerance: 1e-12 relative (two V8 versions may round
    // transcendental functions differently in the last bit; in practice the runs agree exactly).
    const node = seen.runs.map((r) => {
      const sim = createSimulation(seen.scenario, { mechanism: r.mechanism as 'none' });
      const res = sim.run();
      sim.dispose();
      return res;
    });
    const close12 = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
    seen.runs.forEach((r, i) => {
      const n = node[i]!;
      for (const [k, col] of Object.entries(n.series)) {
        const bad = Array.from(col).findIndex((v, j) => !close12(r.series[k]![j]!, v));
        expect(bad, `${r.mechanism} ${k}`).toBe(-1);
      }
      const c = n.metrics.community as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(c)) {
        if (typeof v === 'number') expect(close12((r.metrics.community as unknown as Record<string, number>)[k]!, v), `${r.mechanism} ${k}`).toBe(true);
      }
      n.metrics.prosumers.forEach((p, j) => expect(close12(r.metrics.prosumers[j]!.savings, p.savings)).toBe(true));
    });

    // The charts: drawn from the Node results, normalised by the browser's parser, equal the page's.
    const expected = renderStudyCharts(
      node.map((r) => ({ mechanism: r.mechanism, series: r.series, savings: r.metrics.prosumers.map((p) => p.savings) })),
      { steps: node[0]!.steps, dtHours: node[0]!.dtHours, startMs: Date.parse(node[0]!.start), vmLimitsPu: [0.9, 1.1] },
    );
    const charts = await page.evaluate((svgs) => {
      const div = document.createElement('div');
      div.innerHTML = svgs.map((s) => `<figure>${s}</figure>`).join('');
      return { page: [...document.querySelectorAll('#charts svg')].map((s) => s.outerHTML), node: [...div.querySelectorAll('svg')].map((s) => s.outerHTML) };
    }, expected);
    expect(charts.page.length).toBe(4);
    expect(charts.page).toEqual(charts.node);
  }, 120_000);
});
