#!/usr/bin/env node
// Runs scripts/reference/matpower_newtonpf_reference.m (GNU Octave; our re-implementation of MATPOWER's Newton
// power flow — not MATPOWER itself) on every case in ../shared/cases/matpower and writes
// test/fixtures/matpower-reference/<case>.json = {case, iterations, converged, maxMismatchPu, busIds, vmPu, vaDeg,
// lossesMw, lossesMvar, slackPMw, slackQMvar, pFromMw, qFromMvar, pToMw, qToMvar (MW/MVAr, branch rows),
// octaveSolveMs (newtonpf alone, median), octaveRunpfCoreMs (makeYbus + makeSbus + newtonpf, median), samples,
// octaveVersion, loadAverage1m}. Voltages and flows are rounded to 12 significant digits (≤ 5e-12 p.u., ≤ 5e-10°).
//
// Usage: node scripts/reference/run-octave-reference.mjs [case ...] [--repeats N]   (default: all cases, 5 repeats)
// Needs `octave-cli` on PATH (Debian: apt-get install --no-install-recommends octave-cli, or octave).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { octaveVersion, runOctaveReference, writeOctaveCase } from './octave-reference-io.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const casesDir = process.env.PEERGRID_CASES_DIR ?? join(repoRoot, '..', 'shared', 'cases');
const matpowerDir = join(casesDir, 'matpower');
const outDir = join(repoRoot, 'test', 'fixtures', 'matpower-reference');

const argv = process.argv.slice(2);
let repeats = 5;
const only = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--repeats') repeats = Number(argv[++i]);
  else only.push(argv[i]);
}

/** Rounds to 12 significant digits, far below the 1e-6 p.u. / 1e-4° test tolerances. */
function sig12(x) {
  return Number(x.toPrecision(12));
}

const version = octaveVersion();
const cases = (only.length > 0 ? only : readdirSync(matpowerDir).filter((f) => f.endsWith('.case.json')).map((f) => f.replace('.case.json', '')))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'peergrid-octave-'));
try {
  for (const name of cases) {
    const c = JSON.parse(readFileSync(join(matpowerDir, `${name}.case.json`), 'utf8'));
    const prefix = join(work, name);
    writeOctaveCase(prefix, c);
    const load = loadavg()[0];
    const r = runOctaveReference(prefix, repeats, c.bus.length);
    process.stdout.write(r.log.replace(prefix, name));
    if (r.vmPu.length !== c.bus.length) throw new Error(`${name}: ${r.vmPu.length} voltages for ${c.bus.length} buses`);
    if (r.pFromMw.length !== c.branch.length) throw new Error(`${name}: ${r.pFromMw.length} flows for ${c.branch.length} branches`);
    const fixture = {
      case: name,
      reference: 'scripts/reference/matpower_newtonpf_reference.m: a re-implementation of MATPOWER runpf/newtonpf (pf.tol 1e-8, pf.nr.max_it 10, no Q limits) under GNU Octave, written from the MATPOWER manual; NOT MATPOWER itself',
      octaveVersion: version,
      nBus: c.bus.length,
      iterations: r.iterations,
      converged: r.converged,
      maxMismatchPu: r.maxMismatchPu,
      busIds: c.bus.map((row) => Number(row[0])),
      vmPu: r.vmPu.map(sig12),
      vaDeg: r.vaDeg.map(sig12),
      lossesMw: r.lossesMw,
      lossesMvar: r.lossesMvar,
      slackPMw: r.slackPMw,
      slackQMvar: r.slackQMvar,
      pFromMw: r.pFromMw.map(sig12),
      qFromMvar: r.qFromMvar.map(sig12),
      pToMw: r.pToMw.map(sig12),
      qToMvar: r.qToMvar.map(sig12),
      octaveSolveMs: sig12(r.newtonpfMs),
      octaveRunpfCoreMs: sig12(r.runpfCoreMs),
      octaveTimingRepeats: repeats,
      octaveSolveSamplesMs: r.newtonpfSamplesMs,
      octaveRunpfCoreSamplesMs: r.runpfCoreSamplesMs,
      loadAverage1m: Number(load.toFixed(2)),
    };
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(fixture) + '\n');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
