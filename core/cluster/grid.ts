/**
 * The grid's decomposition as tables and clusters (docs/research.md 1d): one transition table per
 * substation (targets: each line's rho(t+1); input: that substation's action code), and the
 * bipartite components of the binarised lines x substations matrix read back as agents'
 * clusters: a set of substations with the matching set of lines. A component without a
 * substation is a set of lines no agent is tied to; they are listed apart.
 *
 * @example
 * ```ts
 * import { joinColumns, miMatrix } from "../mi/mod.ts";
 * import { sweep } from "./sweep.ts";
 *
 * // 4 rows each: sub_1's topologies move line 0's rho, sub_4's move line 1's.
 * const lines = ["0_1_0", "0_4_1"], code = Float64Array.from([0, 0.5, 0, 0.5]);
 * const rho1 = Float64Array.from([0.2, 0.5, 0.6, 0.5, 0.2, 0.5, 0.6, 0.5]);
 * const rho4 = Float64Array.from([0.3, 0.1, 0.3, 0.7, 0.3, 0.1, 0.3, 0.7]);
 * const options = { estimator: "plugin", k: 1 } as const;
 * const mi = joinColumns([
 *   miMatrix(topologyTable(lines, "sub_1", 4, rho1, code), options),
 *   miMatrix(topologyTable(lines, "sub_4", 4, rho4, code), options),
 * ]);
 * const [step] = sweep(mi.values, [0.5]);
 * const d = gridClusters(step.clusters, [0, 1], [1, 4]); // MI row -> line, column -> sub
 * d.clusters; // [{ substations: [1], lines: [0] }, { substations: [4], lines: [1] }]
 * ```
 * @module
 */
import { TransitionTable } from "../mi/mod.ts";
import { Cluster } from "./components.ts";

/**
 * The table of one substation's rows: `rhoNext` row-major (`rows` x lines), one target per
 * line named by the line, one input named by the substation.
 */
export function topologyTable(
  lineNames: readonly string[],
  subName: string,
  rows: number,
  rhoNext: Float64Array,
  code: Float64Array,
): TransitionTable {
  const nLine = lineNames.length;
  if (rhoNext.length !== rows * nLine || code.length !== rows) {
    throw new RangeError(`topologyTable: ${rows} rows of ${nLine} lines do not fit the arrays`);
  }
  return {
    targets: lineNames.map((name, l) => ({
      name,
      values: Float64Array.from({ length: rows }, (_, r) => rhoNext[r * nLine + l]),
    })),
    inputs: [{ name: subName, values: code.slice() }],
  };
}

/** One agent's part of the grid: substations it acts on and lines it watches, ascending. */
export interface GridCluster {
  readonly substations: readonly number[];
  readonly lines: readonly number[];
}

/** Clusters with substations, and the lines of the components that have none. */
export interface GridDecomposition {
  readonly clusters: readonly GridCluster[];
  readonly unassignedLines: readonly number[];
}

/**
 * Components of the MI matrix as grid clusters: `lineOf[row]` is the line of each matrix row,
 * `subOf[col]` the substation of each column.
 */
export function gridClusters(
  components: readonly Cluster[],
  lineOf: readonly number[],
  subOf: readonly number[],
): GridDecomposition {
  const asc = (xs: number[]) => xs.sort((a, b) => a - b);
  const clusters: GridCluster[] = [];
  const unassigned: number[] = [];
  for (const c of components) {
    const lines = asc(c.targets.map((r) => lineOf[r]));
    if (c.inputs.length === 0) unassigned.push(...lines);
    else clusters.push({ substations: asc(c.inputs.map((j) => subOf[j])), lines });
  }
  return { clusters, unassignedLines: asc(unassigned) };
}

/**
 * What is wrong with a decomposition on a grid of `nSub` substations and `nLine` lines, or
 * null: an id out of range or repeated within a cluster, a cluster without a substation, or a
 * substation in two clusters (the coordinator must know which agent owns it).
 */
export function decompositionProblem(
  d: GridDecomposition,
  nSub: number,
  nLine: number,
): string | null {
  const owner = new Map<number, number>();
  for (const [k, c] of d.clusters.entries()) {
    if (c.substations.length === 0) return `clusters.${k}.substations: empty`;
    for (
      const [field, ids, n] of [["substations", c.substations, nSub], [
        "lines",
        c.lines,
        nLine,
      ]] as const
    ) {
      const seen = new Set<number>();
      for (const id of ids) {
        if (!Number.isInteger(id) || id < 0 || id >= n) {
          return `clusters.${k}.${field}: ${id} is not in 0..${n - 1}`;
        }
        if (seen.has(id)) return `clusters.${k}.${field}: ${id} is listed twice`;
        seen.add(id);
      }
    }
    for (const s of c.substations) {
      if (owner.has(s)) return `clusters.${k}.substations: ${s} is also in cluster ${owner.get(s)}`;
      owner.set(s, k);
    }
  }
  for (const l of d.unassignedLines) {
    if (!Number.isInteger(l) || l < 0 || l >= nLine) {
      return `unassignedLines: ${l} is not in 0..${nLine - 1}`;
    }
  }
  return null;
}
