/**
 * Reading the grid2op and MATPOWER reference results of ../shared for the power-flow tests:
 * the JSON files (written by Python, with bare NaN), the injections of a chronic row in the
 * units gridfold takes, and a grid2op discrete action applied to the reset topology.
 *
 * @module
 */
import { sharedPath } from "./shared.ts";
import { genVmPuFromKv, Injections, Network } from "../core/grid/network.ts";

/** The sandbox folder and the reference folder, relative to ../shared. */
export const SANDBOX = "data/grid2op/l2rpn_case14_sandbox";
export const G2OP = "reference/grid2op";

/** Parses a reference JSON file written by Python (NaN -> null). */
// deno-lint-ignore no-explicit-any
export function readRef(rel: string): any {
  return JSON.parse(Deno.readTextFileSync(sharedPath(rel)).replace(/\bNaN\b/g, "null"));
}

/** The chronic rows of the do-nothing trace (grid element order, prod_v in kV). */
export interface ChronicRows {
  load_p: number[][];
  load_q: number[][];
  prod_p: number[][];
  prod_v: number[][];
}

/** Injections of one chronic row: generator voltages from kV to per unit of their substation. */
export function rowInjections(net: Network, rows: ChronicRows, row: number): Injections {
  return {
    loadP: rows.load_p[row],
    loadQ: rows.load_q[row],
    genP: rows.prod_p[row],
    genVmPu: genVmPuFromKv(net, rows.prod_v[row]),
  };
}

/** grid2op's discrete action dictionaries (the subset of the sandbox's 487). */
export interface ActionDict {
  change_bus?: Record<string, number[]>;
  set_bus?: Record<string, [number, number][]>;
  set_line_status?: [number, number][];
  change_line_status?: number[];
}

/** The topology after applying `action` to the all-on-bus-1 reset topology. */
export function applyToReset(net: Network, action: ActionDict): Int8Array {
  const lay = net.layout;
  const topo = new Int8Array(lay.dimTopo).fill(1);
  const pos: Record<string, Int32Array> = {
    loads_id: lay.loadPosTopoVect,
    generators_id: lay.genPosTopoVect,
    lines_or_id: lay.lineOrPosTopoVect,
    lines_ex_id: lay.lineExPosTopoVect,
  };
  for (const [kind, ids] of Object.entries(action.change_bus ?? {})) {
    for (const id of ids) topo[pos[kind][id]] = topo[pos[kind][id]] === 1 ? 2 : 1;
  }
  for (const [kind, pairs] of Object.entries(action.set_bus ?? {})) {
    for (const [id, bus] of pairs) topo[pos[kind][id]] = bus;
  }
  const cut = (l: number) => (topo[lay.lineOrPosTopoVect[l]] = topo[lay.lineExPosTopoVect[l]] = -1);
  for (const [l, status] of action.set_line_status ?? []) if (status === -1) cut(l);
  for (const l of action.change_line_status ?? []) cut(l);
  return topo;
}

/** Largest |a - b| over two arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return a.length === b.length ? m : Infinity;
}

/** Largest |a - b| / max(|b|, floor) over two arrays. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  }
  return a.length === b.length ? m : Infinity;
}
