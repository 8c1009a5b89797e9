/**
 * The worker side of `pool.ts`: a worker module calls `serveTasks` once with a function that
 * turns the job's shared data into a task runner (it may be async: loading an environment).
 * Every task is answered with its result (its `transfer` buffers moved, not copied) or with
 * the error's stack, so the pool rejects with the worker's own message; a runner may report
 * progress on the way.
 *
 * @example
 * ```ts
 * // square_worker.ts
 * serveTasks<null, number, number>(() => (x) => x * x);
 * ```
 * @module
 */
import type { PoolMessage, PoolReply } from "./pool.ts";

/** A task runner built from the job's shared data; `report` sends progress to the pool. */
export type Runner<Task, Result> = (task: Task, report: (units: number) => void) => Result;

/** Answers the pool's tasks with `setup(init)`'s runner. */
export function serveTasks<Init, Task, Result>(
  setup: (init: Init) => Runner<Task, Result> | Promise<Runner<Task, Result>>,
  transfer: (result: Result) => Transferable[] = () => [],
): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<PoolMessage<Init, Task>>) => void) | null;
    postMessage(message: PoolReply<Result>, transfer?: Transferable[]): void;
  };
  let ready: Promise<Runner<Task, Result>> | undefined;
  scope.onmessage = async (e) => {
    const message = e.data;
    if (message.kind === "init") {
      ready = Promise.resolve().then(() => setup(message.init));
      ready.catch(() => {}); // reported with the first task
      return;
    }
    try {
      if (!ready) throw new Error("task before init");
      const report = (progress: number) => scope.postMessage({ id: message.id, progress });
      const result = (await ready)(message.task, report);
      scope.postMessage({ id: message.id, result }, transfer(result));
    } catch (err) {
      scope.postMessage({ id: message.id, error: String((err as Error).stack ?? err) });
    }
  };
}
