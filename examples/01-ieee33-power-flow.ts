// Example 1: the IEEE 33-bus feeder (Baran & Wu 1989) — build it, solve the AC power flow, print the weakest bus
// and the losses. Run: node --import tsx examples/01-ieee33-power-flow.ts
import { assertOk, createIeee33, solvePowerFlow } from 'peergrid';

const result = assertOk(solvePowerFlow(createIeee33()), 'IEEE 33-bus power flow');

let weakest = 0;
for (let i = 1; i < result.vmPu.length; i++) if (result.vmPu[i] < result.vmPu[weakest]) weakest = i;

console.log(`method: ${result.method} on ${result.engine}, ${result.iterations} iterations, ${result.solveMs.toFixed(2)} ms`);
console.log(`minimum voltage: ${result.vmPu[weakest].toFixed(5)} p.u. at bus ${String(result.busIds[weakest])} (published: 0.91309 at bus 18)`);
console.log(`losses: ${(result.lossesMw * 1000).toFixed(2)} kW, ${(result.lossesMvar * 1000).toFixed(2)} kvar (published: 202.68 kW)`);
console.log(`slack supplies: ${(result.pGenMw[0] * 1000).toFixed(1)} kW, ${(result.qGenMvar[0] * 1000).toFixed(1)} kvar`);
console.log(`buses below their limit: ${result.violations.buses.length}`);
