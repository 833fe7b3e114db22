// The TS arena allocates above this address; kernels never allocate, so the stub runtime's heap stays empty.
export function heapBase(): usize { return __heap_base; }
