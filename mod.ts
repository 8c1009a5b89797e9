/**
 * gridfold: reinforcement learning on power grids, in TypeScript on Deno.
 *
 * The public API: the pure core (random draws as values, and the capabilities below as they
 * land) and the effectful helpers a user needs to build runs of their own.
 *
 * @module
 */
export * from "./core/random.ts";
export { streams } from "./effects/rng.ts";
export type { Stream, Streams } from "./effects/rng.ts";

// Neural-network building blocks (MuZero now, PPO next): parameter records, MLP specs, the
// tfjs forward pass with wasm-fast gradients, the Float32Array inference path, Adam.
export * from "./core/nn/params.ts";
export * from "./core/nn/layers.ts";
export { forward, mlpRunner, softmaxInPlace } from "./core/nn/infer.ts";
export type { MlpRunner } from "./core/nn/infer.ts";
export * from "./core/nn/tf_forward.ts";
export * from "./core/nn/tf_ops.ts";
export * from "./effects/nn/variables.ts";
export * from "./effects/nn/adam.ts";

// Small environments with a known optimum, and the environment registry.
export * from "./core/envs/chain.ts";
export * from "./core/envs/bandit.ts";
export * from "./core/envs/sized.ts";
export {
  checkEnvSpec,
  decodeEnvSpec,
  formatEnvSpec,
  makeEnv,
  optimalReturn,
  parseEnvSpec,
  registry as envRegistry,
} from "./effects/envs.ts";
export type { EnvEntry, EnvOptions, EnvSpec } from "./effects/envs.ts";

// MuZero: search, targets, losses and replay (pure); learner, self-play, training, checkpoints.
export * from "./core/muzero/config.ts";
export * from "./core/muzero/networks.ts";
export * from "./core/muzero/model.ts";
export * from "./core/muzero/tree.ts";
export * from "./core/muzero/search.ts";
export * from "./core/muzero/act.ts";
export * from "./core/muzero/episode.ts";
export * from "./core/muzero/selfplay.ts";
export * from "./core/muzero/targets.ts";
export * from "./core/muzero/replay.ts";
export * from "./core/muzero/loss.ts";
export { createLearner } from "./effects/muzero/learner.ts";
export type { Learner, LearnerState, StepLosses } from "./effects/muzero/learner.ts";
export { createSelfPlay } from "./effects/muzero/selfplay.ts";
export type { SelfPlay } from "./effects/muzero/selfplay.ts";
export { plannedRounds, roundJobs, runFiles, trainMuZero } from "./effects/muzero/train.ts";
export type { TrainOptions } from "./effects/muzero/train.ts";
export { evaluate as evaluateMuZero } from "./effects/muzero/evaluate.ts";
export type { EvalEpisode, EvalSummary } from "./effects/muzero/evaluate.ts";
export * from "./effects/muzero/checkpoint.ts";
export {
  decodeRunConfig,
  defaultRunConfig,
  MuZeroConfigCodec,
  RunConfigCodec,
  runConfigFromFlags,
} from "./effects/muzero/config.ts";
export type { RunConfig } from "./effects/muzero/config.ts";
export { decodeBundle, encodeBundle } from "./effects/io/bundle.ts";
export type { BundleArray, BundleEntry } from "./effects/io/bundle.ts";
