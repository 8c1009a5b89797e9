/**
 * What plays MuZero's self-play episodes, wherever they run (a Web Worker, selfplay_worker.ts,
 * or the main thread, selfplay.ts): the environment and the networks built once, then episodes
 * on the weights each task brings.
 *
 * @module
 */
import {
  type Episode,
  muzeroLayout,
  muzeroModel,
  muzeroNets,
  type MuZeroShape,
  type PlayJob,
  playJobs,
  type PlayOptions,
} from "../../core/muzero/mod.ts";
import { unpackParams } from "../../core/nn/mod.ts";
import { type EnvSpec, makeEnv } from "../env_registry.ts";
import type { Runner } from "../workers/mod.ts";

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
