/**
 * The research's coordinator (docs/research.md 2) as pure functions: each step, in this order,
 *
 * 1. reconnect a disconnected line whose wait and whose substations' cooldowns are over
 *    (the first such line), and do nothing else;
 * 2. when the grid is safe (every rho < 0.9) and no substation is queued, do nothing;
 * 3. otherwise, when the queue is empty, order the substations with more than 3 elements by
 *    the highest rho of their lines, ties by the mean rho of their lines (a disconnected line
 *    counting as rho 3), then by index, and queue that order; pop one substation per step;
 * 4. the cluster that owns the popped substation acts (with its own agent).
 *
 * The queue is the coordinator's only state: `coordinate` takes it and returns the next one.
 * Maintenance is not modelled by gridfold's environments, so "not in maintenance" always holds.
 *
 * @example
 * ```ts
 * import { observe, reset } from "../grid/env/mod.ts";
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const decomposition = {
 *   clusters: [
 *     { substations: [1, 2, 3, 4], lines: [0, 2, 3, 4, 5, 6] },
 *     { substations: [5, 8, 12], lines: [8, 9, 13, 16, 18, 19] },
 *   ],
 *   unassignedLines: [1, 7, 10, 11, 12, 14, 15, 17],
 * };
 * const grid = coordinatorGrid(model.net, decomposition);
 * const state = reset(model, scenario(0));
 * const { decision, queue } = coordinate(grid, observe(model, state), []);
 * if (decision.kind === "act") {
 *   decomposition.clusters[decision.cluster]; // its agent picks the topology
 * }
 * queue; // the queue to pass to the next step's `coordinate`
 * ```
 * @module
 */
import { GridDecomposition } from "../cluster/mod.ts";
import { Network } from "../grid/mod.ts";
import { actionableSubstations, substationLines } from "./substations.ts";

/** Every rho below this: the grid is safe. */
export const SAFE_RHO = 0.9;
/** The rho a disconnected line counts for when substations are ordered. */
export const CUT_LINE_RHO = 3;

/** What the coordinator reads of an observation (grid2op's attribute names). */
export interface CoordinatorView {
  readonly rho: ArrayLike<number>;
  readonly line_status: ArrayLike<number>;
  readonly time_before_cooldown_line: ArrayLike<number>;
  readonly time_before_cooldown_sub: ArrayLike<number>;
}

/** What the coordinator knows of the grid and the clusters, computed once. */
export interface CoordinatorGrid {
  readonly orSub: Int32Array;
  readonly exSub: Int32Array;
  /** Substations the picker orders: more than 3 elements and owned by a cluster, ascending. */
  readonly candidates: readonly number[];
  /** The lines with an end at each substation. */
  readonly subLines: readonly (readonly number[])[];
  /** The cluster owning each substation, -1 for none. */
  readonly owner: Int32Array;
}

/** The coordinator's view of a grid split into `decomposition`'s clusters. */
export function coordinatorGrid(net: Network, decomposition: GridDecomposition): CoordinatorGrid {
  const owner = new Int32Array(net.sub.name.length).fill(-1);
  decomposition.clusters.forEach((c, k) => c.substations.forEach((s) => (owner[s] = k)));
  return {
    orSub: net.line.orSub,
    exSub: net.line.exSub,
    candidates: actionableSubstations(net).filter((s) => owner[s] >= 0),
    subLines: substationLines(net),
    owner,
  };
}

/** The first disconnected line that may be reconnected now, or -1. */
export function reconnectableLine(grid: CoordinatorGrid, view: CoordinatorView): number {
  const { line_status: status, time_before_cooldown_line: wait } = view;
  const subWait = view.time_before_cooldown_sub;
  for (let l = 0; l < status.length; l++) {
    if (status[l] || wait[l] > 0) continue;
    if (subWait[grid.orSub[l]] > 0 || subWait[grid.exSub[l]] > 0) continue;
    return l;
  }
  return -1;
}

/** Every rho below 0.9. */
export function isSafe(view: Pick<CoordinatorView, "rho">): boolean {
  for (let l = 0; l < view.rho.length; l++) if (!(view.rho[l] < SAFE_RHO)) return false;
  return true;
}

/** The picker's order: highest line rho first, ties by mean line rho, then by index. */
export function substationOrder(grid: CoordinatorGrid, view: CoordinatorView): number[] {
  const load = (l: number) => (view.line_status[l] ? view.rho[l] : CUT_LINE_RHO);
  const keys = new Map<number, [number, number]>();
  for (const s of grid.candidates) {
    const lines = grid.subLines[s];
    let max = -Infinity, sum = 0;
    for (const l of lines) {
      const r = load(l);
      if (r > max) max = r;
      sum += r;
    }
    keys.set(s, [max, lines.length > 0 ? sum / lines.length : -Infinity]);
  }
  return [...grid.candidates].sort((a, b) => {
    const [ma, va] = keys.get(a)!, [mb, vb] = keys.get(b)!;
    return mb - ma || vb - va || a - b;
  });
}

/** What the coordinator decides for one step. */
export type CoordinatorDecision =
  | { readonly kind: "reconnect"; readonly line: number }
  | { readonly kind: "do-nothing" }
  | { readonly kind: "act"; readonly substation: number; readonly cluster: number };

/** One step of the coordinator: its decision and the queue after it. */
export function coordinate(
  grid: CoordinatorGrid,
  view: CoordinatorView,
  queue: readonly number[],
): { decision: CoordinatorDecision; queue: readonly number[] } {
  const line = reconnectableLine(grid, view);
  if (line >= 0) return { decision: { kind: "reconnect", line }, queue };
  if (queue.length === 0 && isSafe(view)) return { decision: { kind: "do-nothing" }, queue };
  const order = queue.length > 0 ? queue : substationOrder(grid, view);
  if (order.length === 0) return { decision: { kind: "do-nothing" }, queue: order };
  const [substation, ...rest] = order;
  return { decision: { kind: "act", substation, cluster: grid.owner[substation] }, queue: rest };
}
