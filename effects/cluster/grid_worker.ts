/**
 * A Web Worker of the grid data collector (grid_collect.ts, `serveTasks`): builds the episode
 * player of `collect_runner.ts` once, then plays the episodes it is sent and moves their rows
 * back (their buffers moved, not copied).
 *
 * @module
 */
import { serveTasks } from "../workers/mod.ts";
import {
  type CollectInit,
  collectionRunner,
  type CollectResult,
  type CollectTask,
} from "./collect_runner.ts";

serveTasks<CollectInit, CollectTask, CollectResult>(
  collectionRunner,
  (rows) => rows.flatMap((r) => [r.rho, r.rhoNext, r.code].map((a) => a.buffer as ArrayBuffer)),
);
