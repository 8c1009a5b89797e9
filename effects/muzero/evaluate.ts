/**
 * Evaluation of trained weights and their comparison with agents that do not learn. Episodes
 * run from the environment's starts 0, 1, 2, ... (the same for every agent compared) of the
 * evaluation environment: by default the run's environment with held-out scenarios
 * (`heldOutSpec`: case14's scenarios of seed + 1000, which training never plays), else the
 * run's own. MuZero searches without root noise and takes the most visited action; each episode
 * is reported with its return, length and survival (length / maximum length), with their means.
 *
 * `compareAgents` plays the same episodes with the trained weights, the run's untrained
 * weights (its initialisation), do-nothing and a uniformly random legal agent
 * (`core/baselines.ts`; the random agent's draws seeded by (run seed, start)).
 *
 * @example
 * ```ts
 * import { readCheckpoint } from "./mod.ts";
 *
 * const ckpt = await readCheckpoint("runs/muzero/checkpoint.bin"); // from `deno task muzero`
 * const setup = evalSetup(ckpt.config, { episodes: 20, maxLength: 575 });
 * const table = await compareAgents(ckpt, setup); // rows: muzero, untrained, do-nothing, random
 * ```
 * @module
 */
import {
  type Baseline,
  BASELINES,
  type DiscreteEnv,
  type EpisodeOutcome,
  genFromSeed,
  mean,
  playBaseline,
} from "../../core/mod.ts";
import { episodeReturn, muzeroLayout, muzeroNets, playOptions } from "../../core/muzero/mod.ts";
import { packParams, type Params } from "../../core/nn/mod.ts";
import { InputError } from "../errors.ts";
import {
  checkEnvSpec,
  type EnvOptions,
  type EnvSpec,
  formatEnvSpec,
  heldOutSpec,
  makeEnv,
  optimalReturn,
} from "../env_registry.ts";
import { streams } from "../rng.ts";
import type { Checkpoint, EnvSizes } from "./checkpoint.ts";
import { initialParams, type RunConfig, shapeOf } from "./config.ts";
import { createSelfPlay } from "./selfplay.ts";

/** One evaluation episode. */
export interface EvalEpisode extends EpisodeOutcome {
  /** Length / maximum length. */
  readonly survival: number;
}

/** One agent's evaluation episodes and their means. */
export interface AgentResult {
  readonly agent: string;
  readonly episodes: readonly EvalEpisode[];
  readonly meanReturn: number;
  readonly meanLength: number;
  readonly meanSurvival: number;
  /** Episodes that reached the maximum length. */
  readonly survivedAll: number;
}

/** An evaluation of a run's weights. */
export interface EvalSummary extends AgentResult {
  /** The evaluation environment (`name:key=value,...`). */
  readonly env: string;
  readonly trainingSteps: number;
  readonly maxEpisodeLength: number;
  /** The environment's best return, when known. */
  readonly optimalReturn: number | null;
}

/** Several agents on the same episodes. */
export interface Comparison {
  readonly env: string;
  /** The environment the agent was trained on. */
  readonly trainedOn: string;
  /** Whose scenarios: held out from training, the training ones, or given by options. */
  readonly scenarios: EvalScenarios;
  readonly trainingSteps: number;
  readonly maxEpisodeLength: number;
  readonly agents: readonly AgentResult[];
}

/** Which scenarios an evaluation plays. */
export type EvalScenarios = "held-out" | "training" | "given";

/** Where and how long to evaluate. */
export interface EvalSetup {
  readonly env: EnvSpec;
  readonly scenarios: EvalScenarios;
  readonly maxLength: number;
  readonly episodes: number;
  readonly workers: number;
}

/** What `evalSetup` takes besides the run's config (each optional). */
export interface EvalRequest {
  /** Options replacing the run environment's (then the scenarios are the caller's choice). */
  readonly options?: EnvOptions;
  /** Default: the run's maximum episode length. */
  readonly maxLength?: number;
  /** Default 5. */
  readonly episodes?: number;
  /** Default: the run's. */
  readonly workers?: number;
}

/**
 * The evaluation setup of a run: the held-out environment unless `options` are given (merged
 * onto the run environment's and checked: a bad one is an `InputError` naming
 * `--eval-options`), else the run's own environment when it has no held-out counterpart.
 */
export function evalSetup(config: RunConfig, request: EvalRequest = {}): EvalSetup {
  const base = config.env;
  const held = request.options === undefined ? heldOutSpec(base) : undefined;
  const env = request.options !== undefined
    ? checkEnvSpec(base.name, { ...base.options, ...request.options }, "--eval-options")
    : held ?? base;
  return {
    env,
    scenarios: request.options !== undefined
      ? "given"
      : held !== undefined
      ? "held-out"
      : "training",
    maxLength: request.maxLength ?? config.muzero.maxEpisodeLength,
    episodes: request.episodes ?? 5,
    workers: request.workers ?? config.workers,
  };
}

/** The means of some episodes. */
function summarise(agent: string, outcomes: readonly EpisodeOutcome[], maxLength: number) {
  const episodes = outcomes.map((o) => ({ ...o, survival: o.length / maxLength }));
  return {
    agent,
    episodes,
    meanReturn: mean(episodes.map((e) => e.return)),
    meanLength: mean(episodes.map((e) => e.length)),
    meanSurvival: mean(episodes.map((e) => e.survival)),
    survivedAll: episodes.filter((e) => e.length === maxLength).length,
  };
}

/** The evaluation environment, checked to have the sizes of the checkpoint's networks. */
async function evalEnv(setup: EvalSetup, sizes: EnvSizes): Promise<DiscreteEnv<unknown>> {
  const env = await makeEnv(setup.env);
  if (env.observationSize !== sizes.observationSize || env.numActions !== sizes.numActions) {
    throw new InputError(
      `--eval-options: ${
        formatEnvSpec(setup.env)
      } has ${env.observationSize} observations and ${env.numActions} actions, the networks take ${sizes.observationSize} and ${sizes.numActions}`,
    );
  }
  return env;
}

/**
 * Runs `use` with a self-play pool for the evaluation and a player of greedy MuZero episodes
 * (no noise, most visited action) on given weights; closes the pool after.
 */
async function withMuZeroPlayer<T>(
  config: RunConfig,
  sizes: EnvSizes,
  setup: EvalSetup,
  use: (play: (params: Params) => Promise<EpisodeOutcome[]>) => Promise<T>,
): Promise<T> {
  const shape = shapeOf(config.muzero, sizes);
  const layout = muzeroLayout(muzeroNets(shape));
  const options = { ...playOptions(config.muzero, 0, false), maxLength: setup.maxLength };
  const jobs = Array.from({ length: setup.episodes }, (_, start) => ({ start, seed: start }));
  const pool = await createSelfPlay(Math.min(setup.workers, setup.episodes), setup.env, shape);
  try {
    return await use(async (params) => {
      const played = await pool.play(packParams(layout, params), options, jobs);
      return played.map((e) => ({
        start: e.start,
        return: episodeReturn(e),
        length: e.length,
        terminal: e.terminal,
      }));
    });
  } finally {
    pool.close();
  }
}

/** Episodes of a baseline (the random agent's draws seeded by (`seed`, start)). */
function playBaselines(
  env: DiscreteEnv<unknown>,
  setup: EvalSetup,
  baseline: Baseline,
  seed: number,
): EpisodeOutcome[] {
  const rng = streams(seed);
  return Array.from({ length: setup.episodes }, (_, start) =>
    playBaseline(
      env,
      baseline,
      start,
      setup.maxLength,
      genFromSeed(rng.childSeed(`${baseline}:${start}`)),
    )[0]);
}

/** Evaluates `params` (the weights after `trainingSteps` steps of a run). */
export async function evaluate(
  config: RunConfig,
  sizes: EnvSizes,
  params: Params,
  trainingSteps: number,
  setup: EvalSetup,
): Promise<EvalSummary> {
  await evalEnv(setup, sizes);
  const outcomes = await withMuZeroPlayer(config, sizes, setup, (play) => play(params));
  return {
    ...summarise("muzero", outcomes, setup.maxLength),
    env: formatEnvSpec(setup.env),
    trainingSteps,
    maxEpisodeLength: setup.maxLength,
    optimalReturn: optimalReturn(setup.env) ?? null,
  };
}

/** The trained weights, the untrained ones, do-nothing and random on the same episodes. */
export async function compareAgents(run: Checkpoint, setup: EvalSetup): Promise<Comparison> {
  const { config, shape: sizes, state } = run;
  const env = await evalEnv(setup, sizes);
  const untrained = initialParams(config, muzeroNets(shapeOf(config.muzero, sizes)));
  const agents: AgentResult[] = await withMuZeroPlayer(config, sizes, setup, async (play) => [
    summarise(`muzero (${state.trainingSteps} steps)`, await play(state.params), setup.maxLength),
    summarise("muzero (untrained)", await play(untrained), setup.maxLength),
  ]);
  for (const b of BASELINES) {
    agents.push(summarise(b, playBaselines(env, setup, b, config.seed), setup.maxLength));
  }
  return {
    env: formatEnvSpec(setup.env),
    trainedOn: formatEnvSpec(config.env),
    scenarios: setup.scenarios,
    trainingSteps: state.trainingSteps,
    maxEpisodeLength: setup.maxLength,
    agents,
  };
}
