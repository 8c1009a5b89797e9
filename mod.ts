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
export {
  calendarOf,
  epochMinutes,
  formatDateTime,
  fromEpochMinutes,
  isValidDateTime,
} from "./core/grid/scenario/calendar.ts";
export type { Calendar, DateTime } from "./core/grid/scenario/calendar.ts";
export {
  calendarAt,
  injectionsAt,
  makeScenario,
  maxStep,
  minutesAt,
  timeAt,
} from "./core/grid/scenario/scenario.ts";
export type { Scenario, ScenarioRow } from "./core/grid/scenario/scenario.ts";
export {
  checkScenarioGrid,
  DEFAULT_GENERATION_START,
  DEFAULT_GENERATION_STEPS,
  DEFAULT_MODEL,
  DISPATCHABLE,
  GEN_TYPES,
  generateScenario,
} from "./core/grid/scenario/generate.ts";
export type {
  GenerateOptions,
  GenType,
  ScenarioGen,
  ScenarioGrid,
  ScenarioLoad,
  ScenarioModel,
} from "./core/grid/scenario/generate.ts";
export { bunzip2 } from "./effects/io/bzip2.ts";
export { listScenarios, readChronics } from "./effects/io/chronics.ts";
export type { ElementNames } from "./effects/io/chronics.ts";
export { CASE14_SCENARIO_GRID, readScenarioGrid } from "./effects/io/scenario_grid.ts";
export { seededScenario } from "./effects/scenarios.ts";

// MDP decomposition by mutual information (`deno task cluster`).
export { digamma } from "./core/mi/digamma.ts";
export { kthNeighbours } from "./core/mi/neighbours.ts";
export type { JointNeighbours } from "./core/mi/neighbours.ts";
export { defaultK, ksg, mixedKsg } from "./core/mi/ksg.ts";
export { pluginMi } from "./core/mi/plugin.ts";
export { firstRows, rowCount } from "./core/mi/table.ts";
export type { Column, TransitionTable } from "./core/mi/table.ts";
export { estimate as estimateMi, estimators, miMatrix } from "./core/mi/matrix.ts";
export type { Estimator, MiMatrix, MiOptions } from "./core/mi/matrix.ts";
export { dependencies, specProblem } from "./core/mdp/spec.ts";
export type { BlockSpec, CopySpec, FactoredSpec, MdpSpec } from "./core/mdp/spec.ts";
export { buildMdp, step as mdpStep } from "./core/mdp/mdp.ts";
export type { Mdp } from "./core/mdp/mdp.ts";
export { rollout as mdpRollout } from "./core/mdp/rollout.ts";
export { binarise, quantile } from "./core/cluster/binarise.ts";
export { blockOrder, components as bipartiteComponents } from "./core/cluster/components.ts";
export type { Cluster } from "./core/cluster/components.ts";
export { adjustedRandIndex, samePartition } from "./core/cluster/score.ts";
export { sweep as clusterSweep } from "./core/cluster/sweep.ts";
export {
  analyseBlocks,
  analyseMatrix,
  analyseTable,
  shufflePermutation,
} from "./effects/cluster/analyse.ts";
export type { SweepOptions } from "./effects/cluster/analyse.ts";
export { parallelMiMatrix } from "./effects/cluster/mi_pool.ts";
export { decomposeSynthetic, syntheticTransitions } from "./effects/cluster/synthetic.ts";
export type { SyntheticOptions } from "./effects/cluster/synthetic.ts";
export { writeClusterRun } from "./effects/cluster/report.ts";
export { readMdpSpec } from "./effects/io/mdp_config.ts";

// Power grids: the network model, topologies, AC / DC power flow (core) and their sources (effects).
export {
  caseInjections,
  defaultShuntBus,
  defaultTopoVect,
  genVmPuFromKv,
  makeNetwork,
  NetworkError,
  topoLayout,
} from "./core/grid/network.ts";
export type {
  BranchTable,
  GenTable,
  Injections,
  LoadTable,
  Network,
  NetworkSpec,
  ShuntTable,
  SubstationTable,
  TopoLayout,
} from "./core/grid/network.ts";
export { busTopology, globalBus } from "./core/grid/topology.ts";
export type { BusTopology } from "./core/grid/topology.ts";
export { compileGrid, PQ, PV, SLACK } from "./core/grid/powerflow/compile.ts";
export type {
  CompiledGrid,
  CompileOptions,
  TopologyProblem,
} from "./core/grid/powerflow/compile.ts";
export { acScratch, solveAc } from "./core/grid/powerflow/ac.ts";
export type { AcOptions, AcScratch, WarmStart } from "./core/grid/powerflow/ac.ts";
export { solveDc } from "./core/grid/powerflow/dc.ts";
export { lineLoading } from "./core/grid/powerflow/results.ts";
export type { PowerFlowResult, PowerFlowStatus } from "./core/grid/powerflow/results.ts";
export { admittanceMatrix, branchAdmittance } from "./core/grid/powerflow/admittance.ts";
export type { AdmittanceMatrix, BranchAdmittance } from "./core/grid/powerflow/admittance.ts";
export { BUILT_IN, readCase } from "./effects/io/case.ts";
export type { LoadedCase } from "./effects/io/case.ts";
export { readGrid2opFolder } from "./effects/io/grid2op_folder.ts";
export { parseMatpower, readMatpower } from "./effects/io/matpower.ts";
export type { MatpowerCase } from "./effects/io/matpower.ts";
export { decodeNetwork, readNetwork, writeNetwork } from "./effects/io/network_json.ts";

// The grid environment with grid2op's semantics (`deno task replay`).
export {
  actionFromDict,
  actionKinds,
  actionToDict,
  ambiguity,
  doNothing,
  ELEMENT_KINDS,
  isDoNothing,
  topoIndex,
  topologicalImpact,
} from "./core/grid/env/action.ts";
export type {
  ActionDict,
  ElementKind,
  GridAction,
  TopoIndex,
  TopologicalImpact,
} from "./core/grid/env/action.ts";
export {
  changeTopologies,
  discreteActions,
  setTopologies,
  unitaryLineChange,
  unitaryLineSet,
  unitaryTopologiesChange,
  unitaryTopologiesSet,
} from "./core/grid/env/unitary.ts";
export { DEFAULT_PARAMETERS, envParameters } from "./core/grid/env/parameters.ts";
export type { EnvParameters } from "./core/grid/env/parameters.ts";
export { brokenRule, illegality } from "./core/grid/env/rules.ts";
export type { Cooldowns, Rule } from "./core/grid/env/rules.ts";
export { applyToTopology, registerTopology } from "./core/grid/env/bus_action.ts";
export { nextGridState, runPowerFlow } from "./core/grid/env/cascade.ts";
export type { GridStateResult } from "./core/grid/env/cascade.ts";
export { closeToOverflowReward, l2rpnReward, stepRewards } from "./core/grid/env/rewards.ts";
export type { RewardFlags, StepRewards } from "./core/grid/env/rewards.ts";
export { gridModel } from "./core/grid/env/model.ts";
export type {
  CompiledTopology,
  GridModel,
  ModelOptions,
  PowerFlowInit,
} from "./core/grid/env/model.ts";
export {
  reset as resetEnv,
  rowInjections,
  simulate,
  step as stepEnv,
} from "./core/grid/env/step.ts";
export { maintenanceSchedule } from "./core/grid/env/maintenance.ts";
export type { MaintenanceSchedule } from "./core/grid/env/maintenance.ts";
export { opponentStart, opponentStep } from "./core/grid/env/opponent.ts";
export type { OpponentSpec, OpponentState } from "./core/grid/env/opponent.ts";
export { withEvents } from "./core/grid/scenario/events.ts";
export type { EventsSpec, ForecastModel, MaintenancePlan } from "./core/grid/scenario/events.ts";
export {
  doNothingDecision,
  expertDecision,
  maxRho,
  reconnectDecision,
  simulatedBest,
} from "./core/agents/greedy.ts";
export type { ExpertOptions } from "./core/agents/greedy.ts";
export { atRisk, gatedEnv, reduceActions, ruleAction } from "./core/agents/gate.ts";
export type { GatedEnv, GateOptions } from "./core/agents/gate.ts";
export { episodeCost, l2rpnScore } from "./core/agents/l2rpn_score.ts";
export { benchmarkEnvironment, readBenchmark } from "./effects/benchmarks/benchmark.ts";
export type { Benchmark } from "./effects/benchmarks/benchmark.ts";
export { evaluate } from "./effects/evaluate/run.ts";
export type { EvaluateOptions } from "./effects/evaluate/run.ts";
export type { AgentScore, EvaluateSummary } from "./effects/evaluate/summary.ts";
export type { EnvState, StepInfo, StepResult } from "./core/grid/env/step.ts";
export { observationEncoder, observationLayout, observe } from "./core/grid/env/observation.ts";
export type { LayoutEntry, Observation, ObservationEncoder } from "./core/grid/env/observation.ts";
export { observationScaling, scaleObservation } from "./core/grid/env/observation_scale.ts";
export type { ObservationScaling } from "./core/grid/env/observation_scale.ts";
export { gridDiscreteEnv } from "./core/grid/env/discrete.ts";
export type { DiscreteOptions, GridDiscreteEnv } from "./core/grid/env/discrete.ts";
export { BUILT_IN_GRIDS, loadGrid } from "./effects/grids.ts";
export type { LoadedGrid, LoadOptions } from "./effects/grids.ts";
export { readActions, replayEpisode, traceDocument, writeReplay } from "./effects/replay.ts";
export type { ReplayStep } from "./effects/replay.ts";

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
export * from "./core/testbeds/chain.ts";
export * from "./core/testbeds/bandit.ts";
export * from "./core/testbeds/sized.ts";
export {
  checkEnvSpec,
  decodeEnvSpec,
  formatEnvSpec,
  HELD_OUT_SEED_OFFSET,
  heldOutSpec,
  makeEnv,
  optimalReturn,
  parseEnvOptions,
  parseEnvSpec,
  registry as envRegistry,
} from "./effects/env_registry.ts";
// Agents that do not learn (do-nothing, uniformly random legal), the yardsticks of evaluations.
export * from "./core/baselines.ts";
export type { EnvEntry, EnvOptions, EnvSpec } from "./effects/env_registry.ts";

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
export * from "./core/muzero/buffer.ts";
export * from "./core/muzero/loss.ts";
export { createLearner } from "./effects/muzero/learner.ts";
export type { Learner, LearnerState, StepLosses } from "./effects/muzero/learner.ts";
export { createSelfPlay } from "./effects/muzero/selfplay.ts";
export type { SelfPlay } from "./effects/muzero/selfplay.ts";
export { initialParams } from "./effects/muzero/config.ts";
export { plannedRounds, roundJobs, runFiles, trainMuZero } from "./effects/muzero/train.ts";
export type { TrainOptions } from "./effects/muzero/train.ts";
export { compareAgents, evalSetup, evaluate as evaluateMuZero } from "./effects/muzero/evaluate.ts";
export type {
  AgentResult,
  Comparison,
  EvalEpisode,
  EvalRequest,
  EvalScenarios,
  EvalSetup,
  EvalSummary,
} from "./effects/muzero/evaluate.ts";
export {
  evalCsv,
  learningCurves,
  survivalChart,
  writeComparison,
  writeEvaluation,
} from "./effects/muzero/report.ts";
export * from "./effects/muzero/checkpoint.ts";
export {
  decodeRunConfig,
  defaultRunConfig,
  MuZeroConfigCodec,
  presets as muzeroPresets,
  RunConfigCodec,
  runConfigFromFlags,
} from "./effects/muzero/config.ts";
export type { Preset as MuZeroPreset, RunConfig } from "./effects/muzero/config.ts";
export { decodeBundle, encodeBundle } from "./effects/io/bundle.ts";
export type { BundleArray, BundleEntry } from "./effects/io/bundle.ts";

// Decomposing the grid (`deno task cluster --env case14`) and distributed agents
// (`deno task distributed`): the coordinator, masked observations and PPO (pure); the data
// collector, the learners, teams, runs and checkpoints (effects).
export { parallelMiBlocks } from "./effects/cluster/mi_pool.ts";
export type { MiBlock } from "./effects/cluster/mi_pool.ts";
export { joinColumns } from "./core/mi/matrix.ts";
export { decompositionProblem, gridClusters, topologyTable } from "./core/cluster/grid.ts";
export type { GridCluster, GridDecomposition } from "./core/cluster/grid.ts";
export {
  actionableSubstations,
  clusterActions,
  substationLines,
} from "./core/agents/substations.ts";
export { randomTopologyEpisode } from "./core/agents/random_topology.ts";
export type { TopologyRows } from "./core/agents/random_topology.ts";
export {
  coordinate,
  coordinatorGrid,
  CUT_LINE_RHO,
  isSafe,
  reconnectableLine,
  SAFE_RHO,
  substationOrder,
} from "./core/agents/coordinator.ts";
export type { CoordinatorDecision, CoordinatorGrid, CoordinatorView } from "./core/agents/coordinator.ts";
export { clusterMask, maskedObservation } from "./core/agents/masked_observation.ts";
export type { ClusterMask, MaskPart } from "./core/agents/masked_observation.ts";
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
} from "./core/agents/ppo.ts";
export type {
  ImitationBatch,
  PpoBatch,
  PpoConfig,
  PpoLoss,
  PpoNets,
  Rollout,
} from "./core/agents/ppo.ts";
export {
  actingCluster,
  actionSubstation,
  bestLegalEntry,
  clusterTables,
  restrictTarget,
} from "./core/agents/team_gate.ts";
export { TEAM_PRESETS, TEAMS } from "./effects/agents/team_config.ts";
export type { TeamHardConfig, TeamName } from "./effects/agents/team_config.ts";
export { trainTeams } from "./effects/agents/team_hard.ts";
export { readTeamWeights, writeTeamWeights } from "./effects/agents/team_weights.ts";
export { orthogonalMatrix, orthogonalMlp } from "./core/nn/orthogonal.ts";
export { collectTopologyRows } from "./effects/cluster/grid_collect.ts";
export { episodeSeed } from "./effects/cluster/collect_runner.ts";
export type { CollectOptions, SubstationRows } from "./effects/cluster/grid_collect.ts";
export { decomposeGrid, writeGridRun } from "./effects/cluster/grid_decompose.ts";
export type { GridDecomposeOptions, GridRun } from "./effects/cluster/grid_decompose.ts";
export {
  decodeDecomposition,
  decompositionFile,
  readDecomposition,
} from "./effects/io/decomposition_file.ts";
export type { DecompositionFile } from "./effects/io/decomposition_file.ts";
export { createPpoAgent } from "./effects/agents/ppo_agent.ts";
export type {
  Act as PpoAct,
  PpoAgent,
  PpoAgentState,
  Transition as PpoTransition,
  UpdateStats as PpoUpdateStats,
} from "./effects/agents/ppo_agent.ts";
export { ppoEpisodes } from "./effects/agents/ppo_episodes.ts";
export { centralised, makeTeam, playEpisode } from "./effects/agents/team.ts";
export type { EpisodeResult, PlayOptions, Team, TeamCluster } from "./effects/agents/team.ts";
export { runDistributed } from "./effects/agents/distributed_run.ts";
export type { RunOptions as DistributedRunOptions } from "./effects/agents/distributed_run.ts";
export type { DistributedConfig } from "./effects/agents/distributed_config.ts";
export {
  readDistributedCheckpoint,
  writeDistributedCheckpoint,
} from "./effects/agents/distributed_checkpoint.ts";
export type { DistributedCheckpoint } from "./effects/agents/distributed_checkpoint.ts";
export { dedicatedWorker, runPool } from "./effects/workers/pool.ts";
export { serveTasks } from "./effects/workers/serve.ts";
