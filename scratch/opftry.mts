import { readMatpowerFile } from '/work/pg-lp/ts/network/read-matpower-file.ts';
import { solveDcOpf } from '/work/pg-lp/ts/opf/index.ts';
for (const c of ['case9','case14','case30','case57','case118','case300','case1354pegase','case2383wp','case9241pegase']) {
  const mc = readMatpowerFile(`/work/shared/cases/opf/${c}.opf-case.json`);
  for (const s of ['highs','glpk'] as const) {
    try {
    const t0 = performance.now();
    const r = await solveDcOpf(mc, { solver: s });
    const lmp = Array.from(r.lmpUsdPerMwh);
    const bind = Array.from(r.branchShadowPriceUsdPerMwh).filter(v => v > 1e-6).length;
    console.log(c, s, r.status, r.objectiveUsdPerH.toFixed(4), 'lmp', Math.min(...lmp).toFixed(4), Math.max(...lmp).toFixed(4), 'binding', bind, 'ms', r.solveMs.toFixed(0), (performance.now()-t0).toFixed(0));
    } catch (e) { console.log(c, s, (e as Error).message.slice(0,100)); }
  }
}
