// How a solved bus injection is shared among the generators at that bus, following MATPOWER's pfsoln (7.x): the
// rule users compare our generator rows against.

/**
 * Splits each voltage-controlled bus's computed reactive generation among its in-service generators, writing MVAr
 * into `qGenMvar` for the generators listed in `gens` (in-service generators at PV/slack buses, in row order).
 *
 * MATPOWER pfsoln's rule, when more than one such generator exists in the whole case: each generator first gets an
 * equal share `q = Qbus/n`; infinite limits are replaced by ±M, where M sums over the bus's generators |q| + |Qmax|
 * (if finite) + |Qmin| (if finite); then every generator gets `Qmin + (Qbus − ΣQmin)/(ΣQmax − ΣQmin + eps)·(Qmax −
 * Qmin)`, i.e. the same fraction of its reactive range. At a bus whose total range is below 10·eps MVAr, each
 * generator gets `Qmin + (Qbus − ΣQmin)/n` (equal violation). With exactly one such generator, it takes Qbus.
 *
 * @param gens generator rows, grouped so that generators at one bus are contiguous in `gens[start[j]..start[j+1])`
 * @param start group boundaries (length = groups + 1)
 * @param qBusMvar total reactive generation required at each group's bus, MVAr (one per group)
 * @param qMinMvar / qMaxMvar reactive limits per generator row, MVAr (±Infinity = unlimited)
 */
export function splitReactiveGeneration(
  gens: Int32Array,
  start: Int32Array,
  qBusMvar: Float64Array,
  qMinMvar: ArrayLike<number>,
  qMaxMvar: ArrayLike<number>,
  qGenMvar: Float64Array,
): void {
  const groups = start.length - 1;
  const eps = Number.EPSILON;
  for (let j = 0; j < groups; j++) {
    const a = start[j];
    const b = start[j + 1];
    const n = b - a;
    if (n === 0) continue;
    const qTot = qBusMvar[j];
    if (gens.length === 1) {
      qGenMvar[gens[a]] = qTot;
      continue;
    }
    const qEqual = qTot / n;
    let m = 0;
    for (let k = a; k < b; k++) {
      const g = gens[k];
      m += Math.abs(qEqual);
      if (Number.isFinite(qMaxMvar[g])) m += Math.abs(qMaxMvar[g]);
      if (Number.isFinite(qMinMvar[g])) m += Math.abs(qMinMvar[g]);
    }
    let sumMin = 0;
    let sumMax = 0;
    for (let k = a; k < b; k++) {
      sumMin += finiteOr(qMinMvar[gens[k]], m);
      sumMax += finiteOr(qMaxMvar[gens[k]], m);
    }
    if (Math.abs(sumMin - sumMax) < 10 * eps) {
      const share = (qTot - sumMin) / n;
      for (let k = a; k < b; k++) qGenMvar[gens[k]] = finiteOr(qMinMvar[gens[k]], m) + share;
      continue;
    }
    const fraction = (qTot - sumMin) / (sumMax - sumMin + eps);
    for (let k = a; k < b; k++) {
      const lo = finiteOr(qMinMvar[gens[k]], m);
      const hi = finiteOr(qMaxMvar[gens[k]], m);
      qGenMvar[gens[k]] = lo + fraction * (hi - lo);
    }
  }
}

/** An infinite limit becomes ±m (m ≥ 0, MVAr), as pfsoln does before dividing the bus total proportionally. */
function finiteOr(limit: number, m: number): number {
  if (limit === Infinity) return m;
  if (limit === -Infinity) return -m;
  return limit;
}
