/**
 * Jobs over Redis, so a long evaluation or data collection spreads over machines: a coordinator
 * publishes a job and its tasks, workers anywhere (`deno task worker`) play the tasks and store
 * each result once. Job `<id>` (the coordinator's run folder name) keeps, under
 * `gridfold:job:<id>:`:
 *
 * - `job`: the job's kind and what every task needs (JSON), set once: a coordinator started
 *   again on the job with other settings is refused;
 * - `tasks`: a stream of tasks (JSON), each appended once (marker `tasks:added:<task id>`),
 *   read by the consumer group `workers`;
 * - `results`: a hash, one field per task id, set only if absent (`HSETNX`), so a task played
 *   twice (a worker thought dead, a coordinator started again) counts once and a job started
 *   again reuses what was played;
 * - `finished`: a stream of the ids of the tasks with a result, each appended once (marker
 *   `finished:added:<task id>`), which the coordinator reads on from where it was;
 * - `done`: set by the coordinator once it has every result it needs; workers then stop.
 *
 * Workers take tasks with `XREADGROUP`, acknowledge them once their result is stored and
 * announced, and take over tasks left pending on a worker silent for `reclaimSeconds`
 * (`XAUTOCLAIM`): a worker killed mid-task loses that task's work, not the task.
 *
 * @module
 */
import * as t from "io-ts";
import { InputError } from "../errors.ts";
import { closed, decode } from "../io/mod.ts";
import { dedicatedWorker } from "../workers/mod.ts";
import { awaitKey, type FieldValue, type Redis, sleep } from "./client.ts";

/** The keys of job `job`. */
export function jobKeys(job: string) {
  const p = `gridfold:job:${job}:`;
  return {
    job: `${p}job`,
    tasks: `${p}tasks`,
    added: (task: string) => `${p}tasks:added:${task}`,
    results: `${p}results`,
    finished: `${p}finished`,
    finishedAdded: (task: string) => `${p}finished:added:${task}`,
    done: `${p}done`,
  };
}

/** The workers' consumer group on a job's task stream. */
export const workersGroup = "workers";

/** Something that plays tasks (Web Workers or the main thread). */
export interface Player<Task, Result> {
  run(task: Task): Promise<Result>;
  close(): void;
}

/** What a kind of job is made of, on both sides. */
export interface JobKind<Init, Task, Result> {
  /** The kind's name in the job's spec ("evaluate", "collect"). */
  readonly name: string;
  /** A task's id: equal ids are the same task. */
  taskId(task: Task): string;
  /** Checks a task read from the stream. */
  readonly task: t.Type<Task, unknown, unknown>;
  encode(result: Result): FieldValue;
  /** The stored result (an InputError naming `source` when it is not one). */
  decode(bytes: Uint8Array, source: string): Result;
  /** `workers` players in Web Workers, or one in the main thread when `workers` is 0. */
  players(init: Init, workers: number): Promise<Player<Task, Result>[]>;
  /** A worker's line for a played task. */
  describe(task: Task, result: Result): string;
}

/**
 * Players of a worker module (it calls `serveTasks` with `runner`): `workers` Web Workers, or
 * `runner` in the main thread when `workers` is 0.
 */
export async function modulePlayers<Init, Task, Result>(
  url: string,
  label: string,
  runner: (init: Init) => Promise<(task: Task) => Result>,
  init: Init,
  workers: number,
): Promise<Player<Task, Result>[]> {
  if (workers === 0) {
    const play = await runner(init);
    return [{ run: (task) => Promise.resolve(play(task)), close() {} }];
  }
  return Array.from({ length: workers }, () => {
    const w = dedicatedWorker<Init, Task, Result>(url, label, init);
    return { run: (task: Task) => w.run(task), close: () => w.terminate() };
  });
}

/** What a coordinator asks for: tasks it can add as results come, like `runPool`'s job. */
export interface JobPlan<Task, Result> {
  /** Tasks to add now (adding one twice is harmless). */
  next(): readonly Task[];
  /** Each result, once, with its task. */
  onResult(task: Task, result: Result): void;
  /** True once every result needed is in. */
  done(): boolean;
}

const SpecCodec = closed({ kind: t.string, init: t.unknown });

/** How often a coordinator looks at the results. */
const pollMs = 250;

/**
 * The coordinator: publishes job `job` (once), adds the plan's tasks, hands it each stored
 * result until it is done, then marks the job done. Results are stored by task, so they do not
 * depend on which worker played what.
 */
export async function coordinateJob<Init, Task, Result>(
  redis: Redis,
  kind: JobKind<Init, Task, Result>,
  job: string,
  init: Init,
  plan: JobPlan<Task, Result>,
): Promise<void> {
  const keys = jobKeys(job);
  const spec = JSON.stringify({ kind: kind.name, init });
  if (!await redis.setIfAbsent(keys.job, spec) && await redis.get(keys.job) !== spec) {
    throw new InputError(`Redis ${redis.address}: job ${job} exists with other settings`);
  }
  await redis.ensureGroup(keys.tasks, workersGroup);
  const added = new Map<string, Task>();
  const seen = new Set<string>();
  let after = "-";
  for (;;) {
    const ready: string[] = [];
    for (const task of plan.next()) {
      const id = kind.taskId(task);
      if (added.has(id)) continue;
      await redis.appendOnce(keys.tasks, keys.added(id), { task: JSON.stringify(task) });
      added.set(id, task);
      // Played for an earlier coordinator, perhaps before this one read past it in `finished`.
      if (await redis.hExists(keys.results, id)) ready.push(id);
    }
    const entries = await redis.range(keys.finished, after, 1000);
    if (entries.length > 0) after = `(${entries[entries.length - 1].id}`;
    ready.push(...entries.map((e) => new TextDecoder().decode(e.fields.task)));
    let fresh = 0;
    for (const id of ready) {
      const task = added.get(id);
      if (task === undefined || seen.has(id)) continue;
      const bytes = await redis.hGet(keys.results, id);
      if (bytes === null) continue;
      seen.add(id);
      fresh++;
      plan.onResult(task, kind.decode(bytes, `Redis ${redis.address}: job ${job}: result ${id}`));
    }
    if (plan.done()) break;
    if (fresh === 0) await sleep(pollMs);
  }
  await redis.set(keys.done, "1");
}

/** What a worker works for. */
export interface WorkerOptions {
  readonly redis: Redis;
  readonly job: string;
  /** Web Workers playing tasks (0: the main thread). */
  readonly workers: number;
  /** Seconds a task may stay pending on a silent worker before another takes it. */
  readonly reclaimSeconds: number;
  /** The worker's name (its consumer name in the group). */
  readonly name: string;
  /** One line per task. */
  readonly log: (line: string) => void;
}

/**
 * Plays job `job`'s tasks with the kind its spec names (one of `kinds`) until the job is done;
 * returns the number of results it stored.
 */
export async function workOnJob(
  // deno-lint-ignore no-explicit-any
  kinds: readonly JobKind<any, any, any>[],
  o: WorkerOptions,
): Promise<number> {
  const { redis, job } = o;
  const keys = jobKeys(job);
  const source = `Redis ${redis.address}: job ${job}`;
  const text = await awaitKey(
    redis,
    keys.job,
    () => o.log(`${source}: waiting for its coordinator to start`),
  );
  const spec = decode(SpecCodec, JSON.parse(text), source);
  const found = kinds.find((k) => k.name === spec.kind);
  if (found === undefined) throw new InputError(`${source}: unknown kind of job "${spec.kind}"`);
  const kind: JobKind<unknown, unknown, unknown> = found;
  const players = await kind.players(spec.init, o.workers);
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

  async function loop(player: Player<unknown, unknown>, k: number) {
    const consumer = `${o.name}-${k}`;
    while (await redis.get(keys.done) === null) {
      const entry = await next(consumer);
      if (entry === undefined) continue;
      const task = decodeTask(kind, entry.fields.task);
      if (task === null) o.log(`skipped malformed task entry ${entry.id}`);
      else if (!(await redis.hExists(keys.results, kind.taskId(task)))) {
        const t0 = performance.now();
        const result = await player.run(task);
        const ms = performance.now() - t0;
        if (await redis.hSetIfAbsent(keys.results, kind.taskId(task), kind.encode(result))) {
          stored++;
        }
        o.log(`task ${kind.taskId(task)} ${kind.describe(task, result)}, ${ms.toFixed(0)} ms`);
      }
      if (task !== null) {
        // Announced whoever stored it: a worker killed in between leaves it to the next one.
        const id = kind.taskId(task);
        await redis.appendOnce(keys.finished, keys.finishedAdded(id), { task: id });
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

/** A stream entry's task, or null when it is not one. */
function decodeTask<Task>(
  kind: JobKind<unknown, Task, unknown>,
  bytes: Uint8Array | undefined,
): Task | null {
  try {
    return decode(kind.task, JSON.parse(new TextDecoder().decode(bytes)), "task");
  } catch {
    return null;
  }
}
