/**
 * `deno task evaluate`'s episodes as jobs over Redis (`../redis/jobs.ts`), so a long evaluation
 * spreads over machines: one task per (agent, scenario), id `<agent>:<scenario>`, its result
 * the episode's as JSON (typed arrays as lists: JSON keeps every float64 exactly).
 *
 * @module
 */
import * as t from "io-ts";
import { closed, decode, NonNegInt, parseJson } from "../io/mod.ts";
import { coordinateJob, type JobKind, modulePlayers, type Redis } from "../redis/mod.ts";
import {
  type EvaluateInit,
  type EvaluateResult,
  type EvaluateTask,
  evaluationRunner,
} from "./runner.ts";

const Numbers = t.array(t.number);
/** Every field of a result, so a corrupt one is refused rather than scored. */
const ResultCodec = closed({
  agent: t.string,
  scenario: NonNegInt,
  scenarioId: t.string,
  maxSteps: NonNegInt,
  survived: NonNegInt,
  completed: t.boolean,
  safeSteps: NonNegInt,
  gameOver: t.union([t.string, t.null]),
  actions: NonNegInt,
  illegal: NonNegInt,
  simulations: NonNegInt,
  simulatingDecisions: NonNegInt,
  decisionMs: Numbers,
  riskyMs: Numbers,
  cost: closed({
    steps: NonNegInt,
    survived: NonNegInt,
    lossEnergy: t.number,
    servedEnergy: t.number,
    totalEnergy: t.number,
    blackoutCostFactor: t.number,
    cost: t.number,
  }),
  played: t.array(t.Int),
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
    const r = decode(ResultCodec, parseJson(new TextDecoder().decode(bytes), source), source);
    return {
      ...r,
      decisionMs: Float64Array.from(r.decisionMs),
      riskyMs: Float64Array.from(r.riskyMs),
      played: Int32Array.from(r.played),
    };
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
    next() {
      if (added) return [];
      added = true;
      return tasks;
    },
    onResult(task, result) {
      seen++;
      onResult(task, result);
    },
    done: () => seen === tasks.length,
  });
}
