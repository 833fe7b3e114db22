// The one table of mechanism names (ts/market/mechanisms.ts) is what every layer accepts: clearMarket, both auction
// engines, the community rules, the scenario schema and the clear command's help.
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { clearMarket } from '../../ts/market/clear-market.js';
import { AUCTION_MECHANISMS, COMMUNITY_RULES, FEEDER_MECHANISMS, MECHANISMS, SIM_FEEDER_MECHANISMS, SIMULATION_MECHANISMS, isCommunityRule, isMechanismName } from '../../ts/market/mechanisms.js';
import { tsAuctionEngine, wasmAuctionEngine } from '../../ts/market/auctions/auction-engine.js';
import { lowerBook, splitHalves } from '../../ts/market/auction-book.js';
import { SIM_MECHANISMS } from '../../ts/sim/scenario/scenario-schema.js';
import { validateScenario } from '../../ts/sim/scenario/validate-scenario.js';
import { registerClearCommand } from '../../ts/cli/clear-command.js';
import type { Order } from '../../ts/market/order.js';

const book: Order[] = [
  { id: 'b1', prosumer: 'p1', side: 'buy', quantityKwh: 2, pricePerKwh: 0.25 },
  { id: 'b2', prosumer: 'p2', side: 'buy', quantityKwh: 1, pricePerKwh: 0.2 },
  { id: 's1', prosumer: 'p3', side: 'sell', quantityKwh: 2, pricePerKwh: 0.1 },
  { id: 's2', prosumer: 'p4', side: 'sell', quantityKwh: 1, pricePerKwh: 0.15 },
];
const tariffs = { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };

describe('mechanism names', () => {
  it('partition into auctions and community rules, with no duplicates', () => {
    expect([...MECHANISMS].sort()).toEqual([...AUCTION_MECHANISMS, ...COMMUNITY_RULES].sort());
    expect(new Set(MECHANISMS).size).toBe(MECHANISMS.length);
    for (const m of COMMUNITY_RULES) expect(isCommunityRule(m)).toBe(true);
    for (const m of AUCTION_MECHANISMS) expect(isCommunityRule(m)).toBe(false);
  });

  it('accepts own names only (not inherited properties such as toString)', () => {
    for (const bad of ['toString', 'constructor', '__proto__', 'Uniform', '', 42]) {
      expect(isMechanismName(bad)).toBe(false);
      expect(() => clearMarket(book, { mechanism: bad as never, tariffs })).toThrow(/must be one of/);
    }
  });

  it('every name clears a book through clearMarket, and every auction runs on both engines', () => {
    for (const mechanism of MECHANISMS) {
      expect(clearMarket(book, { mechanism, tariffs }).mechanism).toBe(mechanism);
    }
    const lowered = lowerBook(book);
    splitHalves(book, lowered, 1); // MUDA's random halves
    for (const m of AUCTION_MECHANISMS) {
      const opts = { priceRule: 0, k: 0.5, retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 };
      expect(() => tsAuctionEngine.clear(m, lowered, opts as never)).not.toThrow();
      expect(() => wasmAuctionEngine.clear(m, lowered, opts as never)).not.toThrow();
    }
  });

  it('the simulation offers the same names plus the no-P2P baseline, network-constrained and its own (continuous, bilateral, tariff-margin), and the scenario schema accepts each', () => {
    expect(SIMULATION_MECHANISMS).toEqual(['continuous', 'bilateral', 'tariff-margin']);
    expect(SIM_FEEDER_MECHANISMS).toEqual(['network-constrained']);
    expect(SIM_MECHANISMS).toEqual(['none', ...MECHANISMS, ...SIM_FEEDER_MECHANISMS, ...SIMULATION_MECHANISMS]);
    const scenario = (mechanism: string) => ({
      network: 'ieee33', prosumers: [{ id: 'a', bus: '2', load: { kind: 'constant', pKw: 1 } }], seed: 1,
      tariffs, market: { mechanism }, horizon: { start: '2024-06-01T00:00:00Z', steps: 1, dtHours: 0.25 },
    });
    for (const m of SIM_MECHANISMS) expect(validateScenario(scenario(m)).market.mechanism).toBe(m);
    expect(() => validateScenario(scenario('toString'))).toThrow(/mechanism/);
  });

  it("the clear command's --mechanism help lists the table and the feeder mechanisms (network-constrained, sensitivity-checked)", () => {
    const program = new Command();
    registerClearCommand(program);
    const opt = program.commands[0]!.options.find((o) => o.long === '--mechanism')!;
    expect(FEEDER_MECHANISMS).toEqual(['network-constrained', 'sensitivity-checked']);
    expect(opt.description).toBe([...MECHANISMS, ...FEEDER_MECHANISMS].join('|'));
  });
});
