/**
 * One self-play (or evaluation) episode: at each step the root is the initial inference of the
 * current observation, the search runs with Dirichlet noise mixed into the root's priors (when
 * playing to learn) over the legal actions, and the move is drawn from the visit counts at the
 * round's temperature. Pure: the draws come from a `Gen`, so an episode is a function of
 * (environment, weights, start, options, generator).
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 * import { chainEnv } from "../testbeds/mod.ts";
 * import { initMuZero, muzeroModel, muzeroNets, researchConfig } from "./mod.ts";
 *
 * const env = chainEnv({ length: 5, actions: 3, seed: 1 });
 * const { observationSize, numActions } = env;
 * const nets = muzeroNets({ ...researchConfig, observationSize, numActions });
 * const [params, gen0] = initMuZero(nets, genFromSeed(1));
 * const [episode, gen1] = playEpisode(env, muzeroModel(nets, params), 0, {
 *   search: researchConfig, temperature: 1, visitPolicy: "softmax", maxLength: 100, noise: true,
 * }, gen0);
 * ```
 * @module
 */
import type { DiscreteEnv } from "../env.ts";
import { dirichlet, type Gen, genFromSeed, uniform } from "../random.ts";
import { chooseAction } from "./act.ts";
import type { ActConfig, SearchConfig, VisitPolicy } from "./config.ts";
import { type Episode, EpisodeRecorder } from "./episode.ts";
import type { MuZeroModel } from "./model.ts";
import { search } from "./search.ts";

/** How an episode is played. */
export interface PlayOptions {
  readonly search: SearchConfig;
  /** 0 takes the most visited action. */
  readonly temperature: number;
  readonly visitPolicy: VisitPolicy;
  readonly maxLength: number;
  /** Dirichlet noise at the root: on for self-play, off for evaluation. */
  readonly noise: boolean;
}

/** Self-play options (noise on, `temperature`) or evaluation options (noise off, 0). */
export const playOptions = (
  config: SearchConfig & ActConfig,
  temperature: number,
  noise: boolean,
): PlayOptions => ({
  search: config,
  temperature,
  visitPolicy: config.visitPolicy,
  maxLength: config.maxEpisodeLength,
  noise,
});

/** Plays one episode from `env.reset(start)`. */
export function playEpisode<S>(
  env: DiscreteEnv<S>,
  model: MuZeroModel,
  start: number,
  options: PlayOptions,
  gen: Gen,
): [Episode, Gen] {
  const recorder = new EpisodeRecorder(env.observationSize, env.numActions, start);
  let g = gen;
  let state = env.reset(start);
  for (let t = 0; t < options.maxLength; t++) {
    const observation = env.observe(state);
    const legal = env.legalActions?.(state) ?? null;
    let noise: Float64Array | null = null;
    if (options.noise) {
      let count = env.numActions;
      if (legal !== null) count = legal.reduce((n, x) => n + (x ? 1 : 0), 0);
      [noise, g] = dirichlet(g, options.search.dirichletAlpha, count);
    }
    const result = search(model.initial(observation), model, options.search, { noise, legal });
    let u = 0;
    if (options.temperature > 0) [u, g] = uniform(g);
    const action = chooseAction(result.visits, options.temperature, options.visitPolicy, legal, u);
    const next = env.step(state, action);
    recorder.step(observation, action, next.reward, result.value, result.policy);
    if (next.done) return [recorder.finish(true), g];
    state = next.state;
  }
  return [recorder.finish(false), g];
}

/** One episode to play: the environment's start index and the seed of its draws. */
export interface PlayJob {
  readonly start: number;
  readonly seed: number;
}

/** Plays each job with its own generator (so the result does not depend on who plays it). */
export const playJobs = <S>(
  env: DiscreteEnv<S>,
  model: MuZeroModel,
  options: PlayOptions,
  jobs: readonly PlayJob[],
): Episode[] => jobs.map((j) => playEpisode(env, model, j.start, options, genFromSeed(j.seed))[0]);
