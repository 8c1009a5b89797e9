/**
 * From transition tables to clusters: the MI matrix in parallel workers (with a progress
 * bar), optionally corrected by the estimate on shuffled target rows, then the clustering
 * sweep. Where the rows came from (a synthetic MDP, the power grid) does not matter here: a
 * synthetic MDP gives one table (`analyseTable`), the grid one per substation whose matrices
 * sit side by side (`analyseBlocks`).
 *
 * @example
 * ```ts
 * import { syntheticTransitions } from "./synthetic.ts";
 * import { rowCount } from "../../core/mi/mod.ts";
 * import type { MdpSpec } from "../../core/mdp/mod.ts";
 *
 * const spec: MdpSpec = {
 *   kind: "copy",
 *   n: 2,
 *   m: 1,
 *   stateValues: 2,
 *   actionValues: 2,
 *   relation: [[1, 0, 1], [0, 1, 0]],
 * };
 * const { table, planted } = syntheticTransitions(spec, 29, 10000);
 * const analysis = await analyseTable(table, {
 *   estimator: "mixed-ksg",
 *   k: 500,
 *   thresholds: [0.7, 0.8],
 *   workers: 2,
 *   shuffle: shufflePermutation(29, rowCount(table)),
 *   planted,
 * });
 * console.log(analysis.representative.clusters); // the clustering pictured in blocks.svg
 * ```
 * @module
 */
import { Cluster, recovered, representative, sweep, SweepStep } from "../../core/cluster/mod.ts";
import { joinColumns, MiMatrix, MiOptions, TransitionTable } from "../../core/mi/mod.ts";
import { permutation } from "../../core/mod.ts";
import { progress } from "../report/mod.ts";
import { streams } from "../rng.ts";
import { MiBlock, parallelMiBlocks } from "./mi_pool.ts";

/** How the matrix is clustered and run, whatever its tables. */
export interface SweepOptions {
  readonly thresholds: readonly number[];
  readonly workers: number;
  /** Known blocks to score against. */
  readonly planted?: readonly Cluster[];
  /** No progress bar. */
  readonly quiet?: boolean;
}

/** What the analysis of one table needs besides the table. */
export interface AnalysisOptions extends MiOptions, SweepOptions {
  /** Row permutation for the `MI - MI_shuffled` baseline (none: raw MI). */
  readonly shuffle?: Int32Array;
}

/** The MI matrix and the clustering at every threshold. */
export interface Analysis {
  readonly mi: MiMatrix;
  readonly steps: readonly SweepStep[];
  readonly planted?: readonly Cluster[];
  /** Thresholds where the planted blocks came back exactly. */
  readonly recovered: readonly number[];
  /** The threshold pictured in blocks.svg. */
  readonly representative: SweepStep;
}

/**
 * The shuffle of `rows` rows for the baseline, from the run seed's stream `name` (`shuffle`;
 * one per table when a run has several).
 */
export function shufflePermutation(seed: number, rows: number, name = "shuffle"): Int32Array {
  return permutation(streams(seed).gen(name), rows)[0];
}

/** The clustering sweep of a computed MI matrix. */
export function analyseMatrix(
  mi: MiMatrix,
  thresholds: readonly number[],
  planted?: readonly Cluster[],
): Analysis {
  const steps = sweep(mi.values, thresholds, planted);
  return {
    mi,
    steps,
    planted,
    recovered: recovered(steps),
    representative: representative(steps),
  };
}

/**
 * MI matrices of tables over the same targets (in one worker pool), their columns joined in
 * order, and the clustering sweep of the whole.
 */
export async function analyseBlocks(
  blocks: readonly MiBlock[],
  options: SweepOptions,
): Promise<Analysis> {
  const entries = blocks.reduce(
    (sum, b) => sum + b.table.targets.length * b.table.inputs.length * (b.permutation ? 2 : 1),
    0,
  );
  const bar = progress("MI entries", entries, options.quiet);
  const mi = joinColumns(
    await parallelMiBlocks(blocks, { workers: options.workers, onEntry: () => bar.tick() }),
  );
  bar.done();
  return analyseMatrix(mi, options.thresholds, options.planted);
}

/** MI matrix (in workers) and clustering sweep of a table. */
export function analyseTable(
  table: TransitionTable,
  options: AnalysisOptions,
): Promise<Analysis> {
  const { estimator, k, shuffle } = options;
  return analyseBlocks([{ table, options: { estimator, k }, permutation: shuffle }], options);
}
