/**
 * Actions on a grid with grid2op's meaning: `set_bus` (put an element on bus bar 1 or 2, or
 * disconnect it with -1), `change_bus` (switch an element to the other bus bar),
 * `set_line_status` (+1 reconnect, -1 disconnect) and `change_line_status` (toggle). An action
 * is four dense vectors, as grid2op stores them (`_set_topo_vect`, `_change_bus_vect`,
 * `_set_line_status`, `_switch_line_status`); the do-nothing action is all zeros. Another kind
 * (redispatching, one value per generator) would be a fifth vector with its own stage in
 * `step`.
 *
 * This module also holds what grid2op decides from an action alone: its dictionary form (as
 * `as_serializable_dict` writes it and `action_space(dict)` reads it), whether it is ambiguous
 * (`_check_for_ambiguity`), and which lines and substations it affects
 * (`get_topological_impact`, what the rules count).
 *
 * @example
 * ```ts
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const index = topoIndex(net);
 * const a = actionFromDict(index, { set_bus: { lines_or_id: [[4, 2]] } });
 * ambiguity(index, a);                                // null: not ambiguous
 * topologicalImpact(index, a, net.line.inService);   // { lines, subs, nLines: 0, nSubs: 1 }
 * ```
 * @module
 */
import { Network } from "../network.ts";

/** An action on the topology, in grid2op's four vectors. Never mutated once built. */
export interface GridAction {
  /** Per `topo_vect` position: 0 leave, 1 or 2 bus bar, -1 disconnect. */
  readonly setBus: Int8Array;
  /** Per `topo_vect` position: 1 to switch the element to the other bus bar. */
  readonly changeBus: Uint8Array;
  /** Per line: 0 leave, 1 reconnect, -1 disconnect. */
  readonly setLineStatus: Int8Array;
  /** Per line: 1 to toggle its status. */
  readonly changeLineStatus: Uint8Array;
}

/** What the action functions need to know about a network's `topo_vect`, computed once. */
export interface TopoIndex {
  readonly net: Network;
  /** Substation of each `topo_vect` position. */
  readonly subOf: Int32Array;
  /** First position of each substation; `subStart[nSub]` is `dim_topo`. */
  readonly subStart: Int32Array;
  /** Line whose end sits at each position, -1 for loads and generators. */
  readonly lineOf: Int32Array;
}

/** The `topo_vect` tables of a network. */
export function topoIndex(net: Network): TopoIndex {
  const lay = net.layout;
  const nSub = lay.subInfo.length;
  const subStart = new Int32Array(nSub + 1);
  for (let s = 0; s < nSub; s++) subStart[s + 1] = subStart[s] + lay.subInfo[s];
  const subOf = new Int32Array(lay.dimTopo);
  for (let s = 0; s < nSub; s++) subOf.fill(s, subStart[s], subStart[s + 1]);
  const lineOf = new Int32Array(lay.dimTopo).fill(-1);
  lay.lineOrPosTopoVect.forEach((p, l) => (lineOf[p] = l));
  lay.lineExPosTopoVect.forEach((p, l) => (lineOf[p] = l));
  return { net, subOf, subStart, lineOf };
}

/** The do-nothing action of a network (all zeros). */
export function doNothing(net: Network): GridAction {
  const dim = net.layout.dimTopo, nLine = net.line.name.length;
  return {
    setBus: new Int8Array(dim),
    changeBus: new Uint8Array(dim),
    setLineStatus: new Int8Array(nLine),
    changeLineStatus: new Uint8Array(nLine),
  };
}

const any = (v: ArrayLike<number>): boolean => {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return true;
  return false;
};

/** grid2op's `_modif_*` flags: which of the four parts the action uses. */
export function actionKinds(a: GridAction): {
  setBus: boolean;
  changeBus: boolean;
  setStatus: boolean;
  changeStatus: boolean;
} {
  return {
    setBus: any(a.setBus),
    changeBus: any(a.changeBus),
    setStatus: any(a.setLineStatus),
    changeStatus: any(a.changeLineStatus),
  };
}

/** True when the action changes nothing (grid2op's do-nothing `{}`). */
export function isDoNothing(a: GridAction): boolean {
  return !any(a.setBus) && !any(a.changeBus) && !any(a.setLineStatus) &&
    !any(a.changeLineStatus);
}

/** The element kinds of grid2op's action dictionaries, in the order it writes them. */
export const ELEMENT_KINDS = ["loads_id", "generators_id", "lines_or_id", "lines_ex_id"] as const;
/** One of grid2op's element kinds. */
export type ElementKind = typeof ELEMENT_KINDS[number];

/** An action as grid2op's dictionaries write it (`as_serializable_dict`). */
export interface ActionDict {
  set_bus?: Partial<Record<ElementKind, [number, number][]>>;
  change_bus?: Partial<Record<ElementKind, number[]>>;
  set_line_status?: [number, number][];
  change_line_status?: number[];
}

/** `topo_vect` positions of each element kind. */
function positions(net: Network, kind: ElementKind): Int32Array {
  const lay = net.layout;
  return kind === "loads_id"
    ? lay.loadPosTopoVect
    : kind === "generators_id"
    ? lay.genPosTopoVect
    : kind === "lines_or_id"
    ? lay.lineOrPosTopoVect
    : lay.lineExPosTopoVect;
}

function checkId(where: string, id: number, n: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= n) {
    throw new RangeError(`${where}: element ${id} does not exist (0..${n - 1})`);
  }
}

function checkValue(where: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`${where}: ${v} is not an integer in [${lo}, ${hi}]`);
  }
}

/**
 * An action from its grid2op dictionary. Throws a RangeError naming the field for an element
 * that does not exist or a value that no int8 holds; a bus of 3 or 0 is kept (grid2op then
 * finds the action ambiguous, as `ambiguity` does).
 */
export function actionFromDict(index: TopoIndex, dict: ActionDict): GridAction {
  const net = index.net;
  const a = doNothing(net);
  const nLine = net.line.name.length;
  for (const kind of ELEMENT_KINDS) {
    const pos = positions(net, kind);
    for (const [id, bus] of dict.set_bus?.[kind] ?? []) {
      checkId(`set_bus.${kind}`, id, pos.length);
      checkValue(`set_bus.${kind}[${id}]`, bus, -128, 127);
      a.setBus[pos[id]] = bus;
    }
    for (const id of dict.change_bus?.[kind] ?? []) {
      checkId(`change_bus.${kind}`, id, pos.length);
      a.changeBus[pos[id]] = 1;
    }
  }
  for (const [line, status] of dict.set_line_status ?? []) {
    checkId("set_line_status", line, nLine);
    checkValue(`set_line_status[${line}]`, status, -1, 1);
    a.setLineStatus[line] = status;
  }
  for (const line of dict.change_line_status ?? []) {
    checkId("change_line_status", line, nLine);
    a.changeLineStatus[line] = 1;
  }
  return a;
}

/** The action's grid2op dictionary (empty parts left out; `{}` for do-nothing). */
export function actionToDict(index: TopoIndex, a: GridAction): ActionDict {
  const net = index.net;
  const out: ActionDict = {};
  const change: Partial<Record<ElementKind, number[]>> = {};
  const set: Partial<Record<ElementKind, [number, number][]>> = {};
  for (const kind of ELEMENT_KINDS) {
    const pos = positions(net, kind);
    const ch: number[] = [];
    const st: [number, number][] = [];
    pos.forEach((p, id) => {
      if (a.changeBus[p]) ch.push(id);
      if (a.setBus[p] !== 0) st.push([id, a.setBus[p]]);
    });
    if (ch.length > 0) change[kind] = ch;
    if (st.length > 0) set[kind] = st;
  }
  if (Object.keys(change).length > 0) out.change_bus = change;
  const switched = [...a.changeLineStatus.keys()].filter((l) => a.changeLineStatus[l]);
  if (switched.length > 0) out.change_line_status = switched;
  if (Object.keys(set).length > 0) out.set_bus = set;
  const status: [number, number][] = [];
  a.setLineStatus.forEach((s, l) => s !== 0 && status.push([l, s]));
  if (status.length > 0) out.set_line_status = status;
  return out;
}

/**
 * Why grid2op finds an action ambiguous (`BaseAction._check_for_ambiguity`, the topology
 * parts, in its order), or null: a line both changed and set; wrong vector sizes; an element
 * both changed and set; a bus other than -1, 0, 1, 2; a line connected at one end and
 * disconnected at the other; a line disconnected by its status and connected by a bus, or
 * reconnected and disconnected by a bus; a bus change on a line disconnected or reconnected by
 * its status.
 */
export function ambiguity(index: TopoIndex, a: GridAction): string | null {
  const { net } = index;
  const lay = net.layout;
  const nLine = net.line.name.length;
  const { setBus, changeBus, setLineStatus: setSt, changeLineStatus: chSt } = a;
  if (chSt.length !== nLine || setSt.length !== nLine) {
    return `the action acts on ${chSt.length} lines while there are ${nLine}`;
  }
  if (setBus.length !== lay.dimTopo || changeBus.length !== lay.dimTopo) {
    return `the action acts on ${setBus.length} ends of objects while there are ${lay.dimTopo}`;
  }
  for (let l = 0; l < nLine; l++) {
    if (chSt[l] && setSt[l] !== 0) {
      return `the status of line ${l} is both changed and set`;
    }
  }
  for (let p = 0; p < lay.dimTopo; p++) {
    if (changeBus[p] && setBus[p] !== 0) {
      return `the bus of topo_vect position ${p} is both changed and set`;
    }
  }
  for (let p = 0; p < lay.dimTopo; p++) {
    if (setBus[p] < -1) return `set_bus: a bus below -1 at topo_vect position ${p}`;
    if (setBus[p] > 2) return `set_bus: a bus above 2 at topo_vect position ${p}`;
  }
  for (let l = 0; l < nLine; l++) {
    const or = setBus[lay.lineOrPosTopoVect[l]], ex = setBus[lay.lineExPosTopoVect[l]];
    if ((or === -1 && ex > 0) || (ex === -1 && or > 0)) {
      return `line ${l} is connected at one end and disconnected at the other`;
    }
  }
  for (let l = 0; l < nLine; l++) {
    const or = setBus[lay.lineOrPosTopoVect[l]], ex = setBus[lay.lineExPosTopoVect[l]];
    if (setSt[l] === -1 && (or > 0 || ex > 0)) {
      return `line ${l} is disconnected and also set to a bus`;
    }
    if (setSt[l] === 1 && (or === -1 || ex === -1)) {
      return `line ${l} is reconnected and also disconnected from a bus`;
    }
  }
  for (let l = 0; l < nLine; l++) {
    const ch = changeBus[lay.lineOrPosTopoVect[l]] || changeBus[lay.lineExPosTopoVect[l]];
    if (setSt[l] === -1 && ch) return `line ${l} is disconnected and its bus changed`;
  }
  for (let l = 0; l < nLine; l++) {
    const ch = changeBus[lay.lineOrPosTopoVect[l]] || changeBus[lay.lineExPosTopoVect[l]];
    if (setSt[l] === 1 && ch) return `line ${l} is reconnected and its bus changed (set it)`;
  }
  return null;
}

/** Lines and substations an action affects (what the rules count). */
export interface TopologicalImpact {
  /** 1 for each line whose status the action affects. */
  readonly lines: Uint8Array;
  /** 1 for each substation whose topology the action affects. */
  readonly subs: Uint8Array;
  readonly nLines: number;
  readonly nSubs: number;
}

/**
 * grid2op's `get_topological_impact(powerline_status)`: a line is affected when its status is
 * set or changed, or when a bus is set at an end of a disconnected line (a reconnection) or
 * -1 at an end of a connected one (a disconnection); a substation is affected when a bus of
 * one of its elements is set or changed, except the ends of the lines counted above when the
 * line is disconnected or reconnected through them. Without line statuses (null) every line
 * counts as disconnected and no bus change counts as a status change, as in grid2op.
 */
export function topologicalImpact(
  index: TopoIndex,
  a: GridAction,
  lineStatus: ArrayLike<number> | null,
): TopologicalImpact {
  const net = index.net;
  const lay = net.layout;
  const nLine = net.line.name.length;
  const lines = new Uint8Array(nLine);
  const subs = new Uint8Array(lay.subInfo.length);
  if (isDoNothing(a)) return { lines, subs, nLines: 0, nSubs: 0 };
  const effective = new Uint8Array(lay.dimTopo);
  for (let p = 0; p < lay.dimTopo; p++) effective[p] = a.changeBus[p] || a.setBus[p] !== 0 ? 1 : 0;
  for (let l = 0; l < nLine; l++) {
    const or = lay.lineOrPosTopoVect[l], ex = lay.lineExPosTopoVect[l];
    const connected = lineStatus !== null && lineStatus[l] !== 0;
    lines[l] = a.changeLineStatus[l] || a.setLineStatus[l] !== 0 ? 1 : 0;
    if (lines[l] && !connected) effective[or] = effective[ex] = 0;
    if (lineStatus === null) continue;
    const viaBus = connected
      ? a.setBus[or] < 0 || a.setBus[ex] < 0
      : a.setBus[or] > 0 || a.setBus[ex] > 0;
    if (viaBus) {
      lines[l] = 1;
      effective[or] = effective[ex] = 0;
    }
  }
  let nSubs = 0, nLines = 0;
  for (let p = 0; p < lay.dimTopo; p++) {
    const s = index.subOf[p];
    if (effective[p] && !subs[s]) {
      subs[s] = 1;
      nSubs++;
    }
  }
  for (let l = 0; l < nLine; l++) nLines += lines[l];
  return { lines, subs, nLines, nSubs };
}
