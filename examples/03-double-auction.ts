// A 15-minute community market: eight prosumers bid and offer energy, cleared by several auction mechanisms,
// with the retailer buying and selling residuals. Run: node --import tsx examples/03-double-auction.ts
import { clearMarket, type MechanismName, type Order } from 'peergrid';

const orders: Order[] = [
  { id: 'b1', prosumer: 'house-1', side: 'buy', quantityKwh: 1.0, pricePerKwh: 0.3 },
  { id: 'b2', prosumer: 'house-2', side: 'buy', quantityKwh: 0.5, pricePerKwh: 0.25 },
  { id: 'b3', prosumer: 'ev-garage', side: 'buy', quantityKwh: 0.8, pricePerKwh: 0.2 },
  { id: 'b4', prosumer: 'house-4', side: 'buy', quantityKwh: 0.4, pricePerKwh: 0.1 },
  { id: 's1', prosumer: 'pv-roof-1', side: 'sell', quantityKwh: 0.6, pricePerKwh: 0.12 },
  { id: 's2', prosumer: 'pv-roof-2', side: 'sell', quantityKwh: 0.7, pricePerKwh: 0.18 },
  { id: 's3', prosumer: 'battery-3', side: 'sell', quantityKwh: 1.0, pricePerKwh: 0.22 },
  { id: 's4', prosumer: 'pv-roof-4', side: 'sell', quantityKwh: 0.5, pricePerKwh: 0.28 },
];
const tariffs = { retailPricePerKwh: 0.35, feedInPricePerKwh: 0.05 };

const mechanisms: MechanismName[] = ['uniform', 'pay-as-bid', 'midpoint', 'trade-reduction', 'huang', 'muda'];
console.log('mechanism         traded kWh  welfare  % of max  surplus  price(s)');
for (const mechanism of mechanisms) {
  const r = clearMarket(orders, { mechanism, tariffs, seed: 42 });
  const prices = r.clearingPrice !== null ? r.clearingPrice.toFixed(3) : r.clearingPrices ? r.clearingPrices.map((p) => p?.toFixed(3) ?? '-').join(' / ') : 'per pair';
  console.log(
    `${mechanism.padEnd(17)} ${r.tradedKwh.toFixed(3).padStart(10)} ${r.welfare.toFixed(4).padStart(8)} ${r.welfarePercent.toFixed(1).padStart(9)} ${r.marketSurplus.toFixed(4).padStart(8)}  ${prices}`,
  );
}

const uniform = clearMarket(orders, { mechanism: 'uniform', tariffs });
console.log(`\nuniform price interval [${uniform.priceInterval?.join(', ')}]; fills:`);
for (const f of uniform.fills) console.log(`  ${f.orderId} ${f.prosumer.padEnd(10)} ${f.side} ${f.quantityKwh} kWh @ ${f.pricePerKwh}`);
for (const g of [...uniform.gridPurchases, ...uniform.gridSales]) {
  console.log(`  grid: ${g.orderId} ${g.side === 'buy' ? 'buys' : 'sells'} ${g.quantityKwh.toFixed(3)} kWh @ ${g.pricePerKwh}`);
}
