import { readMatpowerFile } from '../ts/network/read-matpower-file.ts';
import { buildDcOpfModel } from '../ts/opf/index.ts';
import { loadLpSolver } from '../ts/lp/index.ts';
const h = await loadLpSolver('highs');
for (const c of process.argv.slice(2)) {
  let t = performance.now();
  const mc = readMatpowerFile(`/work/shared/cases/opf/${c}.opf-case.json`);
  const tRead = performance.now() - t; t = performance.now();
  const m = buildDcOpfModel(mc);
  const tBuild = performance.now() - t; t = performance.now();
  const r = h.solve(m.lp);
  const tSolve = performance.now() - t;
  console.log(c, m.lp.numCols, m.lp.numRows, m.lp.matrix.values.length, 'read', tRead.toFixed(0), 'build', tBuild.toFixed(0), 'solve', tSolve.toFixed(0), r.status);
}
