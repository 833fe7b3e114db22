// Progress of a long CLI run on stderr: a bar on a terminal; off a terminal (a log file, CI, a pipe) one plain line
// every few seconds, so a year-long run is never silent for half an hour. `--progress bar|lines|none` overrides.
import cliProgress from 'cli-progress';
import { ValidationError } from '../errors.js';

/** How progress is shown: 'auto' = bar on a terminal, lines otherwise. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

const MODES: readonly ProgressMode[] = ['auto', 'bar', 'lines', 'none'];

/** A started progress display. */
export interface Progress {
  /** Reports `done` of the total steps, in the run labelled `label`. */
  update(done: number, label: string): void;
  /** Ends the display (the bar is removed; lines print nothing more). */
  stop(): void;
}

/** Checks a --progress value. */
export function parseProgressMode(value: string | undefined): ProgressMode {
  if (value === undefined) return 'auto';
  if (!(MODES as readonly string[]).includes(value)) {
    throw new ValidationError({ element: 'option', id: '--progress', field: 'value', value }, `expected one of ${MODES.join(', ')}`);
  }
  return value as ProgressMode;
}

/**
 * Starts a display of `total` steps on `stream` (process.stderr). Lines are printed at most every `intervalMs`
 * (default 5 s), so short runs print none.
 */
export function startProgress(
  mode: ProgressMode,
  total: number,
  firstLabel: string,
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 5000,
  now: () => number = () => performance.now(),
): Progress {
  const kind = mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : mode;
  if (kind === 'none') return { update() {}, stop() {} };
  if (kind === 'bar') {
    const bar = new cliProgress.SingleBar(
      { stream, format: 'simulate [{bar}] {percentage}% | {value}/{total} steps | {mechanism}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { mechanism: firstLabel });
    return {
      update: (done, label) => bar.update(done, { mechanism: label }),
      stop: () => bar.stop(),
    };
  }
  const t0 = now();
  let last = t0;
  // The time left is estimated from the rate since the first update, so the setup before it does not inflate it.
  let first: { t: number; done: number } | null = null;
  return {
    update(done, label) {
      const t = now();
      if (first === null) {
        first = { t, done };
        last = t;
        return;
      }
      if (t - last < intervalMs || done >= total) return;
      last = t;
      const rate = (done - first.done) / (t - first.t);
      const left = rate > 0 ? (total - done) / rate / 1000 : NaN;
      stream.write(
        `simulate: ${done}/${total} steps (${((100 * done) / total).toFixed(1)} %), ${label}, ${duration((t - t0) / 1000)} elapsed, ~${duration(left)} left\n`,
      );
    },
    stop() {},
  };
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
