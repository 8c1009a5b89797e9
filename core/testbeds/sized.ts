/**
 * An environment of any size with no structure to learn: the observation at step t is a
 * pseudo-random vector of (seed, t) in [0, 1), every action is legal, the reward is a small
 * pseudo-random number, and an episode never ends by itself. It stands in for the grid (467
 * observation floats, 487 actions by default) where only sizes matter: benchmarks of search,
 * self-play and training.
 *
 * @module
 */
import type { DiscreteEnv } from "../env.ts";
import { genFromSeed, uniforms } from "../random.ts";

/** Sizes and seed. */
export interface SizedOptions {
  readonly observations: number;
  readonly actions: number;
  readonly seed: number;
}

/** Steps taken. */
export interface SizedState {
  readonly t: number;
}

/** The environment. */
export function sizedEnv({ observations, actions, seed }: SizedOptions): DiscreteEnv<SizedState> {
  const draw = (t: number, n: number) => uniforms(genFromSeed(seed * 7919 + t), n)[0];
  return {
    numActions: actions,
    observationSize: observations,
    reset: (episode) => ({ t: episode * 100003 }),
    observe: ({ t }) => Float32Array.from(draw(t, observations)),
    step: ({ t }, action) => ({
      state: { t: t + 1 },
      reward: draw(t + 1, 1)[0] * (action % 2 === 0 ? 0.1 : 0.05),
      done: false,
    }),
  };
}
