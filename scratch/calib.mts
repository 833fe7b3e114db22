import loadHighs from 'highs';
import { Rng } from '../ts/random.ts';
const highs = await loadHighs();
// random balanced transportation LP S×D
function run(S: number, D: number) {
  const rng = new Rng(1);
  const n = S * D;
  const cost = new Float64Array(n).map(() => rng.uniform(1, 10));
  const starts = new Int32Array(n + 1), idx = new Int32Array(2 * n), val = new Float64Array(2 * n).fill(1);
  for (let s = 0; s < S; s++) for (let d = 0; d < D; d++) { const j = s * D + d; starts[j] = 2 * j; idx[2 * j] = s; idx[2 * j + 1] = S + d; }
  starts[n] = 2 * n;
  const rl = new Float64Array(S + D), ru = new Float64Array(S + D);
  for (let s = 0; s < S; s++) { rl[s] = -Infinity; ru[s] = 100 * D / S; }
  for (let d = 0; d < D; d++) { rl[S + d] = 100; ru[S + d] = Infinity; }
  const t0 = performance.now();
  const m = highs.createModel({ numCols: n, numRows: S + D, colCost: cost, colLower: new Float64Array(n), colUpper: new Float64Array(n).fill(Infinity), rowLower: rl, rowUpper: ru, matrix: { format: 'csc', numRows: S + D, numCols: n, starts, indices: idx, values: val } });
  m.options.set('output_flag', false);
  m.run();
  console.log(S, D, (performance.now() - t0).toFixed(0), 'ms', m.info.get('simplex_iteration_count'));
  m.dispose();
}
run(50, 100); run(50, 100); run(100, 100); run(150, 300);
