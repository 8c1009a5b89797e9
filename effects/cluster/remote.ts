/**
 * The grid decomposition's data collection as a job over Redis (`../redis/jobs.ts`), so a long
 * collection spreads over machines: one task per (substation, episode), id
 * `<substation>:<episode>`, its result the episode's rows as float64 bytes. The coordinator
 * adds each substation's episodes in order, `lookahead` ahead of the first one not yet in,
 * until the episodes in from the first on hold its budget: the rows are then the first
 * `samples` of those, as in a local collection, whatever the workers played beyond.
 *
 * @module
 */
import * as t from "io-ts";
import type { TopologyRows } from "../../core/agents/mod.ts";
import { InputError } from "../errors.ts";
import { NonNegInt } from "../io/mod.ts";
import { coordinateJob, type JobKind, modulePlayers, type Redis } from "../redis/mod.ts";
import { type CollectInit, collectionRunner } from "./collect_runner.ts";
import { type Collector, firstRowsOf } from "./grid_collect.ts";

/** One substation's episode. */
interface CollectJobTask {
  readonly sub: number;
  readonly episode: number;
}

/** The fields before the rows: rows, steps, game over (0 or 1), row width. */
const HEADER = 4;

/** The rows as float64s: the header, then rho, rho(t+1) and the action codes. */
function encodeRows(r: TopologyRows): Uint8Array {
  const width = r.rows === 0 ? 0 : r.rho.length / r.rows;
  const out = new Float64Array(HEADER + r.rows * (2 * width + 1));
  out.set([r.rows, r.steps, r.gameOver ? 1 : 0, width]);
  out.set(r.rho, HEADER);
  out.set(r.rhoNext, HEADER + r.rows * width);
  out.set(r.code, HEADER + 2 * r.rows * width);
  return new Uint8Array(out.buffer);
}

function decodeRows(bytes: Uint8Array, source: string): TopologyRows {
  const all = bytes.byteLength % 8 === 0 && bytes.byteLength >= 8 * HEADER
    ? new Float64Array(bytes.slice().buffer)
    : new Float64Array();
  const [rows, steps, gameOver, width] = all;
  const whole = Number.isSafeInteger(rows) && Number.isSafeInteger(steps) &&
    Number.isSafeInteger(width) && rows >= 0 && steps >= rows && (gameOver === 0 ||
      gameOver === 1) &&
    all.length === HEADER + rows * (2 * width + 1);
  if (!whole) throw new InputError(`${source}: not the rows of an episode`);
  const at = (k: number) => HEADER + k * rows * width;
  return {
    rows,
    steps,
    gameOver: gameOver === 1,
    rho: all.slice(at(0), at(1)),
    rhoNext: all.slice(at(1), at(2)),
    code: all.slice(at(2)),
  };
}

/** The collection's episodes as a kind of job. */
export const collectJob: JobKind<CollectInit, CollectJobTask, TopologyRows> = {
  name: "collect",
  taskId: (task) => `${task.sub}:${task.episode}`,
  task: t.type({ sub: NonNegInt, episode: NonNegInt }),
  encode: encodeRows,
  decode: decodeRows,
  async players(init, workers) {
    const players = await modulePlayers(
      new URL("./grid_worker.ts", import.meta.url).href,
      "collector worker",
      collectionRunner,
      init,
      workers,
    );
    return players.map((p) => ({
      run: async ({ sub, episode }) => (await p.run({ episode, subs: [sub] }))[0],
      close: () => p.close(),
    }));
  },
  describe: (task, r) =>
    `(substation ${task.sub}, episode ${task.episode}): ${r.rows} rows` +
    (r.gameOver ? ", game over" : ""),
};

/** How many episodes past the first missing one a substation's tasks reach. */
export const DEFAULT_LOOKAHEAD = 16;

/**
 * A collector over Redis, job `job` (a job started again reuses the episodes already played);
 * `options.workers` is unused (the workers are elsewhere).
 */
export function collectOverRedis(
  redis: Redis,
  job: string,
  lookahead = DEFAULT_LOOKAHEAD,
): Collector {
  return async (options) => {
    const { subs, episodes, samples } = options;
    const played = subs.map(() => [] as TopologyRows[]);
    const added = subs.map(() => 0);
    const slot = new Map(subs.map((s, i) => [s, i]));
    const episodesSeen = new Set<number>(); // progress counts episode numbers, as locally
    /** The episodes in from the first on, and their rows. */
    const prefix = (i: number) => {
      let n = 0, rows = 0;
      while (played[i][n] !== undefined) rows += played[i][n++].rows;
      return { n, rows };
    };
    const complete = (i: number) => {
      const p = prefix(i);
      return p.rows >= samples || p.n === episodes;
    };
    await coordinateJob(
      redis,
      collectJob,
      job,
      { env: options.env, load: options.load, seed: options.seed },
      {
        next: () =>
          subs.flatMap((sub, i) => {
            if (complete(i)) return [];
            const to = Math.min(episodes, prefix(i).n + lookahead);
            const from = added[i];
            added[i] = Math.max(from, to);
            return Array.from(
              { length: Math.max(0, to - from) },
              (_, k) => ({ sub, episode: from + k }),
            );
          }),
        onResult: (task, rows) => {
          played[slot.get(task.sub)!][task.episode] = rows;
          if (!episodesSeen.has(task.episode)) {
            episodesSeen.add(task.episode);
            options.onEpisode?.();
          }
        },
        done: () => subs.every((_, i) => complete(i)),
      },
    );
    return subs.map((sub, i) => firstRowsOf(sub, played[i].slice(0, prefix(i).n), samples));
  };
}
