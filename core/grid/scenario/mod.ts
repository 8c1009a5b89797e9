/**
 * Scenarios (grid2op's chronics): the time series of an episode, the seeded
 * scenario generator with its profiles, dispatch and events, and the calendar.
 *
 * @module
 */
export {
  calendarOf,
  epochMinutes,
  formatDateTime,
  fromEpochMinutes,
  isValidDateTime,
} from "./calendar.ts";
export type { Calendar, DateTime } from "./calendar.ts";
export { withEvents } from "./events.ts";
export type { EventsSpec, ForecastModel, MaintenancePlan } from "./events.ts";
export {
  checkScenarioGrid,
  DEFAULT_GENERATION_START,
  DEFAULT_GENERATION_STEPS,
  DEFAULT_MODEL,
  DISPATCHABLE,
  GEN_TYPES,
  generateScenario,
} from "./generate.ts";
export type {
  GenerateOptions,
  GenType,
  ScenarioGen,
  ScenarioGrid,
  ScenarioLoad,
  ScenarioModel,
} from "./generate.ts";
export {
  calendarAt,
  forecastAt,
  injectionsAt,
  makeScenario,
  maxStep,
  minutesAt,
  timeAt,
} from "./scenario.ts";
export type { Scenario, ScenarioRow } from "./scenario.ts";
