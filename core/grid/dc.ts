/**
 * The DC power flow: lossless, flat voltage magnitudes, angles from B' theta = P with the slack
 * angle fixed (MATPOWER's `dcpf`, phase shifters as injections). It is a mode of its own and
 * the initialisation of the AC power flow, as grid2op runs it. B' is factorised when the
 * topology is compiled, so a solve is one forward and one backward substitution.
 *
 * @example
 * ```ts
 * const r = solveDc(compileGrid(net, topoVect), inj);
 * ```
 * @module
 */
import { CompiledGrid, DcStructure } from "./compile.ts";
import { Injections } from "./network.ts";
import { failedResult, PowerFlowResult, solvedResult } from "./results.ts";
import { Scheduled, scheduledPower } from "./scheduled.ts";
import { solveFactored } from "./linear_system.ts";

/** Angles (radians, per bus in use) of the DC power flow, or null when B' is singular. */
export function dcAngles(
  grid: CompiledGrid,
  dc: DcStructure,
  sched: Scheduled,
): Float64Array | null {
  if (dc.factored === "singular") return null;
  const n = grid.topo.nBus;
  const slackAngle = (grid.net.slackAngleDeg * Math.PI) / 180;
  const shunt = shuntP(grid);
  const rhs = new Float64Array(dc.system.n);
  const slack = grid.topo.slackBus;
  for (let i = 0; i < n; i++) {
    const k = dc.idx[i];
    if (k >= 0) rhs[k] = sched.p[i] - shunt[i] - dc.shiftP[i];
  }
  // B' theta = P - B'(:, slack) theta_slack: the slack column is -sum of its lines' b.
  if (slackAngle !== 0) {
    const { net, topo } = grid;
    for (let l = 0; l < net.line.name.length; l++) {
      if (!topo.lineStatus[l]) continue;
      const a = topo.busIndex[topo.lineOrBus[l]];
      const b = topo.busIndex[topo.lineExBus[l]];
      if (a === slack && dc.idx[b] >= 0) rhs[dc.idx[b]] += dc.lineB[l] * slackAngle;
      if (b === slack && dc.idx[a] >= 0) rhs[dc.idx[a]] += dc.lineB[l] * slackAngle;
    }
  }
  const work = { ...dc.work, tmp: new Float64Array(dc.system.n) };
  solveFactored(dc.system, dc.factors, work, dc.factored, rhs);
  const va = new Float64Array(n);
  for (let i = 0; i < n; i++) va[i] = dc.idx[i] >= 0 ? rhs[dc.idx[i]] : slackAngle;
  return va;
}

/** Active power consumed by the shunts of each bus in use at 1 pu, per unit. */
function shuntP(grid: CompiledGrid): Float64Array {
  const { net, topo } = grid;
  const out = new Float64Array(topo.nBus);
  for (let k = 0; k < net.shunt.name.length; k++) {
    if (topo.shuntBus[k] >= 0) out[topo.busIndex[topo.shuntBus[k]]] += net.shunt.p[k] / net.baseMVA;
  }
  return out;
}

/** Voltage magnitudes of a DC or starting state: set-points where held, 1 pu elsewhere. */
export function setPointMagnitudes(sched: Scheduled): Float64Array {
  return Float64Array.from(sched.vSet, (v) => (Number.isNaN(v) ? 1 : v));
}

/** Solves the DC power flow of a compiled topology. */
export function solveDc(grid: CompiledGrid, inj: Injections): PowerFlowResult {
  if (grid.problem !== null || grid.dc === null) {
    return failedResult(grid, "dc", grid.problem ?? "singular", 0);
  }
  const sched = scheduledPower(grid, inj);
  const va = dcAngles(grid, grid.dc, sched);
  if (va === null) return failedResult(grid, "dc", "singular", 0);
  if (!va.every((a) => Number.isFinite(a) && Math.abs(a) < 1e6)) {
    return failedResult(grid, "dc", "non-finite", 1);
  }
  const { net, topo } = grid;
  // Net active injection of each bus: DC flows leaving it plus what its shunts consume.
  const pCalc = shuntP(grid);
  for (let l = 0; l < net.line.name.length; l++) {
    if (!topo.lineStatus[l]) continue;
    const a = topo.busIndex[topo.lineOrBus[l]];
    const b = topo.busIndex[topo.lineExBus[l]];
    const shift = (net.line.shiftDeg[l] * Math.PI) / 180;
    const flow = grid.dc.lineB[l] * (va[a] - va[b] - shift);
    pCalc[a] += flow;
    pCalc[b] -= flow;
  }
  let mismatch = 0;
  for (let i = 0; i < topo.nBus; i++) {
    if (i !== topo.slackBus) mismatch = Math.max(mismatch, Math.abs(pCalc[i] - sched.p[i]));
  }
  return solvedResult(grid, inj, sched, {
    mode: "dc",
    iterations: 1,
    mismatch,
    vm: setPointMagnitudes(sched),
    va,
    pCalc,
    qCalc: new Float64Array(topo.nBus),
  });
}
