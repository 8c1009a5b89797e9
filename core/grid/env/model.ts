/**
 * What an environment knows about its grid that never changes during an episode: the network,
 * its `topo_vect` tables, the rules' parameters, the thermal limits, which generators are
 * renewable, how each power flow starts, and a cache of compiled topologies. Compiling a
 * topology (bus numbering, islands, Y-bus, LU structure) costs 60-80 us on the sandbox, ten
 * times a power flow, and an episode visits few topologies, so each is compiled once and kept
 * with its solver scratch. The cache is memoisation: a compiled grid is a pure function of the
 * topology, so whether it comes from the cache cannot be observed.
 *
 * @example
 * ```ts
 * import { defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const model = gridModel(net);                     // grid2op's default parameters
 * const topo = defaultTopoVect(net);
 * const { grid, scratch } = model.compiled(topo);   // the same object for the same topology
 * ```
 * @module
 */
import {
  AcScratch,
  acScratch,
  branchAdmittance,
  CompiledGrid,
  compileGrid,
} from "../powerflow/mod.ts";
import { Network } from "../network.ts";
import { TopoIndex, topoIndex } from "./action.ts";
import { OpponentSpec } from "./opponent.ts";
import { DEFAULT_PARAMETERS, EnvParameters } from "./parameters.ts";

/** How each AC power flow of a step starts. */
export type PowerFlowInit = "dc" | "warm";

/** A compiled topology and the scratch memory of its AC solves. */
export interface CompiledTopology {
  readonly grid: CompiledGrid;
  readonly scratch: AcScratch;
}

/** The fixed part of an environment. */
export interface GridModel {
  readonly net: Network;
  readonly index: TopoIndex;
  readonly parameters: EnvParameters;
  /** Thermal limit of each line, amperes (grid2op's `thermal_limit`). */
  readonly thermalLimit: Float64Array;
  /** 1 for wind and solar generators (grid2op's `gen_renewable`). */
  readonly renewable: Uint8Array;
  /**
   * "dc" (default): every AC power flow starts from a DC one, as grid2op with lightsim2grid
   * does; "warm": from the previous step's solution (fewer iterations; near divergence it can
   * converge where grid2op does not, or the other way round).
   */
  readonly powerFlowInit: PowerFlowInit;
  /** The opponent that cuts lines (grid2op's `RandomLineOpponent`), or null for none. */
  readonly opponent: OpponentSpec | null;
  /** The compiled grid of a topology, memoised. */
  compiled(topo: Int8Array): CompiledTopology;
}

/** Options of `gridModel`. */
export interface ModelOptions {
  readonly parameters?: EnvParameters;
  readonly powerFlowInit?: PowerFlowInit;
  /** The opponent (default none). */
  readonly opponent?: OpponentSpec | null;
  /** Topologies kept compiled (default 4096); the cache starts over when full. */
  readonly cacheSize?: number;
}

/** The key of a topology in the cache: one character per element. */
function topologyKey(topo: Int8Array): string {
  let key = "";
  for (let i = 0; i < topo.length; i++) key += String.fromCharCode(topo[i] + 48);
  return key;
}

/** The opponent's settings, checked against the network (a RangeError names what is wrong). */
function checkedOpponent(net: Network, spec: OpponentSpec | null): OpponentSpec | null {
  if (spec === null) return null;
  const nLine = net.line.name.length;
  for (const l of spec.lines) {
    if (!Number.isInteger(l) || l < 0 || l >= nLine) {
      throw new RangeError(`opponent: line ${l} is not in 0..${nLine - 1}`);
    }
  }
  for (const key of ["attackCooldown", "attackDuration", "budgetPerStep", "initBudget"] as const) {
    if (!(spec[key] >= 0) || !Number.isFinite(spec[key])) {
      throw new RangeError(`opponent.${key}: expected a finite number >= 0, got ${spec[key]}`);
    }
  }
  return Object.freeze({ ...spec, lines: Object.freeze([...spec.lines]) });
}

/** The model of a network; throws a RangeError when a line has no positive thermal limit. */
export function gridModel(net: Network, options: ModelOptions = {}): GridModel {
  const thermalLimit = Float64Array.from(net.line.thermalLimitA);
  thermalLimit.forEach((a, l) => {
    if (!(a > 0)) {
      throw new RangeError(`line ${net.line.name[l]}: the environment needs a thermal limit`);
    }
  });
  const admittance = branchAdmittance(net);
  const cacheSize = options.cacheSize ?? 4096;
  const cache = new Map<string, CompiledTopology>();
  return {
    net,
    index: topoIndex(net),
    parameters: options.parameters ?? DEFAULT_PARAMETERS,
    thermalLimit,
    renewable: Uint8Array.from(net.gen.type, (t) => (t === "wind" || t === "solar" ? 1 : 0)),
    powerFlowInit: options.powerFlowInit ?? "dc",
    opponent: checkedOpponent(net, options.opponent ?? null),
    compiled(topo: Int8Array): CompiledTopology {
      const key = topologyKey(topo);
      let hit = cache.get(key);
      if (hit === undefined) {
        if (cache.size >= cacheSize) cache.clear();
        const grid = compileGrid(net, topo, { admittance });
        hit = { grid, scratch: acScratch(grid) };
        cache.set(key, hit);
      }
      return hit;
    },
  };
}
