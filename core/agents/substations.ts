/**
 * The substations agents act on and the lines each one touches. The research acts only on
 * substations with more than 3 connected elements (loads, generators, line ends): smaller ones
 * have few or no useful bus splits (on the sandbox: 1, 2, 3, 4, 5, 8 and 12).
 *
 * @example
 * ```ts
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const { model } = await loadGrid("case14");
 * actionableSubstations(model.net); // [1, 2, 3, 4, 5, 8, 12] on case14
 * substationLines(model.net)[4]; // [1, 4, 6, 17]: the lines with an end at sub_4
 * clusterActions(model.index, [1, 3]).length; // 29 + 31 topologies
 * ```
 * @module
 */
import { GridAction, TopoIndex, unitaryTopologiesSet } from "../grid/env/mod.ts";
import { Network } from "../grid/mod.ts";

/** Substations with more elements than this are the ones agents act on. */
export const MIN_ELEMENTS_EXCLUSIVE = 3;

/** The substations with more than 3 elements, ascending. */
export function actionableSubstations(net: Network): number[] {
  const out: number[] = [];
  net.layout.subInfo.forEach((n, s) => n > MIN_ELEMENTS_EXCLUSIVE && out.push(s));
  return out;
}

/** For each substation, the lines with an end (origin or extremity) there, ascending. */
export function substationLines(net: Network): number[][] {
  const out: number[][] = net.sub.name.map(() => []);
  net.line.orSub.forEach((s, l) => out[s].push(l));
  net.line.exSub.forEach((s, l) => out[s].includes(l) || out[s].push(l));
  for (const lines of out) lines.sort((a, b) => a - b);
  return out;
}

/**
 * A cluster's action table: the unitary `set_bus` topologies of each of its substations, in
 * the order given (grid2op's `get_all_unitary_topologies_set` per substation).
 */
export function clusterActions(index: TopoIndex, substations: readonly number[]): GridAction[] {
  return substations.flatMap((s) => unitaryTopologiesSet(index, s));
}
