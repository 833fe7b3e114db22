/**
 * The browser app: reads the form, builds the study (study-form.ts), runs the no-P2P baseline and each chosen
 * mechanism as 'simulate' jobs on a pool of Web Workers (comlink), redraws the progress bar and the charts as the
 * workers stream their reporter columns, then shows the comparison table and offers CSV/JSON downloads. When a run
 * completes, `document.body.dataset.state` is "done" (or "error" with the message in #status).
 */
import { createWorkerPool } from '../../ts/parallel/worker-pool.js';
import { webWorkerSpawner } from '../../ts/parallel/web-worker-spawner.js';
import type { SeriesChunk } from '../../ts/parallel/worker-jobs.js';
import type { SimulationResult } from '../../ts/sim/engine/simulation.js';
import type { SimMechanism } from '../../ts/sim/scenario/scenario-schema.js';
import { validateScenario } from '../../ts/sim/scenario/validate-scenario.js';
import { COMPARISON_COLUMNS, comparisonRows } from '../../ts/sim/report/comparison.js';
import { comparisonCsv, timeSeriesCsv } from '../../ts/sim/report/csv.js';
import { CHART_COLUMNS, renderStudyCharts, type ChartRun } from './study-charts.js';
import { DEFAULT_FORM, studyScenario, type StudyForm } from './study-form.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const workerUrl = new URL('./simulation-worker.js', import.meta.url);
const pool = createWorkerPool({ size: Math.min(2, navigator.hardwareConcurrency || 2), spawn: webWorkerSpawner(workerUrl) });

function readForm(): StudyForm {
  const num = (id: string): number => Number(($(id) as HTMLInputElement).value);
  const mechanisms = [...document.querySelectorAll<HTMLInputElement>('input[name=mechanism]:checked')].map((c) => c.value as SimMechanism);
  return {
    households: num('households'),
    pvShare: num('pvShare') / 100,
    batteryShare: num('batteryShare') / 100,
    evShare: num('evShare') / 100,
    retailPricePerKwh: num('retail'),
    feedInPricePerKwh: num('feedIn'),
    days: num('days'),
    seed: num('seed'),
    mechanisms,
  };
}

function fillForm(f: StudyForm): void {
  const set = (id: string, v: number): void => void (($(id) as HTMLInputElement).value = String(v));
  set('households', f.households);
  set('pvShare', f.pvShare * 100);
  set('batteryShare', f.batteryShare * 100);
  set('evShare', f.evShare * 100);
  set('retail', f.retailPricePerKwh);
  set('feedIn', f.feedInPricePerKwh);
  set('days', f.days);
  set('seed', f.seed);
  for (const c of document.querySelectorAll<HTMLInputElement>('input[name=mechanism]')) c.checked = f.mechanisms.includes(c.value as SimMechanism);
}

function download(name: string, type: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function tableHtml(results: SimulationResult[]): string {
  const rows = comparisonRows(results);
  const head = COMPARISON_COLUMNS.map((c) => `<th>${c.header}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${COMPARISON_COLUMNS.map((c) => {
      const v = r[c.key];
      return `<td>${v === null || v === undefined ? '–' : typeof v === 'number' ? v.toFixed(c.digits) : v}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** What the page exposes for tests and the console: the scenario run and its results. */
interface PageState {
  scenario: unknown;
  results: SimulationResult[];
  elapsedMs: number;
}
declare global {
  interface Window {
    peergrid?: PageState;
  }
}

async function run(): Promise<void> {
  document.body.dataset.state = 'running';
  $('status').textContent = '';
  $('table').innerHTML = '';
  ($('download-csv') as HTMLButtonElement).disabled = true;
  ($('download-json') as HTMLButtonElement).disabled = true;
  const t0 = performance.now();
  const form = readForm();
  const scenario = validateScenario(studyScenario(form));
  const mechanisms: SimMechanism[] = ['none', ...form.mechanisms.filter((m) => m !== 'none')];
  const steps = scenario.horizon.steps;
  const frame = {
    steps,
    dtHours: scenario.horizon.dtHours,
    startMs: Date.parse(scenario.horizon.start),
    vmLimitsPu: [0.9, 1.1] as [number, number],
  };
  const chartRuns: ChartRun[] = mechanisms.map((mechanism) => ({
    mechanism,
    series: Object.fromEntries(CHART_COLUMNS.map((c) => [c, new Float64Array(steps).fill(NaN)])),
    savings: null,
  }));
  const done = new Array<number>(mechanisms.length).fill(0);
  let drawPending = false;
  const draw = (): void => {
    drawPending = false;
    $('charts').innerHTML = renderStudyCharts(chartRuns, frame).map((svg) => `<figure>${svg}</figure>`).join('');
  };
  const scheduleDraw = (): void => {
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(draw);
    }
  };
  const progress = (): void => {
    const total = steps * mechanisms.length;
    const d = done.reduce((a, b) => a + b, 0);
    ($('progress') as HTMLProgressElement).value = d / total;
    $('progress-text').textContent = `${d.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} steps`;
  };
  progress();
  const results = await Promise.all(
    mechanisms.map(async (mechanism, m) => {
      const result = await pool.run(
        'simulate',
        { scenario, mechanism, streamSeries: CHART_COLUMNS, progressEvery: Math.max(1, Math.ceil(steps / 50)) },
        {
          onProgress: (d, _t, detail) => {
            const chunk = detail as SeriesChunk;
            for (const [name, values] of Object.entries(chunk.series)) (chartRuns[m]!.series[name] as Float64Array).set(values, chunk.from);
            done[m] = d;
            progress();
            scheduleDraw();
          },
        },
      );
      chartRuns[m]!.series = result.series;
      chartRuns[m]!.savings = result.metrics.prosumers.map((p) => p.savings);
      done[m] = steps;
      progress();
      scheduleDraw();
      return result;
    }),
  );
  draw();
  const elapsedMs = performance.now() - t0;
  $('table').innerHTML = tableHtml(results);
  $('status').textContent = `${mechanisms.length} runs of ${steps} steps, ${scenario.prosumers.length} households, in ${(elapsedMs / 1000).toFixed(2)} s`;
  window.peergrid = { scenario, results, elapsedMs };
  const csv = comparisonCsv(comparisonRows(results)) + '\n' + timeSeriesCsv(results);
  const json = JSON.stringify({ scenario, runs: results.map((r) => ({ mechanism: r.mechanism, metrics: r.metrics, series: Object.fromEntries(Object.entries(r.series).map(([k, v]) => [k, Array.from(v, (x) => (Number.isFinite(x) ? x : null))])) })) });
  ($('download-csv') as HTMLButtonElement).onclick = () => download('peergrid-results.csv', 'text/csv', csv);
  ($('download-json') as HTMLButtonElement).onclick = () => download('peergrid-results.json', 'application/json', json);
  ($('download-csv') as HTMLButtonElement).disabled = false;
  ($('download-json') as HTMLButtonElement).disabled = false;
  document.body.dataset.state = 'done';
}

fillForm(DEFAULT_FORM);
$('study').addEventListener('submit', (ev) => {
  ev.preventDefault();
  run().catch((e: unknown) => {
    $('status').textContent = `Error: ${e instanceof Error ? e.message : String(e)}`;
    document.body.dataset.state = 'error';
  });
});
document.body.dataset.state = 'ready';
