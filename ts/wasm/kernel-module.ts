import { Arena } from './arena.js';

/** Exports every peergrid kernel module has besides its kernels. */
export interface KernelModuleExports {
  /** The module's linear memory. */
  memory: WebAssembly.Memory;
  /** First free byte after the module's static data. */
  heapBase(): number;
}

/** One instantiated kernel module: its raw exports and the arena the TS wrapper allocates in. */
export interface KernelModule<E> {
  /** Raw kernel exports; they take pointers and counts and return i32 status codes. */
  exports: E & KernelModuleExports;
  /** Arena over the module's memory. */
  arena: Arena;
}

/** Decodes base64 without node: imports (atob exists in Node >= 16, browsers and workers). */
export function decodeBase64(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const compiled = new Map<string, WebAssembly.Module>();

/**
 * Instantiates a kernel module synchronously from base64 bytes. The compiled module is cached per name, so every
 * call after the first only creates a new instance (its own memory and arena). Synchronous compile is allowed on
 * browser main threads for modules under 8 MB; ours are tens of kB.
 */
export function instantiateKernelModule<E>(name: string, base64: string): KernelModule<E> {
  let mod = compiled.get(name);
  if (!mod) {
    mod = new WebAssembly.Module(decodeBase64(base64) as BufferSource);
    compiled.set(name, mod);
  }
  const instance = new WebAssembly.Instance(mod, {
    env: {
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`peergrid ${name} kernel aborted at ${line}:${column}`);
      },
    },
  });
  const exports = instance.exports as unknown as E & KernelModuleExports;
  return { exports, arena: new Arena(exports.memory, exports.heapBase()) };
}

/** Returns a function that instantiates the module on first call and then returns the same instance. */
export function lazyKernelModule<E>(name: string, base64: () => string): () => KernelModule<E> {
  let module: KernelModule<E> | undefined;
  return () => (module ??= instantiateKernelModule<E>(name, base64()));
}
