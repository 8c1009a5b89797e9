/**
 * Web Worker pools: tasks pulled by a pool of workers, dedicated workers with
 * state, and the worker side of both.
 *
 * @module
 */
export { dedicatedWorker, runPool } from "./pool.ts";
export { serveTasks } from "./serve.ts";
export type { Runner } from "./serve.ts";
