#!/usr/bin/env node
// Runs scripts/reference/matpower_newtonpf_reference.m (GNU Octave, our re-implementation of MATPOWER's Newton
// power flow — not MATPOWER itself) on every case in ../shared/cases/matpower and writes
// test/fixtures/matpower-reference/<case>.json = {case, iterations, converged, maxMismatchPu, vmPu, vaDeg,
// octaveSolveMs, octaveRunpfCoreMs, octaveVersion, ...}.
//
// Usage: node scripts/reference/run-octave-reference.mjs [case ...] [--repeats N]
// Needs `octave-cli` on PATH (Debian: apt-get install --no-install-recommends octave-cli or octave).
// The JSON → text conversion writes each number with JavaScript's shortest round-trip decimal, which Octave's
// strtod parses back to the identical double, so Octave sees exactly the case's numbers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const casesDir = process.env.PEERGRID_CASES_DIR ?? join(repoRoot, '..', 'shared', 'cases');
const matpowerDir = join(casesDir, 'matpower');
const outDir = join(repoRoot, 'test', 'fixtures', 'matpower-reference');
const octaveScript = join(here, 'matpower_newtonpf_reference.m');

const argv = process.argv.slice(2);
let repeats = 5;
const only = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--repeats') repeats = Number(argv[++i]);
  else only.push(argv[i]);
}

/** Rounds to 12 significant digits (about 1e-12 p.u. on Vm, 1e-10° on Va: far below the test tolerances). */
function sig12(x) {
  return Number(x.toPrecision(12));
}

function num(x, where) {
  const v = Number(x);
  if (Number.isNaN(v) && x !== 'NaN') throw new Error(`${where}: not a number: ${JSON.stringify(x)}`);
  return v;
}

function octaveText(rows, where) {
  return rows.map((r, i) => r.map((x) => {
    const v = num(x, `${where} row ${i + 1}`);
    return Number.isFinite(v) ? String(v) : v > 0 ? 'Inf' : v < 0 ? '-Inf' : 'NaN';
  }).join(' ')).join('\n') + '\n';
}

const octaveVersion = execFileSync('octave-cli', ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
const cases = (only.length > 0 ? only : readdirSync(matpowerDir).filter((f) => f.endsWith('.case.json')).map((f) => f.replace('.case.json', '')))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'peergrid-octave-'));
try {
  for (const name of cases) {
    const c = JSON.parse(readFileSync(join(matpowerDir, `${name}.case.json`), 'utf8'));
    const prefix = join(work, name);
    writeFileSync(`${prefix}.base.txt`, `${num(c.baseMVA, 'baseMVA')}\n`);
    writeFileSync(`${prefix}.bus.txt`, octaveText(c.bus, 'bus'));
    writeFileSync(`${prefix}.gen.txt`, octaveText(c.gen, 'gen'));
    writeFileSync(`${prefix}.branch.txt`, octaveText(c.branch, 'branch'));
    const outFile = `${prefix}.out.txt`;
    const load = loadavg()[0];
    const log = execFileSync('octave-cli', ['--norc', '--quiet', '--no-window-system', octaveScript, prefix, outFile, String(repeats)], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    process.stdout.write(log.replace(prefix, name));
    const lines = readFileSync(outFile, 'utf8').trim().split('\n');
    const [it, conv, normF, msNewton, msFull] = lines[0].trim().split(/\s+/).map(Number);
    const samples = lines[1].trim().split(/\s+/).map(Number);
    const vmPu = [];
    const vaDeg = [];
    for (const line of lines.slice(2)) {
      const [vm, va] = line.trim().split(/\s+/).map(Number);
      vmPu.push(sig12(vm));
      vaDeg.push(sig12(va));
    }
    if (vmPu.length !== c.bus.length) throw new Error(`${name}: ${vmPu.length} voltages for ${c.bus.length} buses`);
    const fixture = {
      case: name,
      reference: 'scripts/reference/matpower_newtonpf_reference.m: a re-implementation of MATPOWER runpf/newtonpf (pf.tol 1e-8, pf.nr.max_it 10, no Q limits) under GNU Octave, written from the MATPOWER manual; NOT MATPOWER itself',
      octaveVersion,
      nBus: c.bus.length,
      iterations: it,
      converged: conv === 1,
      maxMismatchPu: normF,
      busIds: c.bus.map((r) => num(r[0], 'BUS_I')),
      vmPu,
      vaDeg,
      octaveSolveMs: sig12(msNewton),
      octaveRunpfCoreMs: sig12(msFull),
      octaveTimingRepeats: repeats,
      octaveSolveSamplesMs: samples.slice(0, repeats),
      octaveRunpfCoreSamplesMs: samples.slice(repeats),
      loadAverage1m: Number(load.toFixed(2)),
    };
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(fixture) + '\n');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
