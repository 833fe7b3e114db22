/** Which implementation runs a kernel: the AssemblyScript/WebAssembly artifact or its pure-TypeScript twin. */
export type Engine = 'wasm' | 'ts';
