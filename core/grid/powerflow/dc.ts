/**
 * The DC power flow: lossless, flat voltage magnitudes, angles from B' theta = P with the slack
 * angle fixed (MATPOWER's `dcpf`, phase shifters as injections). It is a mode of its own and
 * the initialisation of the AC power flow, as grid2op runs it. B' is factorised when the
 * topology is compiled, so a solve is one forward and one backward substitution.
 *
 * @example
 * ```ts
 * import { compileGrid } from "./compile.ts";
 * import { caseInjections, defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const r = solveDc(compileGrid(net, defaultTopoVect(net)), caseInjections(net));
 * ```
 * @module
 */
import { float64s } from "../arena.ts";
import { CompiledGrid, DcStructure } from "./compile.ts";
import { solveFactored } from "./linear_system.ts";
import { Injections } from "../network.ts";
import { failedResult, PowerFlowResult, solvedResult } from "./results.ts";
import { Scheduled, scheduledPower } from "./scheduled.ts";
import { polarToRect } from "./trig.ts";

/**
 * Writes the DC angles (radians, per bus in use) into `va`; returns false when B' is singular
 * or the angles are not finite or absurd (|theta| >= 1e6 rad, lightsim2grid's test). `rhs` and
 * `tmp` are scratch of one number per unknown.
 */
export function dcAngles(
  grid: CompiledGrid,
  dc: DcStructure,
  sched: Scheduled,
  va: Float64Array,
  rhs: Float64Array,
  tmp: Float64Array,
): boolean {
  if (dc.factored === "singular") return false;
  const n = grid.topo.nBus;
  const slackAngle = (grid.net.slackAngleDeg * Math.PI) / 180;
  const slack = grid.topo.slackBus;
  for (let i = 0; i < n; i++) {
    const k = dc.idx[i];
    if (k >= 0) rhs[k] = sched.p[i] - dc.shuntP[i] - dc.shiftP[i];
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
  solveFactored(dc.system, dc.factors, dc.work, dc.factored, rhs, tmp);
  let ok = true;
  for (let i = 0; i < n; i++) {
    const a = dc.idx[i] >= 0 ? rhs[dc.idx[i]] : slackAngle;
    va[i] = a;
    if (!(Math.abs(a) < 1e6)) ok = false;
  }
  return ok;
}

/** Writes the starting magnitudes into `vm`: set-points where held, 1 pu elsewhere. */
export function setPointMagnitudes(sched: Scheduled, vm: Float64Array): void {
  for (let i = 0; i < vm.length; i++) vm[i] = Number.isNaN(sched.vSet[i]) ? 1 : sched.vSet[i];
}

/** Solves the DC power flow of a compiled topology. */
export function solveDc(grid: CompiledGrid, inj: Injections): PowerFlowResult {
  if (grid.problem !== null || grid.dc === null) {
    return failedResult(grid, "dc", grid.problem ?? "singular", 0);
  }
  const dc = grid.dc;
  const { net, topo } = grid;
  const n = topo.nBus;
  const m = dc.system.n;
  const [p, q, vSet, vm, va, vr, vi, pCalc, qCalc, rhs, tmp] = float64s(
    n,
    n,
    n,
    n,
    n,
    n,
    n,
    n,
    n,
    m,
    m,
  );
  const sched = scheduledPower(grid, inj, [p, q, vSet]);
  if (!dcAngles(grid, dc, sched, va, rhs, tmp)) {
    return failedResult(grid, "dc", dc.factored === "singular" ? "singular" : "non-finite", 0);
  }
  setPointMagnitudes(sched, vm);
  polarToRect(vm, va, vr, vi);
  // Net active injection of each bus: DC flows leaving it plus what its shunts consume.
  pCalc.set(dc.shuntP);
  for (let l = 0; l < net.line.name.length; l++) {
    if (!topo.lineStatus[l]) continue;
    const a = topo.busIndex[topo.lineOrBus[l]];
    const b = topo.busIndex[topo.lineExBus[l]];
    const flow = dc.lineB[l] * (va[a] - va[b] - (net.line.shiftDeg[l] * Math.PI) / 180);
    pCalc[a] += flow;
    pCalc[b] -= flow;
  }
  let mismatch = 0;
  for (let i = 0; i < n; i++) {
    if (i !== topo.slackBus) mismatch = Math.max(mismatch, Math.abs(pCalc[i] - sched.p[i]));
  }
  return solvedResult(grid, inj, sched, {
    mode: "dc",
    iterations: 1,
    mismatch,
    vm,
    va,
    vr,
    vi,
    pCalc,
    qCalc,
  });
}
