/**
 * Everything a power flow needs that depends only on the topology, computed once per topology
 * so that a simulator stepping through time re-solves with new injections only: the bus-level
 * network and its islands, Y-bus, the bus types (slack, PV, PQ), the fill-reducing order of
 * the unknowns, the Jacobian's sparse structure with the position of every Y-bus-derived
 * entry, and the DC matrix already factorised.
 *
 * @example
 * ```ts
 * import { solveAc } from "./ac.ts";
 * import { caseInjections, defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const grid = compileGrid(net, defaultTopoVect(net));  // cache this per topology
 * const a = solveAc(grid, caseInjections(net));           // every step
 * ```
 * @module
 */
import {
  AdmittanceMatrix,
  admittanceMatrix,
  BranchAdmittance,
  branchAdmittance,
} from "./admittance.ts";
import {
  Factored,
  factorInPlace,
  LinearSystem,
  linearSystem,
  LinearWork,
  linearWork,
  SolverKind,
} from "./linear_system.ts";
import { Network } from "../network.ts";
import { minimumDegree } from "./ordering.ts";
import { BusTopology, busTopology } from "../topology.ts";

/** Why a topology cannot be solved, found before any numerics. */
export type TopologyProblem = "slack-disconnected" | "island-without-slack";

/** Bus type codes of `CompiledGrid.busType`. */
export const PQ = 0, PV = 1, SLACK = 2;

/** The Newton-Raphson structure: unknowns, their LU system and Jacobian scatter maps. */
export interface AcStructure {
  /** Unknown index of each bus's angle and magnitude (-1 when not an unknown). */
  readonly thetaIdx: Int32Array;
  readonly vmIdx: Int32Array;
  readonly system: LinearSystem;
  /** Per Y-bus entry (i, j): LU position of dP_i/dtheta_j, dP_i/dVm_j, dQ_i/dtheta_j, dQ_i/dVm_j. */
  readonly posPT: Int32Array;
  readonly posPV: Int32Array;
  readonly posQT: Int32Array;
  readonly posQV: Int32Array;
}

/** The DC power flow structure: B' over the non-slack buses, factorised once. */
export interface DcStructure {
  /** Unknown index of each bus (-1 for the slack). */
  readonly idx: Int32Array;
  readonly system: LinearSystem;
  readonly factors: Float64Array;
  readonly work: LinearWork;
  readonly factored: Factored;
  /** Per branch: DC susceptance 1 / (x * ratio), per unit (0 when disconnected). */
  readonly lineB: Float64Array;
  /** Per bus: power injected by phase shifters in the DC model, per unit. */
  readonly shiftP: Float64Array;
  /** Per bus: active power its shunts consume at 1 pu, per unit. */
  readonly shuntP: Float64Array;
}

/** A topology compiled for the solvers. */
export interface CompiledGrid {
  readonly net: Network;
  readonly topo: BusTopology;
  readonly y: BranchAdmittance;
  readonly ybus: AdmittanceMatrix;
  /** PQ, PV or SLACK per bus in use. */
  readonly busType: Uint8Array;
  /** Per bus in use: its voltage-regulating generators and the sum of their reactive ranges. */
  readonly regulatingCount: Float64Array;
  readonly regulatingRange: Float64Array;
  /** Why the grid cannot be solved (null when it can). */
  readonly problem: TopologyProblem | null;
  readonly ac: AcStructure | null;
  readonly dc: DcStructure | null;
}

/** Options of `compileGrid`. */
export interface CompileOptions {
  /** Shunt bus bars (1, 2, -1); default: in-service shunts on bus bar 1. */
  readonly shuntBar?: ArrayLike<number>;
  /** LU path: "auto" (dense for small systems), "dense" or "sparse". */
  readonly solver?: SolverKind | "auto";
  /** Branch admittances of `net`, when already computed (they depend on the network only). */
  readonly admittance?: BranchAdmittance;
}

/** Bus types, and the regulating generators' count and reactive range per bus. */
function busTypes(
  topo: BusTopology,
): Pick<CompiledGrid, "busType" | "regulatingCount" | "regulatingRange"> {
  const net = topo.net;
  const busType = new Uint8Array(topo.nBus);
  const regulatingCount = new Float64Array(topo.nBus);
  const regulatingRange = new Float64Array(topo.nBus);
  for (let g = 0; g < net.gen.name.length; g++) {
    const bus = topo.genBus[g];
    if (bus < 0 || !net.gen.regulating[g]) continue;
    const i = topo.busIndex[bus];
    busType[i] = PV;
    regulatingCount[i] += 1;
    regulatingRange[i] += net.gen.qMax[g] - net.gen.qMin[g];
  }
  if (topo.slackBus >= 0) busType[topo.slackBus] = SLACK;
  return { busType, regulatingCount, regulatingRange };
}

/** Buses other than the slack, in a fill-reducing elimination order. */
function eliminationOrder(ybus: AdmittanceMatrix, slack: number): Int32Array {
  const others = Int32Array.from({ length: ybus.n }, (_, i) => i).filter((i) => i !== slack);
  const local = new Int32Array(ybus.n).fill(-1);
  others.forEach((b, k) => (local[b] = k));
  const neighbours = Array.from(others, (b) => {
    const list: number[] = [];
    for (let k = ybus.start[b]; k < ybus.start[b + 1]; k++) {
      const j = local[ybus.col[k]];
      if (j >= 0) list.push(j);
    }
    return list;
  });
  return minimumDegree(neighbours).map((k) => others[k]);
}

/** Symmetric off-diagonal pairs of unknowns coupled through Y-bus. */
function unknownPairs(
  ybus: AdmittanceMatrix,
  unknowns: (bus: number) => number[],
): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ybus.n; i++) {
    const ui = unknowns(i);
    for (let a = 0; a < ui.length; a++) {
      for (let b = a + 1; b < ui.length; b++) pairs.push([ui[a], ui[b]]);
    }
    for (let k = ybus.start[i]; k < ybus.start[i + 1]; k++) {
      const j = ybus.col[k];
      if (j <= i) continue;
      for (const a of ui) for (const b of unknowns(j)) pairs.push([a, b]);
    }
  }
  return pairs;
}

function acStructure(
  ybus: AdmittanceMatrix,
  busType: Uint8Array,
  order: Int32Array,
  kind: SolverKind | "auto",
): AcStructure {
  const n = ybus.n;
  const thetaIdx = new Int32Array(n).fill(-1);
  const vmIdx = new Int32Array(n).fill(-1);
  let next = 0;
  for (const b of order) {
    thetaIdx[b] = next++;
    if (busType[b] === PQ) vmIdx[b] = next++;
  }
  const unknowns = (b: number) => [thetaIdx[b], vmIdx[b]].filter((u) => u >= 0);
  const system = linearSystem(next, unknownPairs(ybus, unknowns), kind);
  const nnz = ybus.start[n];
  const posPT = new Int32Array(nnz).fill(-1);
  const posPV = new Int32Array(nnz).fill(-1);
  const posQT = new Int32Array(nnz).fill(-1);
  const posQV = new Int32Array(nnz).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let k = ybus.start[i]; k < ybus.start[i + 1]; k++) {
      const j = ybus.col[k];
      if (thetaIdx[i] >= 0 && thetaIdx[j] >= 0) {
        posPT[k] = system.position(thetaIdx[i], thetaIdx[j]);
      }
      if (thetaIdx[i] >= 0 && vmIdx[j] >= 0) posPV[k] = system.position(thetaIdx[i], vmIdx[j]);
      if (vmIdx[i] >= 0 && thetaIdx[j] >= 0) posQT[k] = system.position(vmIdx[i], thetaIdx[j]);
      if (vmIdx[i] >= 0 && vmIdx[j] >= 0) posQV[k] = system.position(vmIdx[i], vmIdx[j]);
    }
  }
  return { thetaIdx, vmIdx, system, posPT, posPV, posQT, posQV };
}

function dcStructure(topo: BusTopology, order: Int32Array, kind: SolverKind | "auto"): DcStructure {
  const net = topo.net;
  const n = topo.nBus;
  const idx = new Int32Array(n).fill(-1);
  order.forEach((b, k) => (idx[b] = k));
  const nLine = net.line.name.length;
  const lineB = new Float64Array(nLine);
  const shiftP = new Float64Array(n);
  const pairs: [number, number][] = [];
  for (let l = 0; l < nLine; l++) {
    if (!topo.lineStatus[l]) continue;
    lineB[l] = 1 / (net.line.x[l] * net.line.ratio[l]);
    const a = topo.busIndex[topo.lineOrBus[l]];
    const b = topo.busIndex[topo.lineExBus[l]];
    const pShift = -lineB[l] * (net.line.shiftDeg[l] * Math.PI) / 180;
    shiftP[a] += pShift;
    shiftP[b] -= pShift;
    if (idx[a] >= 0 && idx[b] >= 0) pairs.push([idx[a], idx[b]]);
  }
  const system = linearSystem(order.length, pairs, kind);
  const factors = new Float64Array(system.size);
  for (let l = 0; l < nLine; l++) {
    if (!topo.lineStatus[l]) continue;
    const a = idx[topo.busIndex[topo.lineOrBus[l]]];
    const b = idx[topo.busIndex[topo.lineExBus[l]]];
    if (a >= 0) factors[system.position(a, a)] += lineB[l];
    if (b >= 0) factors[system.position(b, b)] += lineB[l];
    if (a >= 0 && b >= 0) {
      factors[system.position(a, b)] -= lineB[l];
      factors[system.position(b, a)] -= lineB[l];
    }
  }
  const shuntP = new Float64Array(n);
  for (let k = 0; k < net.shunt.name.length; k++) {
    const bus = topo.shuntBus[k];
    if (bus >= 0) shuntP[topo.busIndex[bus]] += net.shunt.p[k] / net.baseMVA;
  }
  const work = linearWork(system);
  const factored = factorInPlace(system, factors, work);
  return { idx, system, factors, work, factored, lineB, shiftP, shuntP };
}

/**
 * Compiles a topology (grid2op's `topo_vect`) of a network for the AC and DC solvers. A
 * topology that cannot be solved (slack cut off, an island without the slack) compiles with
 * `problem` set and no solver structures; solving it then reports that problem.
 */
export function compileGrid(
  net: Network,
  topoVect: ArrayLike<number>,
  options: CompileOptions = {},
): CompiledGrid {
  const topo = busTopology(net, topoVect, options.shuntBar);
  const y = options.admittance ?? branchAdmittance(net);
  const ybus = admittanceMatrix(topo, y);
  const types = busTypes(topo);
  const busType = types.busType;
  const problem: TopologyProblem | null = topo.slackBus < 0
    ? "slack-disconnected"
    : topo.busesOffSlack.length > 0
    ? "island-without-slack"
    : null;
  if (problem !== null) return { net, topo, y, ybus, ...types, problem, ac: null, dc: null };
  const kind = options.solver ?? "auto";
  const order = eliminationOrder(ybus, topo.slackBus);
  return {
    net,
    topo,
    y,
    ybus,
    ...types,
    problem,
    ac: acStructure(ybus, busType, order, kind),
    dc: dcStructure(topo, order, kind),
  };
}
