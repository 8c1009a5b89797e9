/**
 * The distributed team on the gated decisions (core/agents/gate.ts): at a state at risk the
 * coordinator's picker (`substationOrder`, the research's ordering by line rho) names the
 * substation to act on, and the cluster owning it chooses among its own part of the reduced
 * table: the topologies of its substations, and "no topology change" (reduced index 0). The
 * centralised team is the same with one cluster owning every substation. Imitation targets are
 * the expert's judgement of the reduced actions, restricted to the acting cluster's part.
 *
 * @example
 * ```ts
 * import { restrictTarget } from "./team_gate.ts";
 * const target = restrictTarget(new Float32Array([0.1, 0.6, 0.3]), [0, 2]); // [0.25, 0.75]
 * ```
 * @module
 */
import type { GridAction, TopoIndex } from "../grid/env/mod.ts";
import { type CoordinatorGrid, type CoordinatorView, substationOrder } from "./coordinator.ts";

/** The substation an action's bus changes touch (the first), or -1 for none. */
export function actionSubstation(index: TopoIndex, action: GridAction): number {
  for (let i = 0; i < action.setBus.length; i++) {
    if (action.setBus[i] !== 0 || action.changeBus[i] !== 0) return index.subOf[i];
  }
  return -1;
}

/**
 * Each cluster's part of the reduced table (`table`: reduced index -> base action): reduced
 * index 0 first, then the entries whose substation the cluster owns (`owner`, -1 none).
 */
export function clusterTables(
  index: TopoIndex,
  actions: readonly GridAction[],
  table: readonly number[],
  owner: Int32Array,
  clusters: number,
): number[][] {
  const out = Array.from({ length: clusters }, () => [0]);
  for (let e = 1; e < table.length; e++) {
    const s = actionSubstation(index, actions[table[e]]);
    if (s >= 0 && owner[s] >= 0) out[owner[s]].push(e);
  }
  return out;
}

/** The cluster that acts at a state at risk: the owner of the picker's first substation. */
export function actingCluster(grid: CoordinatorGrid, view: CoordinatorView): number {
  const [first] = substationOrder(grid, view);
  return first === undefined ? 0 : grid.owner[first];
}

/**
 * A target over reduced actions restricted to `entries` and renormalised; where the expert
 * gives them no weight at all, one-hot on the first ("no topology change").
 */
export function restrictTarget(
  policy: ArrayLike<number>,
  entries: readonly number[],
): Float32Array {
  const out = new Float32Array(entries.length);
  let sum = 0;
  entries.forEach((e, i) => (sum += out[i] = policy[e]));
  if (sum > 0) { for (let i = 0; i < out.length; i++) out[i] /= sum; }
  else out[0] = 1;
  return out;
}

/** The most likely of a cluster's entries that is legal (`legal` over the reduced table). */
export function bestLegalEntry(
  logits: ArrayLike<number>,
  entries: readonly number[],
  legal: ArrayLike<number>,
): number {
  let best = 0, top = -Infinity;
  entries.forEach((e, i) => {
    if (legal[e] === 1 && logits[i] > top) (top = logits[i], best = e);
  });
  return best;
}
