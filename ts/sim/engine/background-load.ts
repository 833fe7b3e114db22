/**
 * Background (non-participating) load of a scenario's network: the network's own loads at buses without prosumers
 * are kept ('network'), removed ('none') or scaled (a number). The feeder state keeps a network's loads only where no
 * prosumer sits, so scaling every load here scales exactly the background.
 */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import type { Scenario } from '../scenario/scenario-schema.js';

/** The scale factor of a backgroundLoad setting ('network' = 1, 'none' = 0). */
export function backgroundLoadScale(setting: Scenario['backgroundLoad']): number {
  return setting === 'network' ? 1 : setting === 'none' ? 0 : setting;
}

/** The network with its loads scaled for the scenario's background (the same object when the scale is 1). */
export function withBackgroundLoad(net: CompiledNetwork, setting: Scenario['backgroundLoad']): CompiledNetwork {
  const k = backgroundLoadScale(setting);
  if (k === 1) return net;
  return { ...net, pLoadPu: net.pLoadPu.map((p) => p * k), qLoadPu: net.qLoadPu.map((q) => q * k) };
}

/** Nominal background load, kW: Σ of the network's (scaled) load at buses where no prosumer sits. */
export function backgroundLoadKw(net: CompiledNetwork, prosumerBus: ArrayLike<number>, setting: Scenario['backgroundLoad']): { kw: number; buses: number } {
  const hosts = new Uint8Array(net.nBus);
  for (let i = 0; i < prosumerBus.length; i++) hosts[prosumerBus[i]!] = 1;
  let kw = 0;
  let buses = 0;
  const k = backgroundLoadScale(setting);
  for (let b = 0; b < net.nBus; b++) {
    if (hosts[b] || net.pLoadPu[b] === 0) continue;
    kw += net.pLoadPu[b]! * net.baseMva * 1000 * k;
    if (k > 0) buses++;
  }
  return { kw, buses };
}
