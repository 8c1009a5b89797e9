/**
 * A single PPO learner on any `DiscreteEnv` (core/env.ts), as stable-baselines3's `learn` runs
 * one environment: act (a draw per step from the `Gen`), store, and train whenever the rollout
 * buffer is full, bootstrapping from the next observation. Greedy evaluation plays the most
 * likely action. The small environments of core/testbeds/ test it against a known optimum.
 *
 * @example
 * ```ts
 * import { PPO_DEFAULTS, ppoInit, ppoNets } from "../../core/agents/mod.ts";
 * import { genFromSeed } from "../../core/mod.ts";
 * import { chainEnv } from "../../core/testbeds/mod.ts";
 * import { setupTf } from "../nn/mod.ts";
 * import { createPpoAgent } from "./mod.ts";
 *
 * await setupTf();
 * const env = chainEnv({ length: 4, actions: 3, seed: 1 });
 * const nets = ppoNets(env.observationSize, env.numActions, PPO_DEFAULTS.hidden);
 * const [params, g0] = ppoInit(nets, genFromSeed(7));
 * const agent = createPpoAgent(nets, PPO_DEFAULTS, params);
 * const [, g] = ppoEpisodes(env, agent, { episodes: 200, train: true }, g0);
 * const [returns] = ppoEpisodes(env, agent, { episodes: 1, train: false }, g); // the greedy return
 * ```
 * @module
 */
import { type DiscreteEnv, type Gen, uniform } from "../../core/mod.ts";
import type { PpoAgent, UpdateStats } from "./ppo_agent.ts";

/** How to play. */
export interface EpisodeOptions {
  readonly episodes: number;
  /** Sample, store and train (true), or play greedily without learning (false). */
  readonly train: boolean;
  /** The first episode's index (`env.reset`'s argument); default 0. */
  readonly first?: number;
  /** Called after each update. */
  readonly onUpdate?: (stats: UpdateStats) => void;
}

/** Plays `episodes` episodes; returns each one's undiscounted return and the generator after. */
export function ppoEpisodes<S>(
  env: DiscreteEnv<S>,
  agent: PpoAgent,
  options: EpisodeOptions,
  gen: Gen,
): [Float64Array, Gen] {
  const returns = new Float64Array(options.episodes);
  let g = gen;
  for (let e = 0; e < options.episodes; e++) {
    let s = env.reset((options.first ?? 0) + e);
    let start = true, done = false;
    while (!done) {
      const obs = env.observe(s);
      let u: number | null = null;
      if (options.train) [u, g] = uniform(g);
      const act = agent.act(obs, u);
      const t = env.step(s, act.action);
      returns[e] += t.reward;
      done = t.done;
      s = t.state;
      if (!options.train) continue;
      const full = agent.store({ obs, ...act, reward: t.reward, episodeStart: start });
      start = false;
      if (full) {
        const last = done ? 0 : agent.value(env.observe(s));
        const [stats, next] = agent.update(last, done, g);
        g = next;
        options.onUpdate?.(stats);
      }
    }
  }
  return [returns, g];
}
