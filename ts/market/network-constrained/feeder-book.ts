// An order book placed on a radial feeder: the position of each order's bus and the background withdrawal the
// orders trade on top of, with the options every feeder-aware clearing shares (network-constrained clearing, the
// sensitivity-checked trades). One place, so both clear the same book on the same feeder state.
import { ValidationError } from '../../errors.js';
import type { Order } from '../order.js';
import type { LinDistFlowFeeder } from './lindistflow-feeder.js';

/** Options of placing a book on a feeder. */
export interface FeederBookOptions {
  /** Length of the interval the orders' kWh are delivered over, hours (default 0.25). */
  intervalHours?: number;
  /**
   * 'none' (default): only the orders load the feeder; 'network': the compiled network's loads and generators too;
   * or explicit per-bus withdrawals held over the interval (the simulation's background and reactive demand).
   */
  backgroundLoad?: 'none' | 'network' | BusLoadKw;
  /** Power factor of every order's power (default 1: active power only); lagging for both sides. */
  orderPowerFactor?: number;
}

/** Per-bus background load in the network's row order: withdrawal kW and kvar (negative = injection). */
export interface BusLoadKw {
  /** Active withdrawal per bus, kW. */
  pKw: ArrayLike<number>;
  /** Reactive withdrawal per bus, kvar. */
  qKvar: ArrayLike<number>;
}

/** A book on a feeder, by position (topological order from the slack). */
export interface PlacedBook {
  /** Interval length, hours. */
  intervalHours: number;
  /** Reactive per active power of every order (tan φ), kvar/kW. */
  qPerP: number;
  /** Position of each order's bus, in book order. */
  orderPosition: Int32Array;
  /** Background active withdrawal per position (loads minus generation), kW. */
  backgroundKw: Float64Array;
  /** Background reactive withdrawal per position, kvar. */
  backgroundKvar: Float64Array;
}

/** Checks the options and every order's bus (ValidationError naming the order) and places the book on the feeder. */
export function placeBook(orders: readonly Order[], feeder: LinDistFlowFeeder, options: FeederBookOptions): PlacedBook {
  const net = feeder.network;
  const dt = options.intervalHours ?? 0.25;
  if (!(Number.isFinite(dt) && dt > 0)) {
    throw new ValidationError({ element: 'option', id: 'intervalHours', field: 'intervalHours', value: dt, unit: 'h' }, 'must be a finite number > 0');
  }
  const pf = options.orderPowerFactor ?? 1;
  if (!(pf > 0 && pf <= 1)) {
    throw new ValidationError({ element: 'option', id: 'orderPowerFactor', field: 'orderPowerFactor', value: pf }, 'must lie in (0, 1]');
  }
  const background = options.backgroundLoad ?? 'none';
  const explicit = typeof background === 'object' && background !== null;
  if (!explicit && background !== 'none' && background !== 'network') {
    throw new ValidationError({ element: 'option', id: 'backgroundLoad', field: 'backgroundLoad', value: background }, "must be 'none', 'network' or {pKw, qKvar} per bus");
  }
  const orderPosition = new Int32Array(orders.length);
  orders.forEach((o, k) => {
    if (o.bus === undefined) {
      throw new ValidationError({ element: 'order', id: o.id, field: 'bus', value: undefined }, 'network-constrained clearing needs the bus of every order');
    }
    const b = net.busIndex.get(o.bus);
    if (b === undefined) throw new ValidationError({ element: 'order', id: o.id, field: 'bus', value: o.bus }, 'is not a bus of the network');
    const p = feeder.positionOfBus[b]!;
    if (p < 0) throw new ValidationError({ element: 'order', id: o.id, field: 'bus', value: o.bus }, 'is not supplied from the slack (de-energised)');
    orderPosition[k] = p;
  });
  const m = feeder.busOfPosition.length;
  const sBaseKw = net.baseMva * 1000;
  const backgroundKw = new Float64Array(m);
  const backgroundKvar = new Float64Array(m);
  if (explicit) {
    const bl = background as BusLoadKw;
    if (bl.pKw?.length !== net.nBus || bl.qKvar?.length !== net.nBus) {
      throw new ValidationError({ element: 'option', id: 'backgroundLoad', field: 'backgroundLoad', value: bl.pKw?.length }, `needs pKw and qKvar with one entry per bus (${net.nBus})`);
    }
    for (let p = 0; p < m; p++) {
      const b = feeder.busOfPosition[p]!;
      backgroundKw[p] = bl.pKw[b]!;
      backgroundKvar[p] = bl.qKvar[b]!;
      if (!Number.isFinite(backgroundKw[p]!) || !Number.isFinite(backgroundKvar[p]!)) {
        throw new ValidationError({ element: 'option', id: 'backgroundLoad', field: `pKw/qKvar of bus ${net.busIds[b]}`, value: bl.pKw[b] }, 'must be finite');
      }
    }
  } else if (background === 'network') {
    for (let p = 0; p < m; p++) {
      const b = feeder.busOfPosition[p]!;
      backgroundKw[p] = net.pLoadPu[b]! * sBaseKw;
      backgroundKvar[p] = net.qLoadPu[b]! * sBaseKw;
    }
    for (let g = 0; g < net.nGen; g++) {
      const p = feeder.positionOfBus[net.genBus[g]!]!;
      if (net.genStatus[g] && p > 0) {
        backgroundKw[p] -= net.pGenPu[g]! * sBaseKw;
        backgroundKvar[p] -= net.qGenPu[g]! * sBaseKw;
      }
    }
  }
  return { intervalHours: dt, qPerP: Math.sqrt(1 - pf * pf) / pf, orderPosition, backgroundKw, backgroundKvar };
}
