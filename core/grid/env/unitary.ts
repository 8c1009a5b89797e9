/**
 * The unitary actions of a grid, enumerated exactly as grid2op's action space does it
 * (`SerializableActionSpace.get_all_unitary_*`, grid2op 1.10, two bus bars per substation),
 * and the discrete action table built from them in the order of grid2op's `DiscreteActSpace`
 * (its parts sorted by name: do-nothing, `change_bus`, `change_line_status`, `set_bus`,
 * `set_line_status`); 487 actions on `l2rpn_case14_sandbox`.
 *
 * - `set_bus` topologies of a substation: every assignment of its elements to bus bars 1 and 2
 *   with the first element on bus 1 (no mirror duplicates) and a line end on every bus in use;
 *   a substation with fewer than two such topologies gets none.
 * - `change_bus` topologies: every non-empty, non-full subset of the elements to switch, a
 *   subset and its complement counted once.
 * - Line actions: per line, disconnect; then reconnect with every pair of end buses (for each
 *   extremity bus, for each origin bus, line by line); and toggle.
 *
 * @example
 * ```ts
 * import { topoIndex } from "./action.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const index = topoIndex(net);
 * const table = discreteActions(index);   // 487 actions on the sandbox
 * unitaryTopologiesSet(index, 1).length;  // 29
 * ```
 * @module
 */
import { doNothing, GridAction, TopoIndex } from "./action.ts";

/** Substations with more elements than this are refused (2^24 assignments to go through). */
const MAX_ELEMENTS = 24;

function elements(index: TopoIndex, sub: number): number {
  const n = index.subStart[sub + 1] - index.subStart[sub];
  if (n > MAX_ELEMENTS) {
    throw new RangeError(
      `substation ${sub}: ${n} elements, more than ${MAX_ELEMENTS} to enumerate`,
    );
  }
  return n;
}

/** Positions inside substation `sub` (0-based) that hold a line end. */
function linePositions(index: TopoIndex, sub: number): number[] {
  const start = index.subStart[sub], end = index.subStart[sub + 1];
  const out: number[] = [];
  for (let p = start; p < end; p++) if (index.lineOf[p] >= 0) out.push(p - start);
  return out;
}

/**
 * The bus-bar assignments of `set_bus` topologies at one substation, in grid2op's order (each
 * an array over the substation's elements, values 1 or 2).
 */
export function setTopologies(index: TopoIndex, sub: number): Int8Array[] {
  const n = elements(index, sub);
  if (n === 0) return [];
  const lines = linePositions(index, sub);
  const out: Int8Array[] = [];
  // itertools.product([1, 2], repeat=n-1): the last element varies fastest.
  for (let code = 0; code < 1 << (n - 1); code++) {
    const tup = new Int8Array(n);
    tup[0] = 1;
    for (let k = 1; k < n; k++) tup[k] = (code >> (n - 1 - k)) & 1 ? 2 : 1;
    const max = tup.includes(2) ? 2 : 1;
    let busesWithLine = 0;
    for (const bus of [1, 2]) if (lines.some((p) => tup[p] === bus)) busesWithLine++;
    if (busesWithLine === max) out.push(tup);
  }
  return out.length >= 2 ? out : [];
}

/**
 * The switch masks of `change_bus` topologies at one substation, in grid2op's order (each an
 * array over the substation's elements, 1 where the element switches).
 */
export function changeTopologies(index: TopoIndex, sub: number): Uint8Array[] {
  const n = elements(index, sub);
  const seen = new Set<number>([0, (1 << n) - 1]);
  const out: Uint8Array[] = [];
  // itertools.product([0, 1], repeat=n): the last element varies fastest.
  for (let code = 0; code < 1 << n; code++) {
    if (seen.has(code)) continue;
    seen.add(code);
    seen.add(((1 << n) - 1) ^ code);
    out.push(Uint8Array.from({ length: n }, (_, k) => (code >> (n - 1 - k)) & 1));
  }
  return out;
}

/** One action per topology of each substation (one substation, or all in order). */
function perSubstation(
  index: TopoIndex,
  sub: number | undefined,
  topologies: (index: TopoIndex, sub: number) => ArrayLike<number>[],
  part: "setBus" | "changeBus",
): GridAction[] {
  const subs = sub === undefined ? [...Array(index.subStart.length - 1).keys()] : [sub];
  return subs.flatMap((s) =>
    topologies(index, s).map((values) => {
      const a = doNothing(index.net);
      a[part].set(values, index.subStart[s]);
      return a;
    })
  );
}

/** grid2op's `get_all_unitary_topologies_set` (one substation, or all in order). */
export function unitaryTopologiesSet(index: TopoIndex, sub?: number): GridAction[] {
  return perSubstation(index, sub, setTopologies, "setBus");
}

/** grid2op's `get_all_unitary_topologies_change` (one substation, or all in order). */
export function unitaryTopologiesChange(index: TopoIndex, sub?: number): GridAction[] {
  return perSubstation(index, sub, changeTopologies, "changeBus");
}

/**
 * grid2op's `get_all_unitary_line_set`: every line disconnected, then for each extremity bus
 * and each origin bus (1, 2), every line reconnected with its ends on those buses.
 */
export function unitaryLineSet(index: TopoIndex): GridAction[] {
  const net = index.net;
  const nLine = net.line.name.length;
  const out: GridAction[] = [];
  for (let l = 0; l < nLine; l++) {
    const a = doNothing(net);
    a.setLineStatus[l] = -1;
    out.push(a);
  }
  for (const busEx of [1, 2]) {
    for (const busOr of [1, 2]) {
      for (let l = 0; l < nLine; l++) {
        const a = doNothing(net);
        a.setLineStatus[l] = 1;
        a.setBus[net.layout.lineOrPosTopoVect[l]] = busOr;
        a.setBus[net.layout.lineExPosTopoVect[l]] = busEx;
        out.push(a);
      }
    }
  }
  return out;
}

/** grid2op's `get_all_unitary_line_change`: every line toggled. */
export function unitaryLineChange(index: TopoIndex): GridAction[] {
  return Array.from({ length: index.net.line.name.length }, (_, l) => {
    const a = doNothing(index.net);
    a.changeLineStatus[l] = 1;
    return a;
  });
}

/**
 * The discrete action table of grid2op's `DiscreteActSpace` with every topology part:
 * do-nothing, then `change_bus`, `change_line_status`, `set_bus`, `set_line_status` actions.
 */
export function discreteActions(index: TopoIndex): GridAction[] {
  return [
    doNothing(index.net),
    ...unitaryTopologiesChange(index),
    ...unitaryLineChange(index),
    ...unitaryTopologiesSet(index),
    ...unitaryLineSet(index),
  ];
}
