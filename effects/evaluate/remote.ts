/**
 * `deno task evaluate`'s episodes as jobs over Redis (`../redis/jobs.ts`), so a long evaluation
 * spreads over machines: one task per (agent, scenario), id `<agent>:<scenario>`, its result
 * the episode's as JSON (typed arrays as lists: JSON keeps every float64 exactly).
 *
 * @module
 */
import * as t from "io-ts";
import { decode, NonNegInt } from "../io/mod.ts";
import { coordinateJob, type JobKind, modulePlayers, type Redis } from "../redis/mod.ts";
import {
  type EvaluateInit,
  type EvaluateResult,
  type EvaluateTask,
  evaluationRunner,
} from "./runner.ts";

const Numbers = t.array(t.number);
const ResultCodec = t.type({
  agent: t.string,
  scenario: NonNegInt,
  decisionMs: Numbers,
  riskyMs: Numbers,
  played: Numbers,
  trace: t.union([t.string, t.null]),
});

/** An evaluation's episodes as a kind of job. */
export const evaluateJob: JobKind<EvaluateInit, EvaluateTask, EvaluateResult> = {
  name: "evaluate",
  taskId: (task) => `${task.agent}:${task.scenario}`,
  task: t.type({ agent: NonNegInt, scenario: NonNegInt }),
  encode: (r) =>
    JSON.stringify({
      ...r,
      decisionMs: Array.from(r.decisionMs),
      riskyMs: Array.from(r.riskyMs),
      played: Array.from(r.played),
    }),
  decode(bytes, source) {
    const raw = JSON.parse(new TextDecoder().decode(bytes));
    const r = decode(ResultCodec, raw, source);
    return {
      ...raw,
      decisionMs: Float64Array.from(r.decisionMs),
      riskyMs: Float64Array.from(r.riskyMs),
      played: Int32Array.from(r.played),
    } as EvaluateResult;
  },
  players: (init, workers) =>
    modulePlayers(
      new URL("./worker.ts", import.meta.url).href,
      "evaluation worker",
      evaluationRunner,
      init,
      workers,
    ),
  describe: (task, r) =>
    `(${r.agent}, scenario ${task.scenario}): ${r.survived}/${r.maxSteps} steps`,
};

/**
 * The coordinator of job `job` (a job started again keeps its tasks and results): adds every
 * task and hands each result to `onResult`.
 */
export function evaluateOverRedis(
  redis: Redis,
  job: string,
  init: EvaluateInit,
  tasks: readonly EvaluateTask[],
  onResult: (task: EvaluateTask, result: EvaluateResult) => void,
): Promise<void> {
  let added = false, seen = 0;
  return coordinateJob(redis, evaluateJob, job, init, {
    next: () => added ? [] : (added = true, tasks),
    onResult: (task, result) => (seen++, onResult(task, result)),
    done: () => seen === tasks.length,
  });
}
