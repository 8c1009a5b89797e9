/**
 * A Web Worker of `deno task evaluate` (`serveTasks`): builds the episode player of
 * `runner.ts` once, then plays the episodes it is sent and moves their decision times back.
 *
 * @module
 */
import { serveTasks } from "../workers/mod.ts";
import {
  type EvaluateInit,
  type EvaluateResult,
  type EvaluateTask,
  evaluationRunner,
} from "./runner.ts";

serveTasks<EvaluateInit, EvaluateTask, EvaluateResult>(
  evaluationRunner,
  (r) => [r.decisionMs, r.riskyMs, r.played].map((a) => a.buffer as ArrayBuffer),
);
