// Shared by the reference scripts: writes a MATPOWER JSON case as the plain numeric text files
// matpower_newtonpf_reference.m loads, runs that script under octave-cli, and parses its output.
// Each number is written with JavaScript's shortest round-trip decimal, which Octave's strtod reads back to the
// identical double, so Octave sees exactly the case's numbers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path of the Octave reference script. */
export const octaveScript = join(dirname(fileURLToPath(import.meta.url)), 'matpower_newtonpf_reference.m');

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

/** Writes <prefix>.base.txt, .bus.txt, .gen.txt, .branch.txt from a parsed MATPOWER JSON case. */
export function writeOctaveCase(prefix, c) {
  writeFileSync(`${prefix}.base.txt`, `${num(c.baseMVA, 'baseMVA')}\n`);
  writeFileSync(`${prefix}.bus.txt`, octaveText(c.bus, 'bus'));
  writeFileSync(`${prefix}.gen.txt`, octaveText(c.gen, 'gen'));
  writeFileSync(`${prefix}.branch.txt`, octaveText(c.branch, 'branch'));
}

/** GNU Octave's version line, e.g. "GNU Octave, version 7.3.0". */
export function octaveVersion() {
  return execFileSync('octave-cli', ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
}

/**
 * Runs the reference on the case written at `prefix` with `repeats` timed repeats; returns
 * {log, iterations, converged, maxMismatchPu, newtonpfMs, runpfCoreMs, newtonpfSamplesMs, runpfCoreSamplesMs,
 *  lossesMw, lossesMvar, slackPMw, slackQMvar, vmPu, vaDeg, pFromMw, qFromMvar, pToMw, qToMvar}
 * (times in ms, medians; everything else at full precision, buses and branches in case row order).
 */
export function runOctaveReference(prefix, repeats, nBus) {
  const outFile = `${prefix}.out.txt`;
  const log = execFileSync('octave-cli', ['--norc', '--quiet', '--no-window-system', octaveScript, prefix, outFile, String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    // Octave 7 prints a harmless "ignoring const execution_exception& while preparing to exit" on stderr.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = readFileSync(outFile, 'utf8').trim().split('\n');
  const [iterations, converged, maxMismatchPu, newtonpfMs, runpfCoreMs] = lines[0].trim().split(/\s+/).map(Number);
  const samples = lines[1].trim().split(/\s+/).map(Number);
  const [lossesMw, lossesMvar, slackPMw, slackQMvar] = lines[2].trim().split(/\s+/).map(Number);
  const vmPu = [];
  const vaDeg = [];
  for (const line of lines.slice(3, 3 + nBus)) {
    const [vm, va] = line.trim().split(/\s+/).map(Number);
    vmPu.push(vm);
    vaDeg.push(va);
  }
  const pFromMw = [];
  const qFromMvar = [];
  const pToMw = [];
  const qToMvar = [];
  for (const line of lines.slice(3 + nBus)) {
    const [pf, qf, pt, qt] = line.trim().split(/\s+/).map(Number);
    pFromMw.push(pf);
    qFromMvar.push(qf);
    pToMw.push(pt);
    qToMvar.push(qt);
  }
  return {
    log, iterations, converged: converged === 1, maxMismatchPu, newtonpfMs, runpfCoreMs,
    newtonpfSamplesMs: samples.slice(0, repeats), runpfCoreSamplesMs: samples.slice(repeats),
    lossesMw, lossesMvar, slackPMw, slackQMvar, vmPu, vaDeg, pFromMw, qFromMvar, pToMw, qToMvar,
  };
}
