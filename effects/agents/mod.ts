/**
 * `deno task distributed`: the distributed and centralised PPO agents under the
 * coordinator, and the case14-hard teams trained by imitation, with their checkpoints and
 * reports.
 *
 * @module
 */
export { readDistributedCheckpoint, writeDistributedCheckpoint } from "./distributed_checkpoint.ts";
export type { DistributedCheckpoint } from "./distributed_checkpoint.ts";
export {
  configFromFlags,
  DEFAULT_CLUSTERS,
  DEFAULT_PASSES,
  DEFAULT_SCENARIOS,
  environmentOf,
  REWARDS,
} from "./distributed_config.ts";
export type { DistributedConfig } from "./distributed_config.ts";
export { runDistributed } from "./distributed_run.ts";
export type { RunOptions, Start } from "./distributed_run.ts";
export { createPpoAgent } from "./ppo_agent.ts";
export type { Act, PpoAgent, PpoAgentState, Transition, UpdateStats } from "./ppo_agent.ts";
export { ppoEpisodes } from "./ppo_episodes.ts";
export { centralised, makeTeam, playEpisode } from "./team.ts";
export type { EpisodeResult, PlayOptions, Team, TeamCluster } from "./team.ts";
export { TEAM_PRESETS, TEAMS } from "./team_config.ts";
export type { TeamHardConfig, TeamName } from "./team_config.ts";
export { trainTeams } from "./team_hard.ts";
export { isTeamFolder, readTeamWeights, writeTeamWeights } from "./team_weights.ts";
