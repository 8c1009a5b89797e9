/**
 * Reading the scenario generator's description of a grid (`ScenarioGrid`) from JSON, such as
 * `fixtures/case14/scenario_grid.json`: loads `{ name, p_mw, q_mvar }` and generators
 * `{ name, type, pmin, pmax, max_ramp_up, max_ramp_down, v_kv, slack }` in the grid's order,
 * plus an optional `source` note. A malformed file is an `InputError` naming the file and the
 * field.
 *
 * @example
 * ```ts
 * import { generateScenario } from "../../core/grid/scenario/mod.ts";
 * import { streams } from "../mod.ts";
 *
 * const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);
 * const s = generateScenario(grid, streams(29).gen("scenario:0")); // a seeded case14 scenario
 * ```
 * @module
 */
import * as t from "io-ts";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.ts";
import { closed, Finite, readJson } from "./codec.ts";
import { checkScenarioGrid, GEN_TYPES, ScenarioGrid } from "../../core/grid/scenario/mod.ts";

const GenType = t.keyof(
  Object.fromEntries(GEN_TYPES.map((k) => [k, null])) as Record<typeof GEN_TYPES[number], null>,
  `one of ${GEN_TYPES.join("|")}`,
);

/** The file format of a scenario grid description. */
const ScenarioGridFile = closed({
  loads: t.array(closed({ name: t.string, p_mw: Finite, q_mvar: Finite })),
  gens: t.array(closed({
    name: t.string,
    type: GenType,
    pmin: Finite,
    pmax: Finite,
    max_ramp_up: Finite,
    max_ramp_down: Finite,
    v_kv: Finite,
    slack: t.boolean,
  })),
  source: t.union([t.string, t.undefined]),
});

/** The project's description of its built-in case14 grid for the scenario generator. */
export const CASE14_SCENARIO_GRID: string = fileURLToPath(
  new URL("../../fixtures/case14/scenario_grid.json", import.meta.url),
);

/** Reads and checks a scenario grid description. */
export async function readScenarioGrid(path: string): Promise<ScenarioGrid> {
  const { loads, gens } = await readJson(path, ScenarioGridFile);
  const grid: ScenarioGrid = { loads, gens };
  const problem = checkScenarioGrid(grid);
  if (problem !== undefined) throw new InputError(`${path}: ${problem}`);
  return grid;
}
