/**
 * `deno task evaluate`'s episodes as jobs over Redis, so a long evaluation spreads over
 * machines. Job `<id>` (the run folder's name) keeps, under `gridfold:evaluate:<id>:`:
 *
 * - `job`: what every episode needs (`EvaluateInit`) and the number of tasks (JSON);
 * - `tasks`: a stream of task specs (`agent`, `scenario`), each appended once (marker
 *   `tasks:added:<task>`), read by the consumer group `workers`;
 * - `results`: a hash, one field per task (`<agent>:<scenario>`) set only if absent (`HSETNX`),
 *   so a task played twice (a worker thought dead, a coordinator started again on the same job)
 *   counts once and a job started again reuses what was played.
 *
 * Workers (`runEvaluationWorker`) take tasks with `XREADGROUP`, acknowledge them once their
 * result is stored, and take over tasks left pending on a worker silent for `reclaimSeconds`
 * (`XAUTOCLAIM`): a worker killed mid-episode loses that episode's work, not the episode.
 *
 * @module
 */
import * as t from "io-ts";
import { InputError } from "../cli.ts";
import { closed, decode, NonNegInt } from "../io/codec.ts";
import { awaitKey, type Redis } from "../redis/client.ts";
import { dedicatedWorker } from "../workers/pool.ts";
import {
  type EvaluateInit,
  type EvaluateResult,
  type EvaluateTask,
  evaluationRunner,
} from "./runner.ts";

/** The keys of job `job`. */
export function jobKeys(job: string) {
  const p = `gridfold:evaluate:${job}:`;
  return {
    job: `${p}job`,
    tasks: `${p}tasks`,
    added: (task: string) => `${p}tasks:added:${task}`,
    results: `${p}results`,
  };
}

/** The workers' consumer group on the task stream. */
export const workersGroup = "workers";

const taskId = (t: EvaluateTask) => `${t.agent}:${t.scenario}`;

const JobCodec = closed({ init: t.unknown, tasks: NonNegInt });

const Numbers = t.array(t.number);
const ResultCodec = t.type({
  agent: t.string,
  scenario: NonNegInt,
  decisionMs: Numbers,
  riskyMs: Numbers,
  played: Numbers,
  trace: t.union([t.string, t.null]),
});

/** A result as JSON (typed arrays as lists: JSON keeps every float64 exactly). */
const encodeResult = (r: EvaluateResult): string =>
  JSON.stringify({
    ...r,
    decisionMs: Array.from(r.decisionMs),
    riskyMs: Array.from(r.riskyMs),
    played: Array.from(r.played),
  });

function decodeResult(bytes: Uint8Array, source: string): EvaluateResult {
  const raw = JSON.parse(new TextDecoder().decode(bytes));
  const r = decode(ResultCodec, raw, source);
  return {
    ...raw,
    decisionMs: Float64Array.from(r.decisionMs),
    riskyMs: Float64Array.from(r.riskyMs),
    played: Int32Array.from(r.played),
  } as EvaluateResult;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How often the coordinator looks at the results, and workers for their job. */
const pollMs = 250;

/**
 * The coordinator: publishes job `job` (once: a job started again keeps its tasks and
 * results), then waits for every task's result and hands each to `onResult`. Results are
 * stored by task, so they do not depend on which worker played what.
 */
export async function evaluateOverRedis(
  redis: Redis,
  job: string,
  init: EvaluateInit,
  tasks: readonly EvaluateTask[],
  onResult: (task: EvaluateTask, result: EvaluateResult) => void,
): Promise<void> {
  const keys = jobKeys(job);
  const spec = JSON.stringify({ init, tasks: tasks.length });
  if (!await redis.setIfAbsent(keys.job, spec) && await redis.get(keys.job) !== spec) {
    throw new InputError(`Redis ${redis.address}: job ${job} exists with other settings`);
  }
  await redis.ensureGroup(keys.tasks, workersGroup);
  for (const task of tasks) {
    const id = taskId(task);
    await redis.appendOnce(keys.tasks, keys.added(id), { task: id });
  }
  const byId = new Map(tasks.map((task) => [taskId(task), task]));
  const seen = new Set<string>();
  while (seen.size < tasks.length) {
    for (const id of await redis.hKeys(keys.results)) {
      const task = byId.get(id);
      if (task === undefined || seen.has(id)) continue;
      const bytes = await redis.hGet(keys.results, id);
      if (bytes === null) continue;
      seen.add(id);
      onResult(task, decodeResult(bytes, `Redis ${redis.address}: job ${job}: result ${id}`));
    }
    if (seen.size < tasks.length) await sleep(pollMs);
  }
}

/** What a worker works for. */
export interface WorkerOptions {
  readonly redis: Redis;
  readonly job: string;
  /** Web Workers playing episodes (0: the main thread). */
  readonly workers: number;
  /** Seconds a task may stay pending on a silent worker before another takes it. */
  readonly reclaimSeconds: number;
  /** The worker's name (its consumer name in the group). */
  readonly name: string;
  /** One line per episode. */
  readonly log: (line: string) => void;
}

/** Plays job `job`'s tasks until every one has a result; returns the number it stored. */
export async function runEvaluationWorker(o: WorkerOptions): Promise<number> {
  const { redis, job } = o;
  const keys = jobKeys(job);
  const source = `Redis ${redis.address}: job ${job}`;
  const text = await awaitKey(
    redis,
    keys.job,
    () => o.log(`${source}: waiting for its deno task evaluate --redis to start`),
  );
  const spec = decode(JobCodec, JSON.parse(text), source);
  const init = spec.init as EvaluateInit;
  const url = new URL("./worker.ts", import.meta.url).href;
  const players = o.workers === 0 ? [await inThread(init)] : Array.from(
    { length: o.workers },
    () => {
      const w = dedicatedWorker<EvaluateInit, EvaluateTask, EvaluateResult>(
        url,
        "evaluation worker",
        init,
      );
      return { run: (task: EvaluateTask) => w.run(task), close: () => w.terminate() };
    },
  );
  let stored = 0;

  /** The next task: one left on a silent worker first, else a new one (waiting a second). */
  async function next(consumer: string) {
    const [stale] = await redis.claimIdle(
      keys.tasks,
      workersGroup,
      consumer,
      o.reclaimSeconds * 1000,
      1,
    );
    if (stale !== undefined) return stale;
    const [fresh] = await redis.readGroup(keys.tasks, workersGroup, consumer, ">", {
      count: 1,
      blockMs: 1000,
    });
    return fresh;
  }

  async function loop(player: Player, k: number) {
    const consumer = `${o.name}-${k}`;
    while (await redis.hLen(keys.results) < spec.tasks) {
      const entry = await next(consumer);
      if (entry === undefined) continue;
      const id = new TextDecoder().decode(entry.fields.task ?? new Uint8Array());
      const [agent, scenario] = id.split(":").map(Number);
      if (!/^\d+:\d+$/.test(id)) o.log(`skipped malformed task entry ${entry.id}`);
      else if (!(await redis.hExists(keys.results, id))) {
        const t0 = performance.now();
        const result = await player.run({ agent, scenario });
        if (await redis.hSetIfAbsent(keys.results, id, encodeResult(result))) stored++;
        o.log(
          `task ${id} (${result.agent}, scenario ${scenario}): ` +
            `${result.survived}/${result.maxSteps} steps, ${
              (performance.now() - t0).toFixed(0)
            } ms`,
        );
      }
      await redis.ack(keys.tasks, workersGroup, [entry.id]);
    }
  }

  try {
    await Promise.all(players.map(loop));
  } finally {
    for (const p of players) p.close();
  }
  return stored;
}

/** Something that plays tasks. */
interface Player {
  run(task: EvaluateTask): Promise<EvaluateResult>;
  close(): void;
}

/** The episode player in the main thread. */
async function inThread(init: EvaluateInit): Promise<Player> {
  const play = await evaluationRunner(init);
  return { run: (task) => Promise.resolve(play(task)), close() {} };
}
