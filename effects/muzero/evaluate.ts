/**
 * Evaluation of trained weights: episodes from the environment's starts 0, 1, 2, ... (the same
 * for every agent compared), searched without root noise, the most visited action taken, each
 * reported with its return, length and survival (length / maximum length), and their means.
 *
 * @module
 */
import { episodeReturn } from "../../core/muzero/episode.ts";
import { muzeroLayout, muzeroNets } from "../../core/muzero/networks.ts";
import { playOptions } from "../../core/muzero/selfplay.ts";
import { packParams, type Params } from "../../core/nn/params.ts";
import { optimalReturn } from "../envs.ts";
import type { EnvSizes } from "./checkpoint.ts";
import { type RunConfig, shapeOf } from "./config.ts";
import { mean } from "./report.ts";
import { createSelfPlay } from "./selfplay.ts";

/** One evaluation episode. */
export interface EvalEpisode {
  readonly start: number;
  readonly return: number;
  readonly length: number;
  readonly survival: number;
  /** Ended by the environment before the maximum length. */
  readonly terminal: boolean;
}

/** An evaluation's episodes and means. */
export interface EvalSummary {
  readonly env: string;
  readonly trainingSteps: number;
  readonly maxEpisodeLength: number;
  readonly episodes: readonly EvalEpisode[];
  readonly meanReturn: number;
  readonly meanLength: number;
  readonly meanSurvival: number;
  /** The environment's best return, when known. */
  readonly optimalReturn: number | null;
}

/** Plays `count` evaluation episodes with `params` (on `workers` workers). */
export async function evaluate(
  config: RunConfig,
  sizes: EnvSizes,
  params: Params,
  trainingSteps: number,
  count: number,
): Promise<EvalSummary> {
  const m = config.muzero;
  const shape = shapeOf(m, sizes);
  const pool = await createSelfPlay(Math.min(config.workers, count), config.env, shape);
  try {
    const options = playOptions(m, 0, false);
    const jobs = Array.from({ length: count }, (_, start) => ({ start, seed: start }));
    const weights = packParams(muzeroLayout(muzeroNets(shape)), params);
    const played = await pool.play(weights, options, jobs);
    const episodes = played.map((e, start) => ({
      start,
      return: episodeReturn(e),
      length: e.length,
      survival: e.length / m.maxEpisodeLength,
      terminal: e.terminal,
    }));
    return {
      env: config.env.name,
      trainingSteps,
      maxEpisodeLength: m.maxEpisodeLength,
      episodes,
      meanReturn: mean(episodes.map((e) => e.return)),
      meanLength: mean(episodes.map((e) => e.length)),
      meanSurvival: mean(episodes.map((e) => e.survival)),
      optimalReturn: optimalReturn(config.env) ?? null,
    };
  } finally {
    pool.close();
  }
}
