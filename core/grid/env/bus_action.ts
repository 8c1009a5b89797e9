/**
 * How an action changes the topology, as grid2op's `_BackendAction` does it: line statuses
 * first (a reconnected line end goes back to the bus it was last connected to), then bus
 * changes (only for connected elements) and bus sets, then the reconciliation of line ends (a
 * line with one end off is off at both; a disconnected line whose end was set to a bus is
 * reconnected, its other end on its last bus). The result is the `topo_vect` the power flow
 * sees. `lastBus` is grid2op's `last_topo_registered`: each element's bus when it was last
 * connected.
 *
 * @example
 * ```ts
 * import { actionFromDict } from "./action.ts";
 * import { reset } from "./step.ts";
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const state = reset(model, scenario(0));
 * const action = actionFromDict(model.index, { change_bus: { lines_or_id: [4] } });
 * const topo = applyToTopology(model.index, state.topoVect, state.lastBus, action);
 * ```
 * @module
 */
import { actionKinds, GridAction, TopoIndex } from "./action.ts";

/** Sets line statuses in `cur` (+1 reconnects ends that are off to `last`, -1 cuts both). */
function setStatus(
  index: TopoIndex,
  cur: Int8Array,
  status: ArrayLike<number>,
  last: Int8Array,
): void {
  const { lineOrPosTopoVect: orPos, lineExPosTopoVect: exPos } = index.net.layout;
  for (let l = 0; l < status.length; l++) {
    const or = orPos[l], ex = exPos[l];
    if (status[l] === -1) cur[or] = cur[ex] = -1;
    else if (status[l] === 1) {
      if (cur[or] < 0) cur[or] = last[or];
      if (cur[ex] < 0) cur[ex] = last[ex];
    }
  }
}

/** The topology after `action`, from the current one (`topo`) and the last buses. */
export function applyToTopology(
  index: TopoIndex,
  topo: Int8Array,
  lastBus: Int8Array,
  action: GridAction,
): Int8Array {
  const kinds = actionKinds(action);
  if (!kinds.setBus && !kinds.changeBus && !kinds.setStatus && !kinds.changeStatus) return topo;
  const { lineOrPosTopoVect: orPos, lineExPosTopoVect: exPos } = index.net.layout;
  const nLine = orPos.length;
  const cur = topo.slice();
  if (kinds.changeStatus) {
    for (let l = 0; l < nLine; l++) {
      if (!action.changeLineStatus[l]) continue;
      const or = orPos[l], ex = exPos[l];
      if (cur[or] > 0 || cur[ex] > 0) cur[or] = cur[ex] = -1;
      else {
        cur[or] = lastBus[or];
        cur[ex] = lastBus[ex];
      }
    }
  }
  if (kinds.setStatus) setStatus(index, cur, action.setLineStatus, lastBus);
  if (!kinds.setBus && !kinds.changeBus) return cur;
  const orBefore = Int8Array.from(orPos, (p) => cur[p]);
  const exBefore = Int8Array.from(exPos, (p) => cur[p]);
  for (let p = 0; p < cur.length; p++) {
    if (action.changeBus[p] && cur[p] > 0) cur[p] = 3 - cur[p];
    if (action.setBus[p] !== 0) cur[p] = action.setBus[p];
  }
  const reconcile = new Int8Array(nLine);
  for (let l = 0; l < nLine; l++) {
    const orAfter = cur[orPos[l]], exAfter = cur[exPos[l]];
    const disco = orBefore[l] === -1 || orAfter === -1 || exBefore[l] === -1 || exAfter === -1;
    // grid2op tests the origin's previous status for both ends' reconnection.
    const reco = orBefore[l] === -1 && (orAfter >= 1 || exAfter >= 1);
    reconcile[l] = reco ? 1 : disco ? -1 : 0;
  }
  setStatus(index, cur, reconcile, lastBus);
  return cur;
}

/** grid2op's `last_topo_registered` after a step: the bus of every connected element. */
export function registerTopology(lastBus: Int8Array, topo: Int8Array): Int8Array {
  let same = true;
  for (let p = 0; p < topo.length && same; p++) same = !(topo[p] > 0 && topo[p] !== lastBus[p]);
  if (same) return lastBus;
  return Int8Array.from(topo, (bus, p) => (bus > 0 ? bus : lastBus[p]));
}

/**
 * The topology with the lines flagged in `off` cut at both ends (the environment's own forced
 * outages: maintenance, attacks); `topo` itself when none of them is connected.
 */
export function disconnectLines(index: TopoIndex, topo: Int8Array, off: ArrayLike<number>) {
  const { lineOrPosTopoVect: orPos, lineExPosTopoVect: exPos } = index.net.layout;
  let cur = topo;
  for (let l = 0; l < off.length; l++) {
    if (!off[l] || (topo[orPos[l]] < 0 && topo[exPos[l]] < 0)) continue;
    if (cur === topo) cur = topo.slice();
    cur[orPos[l]] = cur[exPos[l]] = -1;
  }
  return cur;
}
