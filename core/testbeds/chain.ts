/**
 * A deterministic chain with one paying action sequence: at each of `length` positions one
 * action (drawn from the seed) moves on and pays 1; any other action ends the episode with 0.
 * The optimal return is `length`, reached only by the whole sequence; a uniformly random
 * policy reaches it with probability `actions^-length`. The observation is the position,
 * one-hot. A learner that reaches the optimum has learnt the sequence.
 *
 * @example
 * ```ts
 * const env = chainEnv({ length: 5, actions: 3, seed: 1 });
 * let s = env.reset(0);
 * for (const a of env.solution) s = env.step(s, a).state; // return 5
 * ```
 * @module
 */
import type { DiscreteEnv } from "../env.ts";
import { genFromSeed, uniforms } from "../random.ts";

/** A chain's size and seed. */
export interface ChainOptions {
  readonly length: number;
  readonly actions: number;
  readonly seed: number;
}

/** Where the agent stands (`length` once it has walked the whole chain). */
export interface ChainState {
  readonly position: number;
}

/** The chain environment, with its paying sequence and optimal return. */
export interface ChainEnv extends DiscreteEnv<ChainState> {
  readonly solution: Int32Array;
  readonly optimalReturn: number;
}

/** A chain of `length` steps with `actions` actions; the paying sequence comes from `seed`. */
export function chainEnv({ length, actions, seed }: ChainOptions): ChainEnv {
  if (!(Number.isInteger(length) && length >= 1 && Number.isInteger(actions) && actions >= 2)) {
    throw new RangeError(`chain: needs length >= 1 and actions >= 2, got ${length}, ${actions}`);
  }
  const [u] = uniforms(genFromSeed(seed), length);
  const solution = Int32Array.from(u, (x) => Math.floor(x * actions));
  return {
    numActions: actions,
    observationSize: length,
    solution,
    optimalReturn: length,
    reset: () => ({ position: 0 }),
    observe({ position }) {
      const o = new Float32Array(length);
      if (position < length) o[position] = 1;
      return o;
    },
    step({ position }, action) {
      if (position >= length) throw new RangeError("chain: the episode has ended");
      if (action !== solution[position]) return { state: { position }, reward: 0, done: true };
      return { state: { position: position + 1 }, reward: 1, done: position + 1 === length };
    },
  };
}
