/**
 * What plays MuZero's self-play episodes, wherever they run (a Web Worker, selfplay_worker.ts,
 * or the main thread, selfplay.ts): the environment and the networks built once, then episodes
 * on the weights each task brings.
 *
 * @module
 */
import type { Episode } from "../../core/muzero/episode.ts";
import { muzeroModel } from "../../core/muzero/model.ts";
import { muzeroLayout, muzeroNets, type MuZeroShape } from "../../core/muzero/networks.ts";
import { type PlayJob, playJobs, type PlayOptions } from "../../core/muzero/selfplay.ts";
import { unpackParams } from "../../core/nn/params.ts";
import { type EnvSpec, makeEnv } from "../env_registry.ts";
import type { Runner } from "../workers/serve.ts";

/** What a self-play worker is built from. */
export interface SelfPlayInit {
  readonly env: EnvSpec;
  readonly shape: MuZeroShape;
}

/** One call's work: the packed weights and the episodes to play with them. */
export interface SelfPlayTask {
  readonly weights: Float32Array;
  readonly options: PlayOptions;
  readonly jobs: readonly PlayJob[];
}

/** The runner of a worker (and of the main thread): the environment built once, then tasks. */
export async function selfPlayRunner(
  init: SelfPlayInit,
): Promise<Runner<SelfPlayTask, Episode[]>> {
  const env = await makeEnv(init.env);
  const nets = muzeroNets(init.shape);
  const layout = muzeroLayout(nets);
  return ({ weights, options, jobs }) =>
    playJobs(env, muzeroModel(nets, unpackParams(layout, weights)), options, jobs);
}
