/**
 * `deno task cluster`: MDP decomposition runs, synthetic and on the grid, with
 * their MI worker pools, the grid's data collection (in workers or over Redis) and reports.
 *
 * @module
 */
export { analyseBlocks, analyseMatrix, analyseTable, shufflePermutation } from "./analyse.ts";
export type { SweepOptions } from "./analyse.ts";
export { collectionRunner, episodeSeed } from "./collect_runner.ts";
export { collectTopologyRows } from "./grid_collect.ts";
export type { CollectOptions, SubstationRows } from "./grid_collect.ts";
export { decomposeGrid, decompositionLines, writeGridRun } from "./grid_decompose.ts";
export type { GridDecomposeOptions, GridRun } from "./grid_decompose.ts";
export { defaultWorkers, parallelMiBlocks, parallelMiMatrix } from "./mi_pool.ts";
export type { MiBlock } from "./mi_pool.ts";
export { collectJob, collectOverRedis } from "./remote.ts";
export { blocksPicture, summaryLines, writeClusterRun } from "./report.ts";
export { decomposeSynthetic, syntheticTransitions } from "./synthetic.ts";
export type { SyntheticOptions } from "./synthetic.ts";
