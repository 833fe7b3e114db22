import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandRunners } from './run-cli-in-process.js';
import { registerClearCommand } from '../../ts/cli/clear-command.js';

let dir = '';
const { run, runFailing } = commandRunners(registerClearCommand, 'clear');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peergrid-nc-'));
  writeFileSync(join(dir, 'book.json'), JSON.stringify({
    orders: [
      { id: 's18', prosumer: 'pv18', side: 'sell', quantityKwh: 20, pricePerKwh: 0.05, bus: '18' },
      { id: 'b5', prosumer: 'h5', side: 'buy', quantityKwh: 12, pricePerKwh: 0.28, bus: '5' },
      { id: 'b30', prosumer: 'h30', side: 'buy', quantityKwh: 4, pricePerKwh: 0.25, bus: '30' },
    ],
  }, null, 2));
});

describe('peergrid clear --mechanism network-constrained (in process)', () => {
  it('--json on IEEE 33: the clear contract fields first, then DLMPs; unconstrained, so one price everywhere', async () => {
    const out = JSON.parse(await run(join(dir, 'book.json'), '--mechanism', 'network-constrained', '--network', 'ieee33', '--retail', '0.3', '--feed-in', '0.08', '--network-charge', '0.02', '--json'));
    expect(Object.keys(out).slice(0, 8)).toEqual(['mechanism', 'fills', 'trades', 'tradedKwh', 'welfare', 'marketSurplus', 'clearingPrice', 'priceInterval']);
    expect(out.status).toBe('optimal');
    expect(out.busIds).toHaveLength(33);
    expect(out.tradedKwh).toBeCloseTo(16, 9);
    // The seller covers both buyers and exports its last 4 kWh at feed-in: the retailer's bid is the marginal unit.
    expect(out.substationExportKwh).toBeCloseTo(4, 9);
    for (const d of out.dlmpPerKwh) expect(d).toBeCloseTo(0.08, 9);
    const buyer = out.fills.find((f: { orderId: string }) => f.orderId === 'b5');
    expect(buyer.allInPricePerKwh).toBeCloseTo(0.1, 12);
    expect(out.bindingBranches).toEqual([]);
  });

  it('a readable summary without --json; missing --network and a bad solver are one-line errors naming the flag', async () => {
    expect(await run(join(dir, 'book.json'), '--mechanism', 'network-constrained', '--network', 'ieee33', '--retail', '0.3', '--feed-in', '0.08')).toMatch(/^network-constrained: 16 kWh traded/);
    expect(await runFailing(join(dir, 'book.json'), '--mechanism', 'network-constrained')).toMatch(/--network/);
    expect(await runFailing(join(dir, 'book.json'), '--mechanism', 'network-constrained', '--network', 'ieee33', '--solver', 'cplex')).toMatch(/--solver/);
  });
});
