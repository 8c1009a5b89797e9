/**
 * What a power flow returns, in grid2op's vocabulary and units, element by element in typed
 * arrays: bus voltages; p (MW), q (MVAr), v (kV), a (A) and theta (degrees) at both ends of
 * every line; generator and load p, q, v, theta; shunt p, q, v. A disconnected element reads
 * 0 everywhere (as lightsim2grid reports it); a failed power flow reads NaN everywhere, with
 * the reason in `status`.
 *
 * @example
 * ```ts
 * import { solveAc } from "./ac.ts";
 * import { compileGrid } from "./compile.ts";
 * import { caseInjections, defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const r = solveAc(compileGrid(net, defaultTopoVect(net)), caseInjections(net));
 * if (r.converged) r.aOr[3] / net.line.thermalLimitA[3]; // rho of line 3
 * ```
 * @module
 */
import { CompiledGrid, TopologyProblem } from "./compile.ts";
import { Injections, Network } from "../network.ts";
import { Scheduled } from "./scheduled.ts";

/** How a power flow ended. */
export type PowerFlowStatus =
  | "converged"
  | "max-iterations"
  | "singular"
  | "non-finite"
  | TopologyProblem;

/** The solution of one power flow. */
export interface PowerFlowResult {
  readonly mode: "ac" | "dc";
  readonly status: PowerFlowStatus;
  readonly converged: boolean;
  /** Newton iterations (linear solves) taken; 1 for a DC power flow, 0 when it failed early. */
  readonly iterations: number;
  /** Largest active or reactive power mismatch at the end, MW / MVAr. */
  readonly mismatch: number;
  /** Per global bus (bus bar 1 of every substation, then bus bar 2): pu and degrees. */
  readonly busVm: Float64Array;
  readonly busVa: Float64Array;
  readonly pOr: Float64Array;
  readonly qOr: Float64Array;
  readonly vOr: Float64Array;
  readonly aOr: Float64Array;
  readonly thetaOr: Float64Array;
  readonly pEx: Float64Array;
  readonly qEx: Float64Array;
  readonly vEx: Float64Array;
  readonly aEx: Float64Array;
  readonly thetaEx: Float64Array;
  readonly genP: Float64Array;
  readonly genQ: Float64Array;
  readonly genV: Float64Array;
  readonly genTheta: Float64Array;
  readonly loadP: Float64Array;
  readonly loadQ: Float64Array;
  readonly loadV: Float64Array;
  readonly loadTheta: Float64Array;
  readonly shuntP: Float64Array;
  readonly shuntQ: Float64Array;
  readonly shuntV: Float64Array;
}

const DEG = 180 / Math.PI;
const SQRT3 = Math.sqrt(3);

/** Current in amperes of a flow of p MW and q MVAr at v kV (NaN when v is unknown). */
function amperes(p: number, q: number, v: number): number {
  return v > 0 ? (Math.sqrt(p * p + q * q) / (SQRT3 * v)) * 1000 : NaN;
}

/** A result whose arrays are views over one buffer, filled with `fill` (bus voltages NaN). */
function blank(
  grid: CompiledGrid,
  mode: "ac" | "dc",
  fill: number,
  status: PowerFlowStatus,
  iterations: number,
  mismatch: number,
) {
  const { net } = grid;
  const nB = 2 * net.sub.name.length;
  const nL = net.line.name.length;
  const nG = net.gen.name.length;
  const nD = net.load.name.length;
  const nS = net.shunt.name.length;
  const buffer = new ArrayBuffer(8 * (2 * nB + 10 * nL + 4 * nG + 4 * nD + 3 * nS));
  if (fill !== 0) new Float64Array(buffer).fill(fill);
  let at = 0;
  const view = (n: number) => {
    const v = new Float64Array(buffer, at, n);
    at += 8 * n;
    return v;
  };
  const out = {
    mode,
    status,
    converged: status === "converged",
    iterations,
    mismatch,
    busVm: view(nB),
    busVa: view(nB),
    pOr: view(nL),
    qOr: view(nL),
    vOr: view(nL),
    aOr: view(nL),
    thetaOr: view(nL),
    pEx: view(nL),
    qEx: view(nL),
    vEx: view(nL),
    aEx: view(nL),
    thetaEx: view(nL),
    genP: view(nG),
    genQ: view(nG),
    genV: view(nG),
    genTheta: view(nG),
    loadP: view(nD),
    loadQ: view(nD),
    loadV: view(nD),
    loadTheta: view(nD),
    shuntP: view(nS),
    shuntQ: view(nS),
    shuntV: view(nS),
  };
  out.busVm.fill(NaN);
  out.busVa.fill(NaN);
  return out;
}

/** The result of a power flow that did not converge: every value NaN. */
export function failedResult(
  grid: CompiledGrid,
  mode: "ac" | "dc",
  status: PowerFlowStatus,
  iterations: number,
  mismatch = NaN,
): PowerFlowResult {
  return blank(grid, mode, NaN, status, iterations, mismatch);
}

/** The solved state handed to `solvedResult`: per bus in use, and the solver's mismatch. */
export interface SolvedState {
  readonly mode: "ac" | "dc";
  readonly iterations: number;
  /** Largest mismatch, per unit. */
  readonly mismatch: number;
  readonly vm: Float64Array;
  /** Radians. */
  readonly va: Float64Array;
  /** The same voltages in rectangular form (vm cos va, vm sin va). */
  readonly vr: Float64Array;
  readonly vi: Float64Array;
  /** Active and reactive power injected into the network at each bus, per unit. */
  readonly pCalc: Float64Array;
  readonly qCalc: Float64Array;
}

/**
 * Element results from a solved bus state: branch flows from the two-port admittances (AC) or
 * from the DC susceptances; the slack generator takes the slack bus's active mismatch; the
 * voltage-regulating generators of a bus share its reactive mismatch in proportion to their
 * reactive ranges (lightsim2grid's rule).
 */
export function solvedResult(
  grid: CompiledGrid,
  inj: Injections,
  sched: Scheduled,
  s: SolvedState,
): PowerFlowResult {
  const { net, topo, y } = grid;
  const out = blank(grid, s.mode, 0, "converged", s.iterations, s.mismatch * net.baseMVA);
  const base = net.baseMVA;
  const nSub = net.sub.name.length;
  const kv = net.sub.vnKv;
  const kvOf = (globalBus: number) => kv[globalBus % nSub];
  for (let i = 0; i < topo.nBus; i++) {
    out.busVm[topo.busGlobal[i]] = s.vm[i];
    out.busVa[topo.busGlobal[i]] = s.va[i] * DEG;
  }
  for (let l = 0; l < net.line.name.length; l++) {
    if (!topo.lineStatus[l]) continue;
    const a = topo.busIndex[topo.lineOrBus[l]];
    const b = topo.busIndex[topo.lineExBus[l]];
    const vOr = s.vm[a] * kvOf(topo.lineOrBus[l]);
    const vEx = s.vm[b] * kvOf(topo.lineExBus[l]);
    let pOr: number, qOr = 0, pEx: number, qEx = 0;
    if (s.mode === "ac") {
      const ar = s.vr[a], ai = s.vi[a];
      const br = s.vr[b], bi = s.vi[b];
      const iOrRe = y.ffRe[l] * ar - y.ffIm[l] * ai + y.ftRe[l] * br - y.ftIm[l] * bi;
      const iOrIm = y.ffRe[l] * ai + y.ffIm[l] * ar + y.ftRe[l] * bi + y.ftIm[l] * br;
      const iExRe = y.tfRe[l] * ar - y.tfIm[l] * ai + y.ttRe[l] * br - y.ttIm[l] * bi;
      const iExIm = y.tfRe[l] * ai + y.tfIm[l] * ar + y.ttRe[l] * bi + y.ttIm[l] * br;
      pOr = (ar * iOrRe + ai * iOrIm) * base;
      qOr = (ai * iOrRe - ar * iOrIm) * base;
      pEx = (br * iExRe + bi * iExIm) * base;
      qEx = (bi * iExRe - br * iExIm) * base;
    } else {
      const shift = (net.line.shiftDeg[l] * Math.PI) / 180;
      const lineB = 1 / (net.line.x[l] * net.line.ratio[l]);
      pOr = lineB * (s.va[a] - s.va[b] - shift) * base;
      pEx = -pOr;
    }
    out.pOr[l] = pOr;
    out.qOr[l] = qOr;
    out.vOr[l] = vOr;
    out.aOr[l] = amperes(pOr, qOr, vOr);
    out.thetaOr[l] = s.va[a] * DEG;
    out.pEx[l] = pEx;
    out.qEx[l] = qEx;
    out.vEx[l] = vEx;
    out.aEx[l] = amperes(pEx, qEx, vEx);
    out.thetaEx[l] = s.va[b] * DEG;
  }
  for (let d = 0; d < net.load.name.length; d++) {
    const bus = topo.loadBus[d];
    if (bus < 0) continue;
    const i = topo.busIndex[bus];
    out.loadP[d] = inj.loadP[d];
    out.loadQ[d] = s.mode === "ac" ? inj.loadQ[d] : 0;
    out.loadV[d] = s.vm[i] * kvOf(bus);
    out.loadTheta[d] = s.va[i] * DEG;
  }
  for (let k = 0; k < net.shunt.name.length; k++) {
    const bus = topo.shuntBus[k];
    if (bus < 0) continue;
    const vm = s.vm[topo.busIndex[bus]];
    out.shuntP[k] = net.shunt.p[k] * (s.mode === "ac" ? vm * vm : 1);
    out.shuntQ[k] = s.mode === "ac" ? net.shunt.q[k] * vm * vm : 0;
    out.shuntV[k] = vm * kvOf(bus);
  }
  const eps = 1e-8;
  const { regulatingCount: count, regulatingRange: range } = grid;
  for (let g = 0; g < net.gen.name.length; g++) {
    const bus = topo.genBus[g];
    if (bus < 0) continue;
    const i = topo.busIndex[bus];
    out.genP[g] = inj.genP[g];
    if (g === net.slackGen) out.genP[g] += (s.pCalc[i] - sched.p[i]) * base;
    if (s.mode === "ac") {
      if (!net.gen.regulating[g]) out.genQ[g] = net.gen.q[g];
      else {
        const share = count[i] === 1
          ? 1
          : (net.gen.qMax[g] - net.gen.qMin[g] + eps) / (range[i] + count[i] * eps);
        out.genQ[g] = (s.qCalc[i] - sched.q[i]) * base * share;
      }
    }
    out.genV[g] = s.vm[i] * kvOf(bus);
    out.genTheta[g] = s.va[i] * DEG;
  }
  return out;
}

/**
 * The loading of each line: grid2op's rho, `a_or / thermal_limit` (amperes at the origin only,
 * as grid2op defines it; 0 for a disconnected line), where the line has a thermal limit;
 * otherwise the larger end's apparent power over its MVA rating (MATPOWER's RATE_A); NaN
 * where it has neither, or when the power flow failed.
 */
export function lineLoading(net: Network, r: PowerFlowResult): Float64Array {
  const { thermalLimitA, rateMVA } = net.line;
  return Float64Array.from(thermalLimitA, (limit, l) => {
    if (limit > 0) return r.aOr[l] / limit;
    if (rateMVA[l] > 0) {
      return Math.max(Math.hypot(r.pOr[l], r.qOr[l]), Math.hypot(r.pEx[l], r.qEx[l])) / rateMVA[l];
    }
    return NaN;
  });
}
