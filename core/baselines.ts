/**
 * Agents that do not learn, the yardsticks a trained agent is compared with: `do-nothing`
 * plays the lowest-numbered legal action, which in the grid environments is action 0, grid2op's
 * do-nothing (always legal), and `random` plays a uniformly random legal action (any action
 * when the environment has no mask). An
 * episode is a pure function of the environment, the start and a generator.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "./random.ts";
 * import { loadGrid } from "../effects/mod.ts";
 *
 * const env = (await loadGrid("case14")).discrete();
 * const [outcome] = playBaseline(env, "random", 3, 575, genFromSeed(3));
 * // { start: 3, return: 31.17, length: 3, terminal: true }: a game over at step 3
 * ```
 * @module
 */
import type { DiscreteEnv } from "./env.ts";
import { type Gen, uniform } from "./random.ts";

/** The baseline agents. */
export type Baseline = "do-nothing" | "random";

/** Names of the baselines, in the order they are reported. */
export const BASELINES: readonly Baseline[] = ["do-nothing", "random"];

/** How an episode went. */
export interface EpisodeOutcome {
  /** The environment's `reset` argument. */
  readonly start: number;
  readonly return: number;
  readonly length: number;
  /** Ended by the environment (else cut at the maximum length). */
  readonly terminal: boolean;
}

/** The `k`-th legal action for `u` uniform in [0, 1) (every action legal when `legal` is null). */
export function uniformLegal(legal: Uint8Array | null, numActions: number, u: number): number {
  if (legal === null) return Math.min(numActions - 1, Math.floor(u * numActions));
  let count = 0;
  for (let a = 0; a < legal.length; a++) count += legal[a] ? 1 : 0;
  if (count === 0) throw new RangeError("no legal action");
  let k = Math.min(count - 1, Math.floor(u * count));
  for (let a = 0; a < legal.length; a++) {
    if (legal[a] && k-- === 0) return a;
  }
  throw new RangeError("unreachable");
}

/** Plays one episode of a baseline from `env.reset(start)`, at most `maxLength` steps. */
export function playBaseline<S>(
  env: DiscreteEnv<S>,
  baseline: Baseline,
  start: number,
  maxLength: number,
  gen: Gen,
): [EpisodeOutcome, Gen] {
  let g = gen, state = env.reset(start), total = 0;
  for (let t = 0; t < maxLength; t++) {
    const legal = env.legalActions?.(state) ?? null;
    let u = 0;
    if (baseline === "random") [u, g] = uniform(g);
    const action = uniformLegal(legal, env.numActions, u);
    const next = env.step(state, action);
    total += next.reward;
    if (next.done) return [{ start, return: total, length: t + 1, terminal: true }, g];
    state = next.state;
  }
  return [{ start, return: total, length: maxLength, terminal: false }, g];
}
