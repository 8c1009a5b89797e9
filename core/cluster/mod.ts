/**
 * Clustering a mutual-information matrix into sub-problems: thresholds, the
 * bipartite graph and its components, and the grid's clusters read from them.
 *
 * @module
 */
export { binarise, quantile } from "./binarise.ts";
export { blockOrder, components } from "./components.ts";
export type { Cluster } from "./components.ts";
export { decompositionProblem, gridClusters, topologyTable } from "./grid.ts";
export type { GridCluster, GridDecomposition } from "./grid.ts";
export { adjustedRandIndex, samePartition } from "./score.ts";
export { recovered, representative, sweep } from "./sweep.ts";
export type { SweepStep } from "./sweep.ts";
