// Types of octave-reference-io.mjs (for the TypeScript report script).

/** Path of the Octave reference script. */
export const octaveScript: string;

/** Writes <prefix>.base.txt, .bus.txt, .gen.txt, .branch.txt from a parsed MATPOWER JSON case. */
export function writeOctaveCase(prefix: string, caseJson: unknown): void;

/** GNU Octave's version line. */
export function octaveVersion(): string;

/** One run of the Octave reference: times in ms (medians and samples), voltages at full precision in case row order. */
export interface OctaveReferenceRun {
  log: string;
  iterations: number;
  converged: boolean;
  maxMismatchPu: number;
  newtonpfMs: number;
  runpfCoreMs: number;
  newtonpfSamplesMs: number[];
  runpfCoreSamplesMs: number[];
  lossesMw: number;
  lossesMvar: number;
  slackPMw: number;
  slackQMvar: number;
  vmPu: number[];
  vaDeg: number[];
  pFromMw: number[];
  qFromMvar: number[];
  pToMw: number[];
  qToMvar: number[];
}

/** Runs the reference on the case written at `prefix` with `repeats` timed repeats. */
export function runOctaveReference(prefix: string, repeats: number, nBus: number): OctaveReferenceRun;
