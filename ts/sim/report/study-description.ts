/**
 * What a reader needs to judge a study, from its scenario and runs: the households (annualised consumption, PV,
 * storage and EV sizes), tariffs with their currency, limits and how often they acted, background load, bidding and
 * market timing — as rows for the report and as per-household records for results.json.
 */
import type { CompiledNetwork } from '../../network/compiled-network.js';
import type { SimulationResult } from '../engine/simulation.js';
import { backgroundLoadKw } from '../engine/background-load.js';
import { resolveBus } from '../engine/prepare-agents.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { resolveStepTariffs } from '../engine/step-tariffs.js';
import { createTimeGrid } from '../profiles/time-grid.js';

/** kWh per km of the EV model (prepare-agents.ts). */
const EV_KWH_PER_KM = 0.18;

/** One household as results.json describes it (annualised = run total · 8760 h / horizon hours). */
export interface HouseholdRecord {
  id: string;
  bus: string | number;
  /** Expected annual consumption of the household profile, kWh/yr (null for meter or constant loads). */
  annualKwh: number | null;
  /** Load + EV charging of the run, annualised, kWh/yr. */
  annualisedConsumptionKwh: number;
  pvKwp: number;
  batteryKwh: number | null;
  batteryKw: number | null;
  evChargerKw: number | null;
  /** Median daily distance of the EV, km. */
  evMedianDailyKm: number | null;
  /** Export limit of the connection, kW (null = none). */
  exportLimitKw: number | null;
}

/** The per-household records of a run. */
export function householdRecords(scenario: Scenario, run: SimulationResult): HouseholdRecord[] {
  const hours = run.steps * run.dtHours;
  return scenario.prosumers.map((p, i) => {
    const m = run.metrics.prosumers[i]!;
    return {
      id: p.id,
      bus: p.bus,
      annualKwh: p.load.kind === 'household' ? p.load.annualKwh : null,
      annualisedConsumptionKwh: ((m.loadKwh + m.evKwh) * 8760) / hours,
      pvKwp: p.pvKwp,
      batteryKwh: p.battery?.capacityKwh ?? null,
      batteryKw: p.battery?.powerKw ?? null,
      evChargerKw: p.ev?.powerKw ?? null,
      evMedianDailyKm: p.ev ? p.ev.medianEnergyKwh / EV_KWH_PER_KM : null,
      exportLimitKw: m.exportLimitKw,
    };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}

const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');
function range(xs: number[], digits = 0): string {
  if (xs.length === 0) return '–';
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return lo === hi ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)} (median ${median(xs).toFixed(digits)})`;
}

/** Describes a schedule of the tariff model: a value, or its range. */
function schedule(p: Scenario['tariffs']['feedInPricePerKwh'] | NonNullable<Scenario['tariffs']['retailParts']>['energyPricePerKwh']): string {
  if (typeof p === 'number') return String(p);
  const xs = Array.isArray(p) ? p : p.kind === 'series' ? p.pricesPerKwh : p.bands.map((b) => b.pricePerKwh);
  return `${Math.min(...xs)}–${Math.max(...xs)}`;
}

/** Describes a price field: one value, or the range of 24 hourly values. */
function price(p: number | number[], currency: string): string {
  return typeof p === 'number' ? `${p} ${currency}/kWh` : `${Math.min(...p)}–${Math.max(...p)} ${currency}/kWh by local hour`;
}

/** The strategy as the report names it. */
export function strategyDescription(spec: Scenario['market']['strategy']): string {
  switch (spec.kind) {
    case 'truthful':
      return 'truthful at reservation values (buyers bid retail minus the P2P charges, sellers ask feed-in)';
    case 'zero-intelligence':
      return 'zero-intelligence: seeded random bids within the reservation prices (Gode & Sunder 1993), a benchmark of non-strategic traders, not a model of real bidding';
    case 'markup':
      return `fixed mark-up of ${spec.markup} of the spread between the reservation prices`;
  }
}

/** The study's description as report sections of (label, value) rows; `preset`: the named trial it reproduces. */
export function describeStudy(
  scenario: Scenario,
  results: readonly SimulationResult[],
  net: CompiledNetwork,
  preset?: { name: string; title: string; docs: string },
): { heading: string; rows: [string, string][] }[] {
  const tc = resolveStepTariffs(scenario, createTimeGrid({ startIso: scenario.horizon.start, steps: results[0]!.steps, dtHours: scenario.horizon.dtHours }));
  const cur = scenario.currency;
  const run = results.find((r) => r.mechanism === 'none') ?? results[0]!;
  const hh = householdRecords(scenario, run);
  const hours = run.steps * run.dtHours;
  const perYear = 8760 / hours;
  const pv = hh.filter((h) => h.pvKwp > 0);
  const bat = hh.filter((h) => h.batteryKwh !== null);
  const ev = hh.filter((h) => h.evChargerKw !== null);
  const c = run.metrics.community;
  const busRows = Int32Array.from(scenario.prosumers, (p) => resolveBus(net, p.bus) ?? 0);
  const bg = backgroundLoadKw(net, busRows, scenario.backgroundLoad);
  const t = scenario.tariffs;
  const L = scenario.limits;
  const gate = scenario.market.gateClosure;
  const rated = net.rateMva.some((r) => r > 0);
  const pvYield = pv.length > 0 ? (c.pvKwh * perYear) / pv.reduce((a, h) => a + h.pvKwp, 0) : 0;
  const bills = run.metrics.prosumers.map((p) => p.baselineCost * perYear);
  const noPv = run.metrics.prosumers.filter((_, i) => hh[i]!.pvKwp === 0).map((p) => p.baselineCost * perYear);
  return [
    {
      heading: 'Community and network',
      rows: [
        ...(preset === undefined ? [] : ([['preset', `${preset.name}: ${preset.title} (what it reproduces and what it cannot: ${preset.docs})`]] as [string, string][])),
        ['network', `${scenario.network}: ${net.nBus} buses, ${net.nBranch} branches, ${rated ? 'thermal ratings on every rated branch' : 'no thermal ratings'}`],
        ['households', `${hh.length}, one per connection`],
        ['background load', scenario.backgroundLoad === 'none' || bg.buses === 0 ? `none (${scenario.backgroundLoad === 'none' ? "set to 'none'" : 'no other loaded bus'})` : `${scenario.backgroundLoad === 'network' ? "the network's own loads" : `the network's loads × ${scenario.backgroundLoad}`} at ${bg.buses} buses without prosumers, ${n0(bg.kw)} kW nominal`],
        ['horizon', `${run.steps.toLocaleString('en-US')} steps of ${run.dtHours} h from ${scenario.horizon.start} (${(hours / 24).toFixed(hours % 24 ? 2 : 0)} days); figures per year below are annualised from it`],
      ],
    },
    {
      heading: 'Households (sizes in the scenario, consumption as simulated)',
      rows: [
        ['consumption incl. EV, kWh/yr', range(hh.map((h) => h.annualisedConsumptionKwh))],
        ['PV', pv.length === 0 ? 'none' : `${pv.length} households, ${range(pv.map((h) => h.pvKwp), 1)} kWp; yield ${n0(pvYield)} kWh/kWp/yr`],
        ['home batteries', bat.length === 0 ? 'none' : `${bat.length} households, ${range(bat.map((h) => h.batteryKwh!), 1)} kWh, ${range(bat.map((h) => h.batteryKw!), 1)} kW`],
        ['electric cars', ev.length === 0 ? 'none' : `${ev.length} households, chargers ${[...new Set(ev.map((h) => h.evChargerKw))].join(' / ')} kW, median daily distance ${range(ev.map((h) => h.evMedianDailyKm!))} km`],
        ['annual bill without P2P', `${range(bills)} ${cur}/yr; households without PV: median ${n0(median(noPv.length ? noPv : [0]))} ${cur}/yr`],
      ],
    },
    {
      heading: 'Tariffs, limits and the market',
      rows: [
        ['currency', cur],
        ['retail (all-in)', t.retailParts ? `${range(Array.from(tc.retailPricePerKwh), 4)} ${cur}/kWh` : price(t.retailPricePerKwh!, cur)],
        ...(t.retailParts
          ? ([[
              'retail decomposed (net of VAT)',
              `energy ${schedule(t.retailParts.energyPricePerKwh)}, network charge ${schedule(t.retailParts.networkChargePerKwh)}, levies ${schedule(t.retailParts.leviesPerKwh)} ${cur}/kWh; VAT ${t.retailParts.vatPercent} %; local-use discount on P2P charges ${t.retailParts.localUseDiscountPercent} %`,
            ]] as [string, string][])
          : []),
        ['feed-in', typeof t.feedInPricePerKwh === 'number' || Array.isArray(t.feedInPricePerKwh) ? price(t.feedInPricePerKwh, cur) : `${range(Array.from(tc.feedInPricePerKwh), 4)} ${cur}/kWh (${t.feedInPricePerKwh.kind})`],
        [
          'P2P charges',
          `network charge ${range(Array.from(tc.networkChargePerKwh), 4)} and levies ${range(Array.from(tc.leviesPerKwh), 4)} ${cur}/kWh on every P2P kWh (VAT included), ${t.sellerChargeShare === 0 ? 'paid by the buyer' : `${t.sellerChargeShare * 100} % paid by the seller`}`,
        ],
        [
          'export limit per connection',
          L.exportKw === undefined && L.exportFractionOfKwp === undefined && !scenario.prosumers.some((p) => p.exportLimitKw !== undefined)
            ? 'none'
            : [L.exportFractionOfKwp !== undefined ? `${L.exportFractionOfKwp * 100} % of PV kWp` : '', L.exportKw !== undefined ? `${L.exportKw} kW` : ''].filter(Boolean).join(', ') +
              ` (curtailed ${n0(c.curtailedByReason.exportLimitKwh)} kWh, ${((c.curtailedByReason.exportLimitKwh / Math.max(c.pvKwh, 1e-9)) * 100).toFixed(2)} % of PV)`,
        ],
        [
          'transformer limit',
          L.transformerKw === undefined
            ? 'none'
            : `${L.transformerKw} kW net exchange (curtailed ${n0(c.curtailedByReason.transformerKwh)} kWh; imports above it in ${c.transformerLimitExceededHours} h)`,
        ],
        ['bidding', `${strategyDescription(scenario.market.strategy)}; one order per prosumer and step, its net surplus or deficit`],
        [
          'market timing',
          gate === undefined
            ? 'cleared on actual delivery (ex post, no forecast error)'
            : `gate closure: orders on ${gate.forecast.kind === 'persistence' ? `persistence forecasts (the delivery ${gate.forecast.lagSteps} step(s) earlier)` : `truth plus noise, σ = ${gate.forecast.relativeErrorSd} × gross energy`}; imbalance at ${gate.imbalance.kind === 'retail-feed-in' ? `retail + ${gate.imbalance.penaltyPerKwh} (short) and feed-in − ${gate.imbalance.penaltyPerKwh} (long) ${cur}/kWh` : 'the given short/long prices'}`,
        ],
      ],
    },
  ];
}
