/**
 * A pool of Web Workers pulling tasks: each worker gets the job's shared data once (`init`),
 * then one task at a time, and asks for the next when it answers. Tasks come from a function,
 * so a job can decide what to run next from the results so far (stop collecting once a budget
 * is met); results are handed back with their task, so the caller stores them by the task's
 * own index and the outcome never depends on scheduling or on the number of workers.
 * `dedicatedWorker` is the other shape: one worker that keeps its state between tasks.
 * `serve.ts` is the worker side of both.
 *
 * @example
 * ```ts
 * // square_worker.ts, beside this program, is the worker:
 * //   import { serveTasks } from "./effects/workers/mod.ts";
 * //   serveTasks<null, number, number>(() => (x) => x * x);
 * const tasks = [1, 2, 3];
 * const out: number[] = [];
 * await runPool<null, number, number>({
 *   url: new URL("./square_worker.ts", import.meta.url).href,
 *   label: "square worker",
 *   init: null,
 *   workers: 2,
 *   next: () => tasks.shift(),
 *   onResult: (task, result) => (out[task - 1] = result),
 * });
 * ```
 * @module
 */

/** What the pool sends: the shared data once, then tasks. */
export type PoolMessage<Init, Task> =
  | { readonly kind: "init"; readonly init: Init }
  | { readonly kind: "task"; readonly id: number; readonly task: Task };

/** What a worker answers to a task (progress reports first, if any). */
export type PoolReply<Result> =
  | { readonly id: number; readonly result: Result }
  | { readonly id: number; readonly error: string }
  | { readonly id: number; readonly progress: number };

/** A job for the pool. */
export interface PoolJob<Init, Task, Result> {
  /** The worker module's URL (it calls `serveTasks`). */
  readonly url: string;
  /** Names the workers in error messages ("MI worker: ..."). */
  readonly label: string;
  /** Sent once to every worker before its first task. */
  readonly init: Init;
  /** How many workers to start. */
  readonly workers: number;
  /** The next task, or undefined when there is nothing (more) to run now. */
  next(): Task | undefined;
  /** Each result with its task, in the order they finish. */
  onResult(task: Task, result: Result): void;
}

/** Runs a job to the end: resolves when no task is running and `next` has none. */
export function runPool<Init, Task, Result>(job: PoolJob<Init, Task, Result>): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const running = new Map<number, Task>();
    let nextId = 0, settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const idle: Worker[] = [];
    const feed = () => {
      while (idle.length > 0) {
        const task = job.next();
        if (task === undefined) break;
        const id = nextId++;
        running.set(id, task);
        const message: PoolMessage<Init, Task> = { kind: "task", id, task };
        idle.pop()!.postMessage(message);
      }
      if (running.size === 0) finish();
    };
    const start = () => {
      const w = new Worker(job.url, { type: "module" });
      w.onmessage = (e: MessageEvent<PoolReply<Result>>) => {
        const reply = e.data;
        if (settled || "progress" in reply) return;
        if ("error" in reply) return finish(new Error(`${job.label}: ${reply.error}`));
        const task = running.get(reply.id)!;
        running.delete(reply.id);
        try {
          job.onResult(task, reply.result);
        } catch (err) {
          return finish(err as Error);
        }
        idle.push(w);
        feed();
      };
      w.onerror = (e) => {
        e.preventDefault();
        finish(new Error(`${job.label}: ${e.message}`));
      };
      const message: PoolMessage<Init, Task> = { kind: "init", init: job.init };
      w.postMessage(message);
      return w;
    };
    try {
      for (let i = 0; i < Math.max(1, job.workers); i++) {
        const w = start();
        workers.push(w);
        idle.push(w);
      }
      feed();
    } catch (err) {
      finish(err as Error);
    }
  });
}

/** A worker of its own, keeping its state between tasks (one learner, one environment). */
export interface DedicatedWorker<Task, Result> {
  /** Runs a task; `onProgress` receives what the task reports as it goes. */
  run(task: Task, onProgress?: (units: number) => void): Promise<Result>;
  terminate(): void;
}

/** Starts a worker module (it calls `serveTasks`) and sends it `init`. */
export function dedicatedWorker<Init, Task, Result>(
  url: string,
  label: string,
  init: Init,
): DedicatedWorker<Task, Result> {
  const w = new Worker(url, { type: "module" });
  const waiting = new Map<
    number,
    { resolve: (r: Result) => void; reject: (e: Error) => void; progress?: (n: number) => void }
  >();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const p of waiting.values()) p.reject(error);
    waiting.clear();
  };
  w.onmessage = (e: MessageEvent<PoolReply<Result>>) => {
    const reply = e.data;
    const pending = waiting.get(reply.id);
    if (pending === undefined) return;
    if ("progress" in reply) return pending.progress?.(reply.progress);
    waiting.delete(reply.id);
    if ("error" in reply) pending.reject(new Error(`${label}: ${reply.error}`));
    else pending.resolve(reply.result);
  };
  w.onerror = (e) => {
    e.preventDefault();
    failAll(new Error(`${label}: ${e.message}`));
  };
  const hello: PoolMessage<Init, Task> = { kind: "init", init };
  w.postMessage(hello);
  return {
    run(task, onProgress) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject, progress: onProgress });
        const message: PoolMessage<Init, Task> = { kind: "task", id, task };
        w.postMessage(message);
      });
    },
    terminate() {
      failAll(new Error(`${label}: terminated`));
      w.terminate();
    },
  };
}
