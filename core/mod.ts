/**
 * The pure core's shared pieces: the discrete environment contract every learner steps
 * through (`DiscreteEnv`), seeded random draws as values, means, and the baseline policies.
 *
 * @module
 */
export { BASELINES, playBaseline, uniformLegal } from "./baselines.ts";
export type { Baseline, EpisodeOutcome } from "./baselines.ts";
export type { DiscreteEnv } from "./env.ts";
export {
  categorical,
  dirichlet,
  gamma,
  genFromSeed,
  normal,
  normals,
  permutation,
  uniform,
  uniforms,
} from "./random.ts";
export type { Gen } from "./random.ts";
export { mean } from "./stats.ts";
