/**
 * A Web Worker that computes MI matrix entries (see mi_pool.ts): it receives the tables, their
 * estimator options and shuffle permutations once, then answers task after task with the
 * entry's value.
 *
 * @module
 */
import { MiOptions, MiTask, runTask, TransitionTable } from "../../core/mi/mod.ts";
import { serveTasks } from "../workers/mod.ts";

/** One table of the job with how its entries are estimated. */
export interface MiBlock {
  readonly table: TransitionTable;
  readonly options: MiOptions;
  /** Rows of the target columns shuffled for the `MI - MI_shuffled` baseline. */
  readonly permutation?: Int32Array;
}

/** One entry of one table. */
export interface MiBlockTask {
  readonly block: number;
  readonly task: MiTask;
}

serveTasks<readonly MiBlock[], MiBlockTask, number>((blocks) => ({ block, task }) => {
  const b = blocks[block];
  return runTask(b.table, task, b.options, b.permutation);
});
