import { readMatpowerFile } from '../ts/network/read-matpower-file.ts';
import { buildDcOpfModel } from '../ts/opf/index.ts';
import loadHighs from 'highs';
const highs = await loadHighs();
const c = process.argv[2];
const mc = readMatpowerFile(`/work/shared/cases/opf/${c}.opf-case.json`);
const m = buildDcOpfModel(mc).lp;
for (const opts of [{}, {solver:'ipm'}, {presolve:'off'}, {solver:'simplex', simplex_strategy: 4}, {solver:'pdlp'}] as Record<string,unknown>[]) {
  const t0 = performance.now();
  const hm = highs.createModel({numCols:m.numCols,numRows:m.numRows,colCost:m.colCost,colLower:m.colLower,colUpper:m.colUpper,rowLower:m.rowLower,rowUpper:m.rowUpper,offset:m.objectiveOffset,matrix:{format:'csc',numRows:m.numRows,numCols:m.numCols,...m.matrix}});
  hm.options.set('output_flag', false);
  for (const [k,v] of Object.entries(opts)) hm.options.set(k, v as never);
  const t1 = performance.now();
  const r = hm.run();
  const t2 = performance.now();
  console.log(JSON.stringify(opts), r.modelStatus, hm.getObjectiveValue(), 'create', (t1-t0).toFixed(0), 'run', (t2-t1).toFixed(0), 'iters', hm.info.get('simplex_iteration_count'));
  hm.dispose();
}
