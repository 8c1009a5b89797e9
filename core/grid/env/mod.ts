/**
 * grid2op's environment semantics as pure functions: observations, actions and
 * their legality, overflow and cascade rules, maintenance, the opponent, rewards, the step, and
 * the grid as a `DiscreteEnv`.
 *
 * @module
 */
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
} from "./action.ts";
export type {
  ActionDict,
  ElementKind,
  GridAction,
  TopoIndex,
  TopologicalImpact,
} from "./action.ts";
export { applyToTopology, registerTopology } from "./bus_action.ts";
export { nextGridState, runPowerFlow } from "./cascade.ts";
export type { GridStateResult } from "./cascade.ts";
export { gridDiscreteEnv } from "./discrete.ts";
export type { DiscreteOptions, GridDiscreteEnv } from "./discrete.ts";
export { maintenanceAt, maintenanceSchedule } from "./maintenance.ts";
export type { MaintenanceSchedule } from "./maintenance.ts";
export { gridModel } from "./model.ts";
export type { CompiledTopology, GridModel, ModelOptions, PowerFlowInit } from "./model.ts";
export { observationEncoder, observationLayout, observe } from "./observation.ts";
export type { LayoutEntry, Observation, ObservationEncoder } from "./observation.ts";
export { observationScaling, scaleObservation } from "./observation_scale.ts";
export type { ObservationScaling } from "./observation_scale.ts";
export { opponentStart, opponentStep } from "./opponent.ts";
export type { OpponentSpec, OpponentState } from "./opponent.ts";
export { DEFAULT_PARAMETERS, envParameters } from "./parameters.ts";
export type { EnvParameters } from "./parameters.ts";
export { closeToOverflowReward, l2rpnReward, stepRewards } from "./rewards.ts";
export type { RewardFlags, StepRewards } from "./rewards.ts";
export { brokenRule, illegality } from "./rules.ts";
export type { Cooldowns, Rule } from "./rules.ts";
export { reset, rowInjections, simulate, step } from "./step.ts";
export type { EnvState, StepInfo, StepResult } from "./step.ts";
export {
  changeTopologies,
  discreteActions,
  setTopologies,
  unitaryLineChange,
  unitaryLineSet,
  unitaryTopologiesChange,
  unitaryTopologiesSet,
} from "./unitary.ts";
