/**
 * The environment contract every agent in gridfold steps through: a discrete-action episodic
 * environment as pure functions over immutable states. The grid environment
 * (core/grid/env/discrete.ts) and the small environments of core/testbeds implement it, so a
 * learner written against it runs on any of them. (The synthetic MDPs of core/mdp are not
 * stepped by learners: they only record transition tables for the MI matrix.)
 *
 * @example
 * ```ts
 * import { chainEnv, type ChainState } from "./testbeds/mod.ts";
 *
 * const env: DiscreteEnv<ChainState> = chainEnv({ length: 5, actions: 3, seed: 1 });
 * let s = env.reset(0);
 * for (;;) {
 *   const t = env.step(s, 0);
 *   if (t.done) break;
 *   s = t.state;
 * }
 * ```
 * @module
 */

/** What one step returns. `state` after a terminal step must not be stepped again. */
export interface Transition<S> {
  readonly state: S;
  readonly reward: number;
  readonly done: boolean;
}

/** A discrete-action environment. States are immutable values: `step` returns a new one. */
export interface DiscreteEnv<S> {
  /** Size of the action index space. */
  readonly numActions: number;
  /** Length of `observe`'s vector. */
  readonly observationSize: number;
  /** The starting state of episode `episode` (a scenario index, or a seed for random starts). */
  reset(episode: number): S;
  /** The observation vector of a state, in the environment's documented layout. */
  observe(state: S): Float32Array;
  /** 1 where the action is legal in this state (every action when omitted). */
  legalActions?(state: S): Uint8Array;
  /** One step. */
  step(state: S, action: number): Transition<S>;
}
