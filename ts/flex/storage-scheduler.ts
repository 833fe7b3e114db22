/**
 * A reusable exact battery scheduler on either engine: the flex-storage WASM kernel (assembly/flex/storage-schedule.ts)
 * or its TS twin (./storage-schedule-baseline.ts). Workspaces are sized once for the longest problem and reused, so a
 * rolling-horizon simulation that re-solves thousands of times allocates nothing per solve. Each scheduler owns its
 * own WASM instance (memory and arena), so schedulers never share views.
 */
import type { Engine } from '../engine.js';
import { KernelStatus } from '../status.js';
import { instantiateKernelModule, type KernelModule } from '../wasm/kernel-module.js';
import { flexStorageWasmBase64 } from '../wasm/generated/flex-storage.wasm.js';
import {
  scheduleStorage, storageScheduleWorkspaceF64, storageScheduleWorkspaceI32, STORAGE_PARAM, STORAGE_SUMMARY,
} from './storage-schedule-baseline.js';

/** Raw exports of the flex-storage module (pointers are byte offsets into its memory). */
interface FlexStorageExports {
  scheduleStorage(
    steps: number, dtHours: number, importPrice: number, exportPrice: number, netLoadKw: number, params: number,
    chargeKw: number, dischargeKw: number, importKw: number, exportKw: number, socKwh: number, summary: number,
    work: number, iwork: number,
  ): number;
  storageScheduleWorkspaceF64(steps: number): number;
  storageScheduleWorkspaceI32(steps: number): number;
}

/** Inputs of one solve (all series of length ≥ steps; limits and params as in STORAGE_PARAM). */
export interface StorageScheduleInput {
  steps: number;
  dtHours: number;
  importPrice: Float64Array;
  exportPrice: Float64Array;
  netLoadKw: Float64Array;
  /** STORAGE_PARAM.LENGTH values. */
  params: Float64Array;
}

/** The exact battery scheduler; its output arrays are overwritten by every solve. */
export interface StorageScheduler {
  /** Engine running the kernel. */
  readonly engine: Engine;
  /** Longest problem the workspaces hold, intervals. */
  readonly maxSteps: number;
  /** Charging power per interval of the last solve, kW. */
  readonly chargeKw: Float64Array;
  /** Discharging power per interval, kW. */
  readonly dischargeKw: Float64Array;
  /** Grid import per interval, kW. */
  readonly importKw: Float64Array;
  /** Grid export per interval, kW. */
  readonly exportKw: Float64Array;
  /** Stored energy at the end of each interval, kWh. */
  readonly socKwh: Float64Array;
  /** Objective of the last optimal solve, currency. */
  objective: number;
  /** Solves one problem; returns a KernelStatus code (OK, INFEASIBLE, UNBOUNDED, INVALID_INPUT). */
  solve(input: StorageScheduleInput): number;
}

/** A scheduler for problems of up to `maxSteps` intervals on `engine`. */
export function createStorageScheduler(engine: Engine, maxSteps: number): StorageScheduler {
  if (!Number.isInteger(maxSteps) || maxSteps < 0) throw new RangeError(`createStorageScheduler: maxSteps must be an integer ≥ 0, got ${maxSteps}`);
  return engine === 'wasm' ? wasmScheduler(maxSteps) : tsScheduler(maxSteps);
}

function outputs(maxSteps: number): Pick<StorageScheduler, 'chargeKw' | 'dischargeKw' | 'importKw' | 'exportKw' | 'socKwh'> {
  const f = (): Float64Array => new Float64Array(maxSteps);
  return { chargeKw: f(), dischargeKw: f(), importKw: f(), exportKw: f(), socKwh: f() };
}

function checkSteps(input: StorageScheduleInput, maxSteps: number): void {
  if (!(input.steps >= 0 && input.steps <= maxSteps)) throw new RangeError(`StorageScheduler.solve: ${input.steps} steps, this scheduler holds ${maxSteps}`);
}

function tsScheduler(maxSteps: number): StorageScheduler {
  const work = new Float64Array(storageScheduleWorkspaceF64(maxSteps));
  const iwork = new Int32Array(storageScheduleWorkspaceI32(maxSteps));
  const summary = new Float64Array(STORAGE_SUMMARY.LENGTH);
  const out = outputs(maxSteps);
  const s: StorageScheduler = {
    engine: 'ts',
    maxSteps,
    ...out,
    objective: NaN,
    solve(input) {
      checkSteps(input, maxSteps);
      const code = scheduleStorage(
        input.steps, input.dtHours, input.importPrice, input.exportPrice, input.netLoadKw, input.params,
        out.chargeKw, out.dischargeKw, out.importKw, out.exportKw, out.socKwh, summary, work, iwork,
      );
      s.objective = code === KernelStatus.OK ? summary[STORAGE_SUMMARY.OBJECTIVE]! : NaN;
      return code;
    },
  };
  return s;
}

function wasmScheduler(maxSteps: number): StorageScheduler {
  const m: KernelModule<FlexStorageExports> = instantiateKernelModule<FlexStorageExports>('flex-storage', flexStorageWasmBase64);
  const { exports: x, arena } = m;
  // Everything is allocated once, before any view is taken: the memory never grows after this.
  const n = maxSteps;
  const imp = arena.allocF64(n), exp = arena.allocF64(n), net = arena.allocF64(n);
  const params = arena.allocF64(STORAGE_PARAM.LENGTH);
  const c = arena.allocF64(n), d = arena.allocF64(n), g = arena.allocF64(n), e = arena.allocF64(n), soc = arena.allocF64(n);
  const summary = arena.allocF64(STORAGE_SUMMARY.LENGTH);
  const work = arena.allocF64(x.storageScheduleWorkspaceF64(n));
  const iwork = arena.allocI32(x.storageScheduleWorkspaceI32(n));
  const out = outputs(maxSteps);
  const s: StorageScheduler = {
    engine: 'wasm',
    maxSteps,
    ...out,
    objective: NaN,
    solve(input) {
      checkSteps(input, maxSteps);
      const k = input.steps;
      arena.f64(imp, k).set(input.importPrice.subarray(0, k));
      arena.f64(exp, k).set(input.exportPrice.subarray(0, k));
      arena.f64(net, k).set(input.netLoadKw.subarray(0, k));
      arena.f64(params, STORAGE_PARAM.LENGTH).set(input.params);
      const code = x.scheduleStorage(k, input.dtHours, imp, exp, net, params, c, d, g, e, soc, summary, work, iwork);
      if (code === KernelStatus.OK) {
        out.chargeKw.set(arena.f64(c, k));
        out.dischargeKw.set(arena.f64(d, k));
        out.importKw.set(arena.f64(g, k));
        out.exportKw.set(arena.f64(e, k));
        out.socKwh.set(arena.f64(soc, k));
      }
      s.objective = code === KernelStatus.OK ? arena.f64(summary, STORAGE_SUMMARY.LENGTH)[STORAGE_SUMMARY.OBJECTIVE]! : NaN;
      return code;
    },
  };
  return s;
}

/**
 * One scheduler shared by many callers that solve one at a time and copy the outputs out at once (the planners of a
 * simulation): `get(steps)` returns it, replaced by a larger one (doubling) when a problem does not fit.
 */
export function sharedStorageScheduler(engine: Engine): (steps: number) => StorageScheduler {
  let current: StorageScheduler | null = null;
  return (steps) => {
    if (current === null || current.maxSteps < steps) current = createStorageScheduler(engine, Math.max(steps, 2 * (current?.maxSteps ?? 0)));
    return current;
  };
}
