/**
 * A fluent builder for NetworkModel: `createNetwork({ baseMva })` then `addBus`, `addLine`, … in engineering units.
 * It only collects plain objects (checks happen in validate/compile, where they can see the whole network), so a
 * built network and a hand-written JSON model behave identically.
 */
import type { CompiledNetworkModel } from './compile-network.js';
import { compileNetwork } from './compile-network.js';
import type {
  BusSpec,
  GeneratorSpec,
  InjectionSpec,
  LineSpec,
  LoadSpec,
  NetworkModel,
  ShuntSpec,
  SlackSpec,
  TransformerSpec,
} from './network-model.js';
import { validateNetwork, type ValidatedNetwork } from './validate-network.js';

/** Options of createNetwork. */
export interface NetworkOptions {
  /** System base power for per-unit tables, MVA (default 1: suits LV/MV feeders). */
  baseMva?: number;
  /** Network name. */
  name?: string;
}

/** Collects network elements in engineering units; every add* returns the builder for chaining. */
export class NetworkBuilder {
  /** The model being built (plain objects, JSON-serialisable). */
  readonly model: Required<Omit<NetworkModel, 'name'>> & { name?: string };

  constructor(options: NetworkOptions = {}) {
    this.model = {
      baseMva: options.baseMva ?? 1,
      buses: [], lines: [], transformers: [], loads: [], generators: [], slacks: [], shunts: [], pvSystems: [], storages: [],
      evChargers: [],
    };
    if (options.name !== undefined) this.model.name = options.name;
  }

  /** Adds a bus (vnKv: nominal kV line-to-line). */
  addBus(bus: BusSpec): this {
    this.model.buses.push({ ...bus });
    return this;
  }
  /** Adds a line or cable (Ω and μS totals, or per-km values with lengthKm; ampacity in A). */
  addLine(line: LineSpec): this {
    this.model.lines.push({ ...line });
    return this;
  }
  /** Adds a two-winding transformer (rating kVA, uk/ur % or r/x p.u. on its own base, tap at the HV side). */
  addTransformer(transformer: TransformerSpec): this {
    this.model.transformers.push({ ...transformer });
    return this;
  }
  /** Adds a constant-power load (kW, kvar consumed). */
  addLoad(load: LoadSpec): this {
    this.model.loads.push({ ...load });
    return this;
  }
  /** Adds a voltage-controlling generator (kW injected, vSetPu, Q limits in kvar). */
  addGenerator(generator: GeneratorSpec): this {
    this.model.generators.push({ ...generator });
    return this;
  }
  /** Adds the slack (external grid) at a bus (vmPu, vaDeg). */
  addSlack(slack: SlackSpec): this {
    this.model.slacks.push({ ...slack });
    return this;
  }
  /** Adds a fixed shunt (kW consumed, kvar injected at 1 p.u.). */
  addShunt(shunt: ShuntSpec): this {
    this.model.shunts.push({ ...shunt });
    return this;
  }
  /** Adds a PV system as a constant-power injection (kW, kvar injected). */
  addPv(pv: InjectionSpec): this {
    this.model.pvSystems.push({ ...pv });
    return this;
  }
  /** Adds a battery as a constant-power injection (kW injected; negative while charging). */
  addStorage(storage: InjectionSpec): this {
    this.model.storages.push({ ...storage });
    return this;
  }
  /** Adds an EV charger as a constant-power injection (kW injected; negative while charging, positive for V2G). */
  addEvCharger(ev: InjectionSpec): this {
    this.model.evChargers.push({ ...ev });
    return this;
  }
  /** Validates the network so far; throws ValidationError on the first problem. */
  validate(): ValidatedNetwork {
    return validateNetwork(this.model);
  }
  /** Validates and compiles to per-unit typed-array tables. */
  compile(): CompiledNetworkModel {
    return compileNetwork(this.model);
  }
  /** The model as plain objects (a deep copy, safe to serialise or edit). */
  toModel(): NetworkModel {
    return structuredClone(this.model);
  }
}

/** Starts a network in engineering units (baseMva default 1 MVA). */
export function createNetwork(options: NetworkOptions = {}): NetworkBuilder {
  return new NetworkBuilder(options);
}
