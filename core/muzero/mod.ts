/**
 * MuZero as pure functions: its networks and model, the search as tree folds,
 * self-play, value and policy targets, the episode buffer and the loss.
 *
 * @module
 */
export { chooseAction, mostVisited, visitProbabilities } from "./act.ts";
export { addEpisodes, drawsPerBatch, emptyBuffer, sampleBatch } from "./buffer.ts";
export type { Batch, BatchConfig, EpisodeBuffer } from "./buffer.ts";
export { researchConfig, temperatureAt } from "./config.ts";
export type {
  ActConfig,
  LearnConfig,
  LossKind,
  MuZeroConfig,
  NetworkSizes,
  Sampling,
  SearchConfig,
  VisitPolicy,
} from "./config.ts";
export { demonstrationEpisode } from "./demonstration.ts";
export {
  episodeBuffers,
  EpisodeRecorder,
  episodeReturn,
  policyInto,
  replayObservations,
} from "./episode.ts";
export type { Episode, EpisodeRecord } from "./episode.ts";
export { batchTensors, muzeroLoss, scalarLoss } from "./loss.ts";
export type { BatchTensors, LossParts } from "./loss.ts";
export { muzeroModel } from "./model.ts";
export type { MuZeroModel, RootOutput, SearchModel } from "./model.ts";
export { initMuZero, muzeroLayout, muzeroNets, netList } from "./networks.ts";
export type { MuZeroNets, MuZeroShape } from "./networks.ts";
export {
  backup,
  ensurePriors,
  expand,
  exploration,
  initRoot,
  normalisedValue,
  rootPriors,
  search,
  selectAction,
  simulate,
  ucbScore,
} from "./search.ts";
export type { SearchOptions, SearchResult } from "./search.ts";
export { playEpisode, playJobs, playOptions } from "./selfplay.ts";
export type { PlayJob, PlayOptions } from "./selfplay.ts";
export { fillTargets, valueTarget } from "./targets.ts";
export type { TargetRows } from "./targets.ts";
export { createTree, findBestUnexpanded, nodeValue, ROOT, rootVisits, UNVISITED } from "./tree.ts";
export type { Tree } from "./tree.ts";
