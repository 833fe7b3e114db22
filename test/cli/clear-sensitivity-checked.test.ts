import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandRunners } from './run-cli-in-process.js';
import { registerClearCommand } from '../../ts/cli/clear-command.js';

const book = join(import.meta.dirname, '..', '..', 'examples', 'data', 'feeder-book.json');

const { run, runFailing } = commandRunners(registerClearCommand, 'clear');

interface JsonTrade { buyOrderId: string; sellOrderId: string; quantityKwh: number; requestedKwh: number; limit: { kind: string; id: string } | null }

describe('peergrid clear --mechanism sensitivity-checked (in process)', () => {
  it('--json on IEEE 33 with its loads: the clear contract fields first; the first trade cut where bus 18 reaches 0.9 p.u.', async () => {
    const out = JSON.parse(await run(book, '--mechanism', 'sensitivity-checked', '--network', 'ieee33', '--background-load', 'network', '--retail', '0.3', '--feed-in', '0.08', '--json'));
    expect(Object.keys(out).slice(0, 8)).toEqual(['mechanism', 'fills', 'trades', 'tradedKwh', 'welfare', 'marketSurplus', 'clearingPrice', 'priceInterval']);
    expect(out.mechanism).toBe('sensitivity-checked');
    expect(out.status).toBe('ok');
    expect(out.matching).toBe('midpoint');
    const trades = out.trades as JsonTrade[];
    // Midpoint matching pairs the highest bid (h18) with the lowest ask (pv3) first.
    expect(trades[0]).toMatchObject({ buyOrderId: 'h18', sellOrderId: 'pv3', requestedKwh: 60, limit: { kind: 'voltage', id: '18' } });
    expect(trades[0]!.quantityKwh).toBeLessThan(60);
    expect(out.tradedKwh).toBeCloseTo(trades.reduce((s, t) => s + t.quantityKwh, 0), 9);
    expect(out.tradedKwh).toBeLessThan(out.requestedKwh);
    for (const v of out.vmPu) expect(v).toBeGreaterThanOrEqual(0.9 - 1e-12);
    const h18 = out.fills.find((f: { orderId: string }) => f.orderId === 'h18');
    expect(h18.notClearedKwh).toBeCloseTo(60 - trades[0]!.quantityKwh, 9);
    expect(h18.allInPricePerKwh).toBeCloseTo(h18.pricePerKwh, 12); // no P2P charges given
  });

  it('--violation-rule reject drops the trade instead; --matching order-book; a readable summary without --json', async () => {
    const out = JSON.parse(await run(book, '--mechanism', 'sensitivity-checked', '--network', 'ieee33', '--background-load', 'network', '--violation-rule', 'reject', '--json'));
    expect(out.trades[0]).toMatchObject({ buyOrderId: 'h18', quantityKwh: 0, limit: { kind: 'voltage', id: '18' } });
    const cda = JSON.parse(await run(book, '--mechanism', 'sensitivity-checked', '--network', 'ieee33', '--matching', 'order-book', '--json'));
    expect(cda.matching).toBe('order-book');
    // In book order the buyers h18, h33, h25 rest first; pv3 then takes h18's bid at h18's price.
    expect(cda.trades[0]).toMatchObject({ buyOrderId: 'h18', sellOrderId: 'pv3', pricePerKwh: 0.3 });
    expect(await run(book, '--mechanism', 'sensitivity-checked', '--network', 'ieee33', '--background-load', 'network')).toMatch(/^sensitivity-checked \(midpoint matching, reduce rule\): .* kWh matched accepted/);
  });

  it('missing --network, a matching without trades and an unknown rule are one-line errors naming the flag', async () => {
    expect(await runFailing(book, '--mechanism', 'sensitivity-checked')).toMatch(/--network/);
    expect(await runFailing(book, '--mechanism', 'sensitivity-checked', '--network', 'ieee33', '--matching', 'uniform')).toMatch(/--matching.*midpoint, pay-as-bid, pay-as-offer/);
    expect(await runFailing(book, '--mechanism', 'sensitivity-checked', '--network', 'ieee33', '--violation-rule', 'drop')).toMatch(/--violation-rule/);
  });
});
