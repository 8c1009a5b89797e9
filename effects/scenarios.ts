/**
 * Generated scenarios numbered within a run: scenario `index` of a run seeded by `seed` draws
 * from its own named stream (`scenario:<index>`), so it is the same whatever other scenarios
 * or purposes the run draws, and an episode on it can be replayed from (seed, index) alone.
 *
 * @example
 * ```ts
 * import { CASE14_SCENARIO_GRID, readScenarioGrid } from "./io/mod.ts";
 *
 * const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);
 * const s = seededScenario(grid, 29, 3, { steps: 575 });
 * console.log(s.id); // "generated-29-3"
 * ```
 * @module
 */
import { streams } from "./rng.ts";
import {
  GenerateOptions,
  generateScenario,
  Scenario,
  ScenarioGrid,
} from "../core/grid/scenario/mod.ts";

/** Scenario `index` of the run seeded by `seed`, with id `generated-<seed>-<index>`. */
export function seededScenario(
  grid: ScenarioGrid,
  seed: number,
  index: number,
  options: GenerateOptions = {},
): Scenario {
  return generateScenario(grid, streams(seed).gen(`scenario:${index}`), {
    id: `generated-${seed}-${index}`,
    ...options,
  });
}
