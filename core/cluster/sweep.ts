/**
 * The research's clustering sweep: for each quantile threshold, binarise the MI matrix per
 * column, take the bipartite components, and (when the true blocks are known) score them.
 *
 * @example
 * ```ts
 * // An MI matrix of 2 targets x 3 inputs, and the blocks planted in it.
 * const mi = [[0.9, 0.1, 0.0], [0.1, 0.8, 0.7]];
 * const planted = [{ targets: [0], inputs: [0] }, { targets: [1], inputs: [1, 2] }];
 * const results = sweep(mi, [0.5, 0.9], planted);
 * recovered(results); // [0.5, 0.9]: the thresholds at which the planted blocks came back exactly
 * ```
 * @module
 */
import { binarise } from "./binarise.ts";
import { Cluster, components } from "./components.ts";
import { adjustedRandIndex, clusterLabels, samePartition } from "./score.ts";

/** The clustering at one threshold, with its score against known blocks when given. */
export interface SweepStep {
  readonly threshold: number;
  readonly binary: readonly (readonly number[])[];
  readonly clusters: readonly Cluster[];
  /** Adjusted Rand index against the planted blocks (absent when none are known). */
  readonly ari?: number;
  /** Whether the planted blocks were recovered exactly (absent when none are known). */
  readonly exact?: boolean;
}

/** Clusters at every threshold. */
export function sweep(
  matrix: readonly (readonly number[])[],
  thresholds: readonly number[],
  planted?: readonly Cluster[],
): SweepStep[] {
  const rows = matrix.length, cols = rows > 0 ? matrix[0].length : 0;
  const truth = planted ? clusterLabels(planted, rows, cols) : undefined;
  return thresholds.map((threshold) => {
    const binary = binarise(matrix, threshold);
    const clusters = components(binary, cols);
    if (!truth) return { threshold, binary, clusters };
    const labels = clusterLabels(clusters, rows, cols);
    return {
      threshold,
      binary,
      clusters,
      ari: adjustedRandIndex(labels, truth),
      exact: samePartition(labels, truth),
    };
  });
}

/** The thresholds at which the planted blocks were recovered exactly. */
export function recovered(steps: readonly SweepStep[]): number[] {
  return steps.filter((s) => s.exact === true).map((s) => s.threshold);
}

/**
 * The threshold to picture: the middle of the exact-recovery thresholds, else the best
 * scoring one, else the middle of the sweep.
 */
export function representative(steps: readonly SweepStep[]): SweepStep {
  const exact = steps.filter((s) => s.exact === true);
  if (exact.length > 0) return exact[Math.floor((exact.length - 1) / 2)];
  if (steps.some((s) => s.ari !== undefined)) {
    return steps.reduce((best, s) => ((s.ari ?? -Infinity) > (best.ari ?? -Infinity) ? s : best));
  }
  return steps[Math.floor((steps.length - 1) / 2)];
}
