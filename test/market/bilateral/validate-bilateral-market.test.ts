import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../ts/errors.js';
import type { BilateralMarket } from '../../../ts/market/bilateral/bilateral-market.js';
import { validateBilateralMarket } from '../../../ts/market/bilateral/validate-bilateral-market.js';
import { solveBilateralMarketSync } from '../../../ts/market/bilateral/solve-bilateral-market.js';
import { twoAgents } from './bilateral-fixtures.js';

function withChange(change: (m: BilateralMarket) => void): BilateralMarket {
  const m = structuredClone(twoAgents);
  change(m);
  return m;
}

describe('validateBilateralMarket', () => {
  const bad: Array<[string, (m: BilateralMarket) => void, RegExp]> = [
    ['wrong format', (m) => { (m as { format: string }).format = 'p2p/0'; }, /format = "p2p\/0".*p2p-bilateral-market\/1/],
    ['duplicate id', (m) => { m.agents[1]!.id = 'p'; }, /agent "p": id = "p".*not unique/],
    ['NaN cost', (m) => { m.agents[0]!.costLinPerKw = NaN; }, /agent "p": costLinPerKw = NaN currency\/kWh: must be a finite number/],
    ['negative quadratic cost', (m) => { m.agents[1]!.costQuadPerKw2 = -1; }, /agent "c": costQuadPerKw2 = -1.*≥ 0/],
    ['unordered bounds', (m) => { m.agents[0]!.pMinKw = 60; }, /agent "p": pMinKw = 60 kW: must be ≤ pMaxKw \(50\)/],
    ['unknown agent in a link', (m) => { m.links![0]!.to = 'x'; }, /link "p→x": to = "x": must name a known agent/],
    ['self-link', (m) => { m.links![0]!.to = 'p'; }, /link "p→p".*cannot trade with itself/],
    ['infinite link cost', (m) => { m.links![0]!.costPerKwh = Infinity; }, /link "p→c": costPerKwh = Infinity.*finite/],
    ['negative link cost', (m) => { m.links![0]!.costPerKwh = -0.01; }, /link "p→c": costPerKwh = -0.01.*≥ 0/],
    ['link listed twice', (m) => { m.links!.push({ from: 'p', to: 'c', costPerKwh: 0.1 }); }, /link "p→c".*listed twice/],
  ];
  for (const [name, change, message] of bad) {
    it(`${name}: ValidationError naming the element`, () => {
      const m = withChange(change);
      expect(() => validateBilateralMarket(m)).toThrow(ValidationError);
      expect(() => validateBilateralMarket(m)).toThrow(message);
      expect(() => solveBilateralMarketSync(m)).toThrow(message);
    });
  }

  it('accepts a pair listed both ways (different costs) and the example of the issue', () => {
    expect(() => validateBilateralMarket(withChange((m) => { m.links!.push({ from: 'c', to: 'p', costPerKwh: 0.03 }); }))).not.toThrow();
  });

  it('rejects bad options', () => {
    expect(() => solveBilateralMarketSync(twoAgents, { method: 'x' as 'admm' })).toThrow(/method = "x"/);
    expect(() => solveBilateralMarketSync(twoAgents, { method: 'admm', workers: 2 })).toThrow(/workers = 2/);
    expect(() => solveBilateralMarketSync(twoAgents, { method: 'admm', tolerance: 0 })).toThrow(/tolerance = 0/);
  });
});
