// `peergrid simulate --preset NAME`: every preset runs for a short horizon through the in-process CLI, and the
// design's distinctive feature shows in its output (ledger verified, margin price held, prices follow the series,
// local balance reported).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSimulateCommand } from '../../ts/cli/simulate-command.js';
import { runCli } from './run-cli-in-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'peergrid-presets-'));
const simulate = (args: string[]) => runCli(registerSimulateCommand, ['simulate', '--progress', 'none', ...args]);

/** Runs a preset with --json --out and returns the printed object and results.json. */
async function runPreset(name: string, steps: number, extra: string[] = []) {
  const out = join(tmp, `${name}-${extra.length}`);
  const r = await simulate(['--preset', name, '--steps', String(steps), '--json', '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  return { doc, results, html, out };
}

describe('peergrid simulate --preset', () => {
  it('brooklyn-microgrid: a uniform-price auction per 15 minutes, every trade in signed blocks that verify and replay', async () => {
    const { doc, results, html, out } = await runPreset('brooklyn-microgrid', 96);
    expect(doc.preset.name).toBe('brooklyn-microgrid');
    expect(doc.runs.map((c: { mechanism: string }) => c.mechanism)).toEqual(['none', 'uniform']);
    expect(doc.ledgers).toHaveLength(2);
    for (const l of doc.ledgers) {
      expect(l).toMatchObject({ format: 'blocks', blocks: 1, verified: true, issues: 0, balancesReproduced: true });
    }
    const ledger = readFileSync(join(out, 'ledger-uniform.jsonl'), 'utf8');
    // Settlement entries list [payer, payee, kWh, price]: a P2P trade is a payment through the market (not the grid).
    expect(ledger).toMatch(/\["bk\d+","market",[0-9.e-]+,0\.\d+\]/);
    const run = results.runs[1];
    expect(run.metrics.community.p2pVolumeKwh).toBeGreaterThan(1);
    // One uniform price per interval with trade, inside [feed-in, retail − P2P charges] = [0.07, 0.13] USD/kWh.
    run.series.p2pTradedKwh.forEach((q: number, t: number) => {
      if (q > 0) expect(run.series.clearingPricePerKwh[t]).toBeGreaterThanOrEqual(0.07 - 1e-12);
      if (q > 0) expect(run.series.clearingPricePerKwh[t]).toBeLessThanOrEqual(0.13 + 1e-12);
    });
    expect(html).toContain('<td>preset</td>');
    expect(html).toContain('brooklyn-microgrid: Brooklyn Microgrid (LO3 Energy)');
  });

  it('power-ledger-seda: every P2P kWh at feed-in + 10 %, the rest with the retailer, partner churn shown', async () => {
    const { doc, results } = await runPreset('power-ledger-seda', 96);
    expect(doc.runs.map((c: { mechanism: string }) => c.mechanism)).toEqual(['none', 'tariff-margin']);
    const run = results.runs[1];
    let traded = 0;
    run.series.p2pTradedKwh.forEach((q: number, t: number) => {
      if (!(q > 0)) return;
      traded++;
      expect(run.series.clearingPricePerKwh[t]).toBeCloseTo(0.355 * 1.1, 12); // 0.3905 MYR/kWh, SEDA's 39.05 sen
      expect(run.series.p2pPricePerKwh[t]).toBeCloseTo(0.355 * 1.1, 12);
    });
    expect(traded).toBeGreaterThan(10);
    const c = doc.runs[1].community;
    expect(c.p2pBuyerPricePerKwh).toBeCloseTo(0.3905 + 0.063, 12); // the buyer pays the 6.3 sen network charge on top
    expect(c.p2pSellerPricePerKwh).toBeCloseTo(0.3905, 12);
    expect(c.gridExportKwh).toBeGreaterThan(0); // the retailer bought the unmatched surplus
    expect(run.series.newPartnerKwh.length).toBe(96);
    expect(doc.preset.highlights.join('\n')).toMatch(/every one at feed-in × 1.1 \(largest deviation 0\.0e\+0 MYR\/kWh\)[\s\S]*partner churn/);
  });

  it('grid-plus: retail and export follow the wholesale series interval by interval, one signed settlement per interval', async () => {
    const { doc, results } = await runPreset('grid-plus', 96);
    const parts = results.scenario.tariffs.retailParts;
    const wholesale: number[] = parts.energyPricePerKwh.pricesPerKwh;
    expect(Math.max(...wholesale) / Math.min(...wholesale.filter((w) => w > 0))).toBeGreaterThan(10); // a real-time price, not a flat one
    for (const run of results.runs) {
      run.series.retailPricePerKwh.forEach((p: number, t: number) => {
        expect(p).toBeCloseTo(wholesale[t]! + parts.networkChargePerKwh + parts.leviesPerKwh, 12);
        expect(run.series.feedInPricePerKwh[t]).toBeCloseTo(wholesale[t]!, 12);
      });
    }
    for (const l of doc.ledgers) {
      expect(l).toMatchObject({ format: 'entries', verified: true, balancesReproduced: true });
      expect(l.entries).toBeGreaterThanOrEqual(96); // at least one operator-signed settlement per interval
    }
    expect(results.scenario.prosumers.filter((p: { battery?: { rule: string } }) => p.battery?.rule === 'optimal')).toHaveLength(4);
    expect(doc.preset.highlights[1]).toMatch(/^battery arbitrage \(rolling-horizon optimal\)/);
  });

  it('elecbay: half-hourly continuous order book with ZIP traders, local balance reported', async () => {
    const { doc, results } = await runPreset('elecbay', 48);
    expect(doc.dtHours).toBe(0.5);
    expect(results.scenario.market.continuous.strategy).toBe('zip');
    const c = doc.runs[1].community;
    expect(doc.runs[1].mechanism).toBe('continuous');
    expect(c.localBalance).toBeGreaterThan(0);
    expect(c.localBalance).toBeLessThanOrEqual(1);
    expect(doc.runs[0].community.localBalance).toBe(0);
    expect(doc.preset.highlights[0]).toMatch(new RegExp(`^local balance: peers met ${(100 * c.localBalance).toFixed(1)} % of the deficit`));
  });

  it('the table output names the preset, its docs page and its highlights', async () => {
    const r = await simulate(['--preset', 'elecbay', '--steps', '8']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/preset elecbay: Elecbay .*; what it reproduces and what it cannot: docs\/presets\/elecbay\.md\n  local balance: /);
  });

  it('an unknown name lists the presets (exit 1)', async () => {
    const r = await simulate(['--preset', 'lo3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--preset = "lo3": expected one of brooklyn-microgrid, elecbay, grid-plus, power-ledger-seda/);
  });

  it('precedence: preset < scenario file laid over it < flags', async () => {
    const file = join(tmp, 'seda-override.json');
    writeFileSync(file, JSON.stringify({ horizon: { steps: 40 }, market: { tariffMargin: { marginPercent: 20 } }, ledger: { enabled: false } }));
    const r = await simulate([file, '--preset', 'power-ledger-seda', '--steps', '36', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps).toBe(36); // the flag beats the file's 40, which beat the preset's 288
    expect(doc.currency).toBe('MYR'); // kept from the preset
    expect(doc.runs[1].community.p2pSellerPricePerKwh).toBeCloseTo(0.355 * 1.2, 12); // the file's margin
    // --mechanisms overrides the preset's mechanism, and a null in the file removes a preset field.
    writeFileSync(file, JSON.stringify({ market: { mechanism: 'uniform', tariffMargin: null } }));
    const u = await simulate([file, '--preset', 'power-ledger-seda', '--steps', '8', '--mechanisms', 'sdr', '--json']);
    expect(u.code, u.stderr).toBe(0);
    expect(JSON.parse(u.stdout).runs.map((c: { mechanism: string }) => c.mechanism)).toEqual(['sdr']);
  });
});
