/**
 * One step's power flows, as grid2op's `Backend.next_grid_state` runs them: solve the AC power
 * flow; then, unless overflow disconnection is off, loop: trip every connected line above
 * `HARD_OVERFLOW_THRESHOLD` x its (soft) limit, count one more overflowing step for every
 * connected line at or above its limit and trip those past `NB_TIMESTEP_OVERFLOW_ALLOWED`,
 * and solve again, until nothing trips or a power flow fails. The overflow counts are a copy
 * of the environment's, incremented once per pass (so a line overloaded during a two-pass
 * cascade counts two steps, as in grid2op); the environment's own counters are updated after,
 * from the final flows.
 *
 * A power flow fails (grid2op's game over) when the grid has an island without the slack
 * (lightsim2grid's DC start fails), when Newton-Raphson does not converge in 10 iterations,
 * or when a load or generator is cut off.
 *
 * @example
 * ```ts
 * import { reset, rowInjections } from "./step.ts";
 * import { injectionsAt } from "../scenario/mod.ts";
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const state = reset(model, scenario(0));
 * const injections = rowInjections(model, injectionsAt(state.scenario, 1)); // step 1's row
 * const next = nextGridState(model, state.topoVect, injections, state.timestepOverflow, state.flow);
 * if (next.exception !== null) console.log(next.exception); // game over
 * ```
 * @module
 */
import { PowerFlowResult, solveAc, WarmStart } from "../powerflow/mod.ts";
import { Injections } from "../network.ts";
import { CompiledTopology, GridModel } from "./model.ts";

/** The outcome of one step's power flows. */
export interface GridStateResult {
  /** The topology after the cascade (tripped lines at -1 at both ends). */
  readonly topoVect: Int8Array;
  /** The compiled grid of `topoVect`. */
  readonly compiled: CompiledTopology;
  /** The last power flow (NaN everywhere when it failed). */
  readonly flow: PowerFlowResult;
  /** grid2op's `disc_lines`: the cascade pass at which each line tripped, -1 if it did not. */
  readonly tripped: Int32Array;
  /** Why the step is a game over, or null. */
  readonly exception: string | null;
}

/** Solves the AC power flow of a compiled topology; returns the result and any failure. */
export function runPowerFlow(
  model: GridModel,
  compiled: CompiledTopology,
  inj: Injections,
  previous: WarmStart | null,
): { flow: PowerFlowResult; exception: string | null } {
  const grid = compiled.grid;
  const init = model.powerFlowInit === "warm" && previous !== null ? previous : "dc";
  const flow = solveAc(grid, inj, { scratch: compiled.scratch, init });
  if (grid.problem !== null) {
    return { flow, exception: `Divergence of DC powerflow (non connected grid): ${grid.problem}` };
  }
  if (!flow.converged) return { flow, exception: `Divergence of AC powerflow: ${flow.status}` };
  const { loadsCut, gensCut } = grid.topo;
  if (loadsCut.length > 0) {
    return {
      flow,
      exception: `At least one load is disconnected (check loads ${loadsCut.join(", ")})`,
    };
  }
  if (gensCut.length > 0) {
    return {
      flow,
      exception: `At least one generator is disconnected (check gen ${gensCut.join(", ")})`,
    };
  }
  return { flow, exception: null };
}

/**
 * The power flow of `topo` under `inj` and the cascade that follows; `timestepOverflow` is the
 * environment's count of consecutive overflowing steps per line, `previous` the last solution
 * (a warm start when the model asks for one).
 */
export function nextGridState(
  model: GridModel,
  topo: Int8Array,
  inj: Injections,
  timestepOverflow: ArrayLike<number>,
  previous: WarmStart | null,
): GridStateResult {
  const { net, parameters: params, thermalLimit } = model;
  const nLine = net.line.name.length;
  const tripped = new Int32Array(nLine).fill(-1);
  let compiled = model.compiled(topo);
  let { flow, exception } = runPowerFlow(model, compiled, inj, previous);
  if (exception !== null || params.NO_OVERFLOW_DISCONNECTION) {
    return { topoVect: topo, compiled, flow, tripped, exception };
  }
  const { lineOrPosTopoVect: orPos, lineExPosTopoVect: exPos } = net.layout;
  const counts = Float64Array.from(timestepOverflow);
  const soft = params.SOFT_OVERFLOW_THRESHOLD;
  const hard = params.HARD_OVERFLOW_THRESHOLD;
  let current = topo;
  for (let pass = 0;; pass++) {
    const status = compiled.grid.topo.lineStatus;
    let next: Int8Array | null = null;
    for (let l = 0; l < nLine; l++) {
      if (!status[l]) continue;
      const limit = thermalLimit[l] * soft;
      const a = flow.aOr[l];
      let trip = a > hard * limit;
      if (a >= limit) counts[l] += 1;
      if (counts[l] > params.NB_TIMESTEP_OVERFLOW_ALLOWED) trip = true;
      if (!trip) continue;
      tripped[l] = pass;
      next ??= current.slice();
      next[orPos[l]] = next[exPos[l]] = -1;
    }
    if (next === null) break;
    current = next;
    compiled = model.compiled(current);
    ({ flow, exception } = runPowerFlow(model, compiled, inj, flow));
    if (exception !== null) break;
  }
  return { topoVect: current, compiled, flow, tripped, exception };
}
