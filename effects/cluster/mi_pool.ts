/**
 * The MI matrix computed by a pool of Web Workers (default: one per core). Each worker gets
 * the table once and then pulls the next task when it finishes one; every result is stored
 * at its task's index, so the matrix is the same bytes whatever the scheduling or the
 * number of workers.
 *
 * @example
 * ```ts
 * const mi = await parallelMiMatrix(table, { estimator: "mixed-ksg", k: 5000 }, {
 *   workers: 2,
 *   onEntry: () => bar.tick(),
 * });
 * ```
 * @module
 */
import { assembleMatrix, MiMatrix, MiOptions, miTasks } from "../../core/mi/matrix.ts";
import { rowCount, TransitionTable } from "../../core/mi/table.ts";
import type { WorkerInit, WorkerReply, WorkerTask } from "./mi_worker.ts";

/** How the pool runs. */
export interface PoolOptions {
  /** Number of workers (at most one per task is started). */
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

/** Every entry of the MI matrix (and its shuffled twin), computed in parallel workers. */
export function parallelMiMatrix(
  table: TransitionTable,
  options: MiOptions,
  pool: PoolOptions,
): Promise<MiMatrix> {
  rowCount(table);
  const tasks = miTasks(table, pool.permutation !== undefined);
  const results = new Float64Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(assembleMatrix(table, tasks, results));
  const init: WorkerInit = {
    kind: "init",
    table: compact(table),
    options,
    permutation: pool.permutation,
  };
  return new Promise((resolve, reject) => {
    const url = new URL("./mi_worker.ts", import.meta.url).href;
    const workers = Array.from(
      { length: Math.min(pool.workers, tasks.length) },
      () => new Worker(url, { type: "module" }),
    );
    let next = 0, done = 0, settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) w.terminate();
      if (error) reject(error);
      else resolve(assembleMatrix(table, tasks, results));
    };
    const feed = (w: Worker) => {
      if (next >= tasks.length) return;
      const index = next++;
      const message: WorkerTask = { kind: "task", index, task: tasks[index] };
      w.postMessage(message);
    };
    for (const w of workers) {
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        const reply = e.data;
        if ("error" in reply) return finish(new Error(`MI worker: ${reply.error}`));
        results[reply.index] = reply.value;
        pool.onEntry?.();
        if (++done === tasks.length) finish();
        else feed(w);
      };
      w.onerror = (e) => {
        e.preventDefault();
        finish(new Error(`MI worker: ${e.message}`));
      };
      w.postMessage(init);
      feed(w);
    }
  });
}
