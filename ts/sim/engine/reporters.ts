/**
 * Named reporters (the Mesa DataCollector shape): each reporter is a function evaluated after every step whose value
 * goes into a preallocated Float64Array column, one slot per step. NaN marks a step without a value (e.g. no P2P
 * trade, so no P2P price); JSON and CSV output write it as null / an empty cell.
 */

/** A reporter: returns the value of one column for the step just finished. */
export type ReporterFn<S> = (sim: S) => number;

/** Columns of per-step values, preallocated for the whole horizon. */
export class ReporterSet<S> {
  private readonly names: string[] = [];
  private readonly fns: ReporterFn<S>[] = [];
  private readonly cols: Float64Array[] = [];

  constructor(readonly capacity: number) {}

  /** Adds a reporter; its column has `capacity` slots, NaN until recorded. */
  add(name: string, fn: ReporterFn<S>): void {
    if (this.names.includes(name)) throw new RangeError(`reporter '${name}' already exists`);
    this.names.push(name);
    this.fns.push(fn);
    this.cols.push(new Float64Array(this.capacity).fill(NaN));
  }

  /** Records every reporter for step `i`. */
  record(i: number, sim: S): void {
    for (let r = 0; r < this.fns.length; r++) this.cols[r]![i] = this.fns[r]!(sim);
  }

  /** Reporter names in the order added. */
  get columnNames(): readonly string[] {
    return this.names;
  }

  /** The column of reporter `name` (live view of the full horizon). */
  column(name: string): Float64Array {
    const i = this.names.indexOf(name);
    if (i < 0) throw new RangeError(`no reporter named '${name}'`);
    return this.cols[i]!;
  }

  /** Every column, trimmed to the first `steps` slots (views, not copies). */
  columns(steps: number): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    this.names.forEach((n, i) => (out[n] = this.cols[i]!.subarray(0, steps)));
    return out;
  }
}
