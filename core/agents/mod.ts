/**
 * Grid agents as pure functions: the greedy expert and its baselines (do-nothing,
 * reconnect), the rule-based coordinator of the distributed agents, PPO, the random topology
 * agent of the decomposition, and the L2RPN score.
 *
 * @module
 */
export {
  coordinate,
  coordinatorGrid,
  CUT_LINE_RHO,
  isSafe,
  reconnectableLine,
  SAFE_RHO,
  substationOrder,
} from "./coordinator.ts";
export type { CoordinatorDecision, CoordinatorGrid, CoordinatorView } from "./coordinator.ts";
export { atRisk, gatedEnv, reduceActions, ruleAction } from "./gate.ts";
export type { GatedEnv, GateObservation, GateOptions } from "./gate.ts";
export {
  doNothingDecision,
  expertDecision,
  maxRho,
  reconnectDecision,
  simulatedBest,
  simulatedRisks,
} from "./greedy.ts";
export type { Decision, ExpertOptions } from "./greedy.ts";
export { episodeCost, l2rpnScore } from "./l2rpn_score.ts";
export type { EpisodeCost } from "./l2rpn_score.ts";
export { clusterMask, maskedObservation } from "./masked_observation.ts";
export type { ClusterMask, MaskPart } from "./masked_observation.ts";
export {
  explainedVariance,
  gae,
  imitationLoss,
  minibatches,
  normalizeAdvantages,
  PPO_DEFAULTS,
  ppoInit,
  ppoLayout,
  ppoLoss,
  ppoNets,
} from "./ppo.ts";
export type { ImitationBatch, PpoBatch, PpoConfig, PpoLoss, PpoNets, Rollout } from "./ppo.ts";
export { randomTopologyEpisode } from "./random_topology.ts";
export type { TopologyRows } from "./random_topology.ts";
export { actionableSubstations, clusterActions, substationLines } from "./substations.ts";
export {
  actingCluster,
  actionSubstation,
  bestLegalEntry,
  clusterTables,
  restrictTarget,
} from "./team_gate.ts";
