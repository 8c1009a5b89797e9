/**
 * `deno task muzero`: run configs, training with checkpoints and resume,
 * self-play workers, the learner, evaluation, reports, and actors and learners over Redis.
 *
 * @module
 */
export { runActor } from "./actor.ts";
export {
  checkpointFile,
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpoint,
  readCheckpointAt,
  writeCheckpoint,
} from "./checkpoint.ts";
export type { Checkpoint, CheckpointSize, EnvSizes, RunState } from "./checkpoint.ts";
export {
  configFlagSpec,
  decodeRunConfig,
  defaultRunConfig,
  givenConfigFlags,
  initialParams,
  MuZeroConfigCodec,
  presets,
  RunConfigCodec,
  runConfigFromFlags,
  shapeOf,
} from "./config.ts";
export type { Preset, RunConfig } from "./config.ts";
export { decodeEpisode, encodeEpisode } from "./episode_codec.ts";
export { compareAgents, evalSetup, evaluate } from "./evaluate.ts";
export type {
  AgentResult,
  Comparison,
  EvalEpisode,
  EvalRequest,
  EvalScenarios,
  EvalSetup,
  EvalSummary,
} from "./evaluate.ts";
export { createLearner } from "./learner.ts";
export type { Learner, LearnerState, StepLosses } from "./learner.ts";
export { markRunDone, runKeys } from "./remote.ts";
export { remoteSource } from "./remote_learner.ts";
export {
  evalCsv,
  learningCurves,
  survivalChart,
  writeComparison,
  writeEvaluation,
} from "./report.ts";
export { createSelfPlay } from "./selfplay.ts";
export type { SelfPlay } from "./selfplay.ts";
export { plannedRounds, roundJobs, runFiles, trainMuZero } from "./train.ts";
export type { TrainOptions } from "./train.ts";
export { readWeights, writeWeights } from "./weights.ts";
export type { Weights } from "./weights.ts";
