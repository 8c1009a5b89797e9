/**
 * The immutable power-grid model every other grid module reads: substations with two bus bars,
 * branches (power lines and transformers in one table, lines first, as grid2op orders them),
 * generators, loads and shunts, each attached to a substation, plus grid2op's `topo_vect`
 * layout (`sub_info`, `*_to_sub_pos`, `*_pos_topo_vect`) computed exactly as grid2op does.
 *
 * Electrical parameters are per unit on `baseMVA` (the pi model of MATPOWER: series r + jx,
 * shunt admittance at each end, off-nominal ratio and phase shift at the origin side).
 * Powers are MW / MVAr; voltages of substations are nominal kV; thermal limits are amperes.
 *
 * @example
 * ```ts
 * import { readCase } from "../../effects/io/mod.ts";
 *
 * const { net: case14 } = await readCase("case14");
 * const thermalLimitA = case14.line.thermalLimitA.map((a, l) => (l === 3 ? 2 * a : a));
 * // validates the changed tables and derives the topo_vect layout
 * const net = makeNetwork({ ...case14, line: { ...case14.line, thermalLimitA } });
 * net.layout.subInfo;                 // elements per substation
 * net.layout.lineOrPosTopoVect[3];    // where line 3's origin sits in topo_vect
 * ```
 * @module
 */

/** Substations: one per bus of the source case; each has bus bars 1 and 2. */
export interface SubstationTable {
  readonly name: readonly string[];
  /** Nominal voltage, kV (0 when the source does not give one). */
  readonly vnKv: Float64Array;
  /** Drawing coordinates (grid2op's `grid_layout.json`), or null when unknown. */
  readonly x: Float64Array | null;
  readonly y: Float64Array | null;
}

/** Branches: power lines then transformers, in grid2op's line order. */
export interface BranchTable {
  readonly name: readonly string[];
  /** Substation of the origin ("or", pandapower's from / hv side) and extremity ("ex"). */
  readonly orSub: Int32Array;
  readonly exSub: Int32Array;
  /** Series resistance and reactance, per unit. */
  readonly r: Float64Array;
  readonly x: Float64Array;
  /** Shunt admittance at each end (half the line charging for a symmetric line), per unit. */
  readonly gOr: Float64Array;
  readonly bOr: Float64Array;
  readonly gEx: Float64Array;
  readonly bEx: Float64Array;
  /** Off-nominal turns ratio at the origin side (1 for a line). */
  readonly ratio: Float64Array;
  /** Phase shift, degrees (MATPOWER's SHIFT). */
  readonly shiftDeg: Float64Array;
  /** 1 for a transformer, 0 for a power line. */
  readonly isTrafo: Uint8Array;
  /** Thermal limit in amperes (grid2op's `thermal_limit`), NaN when unknown. */
  readonly thermalLimitA: Float64Array;
  /** Long-term rating in MVA (MATPOWER's RATE_A), 0 when unlimited. */
  readonly rateMVA: Float64Array;
  /** 1 when the branch is in service in the source case. */
  readonly inService: Uint8Array;
}

/** Generators. `p` and `vmPu` are the source case's set-points (scenarios replace them). */
export interface GenTable {
  readonly name: readonly string[];
  readonly sub: Int32Array;
  readonly p: Float64Array;
  /** Reactive output of a generator that does not regulate voltage, MVAr. */
  readonly q: Float64Array;
  readonly vmPu: Float64Array;
  readonly qMin: Float64Array;
  readonly qMax: Float64Array;
  readonly pMin: Float64Array;
  readonly pMax: Float64Array;
  /** 1 when the generator holds its bus voltage (a PV bus), 0 for a fixed-Q injection. */
  readonly regulating: Uint8Array;
  readonly inService: Uint8Array;
  /** grid2op's `prods_charac.csv` facts; "" / NaN when the source has none. */
  readonly type: readonly string[];
  readonly maxRampUp: Float64Array;
  readonly maxRampDown: Float64Array;
  readonly minUpTime: Float64Array;
  readonly minDownTime: Float64Array;
  readonly costPerMW: Float64Array;
  readonly startupCost: Float64Array;
  readonly shutdownCost: Float64Array;
}

/** Loads (constant power), MW and MVAr consumed. */
export interface LoadTable {
  readonly name: readonly string[];
  readonly sub: Int32Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly inService: Uint8Array;
}

/** Shunts: MW and MVAr consumed at 1 pu (pandapower's sign; MATPOWER's GS and -BS). */
export interface ShuntTable {
  readonly name: readonly string[];
  readonly sub: Int32Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly inService: Uint8Array;
}

/** grid2op's position of every element in its substation and in `topo_vect`. */
export interface TopoLayout {
  readonly subInfo: Int32Array;
  readonly dimTopo: number;
  readonly loadToSubPos: Int32Array;
  readonly genToSubPos: Int32Array;
  readonly lineOrToSubPos: Int32Array;
  readonly lineExToSubPos: Int32Array;
  readonly loadPosTopoVect: Int32Array;
  readonly genPosTopoVect: Int32Array;
  readonly lineOrPosTopoVect: Int32Array;
  readonly lineExPosTopoVect: Int32Array;
}

/** Everything that defines a network; `makeNetwork` checks it and adds the layout. */
export interface NetworkSpec {
  readonly name: string;
  readonly baseMVA: number;
  /** Voltage angle of the slack bus, degrees (0 in grid2op, the case's value in MATPOWER). */
  readonly slackAngleDeg: number;
  readonly sub: SubstationTable;
  readonly line: BranchTable;
  readonly gen: GenTable;
  readonly load: LoadTable;
  readonly shunt: ShuntTable;
  /** Index of the generator whose bus is the slack (reference) bus. */
  readonly slackGen: number;
}

/** A checked network with its `topo_vect` layout. */
export interface Network extends NetworkSpec {
  readonly layout: TopoLayout;
}

/** A network that breaks the model's rules (an index out of range, a missing slack, ...). */
export class NetworkError extends Error {
  override name = "NetworkError";
}

/** Number of substations, lines, generators, loads and shunts. */
export function sizes(net: NetworkSpec): {
  nSub: number;
  nLine: number;
  nGen: number;
  nLoad: number;
  nShunt: number;
} {
  return {
    nSub: net.sub.name.length,
    nLine: net.line.name.length,
    nGen: net.gen.name.length,
    nLoad: net.load.name.length,
    nShunt: net.shunt.name.length,
  };
}

/**
 * grid2op's layout: positions inside a substation are given in the order lines' origins and
 * extremities (line by line), then generators, then loads; a position in `topo_vect` is the
 * sum of the sizes of the substations before plus the position inside the substation.
 */
export function topoLayout(net: NetworkSpec): TopoLayout {
  const { nSub, nLine, nGen, nLoad } = sizes(net);
  const used = new Int32Array(nSub);
  const lineOrToSubPos = new Int32Array(nLine);
  const lineExToSubPos = new Int32Array(nLine);
  for (let l = 0; l < nLine; l++) {
    lineOrToSubPos[l] = used[net.line.orSub[l]]++;
    lineExToSubPos[l] = used[net.line.exSub[l]]++;
  }
  const genToSubPos = new Int32Array(nGen);
  for (let g = 0; g < nGen; g++) genToSubPos[g] = used[net.gen.sub[g]]++;
  const loadToSubPos = new Int32Array(nLoad);
  for (let d = 0; d < nLoad; d++) loadToSubPos[d] = used[net.load.sub[d]]++;
  const start = new Int32Array(nSub + 1);
  for (let s = 0; s < nSub; s++) start[s + 1] = start[s] + used[s];
  const pos = (subs: Int32Array, inSub: Int32Array) => subs.map((s, i) => start[s] + inSub[i]);
  return {
    subInfo: used,
    dimTopo: start[nSub],
    loadToSubPos,
    genToSubPos,
    lineOrToSubPos,
    lineExToSubPos,
    loadPosTopoVect: pos(net.load.sub, loadToSubPos),
    genPosTopoVect: pos(net.gen.sub, genToSubPos),
    lineOrPosTopoVect: pos(net.line.orSub, lineOrToSubPos),
    lineExPosTopoVect: pos(net.line.exSub, lineExToSubPos),
  };
}

function checkLength(table: string, field: string, got: number, want: number): void {
  if (got !== want) {
    throw new NetworkError(`${table}.${field}: expected ${want} values, got ${got}`);
  }
}

function checkSubs(table: string, field: string, subs: Int32Array, nSub: number): void {
  for (let i = 0; i < subs.length; i++) {
    if (!(subs[i] >= 0 && subs[i] < nSub)) {
      throw new NetworkError(`${table}.${field}[${i}]: substation ${subs[i]} does not exist`);
    }
  }
}

function checkFinite(table: string, field: string, values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new NetworkError(`${table}.${field}[${i}]: expected a finite number, got ${values[i]}`);
    }
  }
}

/**
 * Checks a network description (sizes agree, substations exist, impedances and set-points are
 * finite, one in-service slack generator) and returns it with its `topo_vect` layout.
 * Throws a `NetworkError` naming the table and field otherwise.
 */
export function makeNetwork(spec: NetworkSpec): Network {
  const { nSub, nLine, nGen, nLoad, nShunt } = sizes(spec);
  if (!(spec.baseMVA > 0)) throw new NetworkError(`baseMVA: expected > 0, got ${spec.baseMVA}`);
  checkLength("sub", "vnKv", spec.sub.vnKv.length, nSub);
  for (
    const [t, n, fields] of [
      ["line", nLine, ["orSub", "exSub", "r", "x", "gOr", "bOr", "gEx", "bEx", "ratio"]],
      ["line", nLine, ["shiftDeg", "isTrafo", "thermalLimitA", "rateMVA", "inService"]],
      ["gen", nGen, ["sub", "p", "q", "vmPu", "qMin", "qMax", "pMin", "pMax", "regulating"]],
      ["gen", nGen, ["inService", "maxRampUp", "maxRampDown", "minUpTime", "minDownTime"]],
      ["gen", nGen, ["costPerMW", "startupCost", "shutdownCost", "type"]],
      ["load", nLoad, ["sub", "p", "q", "inService"]],
      ["shunt", nShunt, ["sub", "p", "q", "inService"]],
    ] as const
  ) {
    const table = spec[t] as unknown as Record<string, ArrayLike<unknown>>;
    for (const f of fields) checkLength(t, f, table[f].length, n);
  }
  checkSubs("line", "orSub", spec.line.orSub, nSub);
  checkSubs("line", "exSub", spec.line.exSub, nSub);
  checkSubs("gen", "sub", spec.gen.sub, nSub);
  checkSubs("load", "sub", spec.load.sub, nSub);
  checkSubs("shunt", "sub", spec.shunt.sub, nSub);
  for (const f of ["r", "x", "gOr", "bOr", "gEx", "bEx", "ratio", "shiftDeg"] as const) {
    checkFinite("line", f, spec.line[f]);
  }
  for (let l = 0; l < nLine; l++) {
    if (spec.line.r[l] === 0 && spec.line.x[l] === 0) {
      throw new NetworkError(`line.x[${l}]: a branch needs a non-zero impedance`);
    }
    if (spec.line.ratio[l] <= 0) {
      throw new NetworkError(`line.ratio[${l}]: expected > 0, got ${spec.line.ratio[l]}`);
    }
  }
  for (const f of ["p", "q", "vmPu"] as const) checkFinite("gen", f, spec.gen[f]);
  checkFinite("load", "p", spec.load.p);
  checkFinite("load", "q", spec.load.q);
  checkFinite("shunt", "p", spec.shunt.p);
  checkFinite("shunt", "q", spec.shunt.q);
  const s = spec.slackGen;
  if (!(Number.isInteger(s) && s >= 0 && s < nGen)) {
    throw new NetworkError(`slackGen: generator ${s} does not exist`);
  }
  if (!spec.gen.inService[s] || !spec.gen.regulating[s]) {
    throw new NetworkError(
      `slackGen: generator ${spec.gen.name[s]} must be in service and hold its voltage`,
    );
  }
  if (!Number.isFinite(spec.slackAngleDeg)) {
    throw new NetworkError(`slackAngleDeg: expected a finite number`);
  }
  return { ...spec, layout: topoLayout(spec) };
}

/** grid2op's default topology: every element on bus 1, out-of-service elements at -1. */
export function defaultTopoVect(net: Network): Int8Array {
  const { layout: lay, line, gen, load } = net;
  const topo = new Int8Array(lay.dimTopo).fill(1);
  for (let l = 0; l < line.name.length; l++) {
    if (!line.inService[l]) topo[lay.lineOrPosTopoVect[l]] = topo[lay.lineExPosTopoVect[l]] = -1;
  }
  for (let g = 0; g < gen.name.length; g++) if (!gen.inService[g]) topo[lay.genPosTopoVect[g]] = -1;
  for (let d = 0; d < load.name.length; d++) {
    if (!load.inService[d]) topo[lay.loadPosTopoVect[d]] = -1;
  }
  return topo;
}

/** Default shunt buses: 1 when in service, -1 otherwise. */
export function defaultShuntBus(net: Network): Int8Array {
  return Int8Array.from(net.shunt.inService, (s) => (s ? 1 : -1));
}

/** The injections a power flow takes: load consumption and generator set-points. */
export interface Injections {
  /** MW and MVAr consumed by each load. */
  readonly loadP: ArrayLike<number>;
  readonly loadQ: ArrayLike<number>;
  /** MW produced by each generator (the slack's value is replaced by the solution). */
  readonly genP: ArrayLike<number>;
  /** Voltage set-point of each generator, per unit of its substation's nominal voltage. */
  readonly genVmPu: ArrayLike<number>;
}

/**
 * Generator voltage set-points in per unit from kV (grid2op's `prod_v`), each divided by the
 * nominal voltage of its generator's substation.
 */
export function genVmPuFromKv(net: Network, kv: ArrayLike<number>): Float64Array {
  return Float64Array.from(net.gen.sub, (s, g) => kv[g] / net.sub.vnKv[s]);
}

/** The source case's own injections. */
export function caseInjections(net: Network): Injections {
  return { loadP: net.load.p, loadQ: net.load.q, genP: net.gen.p, genVmPu: net.gen.vmPu };
}
