/**
 * The time-stepped P2P trading simulation (the SimPy/Mesa shape: `now`, `step()`, `run({ until })`, an explicit
 * `seed`, named reporters with columnar output).
 *
 * One step, in order:
 * 1. Each agent nets load (+ EV charging) against PV and runs its battery rule → net injection, kW. Connection
 *    limits (scenario.limits: export limit per connection, transformer limit on Σ net injection) curtail PV before
 *    the market sees the step (connection-limits.ts).
 * 2. Orders: one per prosumer and step, a sell order for its surplus or a buy order for its deficit, priced by the
 *    agent's bidding strategy. In the gate-closure mode (market.gateClosure) the quantity is the prosumer's forecast
 *    (forecast/net-injection-forecast.ts), not its actual.
 * 3. Clearing with the scenario's mechanism ('none' = no-P2P baseline: everything goes to the retailer). With
 *    scenario.communities the book clears as nested communities (../communities/community-market.ts); islanded
 *    (scenario.grid), the island then balances what the market left by storage, shedding and curtailment
 *    (../island/islanded-grid.ts), settlement checks each prosumer's market position, and step 6 does not run.
 * 4. Set-points: the prosumers' net injections (and reactive demand) → power flow on the feeder (one solver for the
 *    whole run, warm-started from the previous step).
 * 5. Violations: over/under-voltage per bus, branch loading above 100 %.
 *    Under 'network-constrained' the clearing itself curtails PV where the feeder needs it (LinDistFlow LP with DLMPs,
 *    network-constrained-step.ts): step 3 lowers the curtailed sellers' injections before the power flow.
 * 6. Corrective action (documented rule; not under 'network-constrained', whose clearing already kept the limits): while there is an overvoltage or a reverse-flow overload and fewer than
 *    `correction.maxRounds` rounds were made, curtail `correction.curtailFraction` of the remaining PV export of every
 *    exporting prosumer at the affected buses (radial: the violating bus and everything downstream of it / of the
 *    overloaded branch; meshed: the buses themselves), rebuild their orders, re-clear the market and re-solve.
 *    Undervoltage and forward overloads cannot be relieved by curtailing exports; they are counted, not corrected.
 * 7. Settlement of the final clearing: every P2P fill at its allInPricePerKwh (a buyer pays the price plus its share
 *    of the P2P network charge and levies, a seller receives the price minus its share; the market prices inside
 *    [sellers' floor, buyers' ceiling], so neither does worse than with the retailer), residuals with the retailer at
 *    retail / feed-in, and under gate closure the deviation of the actual from the cleared position at the imbalance
 *    prices; the no-P2P baseline cost of the same metered flows is settled alongside. The tariffs of every step are
 *    resolved and checked before the run (step-tariffs.ts). Ledger entries when enabled.
 * 8. Reporters record the step.
 *
 * Energy identities checked in every step (a step whose error exceeds 1e-6 kWh throws: the market lost or invented
 * energy) and asserted by the tests to 1e-9 kWh: for each prosumer, surplus = P2P sold +
 * grid export and deficit = P2P bought + grid import; over the community, P2P sold = P2P bought; so Σ (P2P sales +
 * grid exports) − Σ (P2P purchases + grid imports) = Σ net injection · dt.
 */
import { createContinuousMarket, type ContinuousMarket } from '../../market/continuous/continuous-interval-market.js';
import { ValidationError } from '../../errors.js';
import type { ClearingResult } from '../../market/clearing-result.js';
import type { Order } from '../../market/order.js';
import type { CompiledNetwork } from '../../network/compiled-network.js';
import { TimeGrid } from '../profiles/time-grid.js';
import type { BidContext, BiddingStrategy } from '../agents/bidding-strategy.js';
import type { ProsumerAgent } from '../agents/prosumer-agent.js';
import { FeederState } from '../grid/feeder-state.js';
import type { ProsumerSpec, Scenario, ScenarioInput, SimMechanism } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/validate-scenario.js';
import { prepareAgents } from './prepare-agents.js';
import { Rng } from '../../random.js';
import { applyExportLimits, applyTransformerLimit, exportLimitsKw } from './connection-limits.js';
import { withBackgroundLoad } from './background-load.js';
import { imbalancePricesAt, type ImbalancePrices } from './imbalance-prices.js';
import { NetInjectionForecast } from '../forecast/net-injection-forecast.js';
import { localHourOf, resolveStepTariffs, type StepTariffColumns } from './step-tariffs.js';
import { p2pCharges } from '../../market/tariffs/rationality-bounds.js';
import type { Tariffs } from '../../market/order.js';
import { ReporterSet, type ReporterFn } from './reporters.js';
import type { ScenarioFiles, SimulationDeps } from './simulation-deps.js';
import { defaultSimulationDeps } from './default-deps.js';
import { computeMetrics, type SimulationMetrics } from '../metrics/simulation-metrics.js';
import type { SettlementSink } from './settlement-sink.js';
import type { Engine } from '../../engine.js';
import { clearBilateralBook } from '../../market/bilateral/bilateral-clearing.js';
import { CommunityMarket } from '../communities/community-market.js';
import { IslandedGrid } from '../island/islanded-grid.js';
import type { LpSolver } from '../../lp/lp-solver.js';
import { NetworkConstrainedStep } from './network-constrained-step.js';
import { createTariffMarginMarket, DEFAULT_MARGIN_PERCENT, type TariffMarginClearingResult, type TariffMarginMarket } from '../../market/community/tariff-margin-matching.js';

/** Options of `createSimulation`. */
export interface SimulationOptions {
  /** Network, solver and market functions (default: the library's own, see default-deps.ts). */
  deps?: SimulationDeps;
  /** File access for MATPOWER paths and meter CSVs (Node: see ts/sim/node-files.ts). */
  files?: ScenarioFiles;
  /** Runs this mechanism instead of the scenario's (e.g. 'none' for the no-P2P baseline of the same scenario). */
  mechanism?: SimMechanism;
  /** Runs only the first `steps` steps of the horizon. */
  steps?: number;
  /** A compiled network to use instead of loading `scenario.network` (e.g. shared by several runs). */
  network?: CompiledNetwork;
  /** A custom bidding strategy per prosumer (return undefined to keep the scenario's); strategies are pluggable. */
  strategyFor?: (prosumer: ProsumerSpec, index: number) => BiddingStrategy | undefined;
  /** Receives every step's orders, clearing and settlement (e.g. the signed ledger). */
  settlementSink?: SettlementSink;
  /** A loaded LP solver (`await loadLpSolver()`): needed by mechanism 'network-constrained', which solves LPs. */
  lpSolver?: LpSolver;
}

/** Per-step totals of the step just finished (one object, overwritten every step). */
export interface StepRecord {
  /** Step index. */
  step: number;
  /** Start of the step, ms since the epoch (UTC). */
  timeMs: number;
  /** Retail price of the step, currency/kWh. */
  retailPricePerKwh: number;
  /** Feed-in tariff of the step, currency/kWh. */
  feedInPricePerKwh: number;
  /** Σ surplus offered after curtailment, kWh. */
  surplusKwh: number;
  /** Σ deficit, kWh. */
  deficitKwh: number;
  /** Σ P2P sales, kWh. */
  p2pSoldKwh: number;
  /** Σ P2P purchases, kWh. */
  p2pBoughtKwh: number;
  /** Σ energy bought from the retailer, kWh. */
  gridImportKwh: number;
  /** Σ energy sold to the retailer, kWh. */
  gridExportKwh: number;
  /** Volume-weighted P2P price paid by buyers, currency/kWh (NaN without P2P trade). */
  p2pPricePerKwh: number;
  /** Uniform clearing price, currency/kWh (NaN when the mechanism has none or nothing traded). */
  clearingPricePerKwh: number;
  /** Market welfare at the orders' prices, currency. */
  welfare: number;
  /** PV export curtailed in this step (every reason), kWh. */
  curtailedKwh: number;
  /** Gate closure: Σ |actual − cleared position| over prosumers, kWh (0 otherwise). */
  imbalanceKwh: number;
  /** Corrective rounds made (0 = none needed). */
  correctionRounds: number;
  /** Power-flow status of the final solve. */
  powerFlowStatus: string;
  /** Largest energy-balance error of the step over prosumers and the community, kWh (≈ 1e-15). */
  balanceErrorKwh: number;
}

/** Everything a finished (or partly finished) run reports. */
export interface SimulationResult {
  /** Scenario name. */
  scenario: string;
  /** Mechanism run ('none' = no-P2P baseline). */
  mechanism: SimMechanism;
  /** Seed. */
  seed: number;
  /** Engine. */
  engine: Engine;
  /** Steps simulated. */
  steps: number;
  /** Step length, hours. */
  dtHours: number;
  /** Start, ISO 8601. */
  start: string;
  /** Metrics per prosumer and for the community. */
  metrics: SimulationMetrics;
  /** Reporter columns (views of length `steps`; NaN = no value in that step). */
  series: Record<string, Float64Array>;
}

/** Per-prosumer running totals of a run (index = prosumer in scenario order). */
export interface ProsumerTotals {
  loadKwh: Float64Array;
  evKwh: Float64Array;
  pvKwh: Float64Array;
  curtailedKwh: Float64Array;
  batteryChargeKwh: Float64Array;
  batteryDischargeKwh: Float64Array;
  p2pBoughtKwh: Float64Array;
  p2pSoldKwh: Float64Array;
  gridImportKwh: Float64Array;
  gridExportKwh: Float64Array;
  networkChargeCost: Float64Array;
  cost: Float64Array;
  baselineCost: Float64Array;
  peakImportKw: Float64Array;
  /** Energy the prosumer's meter recorded flowing in (Σ max(0, −net)·dt of the actual delivery), kWh. */
  meterImportKwh: Float64Array;
  /** Energy the prosumer's meter recorded flowing out, kWh. */
  meterExportKwh: Float64Array;
  /** Gate closure: energy short of the cleared position (bought at the short price), kWh. */
  imbalanceShortKwh: Float64Array;
  /** Gate closure: energy beyond the cleared position (sold at the long price), kWh. */
  imbalanceLongKwh: Float64Array;
  /** Gate closure: net cost of the imbalances (short cost − long revenue), currency. */
  imbalanceCost: Float64Array;
}

/** Community running totals of a run. */
export interface CommunityTotals {
  welfare: number;
  marketSurplus: number;
  lossesKwh: number;
  peakSubstationKw: number;
  voltageViolationCount: number;
  voltageViolationSteps: number;
  overVoltageCount: number;
  underVoltageCount: number;
  thermalViolationCount: number;
  thermalViolationSteps: number;
  correctionRounds: number;
  powerFlowFailures: number;
  /** First step whose power flow failed (−1 while none did). */
  firstPowerFlowFailureStep: number;
  /** Status of that step's power flow ('' while none failed). */
  firstPowerFlowFailureStatus: string;
  maxBalanceErrorKwh: number;
  /** Σ over steps of the community's net draw across its boundary, max(0, −Σ net injection)·dt, kWh (before losses). */
  netImportKwh: number;
  /** Σ over steps of the community's net export across its boundary, max(0, Σ net injection)·dt, kWh (before losses). */
  netExportKwh: number;
  /** PV curtailed by the connections' export limits, kWh. */
  curtailedExportLimitKwh: number;
  /** PV curtailed by the transformer limit, kWh. */
  curtailedTransformerKwh: number;
  /** PV curtailed by the corrective action on voltage and thermal violations (after the market), kWh. */
  curtailedNetworkKwh: number;
  /** PV curtailed by the clearing itself for voltage and thermal limits ('network-constrained'), kWh. */
  curtailedClearingKwh: number;
  /** Largest distance of a bus voltage outside its limits over the run, p.u. (0 without violations). */
  worstVoltageExcessPu: number;
  /** Largest branch loading above 100 % over the run, percentage points (0 without overloads). */
  worstOverloadPercent: number;
  /** 'network-constrained': largest |AC power flow − LinDistFlow| bus voltage over the run, p.u. (NaN otherwise). */
  maxLinDistFlowErrorPu: number;
  /** 'network-constrained': steps that needed an LP (the single-node optimum broke a LinDistFlow limit). */
  clearingLpSteps: number;
  /** 'network-constrained': steps whose limits the inflexible load alone broke (cleared with soft limits). */
  clearingRelaxedSteps: number;
  /** Steps whose net exchange exceeded the transformer limit after curtailment (imports cannot be curtailed). */
  transformerLimitExceededSteps: number;
  /** What P2P buyers paid in all, P2P charges included, currency. */
  p2pBuyerPaid: number;
  /** What P2P sellers received in all, net of any P2P charges they bear, currency. */
  p2pSellerReceived: number;
}

const TINY_KWH = 1e-12;
/** Largest per-step energy-balance error tolerated before a step throws, kWh (rounding stays near 1e-15). */
const BALANCE_LIMIT_KWH = 1e-6;

/** Creates a simulation for a scenario (validated here; bad input throws before anything runs). */
export function createSimulation(input: ScenarioInput | Scenario | unknown, options: SimulationOptions = {}): Simulation {
  const scenario = validateScenario(input);
  if (options.mechanism !== undefined) scenario.market.mechanism = options.mechanism;
  if (options.steps !== undefined) {
    if (!Number.isInteger(options.steps) || options.steps < 1) {
      throw new ValidationError({ element: 'option', id: 'steps', field: 'steps', value: options.steps }, 'expected a positive integer');
    }
    if (options.steps > scenario.horizon.steps) {
      throw new ValidationError(
        { element: 'option', id: 'steps', field: 'steps', value: options.steps },
        `exceeds the scenario's horizon of ${scenario.horizon.steps} steps`,
      );
    }
    scenario.horizon.steps = options.steps;
  }
  return new Simulation(scenario, options);
}

/** A running simulation. */
export class Simulation {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** The seed every random stream is forked from. */
  readonly seed: number;
  /** The time axis. */
  readonly grid: TimeGrid;
  /** The feeder and its solver. */
  readonly feeder: FeederState;
  /** The agents, in scenario order. */
  readonly agents: ProsumerAgent[];
  /** Mechanism run. */
  readonly mechanism: SimMechanism;
  /** Net injection per prosumer of the last step, after curtailment, kW. */
  readonly netKw: Float64Array;
  /** Net injection per prosumer before curtailment, kW. */
  readonly netBeforeCurtailmentKw: Float64Array;
  /** Reactive injection per prosumer, kvar (−demand). */
  readonly qKvar: Float64Array;
  /** P2P purchases per prosumer in the last step, kWh. */
  readonly stepBoughtKwh: Float64Array;
  /** P2P sales per prosumer in the last step, kWh. */
  readonly stepSoldKwh: Float64Array;
  /** Grid purchases per prosumer in the last step, kWh. */
  readonly stepImportKwh: Float64Array;
  /** Grid sales per prosumer in the last step, kWh. */
  readonly stepExportKwh: Float64Array;
  /** Cost per prosumer in the last step, currency (negative = revenue). */
  readonly stepCost: Float64Array;
  /** P2P charges (network charge and levies) each prosumer paid in the last step, currency. */
  readonly stepChargeCost: Float64Array;
  /** Totals per prosumer. */
  readonly totals: ProsumerTotals;
  /** Community totals. */
  readonly community: CommunityTotals;
  /** The last step's totals. */
  readonly last: StepRecord;
  /** The last step's clearing (null for the no-P2P baseline). */
  lastClearing: ClearingResult | null = null;
  /** Export limit per prosumer, kW (Infinity = none). */
  readonly exportLimitKw: Float64Array;
  /** Gate closure: each prosumer's forecast net injection of the last step, kW (its cleared position). */
  readonly forecastKw: Float64Array;
  /** Gate closure: actual − cleared position per prosumer in the last step, kWh. */
  readonly stepImbalanceKwh: Float64Array;
  /** Whether this run clears on forecasts (gate closure set and a market to clear). */
  readonly gateClosure: boolean;

  private readonly deps: SimulationDeps;
  private readonly reporterSet: ReporterSet<Simulation>;
  private readonly busOfProsumer: Int32Array;
  private readonly mark: Uint8Array;
  private readonly orderPool: Order[];
  private readonly book: Order[] = [];
  private readonly indexOfProsumer = new Map<string, number>();
  private readonly bidCtx: BidContext = { retailPricePerKwh: 0, feedInPricePerKwh: 0, networkChargePerKwh: 0, sellerChargePerKwh: 0, step: 0 };
  /** Market tariffs per step, resolved and checked before the run (step-tariffs.ts). */
  readonly tariffColumns: StepTariffColumns;
  /** The market tariffs of the current step (one object, overwritten every step). */
  readonly stepTariffs: Tariffs = {};
  private readonly vRange = new Float64Array(2);
  private readonly sink: SettlementSink | undefined;
  private readonly forecaster: NetInjectionForecast | null;
  private readonly cutKw: Float64Array;
  private readonly pvLeftKw: Float64Array;
  /** Gate closure: the imbalance prices of the last step, currency/kWh. */
  readonly lastImbalancePrices: ImbalancePrices = { shortPricePerKwh: 0, longPricePerKwh: 0 };
  private stepIndex = 0;
  /** The order book with its learning traders, kept across steps (mechanism 'continuous' only). */
  private readonly continuousMarket: ContinuousMarket | null;
  /** Nested communities (scenario.communities), or null: clears each step's book instead of one market. */
  readonly communityMarket: CommunityMarket | null;
  /** The islanded grid (scenario.grid.mode 'islanded'), or null: balances what the market left, without a retailer. */
  readonly island: IslandedGrid | null;
  /** The clearing with the feeder inside (mechanism 'network-constrained' only). */
  private readonly networkStep: NetworkConstrainedStep | null;
  /** PV the clearing curtailed in this step, kWh. */
  private stepClearingCutKwh = 0;
  /** Tariff-margin matching with its partner history, kept across steps (mechanism 'tariff-margin' only). */
  private readonly tariffMarginMarket: TariffMarginMarket | null;

  constructor(scenario: Scenario, options: SimulationOptions) {
    this.scenario = scenario;
    this.seed = scenario.seed;
    this.deps = options.deps ?? defaultSimulationDeps;
    this.sink = options.settlementSink;
    this.mechanism = scenario.market.mechanism;
    this.grid = new TimeGrid({ startIso: scenario.horizon.start, steps: scenario.horizon.steps, dtHours: scenario.horizon.dtHours });
    this.tariffColumns = resolveStepTariffs(scenario, this.grid);
    const net = withBackgroundLoad(options.network ?? this.deps.loadNetwork(scenario.network, options.files), scenario.backgroundLoad);
    this.agents = prepareAgents(scenario, net, this.grid, options.files, options.strategyFor, this.tariffColumns);
    const n = this.agents.length;
    this.busOfProsumer = Int32Array.from(this.agents, (a) => a.busIndex);
    this.agents.forEach((a, i) => this.indexOfProsumer.set(a.id, i));
    const pfOptions = scenario.powerFlow;
    const flow = this.deps.createPowerFlow(net, {
      method: pfOptions.method,
      engine: scenario.engine,
      tolerancePu: pfOptions.tolerancePu,
      maxIterations: pfOptions.maxIterations,
    });
    this.feeder = new FeederState(flow, this.busOfProsumer);
    this.mark = new Uint8Array(net.nBus);
    const f = (): Float64Array => new Float64Array(n);
    this.netKw = f();
    this.netBeforeCurtailmentKw = f();
    this.qKvar = f();
    this.stepBoughtKwh = f();
    this.stepSoldKwh = f();
    this.stepImportKwh = f();
    this.stepExportKwh = f();
    this.stepCost = f();
    this.stepChargeCost = f();
    this.exportLimitKw = exportLimitsKw(scenario);
    this.forecastKw = f();
    this.stepImbalanceKwh = f();
    this.cutKw = f();
    this.pvLeftKw = f();
    const gate = scenario.market.gateClosure;
    this.gateClosure = gate !== undefined && this.mechanism !== 'none';
    this.continuousMarket = this.mechanism === 'continuous'
      ? createContinuousMarket({ strategy: scenario.market.continuous?.strategy ?? 'zip', rounds: scenario.market.continuous?.rounds ?? 5, seed: new Rng(scenario.seed).fork('continuous').nextU32(), engine: scenario.engine })
      : null;
    if (this.mechanism === 'network-constrained') {
      if (options.lpSolver === undefined) {
        throw new ValidationError(
          { element: 'option', id: 'simulation', field: 'lpSolver', value: undefined },
          "mechanism 'network-constrained' solves an LP every step: load a solver before the run and pass it, " +
            "e.g. `createSimulation(scenario, { lpSolver: await loadLpSolver() })` (runComparison takes the same option)",
        );
      }
      if (gate !== undefined) {
        throw new ValidationError({ element: 'scenario', id: 'market', field: 'gateClosure', value: 'set' }, "does not apply to mechanism 'network-constrained' (it clears the actual flows with the grid inside)");
      }
      this.networkStep = new NetworkConstrainedStep(net, this.busOfProsumer, options.lpSolver, scenario.horizon.dtHours);
    } else {
      this.networkStep = null;
    }
    const tm = scenario.market.tariffMargin;
    this.tariffMarginMarket = this.mechanism === 'tariff-margin'
      ? createTariffMarginMarket({ marginPercent: tm?.marginPercent ?? DEFAULT_MARGIN_PERCENT, maxPartnersPerSeller: tm?.maxPartnersPerSeller, preferPartners: tm?.preferPartners ?? true, seed: new Rng(scenario.seed).fork('tariff-margin').nextU32() })
      : null;
    const forecastRoot = new Rng(scenario.seed).fork('forecast');
    this.forecaster = this.gateClosure ? new NetInjectionForecast(gate!.forecast, n, this.agents.map((a) => forecastRoot.fork(a.id))) : null;
    this.totals = {
      loadKwh: f(), evKwh: f(), pvKwh: f(), curtailedKwh: f(), batteryChargeKwh: f(), batteryDischargeKwh: f(),
      p2pBoughtKwh: f(), p2pSoldKwh: f(), gridImportKwh: f(), gridExportKwh: f(), networkChargeCost: f(), cost: f(),
      baselineCost: f(), peakImportKw: f(), meterImportKwh: f(), meterExportKwh: f(), imbalanceShortKwh: f(), imbalanceLongKwh: f(), imbalanceCost: f(),
    };
    this.community = {
      welfare: 0, marketSurplus: 0, lossesKwh: 0, peakSubstationKw: -Infinity, voltageViolationCount: 0,
      voltageViolationSteps: 0, overVoltageCount: 0, underVoltageCount: 0, thermalViolationCount: 0,
      thermalViolationSteps: 0, correctionRounds: 0, powerFlowFailures: 0, firstPowerFlowFailureStep: -1,
      firstPowerFlowFailureStatus: '', maxBalanceErrorKwh: 0,
      netImportKwh: 0, netExportKwh: 0, curtailedExportLimitKwh: 0, curtailedTransformerKwh: 0, curtailedNetworkKwh: 0, curtailedClearingKwh: 0,
      transformerLimitExceededSteps: 0, p2pBuyerPaid: 0, p2pSellerReceived: 0, worstVoltageExcessPu: 0, worstOverloadPercent: 0,
      maxLinDistFlowErrorPu: this.mechanism === 'network-constrained' ? 0 : NaN, clearingLpSteps: 0, clearingRelaxedSteps: 0,
    };
    this.orderPool = this.agents.map((a, i) => ({
      id: a.id,
      prosumer: a.id,
      side: 'buy',
      quantityKwh: 1,
      pricePerKwh: 0,
      bus: net.busIds[this.busOfProsumer[i]!],
      interval: 0,
    }));
    this.last = {
      step: -1, timeMs: this.grid.startMs, retailPricePerKwh: 0, feedInPricePerKwh: 0, surplusKwh: 0, deficitKwh: 0,
      p2pSoldKwh: 0, p2pBoughtKwh: 0, gridImportKwh: 0, gridExportKwh: 0, p2pPricePerKwh: NaN, clearingPricePerKwh: NaN,
      welfare: 0, curtailedKwh: 0, imbalanceKwh: 0, correctionRounds: 0, powerFlowStatus: 'not-run', balanceErrorKwh: 0,
    };
    this.reporterSet = new ReporterSet<Simulation>(this.grid.steps);
    this.addBuiltInReporters();
    this.communityMarket = scenario.communities === undefined ? null : new CommunityMarket(this, scenario.communities, scenario.interCommunity);
    this.island = scenario.grid?.mode === 'islanded' ? new IslandedGrid(this, scenario.grid.vollPerKwh) : null;
  }

  /** Simulated time at the start of the next step, hours since the horizon's start. */
  get now(): number {
    return this.stepIndex * this.grid.dtHours;
  }

  /** Index of the next step to run (= steps done). */
  get stepsDone(): number {
    return this.stepIndex;
  }

  /** Whether the horizon is exhausted. */
  get done(): boolean {
    return this.stepIndex >= this.grid.steps;
  }

  /** Adds a named reporter; its value is recorded after every step into a column of the result's `series`. */
  addReporter(name: string, fn: ReporterFn<Simulation>): void {
    this.reporterSet.add(name, fn);
  }

  /** Reporter columns so far (views of length stepsDone). */
  get series(): Record<string, Float64Array> {
    return this.reporterSet.columns(this.stepIndex);
  }

  /** Retail price at step `s`, currency/kWh (time-of-use by local hour when the scenario gives 24 prices). */
  retailPriceAt(s: number): number {
    return this.tariffColumns.retailPricePerKwh[s]!;
  }

  /** Feed-in tariff at step `s`, currency/kWh. */
  feedInPriceAt(s: number): number {
    return this.tariffColumns.feedInPricePerKwh[s]!;
  }

  /** Local hour (0–23) of step s's start. */
  private localHourAt(s: number): number {
    return localHourOf(this.grid, s, this.scenario.utcOffsetHours);
  }

  /** Runs one step and returns its totals (the same object every step). */
  step(): StepRecord {
    if (this.done) throw new RangeError(`the simulation's horizon of ${this.grid.steps} steps is exhausted`);
    const s = this.stepIndex;
    const dt = this.grid.dtHours;
    const n = this.agents.length;
    const retail = this.retailPriceAt(s);
    const feedIn = this.feedInPriceAt(s);
    const ctx = this.bidCtx;
    ctx.retailPricePerKwh = retail;
    ctx.feedInPricePerKwh = feedIn;
    const tc = this.tariffColumns;
    const st = this.stepTariffs;
    st.retailPricePerKwh = retail;
    st.feedInPricePerKwh = feedIn;
    st.networkChargePerKwh = tc.networkChargePerKwh[s]!;
    st.leviesPerKwh = tc.leviesPerKwh[s]!;
    st.sellerChargeShare = tc.sellerChargeShare;
    const charges = p2pCharges(st);
    ctx.networkChargePerKwh = charges.buyerPerKwh;
    ctx.sellerChargePerKwh = charges.sellerPerKwh;
    ctx.step = s;
    for (let i = 0; i < n; i++) {
      const a = this.agents[i]!;
      const net = a.decide(s, retail, dt);
      this.netBeforeCurtailmentKw[i] = net;
      this.netKw[i] = net;
      this.qKvar[i] = -a.qKvar;
      this.pvLeftKw[i] = a.pvKw;
    }
    const c = this.community;
    const exportCutKwh = applyExportLimits(this.netKw, this.pvLeftKw, this.exportLimitKw, this.cutKw) * dt;
    c.curtailedExportLimitKwh += exportCutKwh;
    let trafoCutKwh = 0;
    const trafoKw = this.scenario.limits.transformerKw;
    if (trafoKw !== undefined) {
      for (let i = 0; i < n; i++) this.pvLeftKw[i]! -= this.cutKw[i]!;
      trafoCutKwh = applyTransformerLimit(this.netKw, this.pvLeftKw, trafoKw, this.cutKw) * dt;
      c.curtailedTransformerKwh += trafoCutKwh;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += this.netKw[i]!;
      if (Math.abs(sum) > trafoKw * (1 + 1e-9)) c.transformerLimitExceededSteps++;
    }
    if (this.forecaster !== null) {
      for (let i = 0; i < n; i++) {
        const a = this.agents[i]!;
        this.forecastKw[i] = this.forecaster.forecastKw(s, i, this.netKw[i]!, a.loadKw + a.evKw + a.pvKw, this.exportLimitKw[i]!);
      }
    }
    // Bids are drawn once per step, so curtailment rounds change quantities only, never prices.
    this.buildOrders(s, true);
    let clearing = this.clear(s, retail, feedIn);
    let outcome = this.feeder.solve(this.busOfProsumer, this.netKw, this.qKvar);
    if (this.networkStep !== null) this.recordLinDistFlowError(clearing, outcome.status);
    let rounds = 0;
    const corr = this.scenario.correction;
    const v = this.feeder.violations;
    while (corr.enabled && this.island === null && this.networkStep === null && rounds < corr.maxRounds && outcome.status === 'converged' && (v.overVoltage > 0 || v.overloaded > 0)) {
      if (this.feeder.markCurtailment(this.mark) === 0) break;
      let changed = false;
      for (let i = 0; i < n; i++) {
        if (this.mark[this.busOfProsumer[i]!] && this.netKw[i]! > 0) {
          // Only PV can be curtailed: never more than the PV output of the step.
          const pvLeft = this.agents[i]!.pvKw - (this.netBeforeCurtailmentKw[i]! - this.netKw[i]!);
          const cut = Math.min(corr.curtailFraction * this.netKw[i]!, pvLeft);
          if (cut > 0) {
            this.netKw[i]! -= cut;
            changed = true;
          }
        }
      }
      if (!changed) break;
      rounds++;
      // After gate closure the market is closed: curtailment changes delivery (and so the imbalance), not trades.
      if (!this.gateClosure) {
        this.buildOrders(s, false);
        clearing = this.clear(s, retail, feedIn);
      }
      outcome = this.feeder.solve(this.busOfProsumer, this.netKw, this.qKvar);
    }
    this.settle(s, clearing, retail, feedIn, rounds, outcome.status);
    this.communityMarket?.record(this, clearing);
    this.island?.record(this, s);
    let cutTotal = 0;
    for (let i = 0; i < n; i++) cutTotal += this.netBeforeCurtailmentKw[i]! - this.netKw[i]!;
    c.curtailedNetworkKwh += cutTotal * dt - exportCutKwh - trafoCutKwh - this.stepClearingCutKwh - (this.island?.stepCurtailedKwh ?? 0);
    c.curtailedClearingKwh += this.stepClearingCutKwh;
    if (this.forecaster !== null) for (let i = 0; i < n; i++) this.forecaster.observe(s, i, this.netKw[i]!);
    this.reporterSet.record(s, this);
    this.stepIndex++;
    return this.last;
  }

  /** Runs until simulated time `until` (hours since the start; default: the whole horizon). */
  run(options: { until?: number; onProgress?: (stepsDone: number, totalSteps: number) => void } = {}): SimulationResult {
    const until = options.until ?? Infinity;
    const total = this.grid.steps;
    while (!this.done && this.now < until - 1e-9) {
      this.step();
      options.onProgress?.(this.stepIndex, total);
    }
    return this.result();
  }

  /** The result so far (metrics over the steps done). */
  result(): SimulationResult {
    return {
      scenario: this.scenario.name,
      mechanism: this.mechanism,
      seed: this.seed,
      engine: this.scenario.engine,
      steps: this.stepIndex,
      dtHours: this.grid.dtHours,
      start: this.scenario.horizon.start,
      metrics: { ...computeMetrics(this), communities: this.communityMarket?.metrics(this) ?? null, islanded: this.island?.metrics(this) ?? null },
      series: this.series,
    };
  }

  /** Frees the power-flow solver. */
  dispose(): void {
    this.feeder.dispose();
    this.networkStep?.dispose();
  }

  private buildOrders(s: number, drawPrices: boolean): void {
    const dt = this.grid.dtHours;
    const book = this.book;
    book.length = 0;
    const position = this.gateClosure ? this.forecastKw : this.netKw;
    for (let i = 0; i < this.agents.length; i++) {
      const o = this.orderPool[i]!;
      const q = position[i]! * dt;
      const side = q > 0 ? 'sell' : 'buy';
      if (drawPrices || side !== o.side) {
        // A curtailed seller stays a seller; a side change cannot happen (curtailment stops at zero export).
        o.pricePerKwh = this.agents[i]!.strategy.price(side, this.bidCtx, this.agents[i]!.rng);
      }
      o.side = side;
      o.quantityKwh = Math.abs(q);
      o.interval = s;
      if (o.quantityKwh > TINY_KWH) book.push(o);
    }
  }

  private clear(s: number, retail: number, feedIn: number): ClearingResult | null {
    const clearing = this.communityMarket !== null && this.mechanism !== 'none'
      ? this.communityMarket.clear(this.book, this.stepTariffs, this.stepSeed(s), this.scenario.engine)
      : this.clearBook(s, retail, feedIn);
    return this.island === null ? clearing : this.island.dispatch(this, this.book, clearing, retail, feedIn);
  }

  /** The seed of step s's clearing. */
  private stepSeed(s: number): number {
    // Both 32-bit halves of the seed count (seed | 0 alone would give seeds 1 and 2^32 + 1 the same tie-breaks).
    return (Math.imul((this.seed ^ Math.trunc(this.seed / 4294967296)) | 0, 1000003) + s) | 0;
  }

  private clearBook(s: number, retail: number, feedIn: number): ClearingResult | null {
    if (this.mechanism === 'none') return null;
    if (this.networkStep !== null) return this.clearWithGrid();
    if (this.mechanism === 'bilateral') {
      // The step's full charges (network charge and levies, whoever pays them), on bids that already net them out.
      return clearBilateralBook(this.book, this.stepTariffs, { bidsNetOfCharges: true });
    }
    // The step's full tariffs: the continuous market prices inside [feed-in + seller charges, retail − buyer charges].
    if (this.continuousMarket !== null) return this.continuousMarket.clear(this.book, this.stepTariffs);
    if (this.tariffMarginMarket !== null) return this.tariffMarginMarket.clear(this.book, this.stepTariffs);
    const m = this.scenario.market;
    const uniform = this.mechanism === 'uniform';
    return this.deps.clearMarket(this.book, {
      mechanism: this.mechanism,
      // k and the price rule belong to the uniform auction; other mechanisms reject them.
      k: uniform ? m.k : undefined,
      priceRule: uniform ? m.priceRule : undefined,
      seed: this.stepSeed(s),
      tariffs: this.stepTariffs,
      engine: this.scenario.engine,
    });
  }

  /** Clears with the grid inside and lowers the curtailed sellers' injections to what was cleared. */
  private clearWithGrid(): ClearingResult | null {
    const step = this.networkStep!;
    this.stepClearingCutKwh = 0;
    const r = step.clear(this.book, this.stepTariffs, this.qKvar);
    this.community.clearingLpSteps = step.lpSteps;
    this.community.clearingRelaxedSteps = step.relaxedSteps;
    if (r === null) return null;
    const dt = this.grid.dtHours;
    for (const cut of r.notCleared) {
      if (cut.side !== 'sell') continue;
      const i = this.indexOfProsumer.get(cut.prosumer)!;
      this.netKw[i]! -= cut.quantityKwh / dt;
      this.stepClearingCutKwh += cut.quantityKwh;
    }
    return r;
  }

  /** The largest gap between the AC power flow's bus voltages and the clearing's LinDistFlow voltages this step. */
  private recordLinDistFlowError(clearing: ClearingResult | null, pfStatus: string): void {
    const nc = (clearing as { network?: { vmPu: Float64Array } } | null)?.network;
    if (nc === undefined || pfStatus !== 'converged') return;
    const vm = this.feeder.vmPu;
    let worst = 0;
    for (let b = 0; b < vm.length; b++) {
      const d = Math.abs(vm[b]! - nc.vmPu[b]!);
      if (d > worst) worst = d;
    }
    if (worst > this.community.maxLinDistFlowErrorPu) this.community.maxLinDistFlowErrorPu = worst;
  }

  private settle(s: number, clearing: ClearingResult | null, retail: number, feedIn: number, rounds: number, pfStatus: string): void {
    const dt = this.grid.dtHours;
    const n = this.agents.length;
    const bought = this.stepBoughtKwh.fill(0);
    const sold = this.stepSoldKwh.fill(0);
    const imp = this.stepImportKwh.fill(0);
    const exp = this.stepExportKwh.fill(0);
    const cost = this.stepCost.fill(0);
    const imb = this.stepImbalanceKwh.fill(0);
    const charge = this.stepChargeCost.fill(0);
    const ip = this.gateClosure ? imbalancePricesAt(this.scenario.market.gateClosure!.imbalance, retail, feedIn, this.localHourAt(s), this.lastImbalancePrices) : null;
    let imbSum = 0;
    let p2pValue = 0;
    let p2pBuyKwh = 0;
    if (clearing !== null) {
      for (const fl of clearing.fills) {
        const i = this.indexOfProsumer.get(fl.prosumer)!;
        if (fl.side === 'buy') {
          // allInPricePerKwh: the price plus the buyer's share of the P2P charges.
          bought[i] += fl.quantityKwh;
          cost[i] += fl.quantityKwh * fl.allInPricePerKwh;
          charge[i] += fl.quantityKwh * (fl.allInPricePerKwh - fl.pricePerKwh);
          p2pValue += fl.quantityKwh * fl.pricePerKwh;
          p2pBuyKwh += fl.quantityKwh;
          this.community.p2pBuyerPaid += fl.quantityKwh * fl.allInPricePerKwh;
        } else {
          // allInPricePerKwh: the price minus the seller's share of the P2P charges.
          sold[i] += fl.quantityKwh;
          cost[i] -= fl.quantityKwh * fl.allInPricePerKwh;
          charge[i] += fl.quantityKwh * (fl.pricePerKwh - fl.allInPricePerKwh);
          this.community.p2pSellerReceived += fl.quantityKwh * fl.allInPricePerKwh;
        }
      }
      for (const g of clearing.gridPurchases) {
        const i = this.indexOfProsumer.get(g.prosumer)!;
        imp[i] += g.quantityKwh;
        cost[i] += g.quantityKwh * g.pricePerKwh;
      }
      for (const g of clearing.gridSales) {
        const i = this.indexOfProsumer.get(g.prosumer)!;
        exp[i] += g.quantityKwh;
        cost[i] -= g.quantityKwh * g.pricePerKwh;
      }
    }
    const t = this.totals;
    const rec = this.last;
    let surplus = 0;
    let deficit = 0;
    let soldSum = 0;
    let boughtSum = 0;
    let impSum = 0;
    let expSum = 0;
    let curtailed = 0;
    let balanceErr = 0;
    let worst = -1;
    for (let i = 0; i < n; i++) {
      const a = this.agents[i]!;
      const actual = this.netKw[i]! * dt;
      // The position the market settled: the forecast under gate closure (the rest is imbalance), else the actual.
      const e = ip !== null ? this.forecastKw[i]! * dt : this.island !== null ? this.island.positionKw[i]! * dt : actual;
      const inBook = Math.abs(e) > TINY_KWH && clearing !== null;
      if (!inBook) {
        // Baseline, or a residue too small to order: settled with the retailer directly.
        if (e > 0) {
          exp[i] += e;
          cost[i] -= e * feedIn;
        } else if (e < 0) {
          imp[i] -= e;
          cost[i] -= e * retail;
        }
      }
      const sur = e > 0 ? e : 0;
      const def = e < 0 ? -e : 0;
      if (actual > 0) {
        surplus += actual;
        t.meterExportKwh[i] += actual;
      } else {
        deficit -= actual;
        t.meterImportKwh[i] -= actual;
      }
      const err = Math.max(Math.abs(sur - sold[i]! - exp[i]!), Math.abs(def - bought[i]! - imp[i]!));
      if (err > balanceErr) {
        balanceErr = err;
        worst = i;
      }
      soldSum += sold[i]!;
      boughtSum += bought[i]!;
      impSum += imp[i]!;
      expSum += exp[i]!;
      const cut = this.netBeforeCurtailmentKw[i]! - this.netKw[i]!;
      curtailed += cut * dt;
      t.loadKwh[i] += a.loadKw * dt;
      t.evKwh[i] += a.evKw * dt;
      t.pvKwh[i] += a.pvKw * dt;
      t.curtailedKwh[i] += cut * dt;
      if (a.batteryKw < 0) t.batteryChargeKwh[i] -= a.batteryKw * dt;
      else t.batteryDischargeKwh[i] += a.batteryKw * dt;
      t.p2pBoughtKwh[i] += bought[i]!;
      t.p2pSoldKwh[i] += sold[i]!;
      t.gridImportKwh[i] += imp[i]!;
      t.gridExportKwh[i] += exp[i]!;
      t.networkChargeCost[i] += charge[i]!;
      t.cost[i] += cost[i]!;
      if (ip !== null) {
        const d = actual - e;
        imb[i] = d;
        imbSum += Math.abs(d);
        const dCost = d < 0 ? -d * ip.shortPricePerKwh : -d * ip.longPricePerKwh;
        cost[i] += dCost;
        t.cost[i] += dCost;
        t.imbalanceCost[i] += dCost;
        if (d < 0) t.imbalanceShortKwh[i] -= d;
        else t.imbalanceLongKwh[i] += d;
      }
      // The no-P2P baseline settles the actual delivery with the retailer (a retail customer has no schedule).
      t.baselineCost[i] += actual < 0 ? -actual * retail : -actual * feedIn;
      if (-this.netKw[i]! > t.peakImportKw[i]!) t.peakImportKw[i] = -this.netKw[i]!;
    }
    balanceErr = Math.max(balanceErr, Math.abs(soldSum - boughtSum));
    if (balanceErr > BALANCE_LIMIT_KWH) {
      // A clearing that loses or invents energy is a bug upstream; a run built on it would report wrong money.
      const who = worst >= 0 && balanceErr > Math.abs(soldSum - boughtSum) ? `prosumer '${this.agents[worst]!.id}'` : 'P2P sales vs purchases';
      throw new Error(`simulation step ${s} (${this.mechanism}): energy does not balance for ${who}: off by ${balanceErr} kWh (limit ${BALANCE_LIMIT_KWH} kWh)`);
    }
    const c = this.community;
    const fs = this.feeder;
    if (pfStatus === 'converged') {
      c.lossesKwh += fs.lossesKw * dt;
      if (fs.substationKw > c.peakSubstationKw) c.peakSubstationKw = fs.substationKw;
      const vv = fs.violations.overVoltage + fs.violations.underVoltage;
      c.voltageViolationCount += vv;
      c.overVoltageCount += fs.violations.overVoltage;
      c.underVoltageCount += fs.violations.underVoltage;
      if (vv > 0) c.voltageViolationSteps++;
      c.thermalViolationCount += fs.violations.overloaded;
      if (fs.violations.overloaded > 0) c.thermalViolationSteps++;
      if (fs.violations.worstVoltageExcessPu > c.worstVoltageExcessPu) c.worstVoltageExcessPu = fs.violations.worstVoltageExcessPu;
      if (fs.violations.worstOverloadPercent > c.worstOverloadPercent) c.worstOverloadPercent = fs.violations.worstOverloadPercent;
    } else {
      // No losses or violations exist for a step without a solution: it is counted, and shown by every output.
      if (c.powerFlowFailures === 0) {
        c.firstPowerFlowFailureStep = s;
        c.firstPowerFlowFailureStatus = pfStatus;
      }
      c.powerFlowFailures++;
    }
    c.correctionRounds += rounds;
    c.welfare += clearing?.welfare ?? 0;
    c.marketSurplus += clearing?.marketSurplus ?? 0;
    if (balanceErr > c.maxBalanceErrorKwh) c.maxBalanceErrorKwh = balanceErr;
    // Physical exchange with the upstream grid: prosumers' surpluses and deficits of the same step net out on the
    // feeder whatever the market settled.
    if (deficit > surplus) c.netImportKwh += deficit - surplus;
    else c.netExportKwh += surplus - deficit;

    rec.step = s;
    rec.timeMs = this.grid.timeMs(s);
    rec.retailPricePerKwh = retail;
    rec.feedInPricePerKwh = feedIn;
    rec.surplusKwh = surplus;
    rec.deficitKwh = deficit;
    rec.p2pSoldKwh = soldSum;
    rec.p2pBoughtKwh = boughtSum;
    rec.gridImportKwh = impSum;
    rec.gridExportKwh = expSum;
    rec.p2pPricePerKwh = p2pBuyKwh > 0 ? p2pValue / p2pBuyKwh : NaN;
    rec.clearingPricePerKwh = clearing?.clearingPrice ?? NaN;
    if (p2pBuyKwh === 0 && clearing?.clearingPrice === null) rec.clearingPricePerKwh = NaN;
    rec.welfare = clearing?.welfare ?? 0;
    rec.curtailedKwh = curtailed;
    rec.imbalanceKwh = imbSum;
    rec.correctionRounds = rounds;
    rec.powerFlowStatus = pfStatus;
    rec.balanceErrorKwh = balanceErr;
    this.lastClearing = clearing;
    this.sink?.record(this, clearing, this.book);
  }

  private addBuiltInReporters(): void {
    const r = (name: string, fn: ReporterFn<Simulation>): void => this.reporterSet.add(name, fn);
    r('timeMs', (sim) => sim.last.timeMs);
    r('retailPricePerKwh', (sim) => sim.last.retailPricePerKwh);
    r('feedInPricePerKwh', (sim) => sim.last.feedInPricePerKwh);
    r('p2pPricePerKwh', (sim) => sim.last.p2pPricePerKwh);
    r('clearingPricePerKwh', (sim) => sim.last.clearingPricePerKwh);
    r('p2pTradedKwh', (sim) => sim.last.p2pSoldKwh);
    r('gridImportKwh', (sim) => sim.last.gridImportKwh);
    r('gridExportKwh', (sim) => sim.last.gridExportKwh);
    r('curtailedKwh', (sim) => sim.last.curtailedKwh);
    if (this.gateClosure) r('imbalanceKwh', (sim) => sim.last.imbalanceKwh);
    if (this.tariffMarginMarket !== null) r('newPartnerKwh', (sim) => (sim.lastClearing as TariffMarginClearingResult).newPartnerKwh);
    r('vmMinPu', (sim) => {
      sim.feeder.voltageRange(sim.vRange);
      return sim.last.powerFlowStatus === 'converged' ? sim.vRange[0]! : NaN;
    });
    r('vmMaxPu', (sim) => (sim.last.powerFlowStatus === 'converged' ? sim.vRange[1]! : NaN));
    r('lossesKw', (sim) => (sim.last.powerFlowStatus === 'converged' ? sim.feeder.lossesKw : NaN));
    r('substationKw', (sim) => (sim.last.powerFlowStatus === 'converged' ? sim.feeder.substationKw : NaN));
    r('voltageViolations', (sim) => sim.feeder.violations.overVoltage + sim.feeder.violations.underVoltage);
    r('thermalViolations', (sim) => sim.feeder.violations.overloaded);
  }
}
