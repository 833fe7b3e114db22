// Build a small 20/0.4 kV feeder in engineering units, validate it, compile it to per-unit tables and solve it.
// Run: node --import tsx examples/02-build-a-feeder.ts
import { compileNetwork, createNetwork, solvePowerFlow, ValidationError } from 'peergrid';

const net = createNetwork({ baseMva: 1, name: 'street' })
  .addBus({ id: 'mv', vnKv: 20 })
  .addBus({ id: 'lv', vnKv: 0.4, vmMinPu: 0.9, vmMaxPu: 1.1 })
  .addSlack({ id: 'grid', bus: 'mv', vmPu: 1.0 })
  .addTransformer({ id: 'T1', hv: 'mv', lv: 'lv', ratingKva: 400, ukPercent: 6, urPercent: 1.425, tapRatio: 0.975 });

// Ten houses along one NAYY 4x150 cable, 30 m apart; every third house has 5 kW of PV.
let previous = 'lv';
for (let i = 1; i <= 10; i++) {
  const bus = `house${i}`;
  net.addBus({ id: bus, vnKv: 0.4 });
  net.addLine({ id: `cable${i}`, from: previous, to: bus, rOhmPerKm: 0.206, xOhmPerKm: 0.08, lengthKm: 0.03, ampacityA: 275 });
  net.addLoad({ id: `load${i}`, bus, pKw: 2.5, qKvar: 0.8 });
  if (i % 3 === 0) net.addPv({ id: `pv${i}`, bus, pKw: 5 });
  previous = bus;
}

// Validation names the element, id, field, value and unit of the first problem.
try {
  createNetwork().addBus({ id: 'a', vnKv: 0.4 }).addBus({ id: 'b', vnKv: 0.4 })
    .addSlack({ id: 'g', bus: 'a' }).addLine({ id: 'bad', from: 'a', to: 'b', rOhm: -1, xOhm: 0.1 }).validate();
} catch (err) {
  if (err instanceof ValidationError) console.log(`validation works: ${err.message}`);
}

const compiled = compileNetwork(net.toModel());
console.log(`${compiled.name}: ${compiled.nBus} buses, ${compiled.nBranch} branches, ${compiled.loadIds.length} loads, ` +
  `${compiled.injectionIds.length} PV systems, base ${compiled.baseMva} MVA`);

const result = solvePowerFlow(compiled);
console.log(`power flow: ${result.status} after ${result.iterations} iterations (${result.method}, ${result.engine})`);
for (let i = 0; i < compiled.nBus; i++) {
  console.log(`  ${String(compiled.busIds[i]).padEnd(8)} ${result.vmPu[i]!.toFixed(4)} p.u.  ${result.vaDeg[i]!.toFixed(3)}°`);
}
console.log(`losses: ${(result.lossesMw * 1000).toFixed(3)} kW`);
