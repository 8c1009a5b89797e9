/**
 * A two-level bandit with a decoy: pick an arm, then a second, different arm (the first is
 * illegal at the second level); only the pair pays. One row of pairs holds the single best
 * payoff, 1, and zeros elsewhere; a decoy row pays 0.8 for every pair; other pairs pay less than
 * 0.5. Averaging over second choices prefers the decoy; the optimum (return 1) needs looking two
 * levels ahead. The observation is `[at the first level, one-hot of the first arm]`. Exercises
 * delayed reward and the legal-action mask.
 *
 * @example
 * ```ts
 * const env = banditEnv({ actions: 4, seed: 3 });
 * const [i, j] = env.best; // env.payoff[i * 4 + j] === 1
 * ```
 * @module
 */
import type { DiscreteEnv } from "../env.ts";
import { genFromSeed, permutation, uniforms } from "../random.ts";

/** A bandit's number of arms and seed. */
export interface BanditOptions {
  readonly actions: number;
  readonly seed: number;
}

/** The first arm once chosen (-1 before). */
export interface BanditState {
  readonly first: number;
}

/** The bandit environment, with its payoff table and optimal pair. */
export interface BanditEnv extends DiscreteEnv<BanditState> {
  /** `[first][second]`. */
  readonly payoff: Float64Array;
  readonly best: readonly [number, number];
  readonly optimalReturn: number;
}

/** The payoff of the decoy row. */
export const decoyPayoff = 0.8;

/** A bandit of `actions` arms whose payoffs come from `seed`. */
export function banditEnv({ actions: n, seed }: BanditOptions): BanditEnv {
  if (!(Number.isInteger(n) && n >= 3)) throw new RangeError(`bandit: needs >= 3 arms, got ${n}`);
  const [order, g] = permutation(genFromSeed(seed), n);
  const [u] = uniforms(g, n * n);
  const [bestRow, decoyRow, bestCol] = [order[0], order[1], order[2]];
  const payoff = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      payoff[i * n + j] = i === bestRow
        ? (j === bestCol ? 1 : 0)
        : i === decoyRow
        ? decoyPayoff
        : 0.5 * u[i * n + j];
    }
  }
  return {
    numActions: n,
    observationSize: 1 + n,
    payoff,
    best: [bestRow, bestCol],
    optimalReturn: 1,
    reset: () => ({ first: -1 }),
    observe({ first }) {
      const o = new Float32Array(1 + n);
      if (first < 0) o[0] = 1;
      else o[1 + first] = 1;
      return o;
    },
    legalActions({ first }) {
      const legal = new Uint8Array(n).fill(1);
      if (first >= 0) legal[first] = 0;
      return legal;
    },
    step({ first }, action) {
      if (first < 0) return { state: { first: action }, reward: 0, done: false };
      if (action === first) throw new RangeError(`bandit: arm ${action} is illegal now`);
      return { state: { first }, reward: payoff[first * n + action], done: true };
    },
  };
}
