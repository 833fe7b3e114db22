// `peergrid p2p <market.json>`: solves a p2p-bilateral-market/1 document centrally or by ADMM (Node-only file).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { parseJsonText } from '../network/json-text.js';
import type { BilateralMarket } from '../market/bilateral/bilateral-market.js';
import type { BilateralMarketResult } from '../market/bilateral/bilateral-result.js';
import { solveBilateralMarket } from '../market/bilateral/solve-bilateral-market.js';

interface P2pFlags {
  method: string;
  workers: string;
  tolerance?: string;
  maxIterations?: string;
  engine: string;
  json?: boolean;
}

/** Registers `peergrid p2p <market.json> [--method central|admm] [--workers N] [--tolerance T] [--max-iterations K] [--json]`. */
export function registerP2pCommand(program: Command): void {
  program
    .command('p2p')
    .description('solve a multi-bilateral peer-to-peer market (p2p-bilateral-market/1) centrally or by consensus ADMM')
    .argument('<market>', 'JSON file {"format": "p2p-bilateral-market/1", "agents": [...], "links": [...]}')
    .option('--method <method>', 'central | admm', 'central')
    .option('--workers <n>', 'admm: worker threads (1 = this thread)', '1')
    .option('--tolerance <t>', 'relative tolerance (central 1e-10, admm 1e-5 by default)')
    .option('--max-iterations <k>', 'iteration limit (central 200, admm 20000 by default)')
    .option('--engine <engine>', 'admm kernel engine: wasm | ts', 'wasm')
    .option('--json', 'print exactly one JSON object')
    .action(async (file: string, flags: P2pFlags) => {
      const market = parseJsonText(readFileSync(file, 'utf8'), file) as BilateralMarket;
      if (flags.method !== 'central' && flags.method !== 'admm') {
        throw new ValidationError({ element: 'option', id: '--method', field: 'method', value: flags.method }, "must be 'central' or 'admm'");
      }
      if (flags.engine !== 'wasm' && flags.engine !== 'ts') {
        throw new ValidationError({ element: 'option', id: '--engine', field: 'engine', value: flags.engine }, "must be 'wasm' or 'ts'");
      }
      const result = await solveBilateralMarket(market, {
        method: flags.method,
        workers: numberFlag('--workers', flags.workers),
        tolerance: flags.tolerance === undefined ? undefined : numberFlag('--tolerance', flags.tolerance),
        maxIterations: flags.maxIterations === undefined ? undefined : numberFlag('--max-iterations', flags.maxIterations),
        engine: flags.engine,
      });
      process.stdout.write(flags.json ? JSON.stringify(toJson(result)) + '\n' : describe(result));
    });
}

function numberFlag(flag: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) {
    throw new ValidationError({ element: 'option', id: flag, field: flag.replace(/^--/, ''), value: text }, 'must be a finite number');
  }
  return v;
}

/** The --json contract of issue 10, exactly these fields. */
function toJson(r: BilateralMarketResult): Record<string, unknown> {
  return {
    status: r.status,
    method: r.method,
    iterations: r.iterations,
    objective: r.objective,
    agents: r.agents,
    trades: r.trades,
    primalResidual: r.primalResidual,
    dualResidual: r.dualResidual,
    solveMs: r.solveMs,
  };
}

function describe(r: BilateralMarketResult): string {
  const n = (x: number): string => String(Number(x.toPrecision(8)));
  const lines = [`${r.method}: ${r.status} after ${r.iterations} iterations in ${n(r.solveMs)} ms${r.method === 'admm' ? ` (${r.workers} worker${r.workers > 1 ? 's' : ''})` : ''}`];
  if (r.objective === null) return lines.concat('no feasible dispatch: some connected group of agents cannot balance within its bounds').join('\n') + '\n';
  let sold = 0;
  for (const t of r.trades) if (t.kw > 0) sold += t.kw;
  lines.push(`objective ${n(r.objective)} currency/h, ${r.trades.length / 2} trades, ${n(sold)} kW traded`);
  lines.push(`residuals: primal ${r.primalResidual.toExponential(2)} kW, dual ${r.dualResidual.toExponential(2)} currency/kWh`);
  const shown = r.agents.slice(0, 20);
  lines.push('net positions (kW, > 0 sells):');
  for (const a of shown) lines.push(`  ${a.id}  ${n(a.netKw!)}`);
  if (r.agents.length > shown.length) lines.push(`  … ${r.agents.length - shown.length} more (use --json for all)`);
  return lines.join('\n') + '\n';
}
