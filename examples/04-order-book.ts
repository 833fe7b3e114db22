// Example 4: a continuous double auction for real-time trading among neighbours, then the same interval's net
// positions settled by the community rules. Run: node --import tsx examples/04-order-book.ts
import { clearCommunityPricing, createOrderBook, ValidationError, type Order } from 'peergrid';

const book = createOrderBook({ engine: 'wasm' });

// Morning: PV owners post offers, households post bids (prices in currency/kWh, quantities in kWh, time in s).
book.submit({ id: 'ask-anna', prosumer: 'anna', side: 'sell', type: 'limit', quantityKwh: 3, pricePerKwh: 0.16, timestamp: 0 });
book.submit({ id: 'ask-ben', prosumer: 'ben', side: 'sell', type: 'limit', quantityKwh: 2, pricePerKwh: 0.14, timestamp: 5 });
book.submit({ id: 'bid-cara', prosumer: 'cara', side: 'buy', type: 'limit', quantityKwh: 1.5, pricePerKwh: 0.12, timestamp: 9 });
console.log(`spread: bid ${book.bestBid()} / ask ${book.bestAsk()}`);

// Dan's bid crosses: it takes Ben's cheaper offer first, then part of Anna's, each at the resting order's price.
const dan = book.submit({ id: 'bid-dan', prosumer: 'dan', side: 'buy', type: 'limit', quantityKwh: 4, pricePerKwh: 0.17, timestamp: 12 });
for (const t of dan.trades) console.log(`trade: ${t.seller} → ${t.buyer} ${t.quantityKwh} kWh @ ${t.pricePerKwh}`);

// Eve needs 2 kWh now at any price: a market order; what the book cannot fill is reported, not dropped.
const eve = book.submit({ id: 'mkt-eve', prosumer: 'eve', side: 'buy', type: 'market', quantityKwh: 2, timestamp: 20 });
console.log(`eve filled ${eve.filledKwh} kWh, ${eve.expiredKwh} kWh expired unfilled (buy it from the retailer)`);

// Cara withdraws her bid; the depth and the event log show the book's state and history.
console.log(`cara cancelled ${book.cancel('bid-cara', 30)} kWh`);
console.log('depth:', JSON.stringify(book.depth(3)));
console.log('log:', book.events().map((e) => e.type).join(', '));

// Errors name the order and the field.
try {
  book.submit({ id: 'bid-fred', prosumer: 'fred', side: 'buy', type: 'limit', quantityKwh: 1, timestamp: 31 });
} catch (e) {
  if (e instanceof ValidationError) console.log(`rejected: ${e.message}`);
}

// The same neighbourhood settled as a community instead: net positions, retail 0.30 and feed-in 0.05 per kWh.
const positions: Order[] = [
  { id: 'anna', prosumer: 'anna', side: 'sell', quantityKwh: 3, pricePerKwh: 0.16 },
  { id: 'ben', prosumer: 'ben', side: 'sell', quantityKwh: 2, pricePerKwh: 0.14 },
  { id: 'dan', prosumer: 'dan', side: 'buy', quantityKwh: 4, pricePerKwh: 0.17 },
  { id: 'eve', prosumer: 'eve', side: 'buy', quantityKwh: 2, pricePerKwh: 0.3 },
];
for (const rule of ['sdr', 'mmr', 'bill-sharing'] as const) {
  const r = clearCommunityPricing(positions, { rule, tariffs: { retailPricePerKwh: 0.3, feedInPricePerKwh: 0.05 } });
  console.log(
    `${rule.padEnd(12)} buyers pay ${r.effectiveBuyPricePerKwh.toFixed(4)}/kWh, sellers get ${r.effectiveSellPricePerKwh.toFixed(4)}/kWh, ` +
      `grid import ${r.gridImportKwh} kWh (bill ${r.gridSettlement.toFixed(2)})`,
  );
}
