// Shared fixtures of the feeder-market tests: the 3-bus chain the hand-solved cases use, and a bus-placed order.
import { compileNetwork } from '../../../ts/network/compile-network.js';
import type { CompiledNetwork } from '../../../ts/network/compiled-network.js';
import { createNetwork } from '../../../ts/network/network-builder.js';
import type { Order } from '../../../ts/market/order.js';

/** A 0.4 kV chain slack b1 – b2 – b3 with short cables (1 MVA base: Z_base 0.16 Ω); `ampacityA` on the second cable only. */
export function chain3(ampacityA: number | undefined, lengthKm = 0.01): CompiledNetwork {
  const net = createNetwork({ baseMva: 1 })
    .addBus({ id: 'b1', vnKv: 0.4 })
    .addBus({ id: 'b2', vnKv: 0.4, vmMinPu: 0.9, vmMaxPu: 1.1 })
    .addBus({ id: 'b3', vnKv: 0.4, vmMinPu: 0.9, vmMaxPu: 1.1 })
    .addSlack({ id: 'grid', bus: 'b1', vmPu: 1 })
    .addLine({ id: 'c12', from: 'b1', to: 'b2', rOhmPerKm: 0.1, xOhmPerKm: 0.08, lengthKm })
    .addLine({ id: 'c23', from: 'b2', to: 'b3', rOhmPerKm: 0.1, xOhmPerKm: 0.08, lengthKm, ampacityA });
  return compileNetwork(net.toModel());
}

/** An order of prosumer `id` at `bus` (kWh, currency/kWh). */
export const order = (id: string, side: 'buy' | 'sell', quantityKwh: number, pricePerKwh: number, bus: string | number): Order => ({ id, prosumer: id, side, quantityKwh, pricePerKwh, bus });
