// Progress off a terminal: one plain line on stderr every few seconds (a year-long run was silent for 34 min).
import { describe, expect, it } from 'vitest';
import { parseProgressMode, startProgress } from '../../ts/cli/progress.js';
import { registerSimulateCommand } from '../../ts/cli/simulate-command.js';
import { runCli } from './run-cli-in-process.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('progress', () => {
  it('off a terminal prints a line per interval with the count, the run and the time left', () => {
    let t = 0;
    const stream = fakeStream(false);
    const p = startProgress('auto', 1000, 'none', stream, 5000, () => t);
    for (let done = 1; done <= 1000; done++) {
      t = done * 40; // 40 ms per step: 40 s in all, a line every 5 s
      p.update(done, done <= 500 ? 'none' : 'uniform');
    }
    p.stop();
    const lines = stream.text.trim().split('\n');
    expect(lines.length).toBe(7); // at 5, 10, …, 35 s; nothing once done
    expect(lines[0]).toBe('simulate: 126/1000 steps (12.6 %), none, 5 s elapsed, ~35 s left');
    expect(lines[6]).toBe('simulate: 876/1000 steps (87.6 %), uniform, 35 s elapsed, ~5 s left');
  });

  it('estimates the time left from the steps rate, not counting the setup before the first step', () => {
    let t = 7000; // 7 s of setup (profiles, compile) before the first step
    const stream = fakeStream(false);
    const p = startProgress('lines', 1000, 'none', stream, 5000, () => (t === 7000 ? 0 : t));
    for (let done = 1; done <= 200; done++) {
      t = 7000 + done * 40;
      p.update(done, 'none');
    }
    expect(stream.text.trim().split('\n')[0]).toBe('simulate: 126/1000 steps (12.6 %), none, 12 s elapsed, ~35 s left');
  });

  it("'none' prints nothing and a short run prints no line", () => {
    const quiet = fakeStream(false);
    const p = startProgress('none', 10, 'x', quiet, 0, () => 1e9);
    p.update(5, 'x');
    expect(quiet.text).toBe('');
    const short = fakeStream(false);
    startProgress('lines', 10, 'x', short, 5000, () => 10).update(5, 'x');
    expect(short.text).toBe('');
  });

  it('--progress takes auto, bar, lines or none, and names the flag otherwise', async () => {
    expect(parseProgressMode(undefined)).toBe('auto');
    expect(parseProgressMode('lines')).toBe('lines');
    const r = await runCli(registerSimulateCommand, ['simulate', '--progress', 'dots']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--progress.*"dots".*expected one of auto, bar, lines, none/);
  });
});
