/**
 * MI matrices computed by a pool of Web Workers (default: one per core). Each worker gets the
 * tables once and then pulls the next entry when it finishes one; every result is stored at
 * its entry's index, so the matrices are the same bytes whatever the scheduling or the number
 * of workers. Several tables go through one pool (`parallelMiBlocks`): the grid's
 * decomposition has one table per substation, each with its own rows.
 *
 * @example
 * ```ts
 * import { syntheticTransitions } from "./synthetic.ts";
 * import { progress } from "../report/mod.ts";
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
 * const { table } = syntheticTransitions(spec, 29, 10000);
 * const bar = progress("MI entries", table.targets.length * table.inputs.length);
 * const mi = await parallelMiMatrix(table, { estimator: "mixed-ksg", k: 500 }, {
 *   workers: 2,
 *   onEntry: () => bar.tick(),
 * });
 * bar.done();
 * console.log(mi.values); // MI (nats) of each target against each input
 * ```
 * @module
 */
import {
  assembleMatrix,
  MiMatrix,
  MiOptions,
  MiTask,
  miTasks,
  rowCount,
  TransitionTable,
} from "../../core/mi/mod.ts";
import { runPool } from "../workers/mod.ts";
import type { MiBlock, MiBlockTask } from "./mi_worker.ts";

export type { MiBlock } from "./mi_worker.ts";

/** How the pool runs. */
export interface PoolOptions {
  /** Number of workers (at most one per entry is started). */
  readonly workers: number;
  /** Rows of the target columns shuffled for the `MI - MI_shuffled` baseline. */
  readonly permutation?: Int32Array;
  /** Called once per finished entry (progress). */
  readonly onEntry?: () => void;
}

/** The default worker count: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}

/** Copies of the columns, so only the rows in use are sent to each worker. */
function compact(table: TransitionTable): TransitionTable {
  const copy = (c: { name: string; values: Float64Array }) => ({
    name: c.name,
    values: c.values.slice(),
  });
  return { targets: table.targets.map(copy), inputs: table.inputs.map(copy) };
}

/** The MI matrix of every block (each with its shuffled twin when it has a permutation). */
export async function parallelMiBlocks(
  blocks: readonly MiBlock[],
  pool: Omit<PoolOptions, "permutation">,
): Promise<MiMatrix[]> {
  for (const b of blocks) rowCount(b.table);
  const perBlock: MiTask[][] = blocks.map((b) => miTasks(b.table, b.permutation !== undefined));
  const results = perBlock.map((tasks) => new Float64Array(tasks.length));
  const queue: (MiBlockTask & { index: number })[] = perBlock.flatMap((tasks, block) =>
    tasks.map((task, index) => ({ block, task, index }))
  );
  if (queue.length > 0) {
    let next = 0;
    await runPool<readonly MiBlock[], MiBlockTask & { index: number }, number>({
      url: new URL("./mi_worker.ts", import.meta.url).href,
      label: "MI worker",
      init: blocks.map((b) => ({ ...b, table: compact(b.table) })),
      workers: Math.min(pool.workers, queue.length),
      next: () => queue[next++],
      onResult: (task, value) => {
        results[task.block][task.index] = value;
        pool.onEntry?.();
      },
    });
  }
  return blocks.map((b, i) => assembleMatrix(b.table, perBlock[i], results[i]));
}

/** Every entry of the MI matrix (and its shuffled twin), computed in parallel workers. */
export async function parallelMiMatrix(
  table: TransitionTable,
  options: MiOptions,
  pool: PoolOptions,
): Promise<MiMatrix> {
  const [mi] = await parallelMiBlocks([{ table, options, permutation: pool.permutation }], pool);
  return mi;
}
