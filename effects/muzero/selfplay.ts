/**
 * Self-play in parallel: a pool of workers (`selfplay_worker.ts`), each with its own copy of
 * the environment, plays a round's episodes on the weights of the round, sent as a transferred
 * ArrayBuffer per worker. Job k goes to worker k mod W and the episodes come back in job order;
 * each episode's draws come from its own seed, so the episodes do not depend on the number of
 * workers. With 0 workers the episodes are played in the main thread (same results).
 *
 * @example
 * ```ts
 * const pool = await createSelfPlay(2, envSpec, shape);
 * const episodes = await pool.play(packedWeights, options, jobs);
 * pool.close();
 * ```
 * @module
 */
import type { Episode } from "../../core/muzero/episode.ts";
import { muzeroModel } from "../../core/muzero/model.ts";
import { muzeroLayout, muzeroNets, type MuZeroShape } from "../../core/muzero/networks.ts";
import { type PlayJob, playJobs, type PlayOptions } from "../../core/muzero/selfplay.ts";
import { unpackParams } from "../../core/nn/params.ts";
import { type EnvSpec, makeEnv } from "../envs.ts";

/** Messages to a worker. */
export type WorkerRequest =
  | { kind: "init"; env: EnvSpec; shape: MuZeroShape }
  | { kind: "play"; weights: ArrayBuffer; options: PlayOptions; jobs: PlayJob[] };

/** Messages from a worker. */
export type WorkerReply =
  | { kind: "ready" }
  | { kind: "episodes"; episodes: Episode[] }
  | { kind: "error"; message: string };

/** Plays episodes on given weights. */
export interface SelfPlay {
  /** Number of workers (0: the main thread). */
  readonly workers: number;
  /** The jobs' episodes, in job order. `weights` is the packed parameter record. */
  play(weights: Float32Array, options: PlayOptions, jobs: readonly PlayJob[]): Promise<Episode[]>;
  close(): void;
}

/** The next reply of a worker (rejecting on a worker error). */
function reply(w: Worker): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      if (e.data.kind === "error") reject(new Error(`self-play worker: ${e.data.message}`));
      else resolve(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`self-play worker: ${e.message}`));
    };
  });
}

/** A pool of `workers` self-play workers for one environment and network shape. */
export async function createSelfPlay(
  workers: number,
  env: EnvSpec,
  shape: MuZeroShape,
): Promise<SelfPlay> {
  const nets = muzeroNets(shape);
  const layout = muzeroLayout(nets);
  if (workers === 0) {
    const local = await makeEnv(env);
    return {
      workers,
      play: (weights, options, jobs) =>
        Promise.resolve(
          playJobs(local, muzeroModel(nets, unpackParams(layout, weights)), options, jobs),
        ),
      close() {},
    };
  }
  const pool = Array.from(
    { length: workers },
    () => new Worker(new URL("./selfplay_worker.ts", import.meta.url).href, { type: "module" }),
  );
  try {
    await Promise.all(pool.map((w) => {
      const ready = reply(w);
      w.postMessage({ kind: "init", env, shape } satisfies WorkerRequest);
      return ready;
    }));
  } catch (e) {
    pool.forEach((w) => w.terminate());
    throw e;
  }
  return {
    workers,
    async play(weights, options, jobs) {
      const shares = pool.map((_, k) => jobs.filter((_, i) => i % workers === k));
      const results = await Promise.all(pool.map((w, k) => {
        if (shares[k].length === 0) return Promise.resolve([] as Episode[]);
        const done = reply(w);
        const copy = weights.slice().buffer;
        w.postMessage(
          { kind: "play", weights: copy, options, jobs: shares[k] } satisfies WorkerRequest,
          [copy],
        );
        return done.then((r) => (r.kind === "episodes" ? r.episodes : []));
      }));
      return jobs.map((_, i) => results[i % workers][Math.floor(i / workers)]);
    },
    close() {
      pool.forEach((w) => w.terminate());
    },
  };
}
