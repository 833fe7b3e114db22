/**
 * The scenario of a P2P trading simulation: one JSON document (or TS object) naming the feeder, the prosumers with
 * their load, PV, battery and EV, the tariffs, the market, the horizon, the seed and the engine. The zod schema is the
 * single source of truth for shape and ranges; `validateScenario` (validate-scenario.ts) turns its issues into
 * ValidationErrors that name the path (`prosumers[12].battery.capacityKwh`).
 */
import { z } from 'zod';
import { parseIsoInstantMs } from '../profiles/time-grid.js';
import { MECHANISMS, SIM_FEEDER_MECHANISMS, SIMULATION_MECHANISMS } from '../../market/mechanisms.js';
import { checkCommunities, communitySchema, interCommunitySchema } from './community-schema.js';
import { checkGridMode, gridModeSchema } from './grid-mode-schema.js';
import { DEFAULT_MARGIN_PERCENT } from '../../market/community/tariff-margin-matching.js';

const finite = z.number().finite();
const nonNegative = finite.nonnegative();
const positive = finite.positive();
const fraction = finite.min(0).max(1);
/** A price per kWh, or 24 hourly prices (time of use, index = local hour of the step start). */
const priceSchema = z.union([finite, z.array(finite).length(24)]);
/**
 * A price schedule of the tariff model (ts/market/tariffs/price-schedule.ts): a price, 24 hourly prices, time-of-use
 * bands, or a real-time series with one price per step.
 */
const scheduleSchema = z.union([
  finite,
  z.array(finite).length(24),
  z.object({ kind: z.literal('time-of-use'), bands: z.array(z.object({ fromHour: finite, toHour: finite, pricePerKwh: finite }).strict()).min(1) }).strict(),
  z.object({ kind: z.literal('series'), pricesPerKwh: z.array(finite).min(1) }).strict(),
]);

/** Largest horizon, steps (ten years of 1-minute steps; each reporter column is 8 bytes per step). */
export const MAX_STEPS = 5_256_000;

/**
 * Mechanisms the simulation can run: every mechanism of the market engine, 'none' (the no-P2P baseline) and the ones
 * only a simulation runs (SIMULATION_MECHANISMS: 'continuous', 'bilateral'), and 'network-constrained' (the grid inside
 * the clearing; the run needs a loaded LP solver, SimulationOptions.lpSolver).
 */
export const SIM_MECHANISMS = ['none', ...MECHANISMS, ...SIM_FEEDER_MECHANISMS, ...SIMULATION_MECHANISMS] as const;
/** A market mechanism name, or 'none' for the no-P2P baseline (everyone trades only with the retailer). */
export type SimMechanism = (typeof SIM_MECHANISMS)[number];

/** Bidding strategy of a prosumer agent. */
export const strategySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('truthful') }).strict(),
  z.object({ kind: z.literal('zero-intelligence') }).strict(),
  z.object({ kind: z.literal('markup'), markup: fraction }).strict(),
]);

/** Load of one prosumer: synthetic household profile or a meter CSV. */
export const loadSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('household'),
      /** Expected annual consumption, kWh/yr. */
      annualKwh: nonNegative,
    })
    .strict(),
  z
    .object({
      kind: z.literal('csv'),
      /**
       * Path of a meter CSV (timestamp, value), relative to the scenario file (profiles/meter-csv.ts). Timestamps
       * without an offset are read as UTC, like horizon.start: write 'Z' or '+01:00' for local-time exports.
       */
      path: z.string().min(1),
      /** Unit of the value column (default: read from the header). */
      unit: z.enum(['kW', 'kWh']).optional(),
      /** Scale factor applied to the meter values (default 1). */
      scale: nonNegative.optional(),
      /** Value column: header name or 0-based index (default: the column whose name carries a unit). */
      valueColumn: z.union([z.string().min(1), z.number().int().nonnegative()]).optional(),
      /** Timestamp column: header name or 0-based index. */
      timestampColumn: z.union([z.string().min(1), z.number().int().nonnegative()]).optional(),
      /** Missing intervals: 'error' (default), 'zero' or 'interpolate' (linear in kW). */
      fillGaps: z.enum(['error', 'zero', 'interpolate']).optional(),
      /** Negative values allowed (a net meter that also records export). Default false. */
      netMeter: z.boolean().optional(),
      /** Data interval, hours (default: the most common spacing of the timestamps). */
      expectedDtHours: z.number().positive().finite().optional(),
      /** Data coarser than the simulation step (hourly data, 15-minute steps): 'hold' repeats each interval's average kW. */
      resample: z.literal('hold').optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('constant'),
      /** Constant demand, kW. */
      pKw: nonNegative,
    })
    .strict(),
]);

/**
 * Rolling-horizon planning of a battery or EV with rule/policy 'optimal' (ts/sim/agents/rolling-horizon-battery.ts, rolling-horizon-ev.ts): every
 * `resolveEveryHours` the exact schedule over the next `horizonHours` is solved against the retail and feed-in
 * prices on a forecast of the household's net load, and its first steps are applied.
 */
export const planningSchema = z
  .object({
    /** Look-ahead of each plan, hours (an EV session is always planned to its departure). */
    horizonHours: positive.default(24),
    /** Time between re-plans, hours (≤ horizonHours). */
    resolveEveryHours: positive.default(1),
    /** Forecast of the net load: the actual series ('perfect'), or the gate-closure forecasts' kinds. */
    forecast: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('perfect') }).strict(),
        z.object({ kind: z.literal('persistence'), lagSteps: finite.int().positive().default(96) }).strict(),
        z.object({ kind: z.literal('noisy-truth'), relativeErrorSd: nonNegative }).strict(),
      ])
      .default({ kind: 'perfect' }),
  })
  .strict()
  .refine((p) => p.resolveEveryHours <= p.horizonHours, { path: ['resolveEveryHours'], message: 'must not exceed horizonHours' });

/** Stationary battery with its operating rule. */
export const batterySchema = z
  .object({
    capacityKwh: positive,
    powerKw: positive,
    /** Round-trip efficiency (split evenly between charging and discharging: √η each). */
    efficiency: finite.gt(0).max(1).default(0.9),
    socMin: fraction.default(0.1),
    socMax: fraction.default(0.9),
    initialSoc: fraction.default(0.5),
    /** 'self-consumption' charges from surplus and discharges into deficit; 'price-threshold' also trades on prices. */
    rule: z.enum(['self-consumption', 'price-threshold', 'optimal']).default('self-consumption'),
    /** Rule 'optimal': the rolling-horizon planning (defaults: 24 h ahead, re-planned hourly, perfect forecast). */
    planning: planningSchema.optional(),
    /** Price-threshold rule: charge from the grid when the retail price is at or below this, currency/kWh. */
    chargeBelowPricePerKwh: finite.optional(),
    /** Price-threshold rule: discharge when the retail price is at or above this, currency/kWh. */
    dischargeAbovePricePerKwh: finite.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.socMin > b.socMax) ctx.addIssue({ code: 'custom', path: ['socMin'], message: 'must not exceed socMax' });
    if (b.planning !== undefined && b.rule !== 'optimal') ctx.addIssue({ code: 'custom', path: ['planning'], message: `applies to rule 'optimal' only, not '${b.rule}'` });
    if (b.initialSoc < b.socMin || b.initialSoc > b.socMax) {
      ctx.addIssue({ code: 'custom', path: ['initialSoc'], message: 'must lie within [socMin, socMax]' });
    }
    if (b.rule === 'price-threshold' && (b.chargeBelowPricePerKwh === undefined || b.dischargeAbovePricePerKwh === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.chargeBelowPricePerKwh === undefined ? 'chargeBelowPricePerKwh' : 'dischargeAbovePricePerKwh'],
        message: "required by rule 'price-threshold'",
      });
    } else if (b.rule === 'price-threshold' && b.chargeBelowPricePerKwh! >= b.dischargeAbovePricePerKwh!) {
      // Overlapping thresholds would make the battery charge at prices where it was told to discharge.
      ctx.addIssue({ code: 'custom', path: ['chargeBelowPricePerKwh'], message: `must be below dischargeAbovePricePerKwh (${b.dischargeAbovePricePerKwh})` });
    }
  });

/** Electric vehicle: daily sessions drawn from seeded distributions, charged by a policy. */
export const evSchema = z
  .object({
    /** Charger power, kW. */
    powerKw: positive,
    /** Battery capacity, kWh (a session never asks for more). */
    capacityKwh: positive.default(60),
    /** Charging efficiency (grid → battery). */
    efficiency: finite.gt(0).max(1).default(0.92),
    /** Mean arrival, local hour (sessions are drawn per day by profiles/ev-sessions.ts). */
    arrivalMeanHour: finite.min(0).max(24).default(18),
    /** Mean departure next morning, local hour. */
    departureMeanHour: finite.min(0).max(24).default(7.5),
    /** Median energy needed per session, kWh (a log-normal daily distance at 0.18 kWh/km). */
    medianEnergyKwh: positive.default(5.4),
    /** Probability the car is plugged in on a given day. */
    plugInProbability: fraction.default(0.9),
    /** 'immediate': full power from arrival; 'price-aware': charge in cheap hours but always meet the deadline. */
    policy: z.enum(['immediate', 'price-aware', 'optimal']).default('immediate'),
    /** Price-aware policy: charge freely when the retail price is at or below this, currency/kWh. */
    cheapPricePerKwh: finite.optional(),
    /** Policy 'optimal': the rolling-horizon planning of each session (re-planned and forecast as for batteries). */
    planning: planningSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.planning !== undefined && e.policy !== 'optimal') ctx.addIssue({ code: 'custom', path: ['planning'], message: `applies to policy 'optimal' only, not '${e.policy}'` });
  });

/** One prosumer (a household or a small aggregate) at one bus. */
export const prosumerSchema = z
  .object({
    id: z.string().min(1),
    /** Bus id in the network (string; MATPOWER bus numbers as strings or numbers). */
    bus: z.union([z.string().min(1), z.number().int()]),
    load: loadSchema,
    /** Reactive demand per kW of load, kvar/kW (load power factor; default 0). */
    reactiveKvarPerKw: finite.default(0),
    /** PV peak power, kWp (0 = no PV). */
    pvKwp: nonNegative.default(0),
    battery: batterySchema.optional(),
    ev: evSchema.optional(),
    /** Bidding strategy (default: the market's). */
    strategy: strategySchema.optional(),
    /** Export limit of this connection, kW (overrides limits.exportKw and limits.exportFractionOfKwp). */
    exportLimitKw: nonNegative.optional(),
  })
  .strict();

/**
 * Grid-connection limits, enforced by curtailing PV before the market (limits.ts): an export limit per connection (in
 * kW, or as a fraction of the connection's PV kWp, as several grid codes write it: Germany's former 70 % rule for
 * small PV without remote control), and a limit on the community's net exchange through its transformer.
 */
export const limitsSchema = z
  .object({
    /** Largest export of any connection, kW. */
    exportKw: nonNegative.optional(),
    /** Largest export of a PV connection as a fraction of its PV kWp (e.g. 0.7); connections without PV are not limited by it. */
    exportFractionOfKwp: finite.min(0).max(2).optional(),
    /**
     * Largest net exchange of the community through its transformer (Σ of the prosumers' net injections, before
     * losses), kW: exports above it are curtailed pro rata; imports above it cannot be curtailed and are counted.
     */
    transformerKw: positive.optional(),
  })
  .strict();

/** How a forecast of each prosumer's net injection is made in the gate-closure mode. */
export const forecastSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('persistence'),
      /** The forecast of a step is the actual net injection this many steps earlier (default 1; 96 = same time yesterday at 15 min). */
      lagSteps: finite.int().positive().default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('noisy-truth'),
      /** σ of the forecast error relative to the step's gross energy (load + EV + PV), e.g. 0.2. */
      relativeErrorSd: nonNegative,
    })
    .strict(),
]);

/** Prices at which the gate-closure mode settles deviations of delivery from the cleared (forecast) position. */
export const imbalanceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      /** Short (delivered less or used more than scheduled): retail + penalty; long: max(0, feed-in − penalty). */
      kind: z.literal('retail-feed-in'),
      penaltyPerKwh: nonNegative.default(0.05),
    })
    .strict(),
  z
    .object({
      /** Prices by local hour (or one price): short energy is bought at shortPricePerKwh, long energy sold at longPricePerKwh. */
      kind: z.literal('prices'),
      shortPricePerKwh: priceSchema,
      longPricePerKwh: priceSchema,
    })
    .strict(),
]);

/** The gate-closure mode: orders from forecasts, delivery on actuals, deviations settled at imbalance prices. */
export const gateClosureSchema = z
  .object({
    forecast: forecastSchema,
    imbalance: imbalanceSchema.default({ kind: 'retail-feed-in' }),
  })
  .strict();

/** The whole scenario. */
export const scenarioSchema = z
  .object({
    name: z.string().default('scenario'),
    /** A built-in feeder name ('ieee33') or the path of a MATPOWER case (.m or .json), relative to the scenario file. */
    network: z.string().min(1),
    /** Site of the feeder, for the PV model. */
    location: z
      .object({ latitudeDeg: finite.min(-90).max(90), longitudeDeg: finite.min(-180).max(180).default(0) })
      .strict()
      .default({ latitudeDeg: 48, longitudeDeg: 11 }),
    /** Local standard time offset from UTC, hours: sets the daily shape of loads, EV sessions and time-of-use prices. */
    utcOffsetHours: finite.min(-14).max(14).default(1),
    /** Seeded clouds of the PV model (see profiles/pv.ts), or false for clear sky every day. */
    clouds: z
      .union([
        z.literal(false),
        z
          .object({
            winterMeanClearSkyIndex: fraction.optional(),
            summerMeanClearSkyIndex: fraction.optional(),
            concentration: positive.optional(),
            intraDayVariability: nonNegative.optional(),
            correlationHours: positive.optional(),
          })
          .strict(),
      ])
      .default({}),
    prosumers: z.array(prosumerSchema).min(1),
    /**
     * Load of the network at buses without prosumers (non-participating consumers): 'network' keeps the network's own
     * loads there, 'none' removes them, a number scales them. At buses with prosumers the prosumers replace it.
     */
    backgroundLoad: z.union([z.literal('network'), z.literal('none'), nonNegative]).default('network'),
    /** ISO 4217 code of every money figure (prices, costs, savings). */
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').default('EUR'),
    limits: limitsSchema.default({}),
    /**
     * Retail and feed-in, and the charges a P2P kWh pays. Either all-in (retailPricePerKwh with the P2P
     * networkChargePerKwh and leviesPerKwh given directly) or decomposed as regulators write it (retailParts: energy,
     * network charge, levies, VAT and a local-use discount; ts/market/tariffs/retail-tariff.ts derives the all-in
     * retail price and the P2P charges). Inputs under which no P2P price can be individually rational (feed-in above
     * retail minus the P2P charges) are rejected before the run.
     */
    tariffs: z
      .object({
        /** All-in retail price (energy, network charge, levies, VAT), currency/kWh; absent when retailParts is given. */
        retailPricePerKwh: priceSchema.optional(),
        /** Feed-in tariff, currency/kWh: a price, 24 hourly prices, time-of-use bands or a series (a wholesale pass-through). */
        feedInPricePerKwh: scheduleSchema,
        /** Network charge on every P2P kWh, currency/kWh (derived from retailParts when given). */
        networkChargePerKwh: nonNegative.optional(),
        /** Levies on every P2P kWh, currency/kWh (derived from retailParts when given). */
        leviesPerKwh: nonNegative.optional(),
        /** Share of the P2P charges the seller pays, 0 … 1 (default 0: the buyer pays them). */
        sellerChargeShare: fraction.default(0),
        /** The retail price decomposed (net of VAT), as in ts/market/tariffs/retail-tariff.ts. */
        retailParts: z
          .object({
            energyPricePerKwh: scheduleSchema,
            networkChargePerKwh: scheduleSchema,
            leviesPerKwh: scheduleSchema,
            vatPercent: finite.min(0).lt(100),
            /** Share of the network charge and levies waived for a P2P kWh, percent (default 0). */
            localUseDiscountPercent: finite.min(0).max(100).default(0),
          })
          .strict()
          .optional(),
      })
      .strict()
      .superRefine((t, ctx) => {
        if (t.retailParts === undefined && t.retailPricePerKwh === undefined) {
          ctx.addIssue({ code: 'custom', path: ['retailPricePerKwh'], message: 'required (or give retailParts)' });
        }
        if (t.retailParts !== undefined) {
          // The decomposition derives these; a second value would be silently ignored or contradict it.
          for (const f of ['retailPricePerKwh', 'networkChargePerKwh', 'leviesPerKwh'] as const) {
            if (t[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'is derived from retailParts: give one or the other' });
          }
        }
      }),
    market: z
      .object({
        mechanism: z.enum(SIM_MECHANISMS).default('uniform'),
        /** k of k-pricing (mechanism 'uniform' only), 0 … 1; implies priceRule 'k'. */
        k: fraction.optional(),
        /** Price rule of mechanism 'uniform' only (default 'midpoint'; 'k' when k is given). */
        priceRule: z.enum(['midpoint', 'k', 'buyer', 'seller']).optional(),
        /** Default bidding strategy of every prosumer. */
        strategy: strategySchema.default({ kind: 'truthful' }),
        /** Mechanism 'continuous': the traders' strategy (ZI-C, ZIP or AA) and shout rounds per interval. */
        continuous: z
          .object({
            strategy: z.enum(['zi-c', 'zip', 'aa']).default('zip'),
            rounds: finite.int().min(1).max(100).default(5),
          })
          .strict()
          .optional(),
        /** Mechanism 'tariff-margin' (market/community/tariff-margin-matching.ts): margin over feed-in and partner matching. */
        tariffMargin: z
          .object({
            marginPercent: finite.default(DEFAULT_MARGIN_PERCENT),
            maxPartnersPerSeller: finite.int().min(1).optional(),
            preferPartners: z.boolean().default(true),
          })
          .strict()
          .optional(),
        /** Gate closure: clear on forecasts, settle the deviation of the actuals at imbalance prices (absent = clear on actuals). */
        gateClosure: gateClosureSchema.optional(),
      })
      .strict()
      .default({}),
    horizon: z
      .object({
        /** Start instant, ISO 8601; without an offset (no 'Z' or '+hh:mm') it is read as UTC. */
        start: z.string().min(1),
        /** Number of steps (at most MAX_STEPS: every reporter keeps one number per step). */
        steps: finite.int().positive().max(MAX_STEPS),
        dtHours: finite.positive().max(24),
      })
      .strict(),
    /** Seed: a safe integer (|seed| ≤ 2^53 − 1), so it survives JSON exactly. */
    seed: finite.int().safe(),
    engine: z.enum(['wasm', 'ts']).default('wasm'),
    powerFlow: z
      .object({
        /** 'auto': the sweep on radial feeders, Newton-Raphson otherwise or when the sweep fails (createPowerFlow). */
        method: z.enum(['auto', 'bfs', 'nr']).default('auto'),
        tolerancePu: positive.default(1e-8),
        maxIterations: finite.int().positive().default(50),
      })
      .strict()
      .default({}),
    /** Corrective action on violations: curtail PV export downstream of the violation and re-clear. */
    correction: z
      .object({
        enabled: z.boolean().default(true),
        /** At most this many curtail-and-re-clear rounds per step. */
        maxRounds: finite.int().min(0).max(50).default(5),
        /** Fraction of the remaining export curtailed per round at the affected buses. */
        curtailFraction: finite.gt(0).max(1).default(0.3),
      })
      .strict()
      .default({}),
    /** Nested communities: each clears internally first, residuals trade between them, then the retailer (community-schema.ts). */
    communities: z.array(communitySchema).min(1).optional(),
    /** The market between the communities (requires communities). */
    interCommunity: interCommunitySchema.optional(),
    /**
     * Connected to the upstream grid or islanded with a value of lost load (grid-mode-schema.ts); absent = connected
     * (no default filled in, so connected scenarios validate, and hash into sweep run keys, as before).
     */
    grid: gridModeSchema.optional(),
    /** Signed settlement ledger (ts/ledger): off by default (Ed25519 signing dominates the run time when on). */
    ledger: z
      .object({
        enabled: z.boolean().default(false),
        /**
         * 'blocks' (default): one line per block of `blockSteps` steps, entries under a Merkle root, signed once per
         * block by each party with entries in it (ledger/block.ts). 'entries': one signed line per entry
         * (ledger/ledger.ts; `mode` and `operatorSignEvery` apply to this format only).
         */
        format: z.enum(['blocks', 'entries']).default('blocks'),
        /** Steps per block of the 'blocks' format (default 96: a day of 15-minute steps). */
        blockSteps: finite.int().min(1).default(96),
        /** Record every order signed by its prosumer. */
        signOrders: z.boolean().default(true),
        /** 'batch': one operator-signed settlement per step; 'per-entry': every trade/payment signed by its parties. */
        mode: z.enum(['batch', 'per-entry']).default('batch'),
        /** Batch mode: the operator signs every Nth settlement (the chain covers the ones between). */
        operatorSignEvery: finite.int().min(1).default(1),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Map<string, number>();
    s.prosumers.forEach((p, i) => {
      const j = seen.get(p.id);
      if (j !== undefined) ctx.addIssue({ code: 'custom', path: ['prosumers', i, 'id'], message: `duplicates prosumers[${j}].id` });
      else seen.set(p.id, i);
    });
    const m = s.market;
    // k and priceRule tune the uniform auction only; on another mechanism they would be silently unused.
    if (m.continuous !== undefined && m.mechanism !== 'continuous') {
      ctx.addIssue({ code: 'custom', path: ['market', 'continuous'], message: `applies to mechanism 'continuous' only, not '${m.mechanism}'` });
    }
    if (m.tariffMargin !== undefined && m.mechanism !== 'tariff-margin') {
      ctx.addIssue({ code: 'custom', path: ['market', 'tariffMargin'], message: `applies to mechanism 'tariff-margin' only, not '${m.mechanism}'` });
    }
    if (m.mechanism !== 'uniform') {
      if (m.k !== undefined) ctx.addIssue({ code: 'custom', path: ['market', 'k'], message: `applies to mechanism 'uniform' only, not '${m.mechanism}'` });
      if (m.priceRule !== undefined) ctx.addIssue({ code: 'custom', path: ['market', 'priceRule'], message: `applies to mechanism 'uniform' only, not '${m.mechanism}'` });
    } else if (m.k !== undefined && m.priceRule !== undefined && m.priceRule !== 'k') {
      ctx.addIssue({ code: 'custom', path: ['market', 'k'], message: `conflicts with priceRule '${m.priceRule}' (k applies to priceRule 'k')` });
    }
    checkCommunities(s, ctx);
    checkGridMode(s, ctx);
    // The same parser as the time grid, so what passes here runs (Date.parse would accept 'June 3, 2024').
    if (!Number.isFinite(parseIsoInstantMs(s.horizon.start, 0))) {
      ctx.addIssue({ code: 'custom', path: ['horizon', 'start'], message: 'expected an ISO 8601 date-time such as 2024-06-01T00:00:00Z' });
    }
  });

/** A scenario as the user writes it (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A validated prosumer. */
export type ProsumerSpec = Scenario['prosumers'][number];
/** A validated battery. */
export type BatterySpec = NonNullable<ProsumerSpec['battery']>;
/** A validated EV. */
export type EvSpec = NonNullable<ProsumerSpec['ev']>;
/** Validated rolling-horizon planning of an 'optimal' battery or EV. */
export type PlanningSpec = z.output<typeof planningSchema>;
/** A validated gate-closure spec. */
export type GateClosureSpec = z.output<typeof gateClosureSchema>;
/** Validated grid-connection limits. */
export type LimitsSpec = z.output<typeof limitsSchema>;
/** A validated bidding-strategy spec. */
export type StrategySpec = z.output<typeof strategySchema>;
