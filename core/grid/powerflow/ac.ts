/**
 * The AC power flow by Newton-Raphson in polar coordinates, single slack, as lightsim2grid and
 * MATPOWER run it: unknowns are the angles of PV and PQ buses and the magnitudes of PQ buses;
 * each iteration solves J dx = F(x) and sets x -= dx; it stops when the largest mismatch is
 * below the tolerance (checked before the first iteration too) or after `maxIterations`.
 * The start is a DC power flow (grid2op's default), a flat start, or a previous solution (warm).
 * Divergence is a value: "max-iterations", "singular" (Jacobian or DC matrix), "non-finite",
 * or the topology's problem. All work arrays are allocated once per call; the iteration loop
 * allocates nothing.
 *
 * @example
 * ```ts
 * import { compileGrid } from "./compile.ts";
 * import { caseInjections, defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const grid = compileGrid(net, defaultTopoVect(net));
 * const inj = caseInjections(net);
 * const nextInj = { ...inj, loadP: Float64Array.from(inj.loadP, (p) => 1.05 * p) };
 * const cold = solveAc(grid, inj);                          // DC start, 10 iterations, 1e-8 MVA
 * const warm = solveAc(grid, nextInj, { init: cold });      // start from the last solution
 * ```
 * @module
 */
import { arena } from "../arena.ts";
import { AcStructure, CompiledGrid, PQ } from "./compile.ts";
import { dcAngles, setPointMagnitudes } from "./dc.ts";
import { factorInPlace, linearWork, solveFactored, workSizes } from "./linear_system.ts";
import { Injections } from "../network.ts";
import { failedResult, PowerFlowResult, solvedResult } from "./results.ts";
import { scheduledPower } from "./scheduled.ts";
import { polarToRect } from "./trig.ts";

/** A previous solution to start from: per global bus magnitudes (pu) and angles (degrees). */
export interface WarmStart {
  readonly busVm: ArrayLike<number>;
  readonly busVa: ArrayLike<number>;
}

/** Options of the AC power flow. */
export interface AcOptions {
  /** Newton iterations allowed (grid2op: 10). */
  readonly maxIterations?: number;
  /** Largest mismatch accepted, MW / MVAr (lightsim2grid's default: 1e-8). */
  readonly toleranceMVA?: number;
  /** "dc" (default), "flat", or a previous solution. */
  readonly init?: "dc" | "flat" | WarmStart;
  /**
   * Scratch memory from `acScratch(grid)` for a loop of solves on one grid: the call then
   * allocates only its result. The scratch is overwritten by every call; results never share it.
   */
  readonly scratch?: AcScratch;
}

/** Working memory of `solveAc` for one compiled grid (see `AcOptions.scratch`). */
export interface AcScratch {
  readonly grid: CompiledGrid;
  readonly floats: Float64Array[];
  readonly ints: Int32Array[];
}

/** Allocates the working memory of AC solves on `grid`, all in one buffer. */
export function acScratch(grid: CompiledGrid): AcScratch {
  const n = grid.topo.nBus;
  const system = grid.ac?.system;
  const m = grid.dc?.system.n ?? 0;
  if (system === undefined) return { grid, floats: [], ints: [] };
  const [workF64, workI32] = workSizes(system);
  const [floats, ints] = arena(
    [n, n, n, n, n, n, n, n, n, system.n, system.size, ...workF64, m, m],
    workI32,
  );
  return { grid, floats, ints };
}

/** Solves the AC power flow of a compiled topology with the given injections. */
export function solveAc(
  grid: CompiledGrid,
  inj: Injections,
  options: AcOptions = {},
): PowerFlowResult {
  const maxIterations = options.maxIterations ?? 10;
  const tol = (options.toleranceMVA ?? 1e-8) / grid.net.baseMVA;
  const init = options.init ?? "dc";
  if (grid.problem !== null || grid.ac === null || grid.dc === null) {
    return failedResult(grid, "ac", grid.problem ?? "singular", 0);
  }
  const ac: AcStructure = grid.ac;
  const { topo, ybus } = grid;
  const n = topo.nBus;
  const { thetaIdx, vmIdx, posPT, posPV, posQT, posQV, system } = ac;
  const { floats, ints } = options.scratch?.grid === grid ? options.scratch : acScratch(grid);
  const [p, q, vSet, vm, va, vr, vi, pCalc, qCalc, f, jac, backup, tmp, dcRhs, dcTmp] = floats;
  const sched = scheduledPower(grid, inj, [p, q, vSet]);
  const work = linearWork(system, [[backup, tmp], ints]);
  setPointMagnitudes(sched, vm);
  if (init === "dc") {
    if (!dcAngles(grid, grid.dc, sched, va, dcRhs, dcTmp)) {
      return failedResult(
        grid,
        "ac",
        grid.dc.factored === "singular" ? "singular" : "non-finite",
        0,
      );
    }
  } else {
    va.fill((grid.net.slackAngleDeg * Math.PI) / 180);
    if (init !== "flat") {
      for (let i = 0; i < n; i++) {
        const g = topo.busGlobal[i];
        const m = init.busVm[g];
        const a = init.busVa[g];
        if (Number.isFinite(m) && Number.isFinite(a) && m > 0) {
          va[i] = (a * Math.PI) / 180;
          if (grid.busType[i] === PQ) vm[i] = m;
        }
      }
    }
  }
  const { start, col, re: G, im: B } = ybus;
  polarToRect(vm, va, vr, vi);

  /** Fills pCalc, qCalc and F; returns the largest |F| (NaN when one is not finite). */
  const evaluate = (): number => {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let ir = 0, ii = 0;
      for (let k = start[i]; k < start[i + 1]; k++) {
        const j = col[k];
        ir += G[k] * vr[j] - B[k] * vi[j];
        ii += G[k] * vi[j] + B[k] * vr[j];
      }
      const p = vr[i] * ir + vi[i] * ii;
      const q = vi[i] * ir - vr[i] * ii;
      pCalc[i] = p;
      qCalc[i] = q;
      if (thetaIdx[i] >= 0) {
        const d = p - sched.p[i];
        f[thetaIdx[i]] = d;
        norm = Math.max(norm, Math.abs(d)); // NaN propagates
      }
      if (vmIdx[i] >= 0) {
        const d = q - sched.q[i];
        f[vmIdx[i]] = d;
        norm = Math.max(norm, Math.abs(d));
      }
    }
    return norm;
  };

  /** Fills the Jacobian of F at the current voltages into `jac` by LU position. */
  const jacobian = (): void => {
    jac.fill(0);
    for (let i = 0; i < n; i++) {
      const xr = vr[i], xi = vi[i];
      for (let k = start[i]; k < start[i + 1]; k++) {
        const j = col[k];
        const yr = G[k] * vr[j] - B[k] * vi[j];
        const yi = G[k] * vi[j] + B[k] * vr[j];
        const a = xr * yr + xi * yi; // V_i conj(Y_ij V_j) = a + jc
        const c = xi * yr - xr * yi;
        let dpdt, dqdt, dpdv, dqdv;
        if (j !== i) {
          dpdt = c;
          dqdt = -a;
          dpdv = a / vm[j];
          dqdv = c / vm[j];
        } else {
          dpdt = c - qCalc[i];
          dqdt = pCalc[i] - a;
          dpdv = (a + pCalc[i]) / vm[i];
          dqdv = (c + qCalc[i]) / vm[i];
        }
        if (posPT[k] >= 0) jac[posPT[k]] += dpdt;
        if (posPV[k] >= 0) jac[posPV[k]] += dpdv;
        if (posQT[k] >= 0) jac[posQT[k]] += dqdt;
        if (posQV[k] >= 0) jac[posQV[k]] += dqdv;
      }
    }
  };

  let norm = evaluate();
  let iterations = 0;
  while (!(norm < tol)) {
    if (Number.isNaN(norm)) return failedResult(grid, "ac", "non-finite", iterations);
    if (iterations >= maxIterations) {
      return failedResult(grid, "ac", "max-iterations", iterations, norm * grid.net.baseMVA);
    }
    iterations++;
    jacobian();
    const how = factorInPlace(system, jac, work);
    if (how === "singular") return failedResult(grid, "ac", "singular", iterations);
    solveFactored(system, jac, work, how, f);
    let negative = false;
    for (let i = 0; i < n; i++) {
      if (thetaIdx[i] >= 0) va[i] -= f[thetaIdx[i]];
      if (vmIdx[i] >= 0) vm[i] -= f[vmIdx[i]];
      if (vm[i] < 0) negative = true;
    }
    polarToRect(vm, va, vr, vi);
    if (negative) {
      // A magnitude went negative: keep the same complex voltage with a positive magnitude.
      for (let i = 0; i < n; i++) {
        vm[i] = Math.hypot(vr[i], vi[i]);
        va[i] = Math.atan2(vi[i], vr[i]);
      }
    }
    norm = evaluate();
  }
  return solvedResult(grid, inj, sched, {
    mode: "ac",
    iterations,
    mismatch: norm,
    vm,
    va,
    vr,
    vi,
    pCalc,
    qCalc,
  });
}
