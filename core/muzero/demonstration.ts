/**
 * Demonstrations for MuZero: episodes of the gated environment (core/agents/gate.ts) where
 * the expert decides (`simulatedBest` over the legal reduced actions), stored as self-play
 * episodes with the expert's action as a one-hot policy target and the discounted return
 * still to come as each step's root value. Training on them first is imitation of the expert
 * through MuZero's own losses (policy, value, reward, and the dynamics they unroll through);
 * self-play with search then goes on from there.
 *
 * @example
 * ```ts
 * import { demonstrationEpisode } from "./demonstration.ts";
 * declare const env: import("../agents/gate.ts").GatedEnv;
 * const ep = demonstrationEpisode(env, 0, 0.9, 400); // ep.actions: the expert's choices
 * ```
 * @module
 */
import { simulatedBest } from "../agents/greedy.ts";
import type { GatedEnv } from "../agents/gate.ts";
import type { EnvState } from "../grid/env/step.ts";
import { type Episode, EpisodeRecorder } from "./episode.ts";

/** The expert's choice at a gated state, as a reduced-table index. */
export function expertChoice(env: GatedEnv, state: EnvState): number {
  const legal = env.legalActions(state);
  const candidates = env.table.filter((_, i) => legal[i] === 1);
  if (candidates.length === 0) return 0;
  return env.table.indexOf(simulatedBest(env.base, state, candidates).action);
}

/** One demonstration episode from `env.reset(start)`, at most `maxLength` decisions. */
export function demonstrationEpisode(
  env: GatedEnv,
  start: number,
  discount: number,
  maxLength: number,
): Episode {
  const recorder = new EpisodeRecorder(env.observationSize, env.numActions, start);
  let state = env.reset(start);
  let terminal = state.done;
  for (let t = 0; t < maxLength && !state.done; t++) {
    const action = expertChoice(env, state);
    const policy = new Float32Array(env.numActions);
    policy[action] = 1;
    const next = env.step(state, action);
    recorder.step(env.observe(state), action, next.reward, 0, policy);
    state = next.state;
    terminal = next.done;
  }
  const ep = recorder.finish(terminal);
  const rootValues = new Float32Array(ep.length);
  for (let t = ep.length - 1, z = 0; t >= 0; t--) rootValues[t] = z = ep.rewards[t] + discount * z;
  return { ...ep, rootValues };
}
