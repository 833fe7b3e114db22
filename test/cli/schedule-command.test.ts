import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function schedule(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'ts/cli/main.ts'), 'schedule', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('peergrid schedule', () => {
  it('battery-schedule/1 --json prints exactly the specified object; the summary and EV format work too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-schedule-'));
    const file = join(dir, 'battery.json');
    writeFileSync(file, JSON.stringify({
      format: 'battery-schedule/1', intervalMinutes: 60, importPricePerKwh: [0.1, 0.5], exportPricePerKwh: [0, 0],
      loadKw: [0, 2], pvKw: [0, 0],
      battery: { capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, chargeEfficiency: 0.9, dischargeEfficiency: 0.9, initialSocKwh: 0, minSocKwh: 0, maxSocKwh: 10, finalSocMinKwh: 0 },
      importLimitKw: null, exportLimitKw: null,
    }));
    const r = schedule(file, '--json', '--solver', 'glpk');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const o = JSON.parse(r.stdout);
    expect(Object.keys(o)).toEqual(['status', 'objective', 'chargeKw', 'dischargeKw', 'importKw', 'exportKw', 'socKwh', 'solver', 'solveMs']);
    expect(o.status).toBe('optimal');
    expect(o.solver).toBe('glpk');
    expect(o.objective).toBeCloseTo(0.2 / 0.81, 9);
    const ev = join(dir, 'ev.json');
    writeFileSync(ev, JSON.stringify({
      format: 'ev-schedule/1', intervalMinutes: 60, importPricePerKwh: [0.3, 0.1, 0.2],
      charger: { maxChargeKw: 4, efficiency: 1 }, sessions: [{ arrivalStep: 0, departureStep: 3, energyKwh: 6 }],
    }));
    const e = schedule(ev);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/status: optimal\ncharging cost: 0\.8000\n/); // 4 kWh at 0.1 + 2 kWh at 0.2
    // --solver exact: the same object from the flex-storage kernel, the same optimum; refused for EV files.
    const x = schedule(file, '--json', '--solver', 'exact');
    expect(x.code).toBe(0);
    const ox = JSON.parse(x.stdout);
    expect(Object.keys(ox)).toEqual(Object.keys(o));
    expect(ox.solver).toBe('exact');
    expect(ox.objective).toBeCloseTo(0.2 / 0.81, 12);
    const xe = schedule(ev, '--solver', 'exact');
    expect(xe.code).toBe(1);
    expect(xe.stderr).toMatch(/--solver.*applies to battery-schedule\/1 only/);
  });
});
