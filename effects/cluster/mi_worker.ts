/**
 * A Web Worker that computes MI matrix entries: it receives the transition table, the
 * estimator options and the shuffle permutation once, then answers task after task with
 * `{ index, value }` (or `{ index, error }`). See mi_pool.ts.
 *
 * @module
 */
import { MiOptions, MiTask, runTask } from "../../core/mi/matrix.ts";
import { TransitionTable } from "../../core/mi/table.ts";

/** The first message: what every task of this run needs. */
export interface WorkerInit {
  readonly kind: "init";
  readonly table: TransitionTable;
  readonly options: MiOptions;
  readonly permutation?: Int32Array;
}

/** A task message. */
export interface WorkerTask {
  readonly kind: "task";
  readonly index: number;
  readonly task: MiTask;
}

/** A reply. */
export type WorkerReply = { index: number; value: number } | { index: number; error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerInit | WorkerTask>) => void) | null;
  postMessage(message: WorkerReply): void;
};

let setup: WorkerInit | undefined;

scope.onmessage = (e) => {
  const message = e.data;
  if (message.kind === "init") {
    setup = message;
    return;
  }
  try {
    if (!setup) throw new Error("task before init");
    const value = runTask(setup.table, message.task, setup.options, setup.permutation);
    scope.postMessage({ index: message.index, value });
  } catch (err) {
    scope.postMessage({ index: message.index, error: String((err as Error).stack ?? err) });
  }
};
