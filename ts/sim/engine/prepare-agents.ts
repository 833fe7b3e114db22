/**
 * Turns a validated scenario into agents on a compiled feeder: resolves each prosumer's bus, generates its seeded
 * profiles (household load, PV, EV sessions) or reads its meter CSV, and builds its battery, charger and strategy.
 * Every random stream is forked from the scenario seed by a stable label, so adding a prosumer never changes another
 * prosumer's draws.
 */
import { FileError, ValidationError } from '../../errors.js';
import { Battery } from '../../flex/battery.js';
import { EvCharger } from '../../flex/ev.js';
import type { CompiledNetwork, ElementId } from '../../network/compiled-network.js';
import { BUS_ISOLATED } from '../../network/compiled-network.js';
import { Rng } from '../../random.js';
import { evSessions } from '../profiles/ev-sessions.js';
import { householdLoadKw } from '../profiles/household-load.js';
import { meterSeriesOnGrid, parseMeterCsv } from '../profiles/meter-csv.js';
import { pvOutputKw } from '../profiles/pv.js';
import type { TimeGrid } from '../profiles/time-grid.js';
import { strategyFromSpec, type BiddingStrategy } from '../agents/bidding-strategy.js';
import { ProsumerAgent } from '../agents/prosumer-agent.js';
import type { ProsumerSpec, Scenario } from '../scenario/scenario-schema.js';
import type { ScenarioFiles } from './simulation-deps.js';
import type { StepTariffColumns } from './step-tariffs.js';
import { StoragePlanning } from './storage-planners.js';

/** kWh per km assumed when turning an EV's median session energy into a median daily distance. */
const EV_KWH_PER_KM = 0.18;

/** Finds a bus by the id the scenario gives (a MATPOWER bus number may be written as a string, and vice versa). */
export function resolveBus(net: CompiledNetwork, bus: ElementId): number | undefined {
  const direct = net.busIndex.get(bus);
  if (direct !== undefined) return direct;
  if (typeof bus === 'string' && /^-?\d+$/.test(bus)) return net.busIndex.get(Number(bus));
  if (typeof bus === 'number') return net.busIndex.get(String(bus));
  return undefined;
}

/** Builds one agent per prosumer, in scenario order. Throws ValidationError naming `prosumers[i].…` on bad input. */
export function prepareAgents(
  scenario: Scenario,
  net: CompiledNetwork,
  grid: TimeGrid,
  files: ScenarioFiles | undefined,
  strategyFor?: (prosumer: ProsumerSpec, index: number) => BiddingStrategy | undefined,
  tariffs?: StepTariffColumns,
): ProsumerAgent[] {
  const root = new Rng(scenario.seed);
  const site = { latitudeDeg: scenario.location.latitudeDeg, longitudeDeg: scenario.location.longitudeDeg };
  // One PV shape per kWp for the whole feeder: neighbours see the same clouds.
  let pvPerKwp: Float64Array | null = null;
  const defaultStrategy = scenario.market.strategy;
  // Optimal batteries and EVs plan against the run's prices (without them, e.g. in unit tests, they cannot run).
  const planning = tariffs ? new StoragePlanning(tariffs, grid.dtHours, scenario.engine) : null;
  return scenario.prosumers.map((p, i) => {
    const where = (field: string): string => `prosumers[${i}].${field}`;
    const busIndex = resolveBus(net, p.bus);
    if (busIndex === undefined) {
      throw new ValidationError({ element: 'scenario', id: scenario.name, field: where('bus'), value: p.bus }, `no such bus in network '${scenario.network}'`);
    }
    if (net.busType[busIndex] === BUS_ISOLATED) {
      throw new ValidationError({ element: 'scenario', id: scenario.name, field: where('bus'), value: p.bus }, 'the bus is isolated (type 4)');
    }
    const rng = root.fork(`prosumer/${p.id}`);
    let loadKw: Float64Array;
    if (p.load.kind === 'household') {
      loadKw = householdLoadKw(grid, rng.fork('load'), { annualKwh: p.load.annualKwh, utcOffsetHours: scenario.utcOffsetHours });
    } else if (p.load.kind === 'constant') {
      loadKw = new Float64Array(grid.steps).fill(p.load.pKw);
    } else {
      if (!files) {
        throw new ValidationError({ element: 'scenario', id: scenario.name, field: where('load.path'), value: p.load.path }, 'meter CSV loads need file access (run from the CLI or pass files)');
      }
      const path = files.resolve(p.load.path);
      let text: string;
      try {
        text = files.readText(path);
      } catch (e) {
        throw new ValidationError({ element: 'scenario', id: scenario.name, field: where('load.path'), value: p.load.path }, `cannot read ${path}: ${e instanceof FileError ? e.problem : (e as Error).message}`);
      }
      const l = p.load;
      // Hints name the scenario's fields, the only ones this user can set.
      const optionNames = { valueUnit: where('load.unit'), valueColumn: where('load.valueColumn'), netMeter: where('load.netMeter'), fillGaps: where('load.fillGaps'), expectedDtHours: where('load.expectedDtHours') };
      const series = parseMeterCsv(text, {
        file: path, valueUnit: l.unit, valueColumn: l.valueColumn, timestampColumn: l.timestampColumn, fillGaps: l.fillGaps,
        netMeter: l.netMeter, expectedDtHours: l.expectedDtHours, optionNames,
      });
      try {
        loadKw = meterSeriesOnGrid(series, grid, { resample: l.resample, resampleName: where('load.resample') });
      } catch (e) {
        if (e instanceof ValidationError) {
          throw new ValidationError({ element: 'scenario', id: scenario.name, field: where('load.path'), value: p.load.path }, e.message);
        }
        throw e;
      }
      const scale = p.load.scale ?? 1;
      if (scale !== 1) for (let s = 0; s < loadKw.length; s++) loadKw[s]! *= scale;
    }
    let pvKw: Float64Array | null = null;
    if (p.pvKwp > 0) {
      pvPerKwp ??= pvOutputKw(grid, root.fork('pv-weather'), { kwp: 1, ...site, cloudiness: scenario.clouds === false ? false : scenario.clouds });
      pvKw = new Float64Array(grid.steps);
      for (let s = 0; s < grid.steps; s++) pvKw[s] = pvPerKwp[s]! * p.pvKwp;
    }
    const battery = p.battery ? new Battery(p.battery) : null;
    let ev: EvCharger | null = null;
    if (p.ev) {
      const sessions = evSessions(grid, rng.fork('ev'), {
        utcOffsetHours: scenario.utcOffsetHours,
        arrivalMeanHour: p.ev.arrivalMeanHour,
        departureMeanHour: p.ev.departureMeanHour,
        medianDailyKm: p.ev.medianEnergyKwh / EV_KWH_PER_KM,
        kwhPerKm: EV_KWH_PER_KM,
        batteryKwh: p.ev.capacityKwh,
        chargerKw: p.ev.powerKw,
        plugInProbability: p.ev.plugInProbability,
      });
      ev = new EvCharger({ powerKw: p.ev.powerKw, efficiency: p.ev.efficiency, policy: p.ev.policy, cheapPricePerKwh: p.ev.cheapPricePerKwh }, sessions);
    }
    planning?.attach({ spec: p, battery, ev, loadKw, pvKw, rng });
    return new ProsumerAgent({
      id: p.id,
      busIndex,
      loadKw,
      pvKw,
      reactiveKvarPerKw: p.reactiveKvarPerKw,
      battery,
      ev,
      strategy: strategyFor?.(p, i) ?? strategyFromSpec(p.strategy ?? defaultStrategy),
      rng: rng.fork('bids'),
    });
  });
}
