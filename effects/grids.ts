/**
 * The grid environments a job can name: the built-in `case14` (the project's own 14-bus grid,
 * the sandbox's, with scenarios generated on demand from a seed: no external data) or a grid2op
 * environment folder (its grid and its `chronics/`, read once). Either way the result holds the
 * environment's model, its scenarios and the `DiscreteEnv` the agents step through.
 *
 * @example
 * ```ts
 * const env = await loadGrid("case14");                       // built in
 * const sandbox = await loadGrid("../shared/data/grid2op/l2rpn_case14_sandbox");
 * const d = sandbox.discrete();                // 487 actions, grid2op's order
 * let s = d.reset(0);                          // scenario 0000
 * ```
 * @module
 */
import { join } from "node:path";
import { InputError } from "./errors.ts";
import {
  CASE14_SCENARIO_GRID,
  isFolder,
  listScenarios,
  readCase,
  readChronics,
  readGrid2opFolder,
  readScenarioGrid,
} from "./io/mod.ts";
import { seededScenario } from "./scenarios.ts";
import { streams } from "./rng.ts";
import { EventsSpec, MaintenancePlan, Scenario, withEvents } from "../core/grid/scenario/mod.ts";
import {
  DiscreteOptions,
  EnvParameters,
  envParameters,
  GridDiscreteEnv,
  gridDiscreteEnv,
  GridModel,
  gridModel,
  OpponentSpec,
  PowerFlowInit,
} from "../core/grid/env/mod.ts";
import { Network } from "../core/grid/mod.ts";

/** Names of the environments built into gridfold. */
export const BUILT_IN_GRIDS = ["case14"] as const;

/** Options of `loadGrid`. */
export interface LoadOptions {
  /** case14: the seed of its generated scenarios (default 0). */
  readonly seed?: number;
  /** case14: steps per generated scenario (default 575, the sandbox's episodes). */
  readonly steps?: number;
  /** A grid2op folder: the chronics to read (default: all, in grid2op's order). */
  readonly scenarios?: readonly string[];
  /** Rules' parameters replacing grid2op's defaults. */
  readonly parameters?: Partial<EnvParameters>;
  /** How each power flow starts (default "dc", as grid2op). */
  readonly powerFlowInit?: PowerFlowInit;
  /** The events that make episodes hard (default none: the scenarios as they are). */
  readonly events?: EnvEvents;
}

/**
 * Events, lines by name: case14 plans `maintenance` (a grid2op folder reads its chronics'
 * `maintenance` files instead) and draws its forecast errors; both draw the opponent's choices
 * from the seed, per scenario (stream `events:<episode>`).
 */
export interface EnvEvents {
  readonly maintenance?: Omit<MaintenancePlan, "lines"> & { readonly lines: readonly string[] };
  readonly forecast?: { readonly loadError: number; readonly renewableError: number };
  readonly opponent?: Omit<OpponentSpec, "lines"> & { readonly lines: readonly string[] };
}

/** Line ids of line names; an unknown name is an InputError naming `what`. */
function lineIds(net: Network, names: readonly string[], what: string): number[] {
  return names.map((name) => {
    const l = net.line.name.indexOf(name);
    if (l < 0) throw new InputError(`${what}: no line "${name}" in ${net.name}`);
    return l;
  });
}

/** The opponent of `events` with line ids. */
function opponentOf(net: Network, events: EnvEvents | undefined): OpponentSpec | null {
  const o = events?.opponent;
  return o === undefined ? null : { ...o, lines: lineIds(net, o.lines, "opponent.lines") };
}

/** A loaded environment. */
export interface LoadedGrid {
  /** "case14", or the grid2op folder's name. */
  readonly name: string;
  readonly source: "built-in" | "grid2op";
  readonly model: GridModel;
  /** The chronics read from a grid2op folder; empty for generated scenarios. */
  readonly scenarioIds: readonly string[];
  /** The scenario episode `episode` runs on (a grid2op folder cycles through its chronics). */
  scenario(episode: number): Scenario;
  /** The scenario named `id`: a chronics folder name, or for case14 a scenario number. */
  scenarioById(id: string): Scenario;
  /** The environment with discrete actions (grid2op's table unless `options.actions`). */
  discrete(options?: DiscreteOptions): GridDiscreteEnv;
}

function checkEpisode(episode: number): void {
  if (!Number.isSafeInteger(episode) || episode < 0) {
    throw new RangeError(`episode ${episode}: expected a non-negative integer`);
  }
}

function environment(
  name: string,
  source: LoadedGrid["source"],
  net: Network,
  options: LoadOptions,
  scenarioIds: readonly string[],
  scenario: (episode: number) => Scenario,
  scenarioById: (id: string) => Scenario,
): LoadedGrid {
  const model = gridModel(net, {
    parameters: envParameters(options.parameters),
    powerFlowInit: options.powerFlowInit,
    opponent: opponentOf(net, options.events),
  });
  return {
    name,
    source,
    model,
    scenarioIds,
    scenario,
    scenarioById,
    discrete: (o?: DiscreteOptions) => gridDiscreteEnv(model, scenario, o),
  };
}

/** The built-in case14's default steps per generated scenario: the sandbox's episode length. */
export const CASE14_STEPS = 575;

/** The built-in case14: the fixture grid and scenarios generated from `seed`. */
async function builtInCase14(options: LoadOptions): Promise<LoadedGrid> {
  const { net } = await readCase("case14");
  const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);
  const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(",");
  if (
    names(grid.loads) !== net.load.name.join(",") || names(grid.gens) !== net.gen.name.join(",")
  ) {
    throw new InputError(`${CASE14_SCENARIO_GRID}: elements differ from the case14 grid's`);
  }
  const seed = options.seed ?? 0;
  const steps = options.steps ?? CASE14_STEPS;
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`steps: expected a positive integer, got ${steps}`);
  }
  const events = options.events;
  const spec: EventsSpec | null = events === undefined ? null : {
    nLine: net.line.name.length,
    ...(events.maintenance && {
      maintenance: {
        ...events.maintenance,
        lines: lineIds(net, events.maintenance.lines, "maintenance.lines"),
      },
    }),
    ...(events.forecast && {
      forecast: {
        ...events.forecast,
        renewable: Uint8Array.from(net.gen.type, (t) => (t === "wind" || t === "solar" ? 1 : 0)),
        pMax: net.gen.pMax,
      },
    }),
    attackDraws: events.opponent !== undefined,
  };
  const rngs = streams(seed);
  const scenario = (episode: number) => {
    checkEpisode(episode);
    const s = seededScenario(grid, seed, episode, { steps });
    return spec === null ? s : withEvents(s, spec, rngs.gen(`events:${episode}`));
  };
  const byId = (id: string) => {
    if (!/^\d+$/.test(id)) {
      throw new InputError(`case14: scenario "${id}" is not a scenario number (0, 1, 2, ...)`);
    }
    return scenario(Number(id));
  };
  return environment("case14", "built-in", net, options, [], scenario, byId);
}

/** A grid2op folder: its grid and the chronics in `options.scenarios` (default all). */
async function grid2opFolder(folder: string, options: LoadOptions): Promise<LoadedGrid> {
  const net = await readGrid2opFolder(folder);
  const chronics = join(folder, "chronics");
  const available = await listScenarios(chronics);
  const ids = options.scenarios ?? available;
  const unknown = ids.find((id) => !available.includes(id));
  if (unknown !== undefined) {
    throw new InputError(
      `${chronics}: no scenario "${unknown}" (available: ${available.join(", ")})`,
    );
  }
  if (ids.length === 0) throw new InputError(`${chronics}: no scenario to read`);
  const events = options.events;
  const names = {
    name_load: net.load.name,
    name_gen: net.gen.name,
    ...(events && { name_line: net.line.name }),
  };
  const scenarios: Scenario[] = [];
  for (const id of ids) {
    scenarios.push(
      await readChronics(join(chronics, id), names, { forecasts: events !== undefined }),
    );
  }
  const rngs = streams(options.seed ?? 0);
  const scenario = (episode: number) => {
    checkEpisode(episode);
    const s = scenarios[episode % scenarios.length];
    if (events?.opponent === undefined) return s;
    const spec = { nLine: net.line.name.length, attackDraws: true };
    return withEvents(s, spec, rngs.gen(`events:${episode}`));
  };
  const byId = (id: string) => {
    const k = ids.indexOf(id);
    if (k < 0) throw new InputError(`${chronics}: no scenario "${id}" (read: ${ids.join(", ")})`);
    return scenario(k);
  };
  // readGrid2opFolder names the network after the folder.
  return environment(net.name, "grid2op", net, options, ids, scenario, byId);
}

/**
 * Loads an environment by name (`case14`) or grid2op folder. An unknown name, a folder
 * without `grid.json` or `chronics/`, or a malformed file is an `InputError` naming it.
 */
export async function loadGrid(
  nameOrFolder: string,
  options: LoadOptions = {},
): Promise<LoadedGrid> {
  if ((BUILT_IN_GRIDS as readonly string[]).includes(nameOrFolder)) {
    return await builtInCase14(options);
  }
  if (await isFolder(nameOrFolder)) {
    for (const need of ["grid.json", "chronics"]) {
      try {
        await Deno.stat(join(nameOrFolder, need));
      } catch {
        throw new InputError(`${nameOrFolder}: not a grid2op environment folder (no ${need})`);
      }
    }
    return await grid2opFolder(nameOrFolder, options);
  }
  throw new InputError(
    `unknown environment "${nameOrFolder}": expected ${
      BUILT_IN_GRIDS.join(", ")
    } or a grid2op environment folder`,
  );
}
