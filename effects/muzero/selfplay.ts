/**
 * Self-play in parallel: a pool of workers (`selfplay_worker.ts`, each a `dedicatedWorker` of
 * `effects/workers/pool.ts` keeping its own copy of the environment) plays a round's episodes
 * on the weights of the round, sent as a packed Float32Array to each worker. Job k goes to
 * worker k mod W and the episodes come back in job order; each episode's draws come from its
 * own seed, so the episodes do not depend on the number of workers. With 0 workers the same
 * runner plays the episodes in the main thread (same results).
 *
 * @example
 * ```ts
 * import { muzeroLayout, muzeroNets, playOptions } from "../../core/muzero/mod.ts";
 * import { packParams } from "../../core/nn/mod.ts";
 * import { makeEnv } from "../mod.ts";
 * import { defaultRunConfig, initialParams, roundJobs, shapeOf } from "./mod.ts";
 *
 * const config = defaultRunConfig(); // case14
 * const shape = shapeOf(config.muzero, await makeEnv(config.env));
 * const nets = muzeroNets(shape);
 * const weights = packParams(muzeroLayout(nets), initialParams(config, nets));
 * const pool = await createSelfPlay(2, config.env, shape);
 * const options = playOptions(config.muzero, 1, true);
 * const episodes = await pool.play(weights, options, roundJobs(config, 0)); // round 0's episodes
 * pool.close();
 * ```
 * @module
 */
import type { Episode, MuZeroShape, PlayJob, PlayOptions } from "../../core/muzero/mod.ts";
import type { EnvSpec } from "../env_registry.ts";
import { dedicatedWorker } from "../workers/mod.ts";
import { type SelfPlayInit, selfPlayRunner, type SelfPlayTask } from "./selfplay_runner.ts";

/** Plays episodes on given weights. */
export interface SelfPlay {
  /** Number of workers (0: the main thread). */
  readonly workers: number;
  /** The jobs' episodes, in job order. `weights` is the packed parameter record. */
  play(weights: Float32Array, options: PlayOptions, jobs: readonly PlayJob[]): Promise<Episode[]>;
  close(): void;
}

/** A pool of `workers` self-play workers for one environment and network shape. */
export async function createSelfPlay(
  workers: number,
  env: EnvSpec,
  shape: MuZeroShape,
): Promise<SelfPlay> {
  const init: SelfPlayInit = { env, shape };
  if (workers === 0) {
    const run = await selfPlayRunner(init);
    return {
      workers,
      play: (weights, options, jobs) => Promise.resolve(run({ weights, options, jobs }, () => {})),
      close() {},
    };
  }
  const url = new URL("./selfplay_worker.ts", import.meta.url).href;
  const pool = Array.from(
    { length: workers },
    () => dedicatedWorker<SelfPlayInit, SelfPlayTask, Episode[]>(url, "self-play worker", init),
  );
  return {
    workers,
    async play(weights, options, jobs) {
      const results = await Promise.all(pool.map((w, k) => {
        const share = jobs.filter((_, i) => i % workers === k);
        return share.length === 0 ? [] : w.run({ weights, options, jobs: share });
      }));
      return jobs.map((_, i) => results[i % workers][Math.floor(i / workers)]);
    },
    close() {
      pool.forEach((w) => w.terminate());
    },
  };
}
