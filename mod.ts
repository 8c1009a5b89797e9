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
} from "./core/grid/calendar.ts";
export type { Calendar, DateTime } from "./core/grid/calendar.ts";
export {
  calendarAt,
  injectionsAt,
  makeScenario,
  maxStep,
  minutesAt,
  timeAt,
} from "./core/grid/scenario.ts";
export type { Injections, Scenario } from "./core/grid/scenario.ts";
export {
  checkScenarioGrid,
  DEFAULT_GENERATION_START,
  DEFAULT_GENERATION_STEPS,
  DEFAULT_MODEL,
  DISPATCHABLE,
  GEN_TYPES,
  generateScenario,
} from "./core/grid/scenario_gen.ts";
export type {
  GenerateOptions,
  GenType,
  ScenarioGen,
  ScenarioGrid,
  ScenarioLoad,
  ScenarioModel,
} from "./core/grid/scenario_gen.ts";
export { bunzip2 } from "./effects/io/bzip2.ts";
export { listScenarios, readChronics } from "./effects/io/chronics.ts";
export type { ElementNames } from "./effects/io/chronics.ts";
export { CASE14_SCENARIO_GRID, readScenarioGrid } from "./effects/io/scenario_grid.ts";
export { seededScenario } from "./effects/scenarios.ts";
