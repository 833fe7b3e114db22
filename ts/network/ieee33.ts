/**
 * The IEEE 33-bus radial distribution feeder of Baran & Wu (1989): "Network reconfiguration in distribution
 * systems for loss reduction and load balancing", IEEE Trans. Power Delivery 4(2), 1401-1407. 12.66 kV, 32
 * sectionalising lines and 5 tie lines, total load 3715 kW + 2300 kvar. Built through the public builder with the
 * published values: impedances in Ω, loads in kW and kvar.
 *
 * The 5 tie lines (21-8, 9-15, 12-22, 18-33, 25-29) are included as OUT-OF-SERVICE lines, as in MATPOWER's
 * case33bw, so the network is radial as published and reconfiguration studies can switch them in.
 * Ids: buses '1'…'33' (bus '1' is the substation, the slack); lines 'L1'…'L37' in MATPOWER case33bw row order
 * (L33…L37 are the ties); loads 'load-<bus>'; the slack 'grid'.
 */
import { createNetwork } from './network-builder.js';
import type { NetworkModel } from './network-model.js';

/** Nominal voltage of the IEEE 33-bus feeder, kV. */
export const IEEE33_KV = 12.66;

// [from, to, R Ω, X Ω] — Baran & Wu (1989), Table I.
const LINES: ReadonlyArray<readonly [number, number, number, number]> = [
  [1, 2, 0.0922, 0.047], [2, 3, 0.493, 0.2511], [3, 4, 0.366, 0.1864], [4, 5, 0.3811, 0.1941],
  [5, 6, 0.819, 0.707], [6, 7, 0.1872, 0.6188], [7, 8, 0.7114, 0.2351], [8, 9, 1.03, 0.74],
  [9, 10, 1.044, 0.74], [10, 11, 0.1966, 0.065], [11, 12, 0.3744, 0.1238], [12, 13, 1.468, 1.155],
  [13, 14, 0.5416, 0.7129], [14, 15, 0.591, 0.526], [15, 16, 0.7463, 0.545], [16, 17, 1.289, 1.721],
  [17, 18, 0.732, 0.574], [2, 19, 0.164, 0.1565], [19, 20, 1.5042, 1.3554], [20, 21, 0.4095, 0.4784],
  [21, 22, 0.7089, 0.9373], [3, 23, 0.4512, 0.3083], [23, 24, 0.898, 0.7091], [24, 25, 0.896, 0.7011],
  [6, 26, 0.203, 0.1034], [26, 27, 0.2842, 0.1447], [27, 28, 1.059, 0.9337], [28, 29, 0.8042, 0.7006],
  [29, 30, 0.5075, 0.2585], [30, 31, 0.9744, 0.963], [31, 32, 0.3105, 0.3619], [32, 33, 0.341, 0.5302],
];
// Tie lines, normally open.
const TIES: ReadonlyArray<readonly [number, number, number, number]> = [
  [21, 8, 2, 2], [9, 15, 2, 2], [12, 22, 2, 2], [18, 33, 0.5, 0.5], [25, 29, 0.5, 0.5],
];
// [bus, P kW, Q kvar] — Baran & Wu (1989), Table I.
const LOADS: ReadonlyArray<readonly [number, number, number]> = [
  [2, 100, 60], [3, 90, 40], [4, 120, 80], [5, 60, 30], [6, 60, 20], [7, 200, 100], [8, 200, 100], [9, 60, 20],
  [10, 60, 20], [11, 45, 30], [12, 60, 35], [13, 60, 35], [14, 120, 80], [15, 60, 10], [16, 60, 20], [17, 60, 20],
  [18, 90, 40], [19, 90, 40], [20, 90, 40], [21, 90, 40], [22, 90, 40], [23, 90, 50], [24, 420, 200],
  [25, 420, 200], [26, 60, 25], [27, 60, 25], [28, 60, 20], [29, 120, 70], [30, 200, 600], [31, 150, 70],
  [32, 210, 100], [33, 60, 40],
];

/** Options of createIeee33. */
export interface Ieee33Options {
  /** System base power, MVA (default 10, as MATPOWER's case33bw). */
  baseMva?: number;
  /** Slack voltage magnitude, p.u. (default 1). */
  slackVmPu?: number;
}

/** The IEEE 33-bus feeder (Baran & Wu 1989) as a NetworkModel in engineering units; see the file header for ids. */
export function createIeee33(options: Ieee33Options = {}): NetworkModel {
  const net = createNetwork({ baseMva: options.baseMva ?? 10, name: 'ieee33' });
  for (let b = 1; b <= 33; b++) net.addBus({ id: String(b), vnKv: IEEE33_KV, vmMinPu: 0.9, vmMaxPu: 1.1 });
  net.addSlack({ id: 'grid', bus: '1', vmPu: options.slackVmPu ?? 1, vaDeg: 0 });
  let n = 0;
  for (const [f, t, r, x] of LINES) net.addLine({ id: `L${++n}`, from: String(f), to: String(t), rOhm: r, xOhm: x });
  for (const [f, t, r, x] of TIES) {
    net.addLine({ id: `L${++n}`, from: String(f), to: String(t), rOhm: r, xOhm: x, inService: false });
  }
  for (const [b, p, q] of LOADS) net.addLoad({ id: `load-${b}`, bus: String(b), pKw: p, qKvar: q });
  return net.toModel();
}
