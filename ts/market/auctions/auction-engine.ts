/**
 * One interface over the auction kernels, with a WebAssembly engine (assembly/market/*, artifact market-auctions)
 * and a pure-TypeScript engine (the twins in this folder). Both run the same sequence: sort bids descending and
 * asks ascending (stable radix sort), then one mechanism kernel, and return the same typed-array outcome.
 */
import { StatusError } from '../../errors.js';
import { KernelStatus, statusName } from '../../status.js';
import { instantiateKernelModule, lazyKernelModule, type KernelModule } from '../../wasm/kernel-module.js';
import { marketAuctionsWasmBase64 } from '../../wasm/generated/market-auctions.wasm.js';
import { Summary } from './summary-slots.js';
import { NestedScratch, type ScratchBuffer } from '../scratch-buffer.js';
import { negateKeys, sortAscendingF64, sortWorkspaceBytes } from './radix-sort.js';
import { clearUniform } from './uniform-price.js';
import { clearDiscriminatory } from './discriminatory.js';
import { clearTradeReduction } from './trade-reduction.js';
import { clearHuang } from './huang.js';
import { clearMuda } from './muda.js';
import type { Engine } from '../../engine.js';

import type { AuctionMechanism } from '../mechanisms.js';

export type { AuctionMechanism };

/** The kernel-side view of an order book: one column per field, buys and sells apart, each in book order. */
export interface AuctionBook {
  /** Bids, currency/kWh. */
  buyPrice: Float64Array;
  /** Bid quantities, kWh. */
  buyQuantity: Float64Array;
  /** Asks, currency/kWh. */
  sellPrice: Float64Array;
  /** Ask quantities, kWh. */
  sellQuantity: Float64Array;
  /** MUDA only: half (0 or 1) of each buy order. */
  buyHalf?: Int32Array;
  /** MUDA only: half (0 or 1) of each sell order. */
  sellHalf?: Int32Array;
}

/** Scalar options of the kernels. */
export interface AuctionKernelOptions {
  /** Uniform price rule code (UniformPriceRule). */
  priceRule: number;
  /** k of k-pricing, in [0, 1]. */
  k: number;
}

/** What a kernel run returns, indexed like the book's columns. */
export interface AuctionOutcome {
  /** Energy each buy order bought peer-to-peer, kWh. */
  buyFill: Float64Array;
  /** Price each buy order paid, currency/kWh (0 when it did not trade). */
  buyPrice: Float64Array;
  /** Energy each sell order sold peer-to-peer, kWh. */
  sellFill: Float64Array;
  /** Price each sell order received, currency/kWh (0 when it did not trade). */
  sellPrice: Float64Array;
  /** Pairs (discriminatory mechanisms only): buy index, sell index, kWh, price (currency/kWh). */
  pairs: { buy: Int32Array; sell: Int32Array; quantityKwh: Float64Array; pricePerKwh: Float64Array } | null;
  /** Summary slots (Summary). */
  summary: Float64Array;
}

/** An engine that clears books and sorts keys. */
export interface AuctionEngine {
  /** 'wasm' or 'ts'. */
  readonly name: Engine;
  /** Runs the mechanism's kernel on the book. */
  clear(mechanism: AuctionMechanism, book: AuctionBook, options: AuctionKernelOptions): AuctionOutcome;
  /**
   * Runs the kernel and hands the outcome to `use`, whose result it returns. The outcome's arrays are valid only
   * inside `use` (WASM: views into the module's memory, no copies; a million-order clear saves 16 MB of copies).
   * Re-entrant: a clear started inside `use` runs in other memory (WASM: another module instance) and leaves this
   * outcome intact.
   */
  clearWith<T>(mechanism: AuctionMechanism, book: AuctionBook, options: AuctionKernelOptions, use: (out: AuctionOutcome) => T): T;
  /** Stable ascending argsort of f64 keys (the radix-sort kernel). */
  argsort(keys: Float64Array): Int32Array;
}

const DISCRIMINATORY: Record<string, number> = { 'pay-as-bid': 0, 'pay-as-offer': 1, midpoint: 2 };

function check(status: number, what: string): void {
  if (status !== KernelStatus.OK) throw new StatusError(statusName(status), what);
}

/** The pure-TypeScript engine. */
export const tsAuctionEngine: AuctionEngine = {
  name: 'ts',
  argsort(keys) {
    const order = new Int32Array(keys.length);
    const work = new Float64Array(Math.ceil(sortWorkspaceBytes(keys.length) / 8));
    check(sortAscendingF64(keys, keys.length, order, work), 'sortAscendingF64');
    return order;
  },
  clear(mechanism, book, options) {
    return tsScratch.with((s) => clearTs(mechanism, book, options, false, s));
  },
  clearWith(mechanism, book, options, use) {
    return tsScratch.with((s) => use(clearTs(mechanism, book, options, true, s)));
  },
};

// The TS engine's temporaries (sort workspace, keys, permutations, pair buffers; with `scratchOutputs` also the
// outcome) live in one reused buffer, as the WASM engine's live in its arena: fresh ones cost ~34 MB of external
// allocation per million-order clear and the full GCs that pressure triggers. One buffer per nesting depth.
const tsScratch = new NestedScratch();

/** Carves 8-aligned typed arrays out of one buffer, front to back. */
class Carver {
  private off = 0;
  constructor(private readonly buf: ArrayBuffer) {}
  f64(n: number): Float64Array {
    const a = new Float64Array(this.buf, this.off, n);
    this.off += 8 * n;
    return a;
  }
  i32(n: number): Int32Array {
    const a = new Int32Array(this.buf, this.off, n);
    this.off += pad8(4 * n);
    return a;
  }
}

function pad8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

function clearTs(mechanism: AuctionMechanism, book: AuctionBook, options: AuctionKernelOptions, scratchOutputs: boolean, scratch: ScratchBuffer): AuctionOutcome {
  const nb = book.buyPrice.length;
  const ns = book.sellPrice.length;
  const n = Math.max(nb, ns);
  const discriminatory = mechanism in DISCRIMINATORY;
  const cap = discriminatory ? nb + ns : 0;
  const huang = mechanism === 'huang';
  const workBytes = pad8(sortWorkspaceBytes(n));
  const bytes = workBytes + 8 * n + pad8(4 * nb) + pad8(4 * ns) + (huang ? pad8(4 * n) : 0) + 2 * pad8(4 * cap) + 16 * cap +
    (scratchOutputs ? 16 * (nb + ns) : 0);
  const c = new Carver(scratch.take(bytes));
  const work = c.f64(workBytes / 8);
  const keys = c.f64(n);
  check(negateKeys(book.buyPrice, keys, nb), 'negateKeys');
  const bo = c.i32(nb);
  check(sortAscendingF64(keys, nb, bo, work), 'sortAscendingF64');
  const so = c.i32(ns);
  check(sortAscendingF64(book.sellPrice, ns, so, work), 'sortAscendingF64');
  const out: AuctionOutcome = {
    buyFill: scratchOutputs ? c.f64(nb) : new Float64Array(nb),
    buyPrice: scratchOutputs ? c.f64(nb) : new Float64Array(nb),
    sellFill: scratchOutputs ? c.f64(ns) : new Float64Array(ns),
    sellPrice: scratchOutputs ? c.f64(ns) : new Float64Array(ns),
    pairs: null,
    summary: new Float64Array(Summary.LENGTH),
  };
  const { buyPrice: bp, buyQuantity: bq, sellPrice: sp, sellQuantity: sq } = book;
  const { buyFill: bF, buyPrice: bP, sellFill: sF, sellPrice: sP, summary } = out;
  let status: number;
  if (mechanism === 'uniform') {
    status = clearUniform(bp, bq, bo, nb, sp, sq, so, ns, options.priceRule, options.k, bF, bP, sF, sP, summary);
  } else if (discriminatory) {
    const pairs = { buy: c.i32(cap), sell: c.i32(cap), quantityKwh: c.f64(cap), pricePerKwh: c.f64(cap) };
    status = clearDiscriminatory(bp, bq, bo, nb, sp, sq, so, ns, DISCRIMINATORY[mechanism], bF, bP, sF, sP,
      pairs.buy, pairs.sell, pairs.quantityKwh, pairs.pricePerKwh, summary);
    const np = summary[Summary.PAIRS];
    out.pairs = { buy: pairs.buy.slice(0, np), sell: pairs.sell.slice(0, np), quantityKwh: pairs.quantityKwh.slice(0, np), pricePerKwh: pairs.pricePerKwh.slice(0, np) };
  } else if (mechanism === 'trade-reduction') {
    status = clearTradeReduction(bp, bq, bo, nb, sp, sq, so, ns, bF, bP, sF, sP, summary);
  } else if (huang) {
    status = clearHuang(bp, bq, bo, nb, sp, sq, so, ns, keys, c.i32(n), work, bF, bP, sF, sP, summary);
  } else {
    status = clearMuda(bp, bq, bo, nb, sp, sq, so, ns, halves(book.buyHalf, nb), halves(book.sellHalf, ns),
      bF, bP, sF, sP, summary);
  }
  check(status, `auction kernel '${mechanism}'`);
  return out;
}

function halves(h: Int32Array | undefined, n: number): Int32Array {
  if (!h || h.length !== n) throw new RangeError('MUDA needs buyHalf/sellHalf with one entry per order');
  return h;
}

interface AuctionExports {
  sortWorkspaceBytes(n: number): number;
  sortAscendingF64(keys: number, n: number, order: number, work: number): number;
  negateKeys(src: number, dst: number, n: number): number;
  clearUniform(bp: number, bq: number, bo: number, nb: number, sp: number, sq: number, so: number, ns: number,
    priceRule: number, k: number, bF: number, bP: number, sF: number, sP: number, summary: number): number;
  clearDiscriminatory(bp: number, bq: number, bo: number, nb: number, sp: number, sq: number, so: number, ns: number,
    rule: number, bF: number, bP: number, sF: number, sP: number,
    pairB: number, pairS: number, pairQ: number, pairP: number, summary: number): number;
  clearTradeReduction(bp: number, bq: number, bo: number, nb: number, sp: number, sq: number, so: number, ns: number,
    bF: number, bP: number, sF: number, sP: number, summary: number): number;
  clearHuang(bp: number, bq: number, bo: number, nb: number, sp: number, sq: number, so: number, ns: number,
    keys: number, perm: number, work: number, bF: number, bP: number, sF: number, sP: number, summary: number): number;
  clearMuda(bp: number, bq: number, bo: number, nb: number, sp: number, sq: number, so: number, ns: number,
    bHalf: number, sHalf: number, bF: number, bP: number, sF: number, sP: number, summary: number): number;
}

const auctionModule = lazyKernelModule<AuctionExports>('market-auctions', () => marketAuctionsWasmBase64);
/** Instances for nested calls (index = nesting depth − 1): a call inside a clearWith callback must not reset the
 *  arena whose views that callback is still reading. */
const nestedModules: KernelModule<AuctionExports>[] = [];
let wasmDepth = 0;

/** Runs `fn` with the module instance of the current nesting depth (depth 0: the shared lazy instance). */
function withAuctionModule<T>(fn: (m: KernelModule<AuctionExports>) => T): T {
  const d = wasmDepth++;
  try {
    const m = d === 0 ? auctionModule() : (nestedModules[d - 1] ??= instantiateKernelModule<AuctionExports>('market-auctions', marketAuctionsWasmBase64));
    return fn(m);
  } finally {
    wasmDepth--;
  }
}

function wasmArgsort({ exports: x, arena }: KernelModule<AuctionExports>, keys: Float64Array): Int32Array {
  arena.reset();
  const n = keys.length;
  const kp = arena.pushF64(keys);
  const op = arena.allocI32(n);
  const wp = arena.alloc(x.sortWorkspaceBytes(n), 16);
  check(x.sortAscendingF64(kp, n, op, wp), 'sortAscendingF64');
  return arena.i32(op, n).slice();
}

/** The WebAssembly engine: one module instance (one more per nesting depth), its arena reset on every call. */
export const wasmAuctionEngine: AuctionEngine = {
  name: 'wasm',
  argsort(keys) {
    return withAuctionModule((m) => wasmArgsort(m, keys));
  },
  clear(mechanism, book, options) {
    return wasmAuctionEngine.clearWith(mechanism, book, options, (v) => ({
      buyFill: v.buyFill.slice(),
      buyPrice: v.buyPrice.slice(),
      sellFill: v.sellFill.slice(),
      sellPrice: v.sellPrice.slice(),
      pairs: v.pairs && {
        buy: v.pairs.buy.slice(), sell: v.pairs.sell.slice(), quantityKwh: v.pairs.quantityKwh.slice(), pricePerKwh: v.pairs.pricePerKwh.slice(),
      },
      summary: v.summary.slice(),
    }));
  },
  clearWith(mechanism, book, options, use) {
    return withAuctionModule((m) => wasmClearWith(m, mechanism, book, options, use));
  },
};

function wasmClearWith<T>(
  { exports: x, arena }: KernelModule<AuctionExports>, mechanism: AuctionMechanism, book: AuctionBook, options: AuctionKernelOptions,
  use: (out: AuctionOutcome) => T,
): T {
  arena.reset();
  const nb = book.buyPrice.length;
  const ns = book.sellPrice.length;
  const n = Math.max(nb, ns);
  // Allocate everything first, then take views: an allocation may grow (and detach) the memory.
  const bp = arena.allocF64(nb);
  const bq = arena.allocF64(nb);
  const sp = arena.allocF64(ns);
  const sq = arena.allocF64(ns);
  const keys = arena.allocF64(n);
  const bo = arena.allocI32(nb);
  const so = arena.allocI32(ns);
  const perm = arena.allocI32(n);
  const work = arena.alloc(x.sortWorkspaceBytes(n), 16);
  const bF = arena.allocF64(nb);
  const bP = arena.allocF64(nb);
  const sF = arena.allocF64(ns);
  const sP = arena.allocF64(ns);
  const summary = arena.allocF64(Summary.LENGTH);
  const discriminatory = mechanism in DISCRIMINATORY;
  const cap = discriminatory ? nb + ns : 0;
  const pairB = arena.allocI32(cap);
  const pairS = arena.allocI32(cap);
  const pairQ = arena.allocF64(cap);
  const pairP = arena.allocF64(cap);
  const muda = mechanism === 'muda';
  const bH = arena.allocI32(muda ? nb : 0);
  const sH = arena.allocI32(muda ? ns : 0);
  arena.f64(bp, nb).set(book.buyPrice);
  arena.f64(bq, nb).set(book.buyQuantity);
  arena.f64(sp, ns).set(book.sellPrice);
  arena.f64(sq, ns).set(book.sellQuantity);
  if (muda) {
    arena.i32(bH, nb).set(halves(book.buyHalf, nb));
    arena.i32(sH, ns).set(halves(book.sellHalf, ns));
  }
  check(x.negateKeys(bp, keys, nb), 'negateKeys');
  check(x.sortAscendingF64(keys, nb, bo, work), 'sortAscendingF64');
  check(x.sortAscendingF64(sp, ns, so, work), 'sortAscendingF64');
  let status: number;
  if (mechanism === 'uniform') {
    status = x.clearUniform(bp, bq, bo, nb, sp, sq, so, ns, options.priceRule, options.k, bF, bP, sF, sP, summary);
  } else if (discriminatory) {
    status = x.clearDiscriminatory(bp, bq, bo, nb, sp, sq, so, ns, DISCRIMINATORY[mechanism], bF, bP, sF, sP,
      pairB, pairS, pairQ, pairP, summary);
  } else if (mechanism === 'trade-reduction') {
    status = x.clearTradeReduction(bp, bq, bo, nb, sp, sq, so, ns, bF, bP, sF, sP, summary);
  } else if (mechanism === 'huang') {
    status = x.clearHuang(bp, bq, bo, nb, sp, sq, so, ns, keys, perm, work, bF, bP, sF, sP, summary);
  } else {
    status = x.clearMuda(bp, bq, bo, nb, sp, sq, so, ns, bH, sH, bF, bP, sF, sP, summary);
  }
  check(status, `auction kernel '${mechanism}'`);
  const sum = arena.f64(summary, Summary.LENGTH);
  const np = discriminatory ? sum[Summary.PAIRS] : 0;
  return use({
    buyFill: arena.f64(bF, nb),
    buyPrice: arena.f64(bP, nb),
    sellFill: arena.f64(sF, ns),
    sellPrice: arena.f64(sP, ns),
    pairs: discriminatory
      ? { buy: arena.i32(pairB, np), sell: arena.i32(pairS, np), quantityKwh: arena.f64(pairQ, np), pricePerKwh: arena.f64(pairP, np) }
      : null,
    summary: sum,
  });
}

/** The engine of the given name. */
export function auctionEngine(name: Engine): AuctionEngine {
  return name === 'wasm' ? wasmAuctionEngine : tsAuctionEngine;
}
