/**
 * Defines `field` on `target` as an enumerable property computed on first read and then stored as a plain value
 * (JSON.stringify, spreads and Object.keys see it like any field; assigning to it replaces it). For result fields
 * that are costly and often unused, e.g. per-branch extras of a million-bus power flow.
 */
export function defineLazyProperty<T>(target: object, field: string, compute: () => T): void {
  Object.defineProperty(target, field, {
    enumerable: true,
    configurable: true,
    get(this: object): T {
      const value = compute();
      Object.defineProperty(this, field, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(this: object, value: unknown): void {
      Object.defineProperty(this, field, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}
