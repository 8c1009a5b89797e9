/**
 * Mutual-information estimators (Mixed KSG, KSG, plug-in) and the MI matrix of
 * next-state variables against state and action variables.
 *
 * @module
 */
export { digamma } from "./digamma.ts";
export { defaultK, ksg, mixedKsg } from "./ksg.ts";
export {
  assembleMatrix,
  estimate,
  estimators,
  joinColumns,
  miMatrix,
  miTasks,
  permuted,
  runTask,
} from "./matrix.ts";
export type { Estimator, MiMatrix, MiOptions, MiTask } from "./matrix.ts";
export { kthNeighbours } from "./neighbours.ts";
export type { JointNeighbours } from "./neighbours.ts";
export { pluginMi } from "./plugin.ts";
export { gaussianMi, gaussianPair } from "./samples.ts";
export { firstRows, rowCount } from "./table.ts";
export type { Column, TransitionTable } from "./table.ts";
