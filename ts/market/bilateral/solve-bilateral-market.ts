/**
 * `solveBilateralMarket(market, options)`: validates and compiles a `p2p-bilateral-market/1` document and solves it
 * centrally (./central-solver.ts, the reference) or by consensus ADMM (./admm-solver.ts), in this thread or over
 * `workers` worker_threads (./admm-worker-pool.ts, Node). `solveBilateralMarketSync` is the same without workers.
 */
import { ValidationError } from '../../errors.js';
import type { BilateralMarket } from './bilateral-market.js';
import type { BilateralMarketResult, BilateralMethod } from './bilateral-result.js';
import { infeasibleResult } from './bilateral-result.js';
import { compileBilateralMarket, type CompiledBilateralMarket } from './compile-bilateral-market.js';
import { solveBilateralCentral } from './central-solver.js';
import { finishAdmm, planAdmm, solveBilateralAdmm } from './admm-solver.js';
import { firstInfeasiblePart, tradeGraphParts } from './feasible-trades.js';

/** Options of solveBilateralMarket. */
export interface BilateralSolveOptions {
  /** 'central' (default) or 'admm'. */
  method?: BilateralMethod;
  /** ADMM: number of worker threads (default 1 = this thread); 1, 2, 4 … give the same iterates. */
  workers?: number;
  /** ADMM kernel engine (default 'wasm'). */
  engine?: 'wasm' | 'ts';
  /** Relative tolerance (central default 1e-10; ADMM default 1e-5, see ./admm-solver.ts). */
  tolerance?: number;
  /** Iteration limit (central default 200; ADMM default 20,000). */
  maxIterations?: number;
}

/** Solves a bilateral market; see the module header. */
export async function solveBilateralMarket(market: BilateralMarket, options: BilateralSolveOptions = {}): Promise<BilateralMarketResult> {
  const { m, workers } = prepare(market, options);
  if (options.method === 'admm' && workers > 1) {
    const t0 = performance.now();
    if (firstInfeasiblePart(m, tradeGraphParts(m)) >= 0) return infeasibleResult(m, 'admm', performance.now() - t0, workers);
    const plan = planAdmm(m, workers, options);
    // A computed specifier: bundlers for browsers leave this Node-only module (worker_threads) out of the entry.
    const poolModule = './admm-worker-pool.js';
    const { runAdmmInWorkers } = (await import(/* @vite-ignore */ poolModule)) as typeof import('./admm-worker-pool.js');
    const { loop, trade, price } = await runAdmmInWorkers(plan);
    return finishAdmm(plan, loop, trade, price, t0, workers);
  }
  return solveCompiled(m, options);
}

/** Solves a bilateral market in this thread (workers must be 1 or absent). */
export function solveBilateralMarketSync(market: BilateralMarket, options: BilateralSolveOptions = {}): BilateralMarketResult {
  const { m, workers } = prepare(market, options);
  if (workers !== 1) {
    throw new ValidationError({ element: 'options', id: 'solveBilateralMarketSync', field: 'workers', value: workers }, 'must be 1 here; use solveBilateralMarket for workers');
  }
  return solveCompiled(m, options);
}

function solveCompiled(m: CompiledBilateralMarket, options: BilateralSolveOptions): BilateralMarketResult {
  return options.method === 'admm'
    ? solveBilateralAdmm(m, options)
    : solveBilateralCentral(m, { tolerance: options.tolerance, maxIterations: options.maxIterations });
}

function prepare(market: BilateralMarket, options: BilateralSolveOptions): { m: CompiledBilateralMarket; workers: number } {
  const method = options.method ?? 'central';
  const opt = (field: string, value: unknown, problem: string): never => {
    throw new ValidationError({ element: 'options', id: 'solveBilateralMarket', field, value }, problem);
  };
  if (method !== 'central' && method !== 'admm') opt('method', method, "must be 'central' or 'admm'");
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) opt('workers', workers, 'must be an integer in 1…64');
  if (workers > 1 && method !== 'admm') opt('workers', workers, "only the 'admm' method runs on workers");
  if (options.engine !== undefined && options.engine !== 'wasm' && options.engine !== 'ts') opt('engine', options.engine, "must be 'wasm' or 'ts'");
  if (options.tolerance !== undefined && !(options.tolerance > 0 && options.tolerance < 1)) opt('tolerance', options.tolerance, 'must be in (0, 1)');
  if (options.maxIterations !== undefined && !(Number.isInteger(options.maxIterations) && options.maxIterations >= 1)) {
    opt('maxIterations', options.maxIterations, 'must be a positive integer');
  }
  const m = compileBilateralMarket(market);
  return { m, workers };
}
