/**
 * Replaying an episode of a grid environment: a list of discrete action indices read from
 * JSON (an array, or `{ "actions": [...] }`), played from the reset of one scenario (do-nothing
 * after the list, up to a number of steps, or to the episode's end), and the trace written as
 * JSON: per step the action, rho, line_status, topo_vect, timestep_overflow, the cooldowns,
 * gen_p, p_or, both rewards, done and grid2op's illegal / ambiguous / exception flags; with
 * pictures, the grid at each step and the loading over the episode as SVG.
 *
 * @example
 * ```ts
 * import { join } from "node:path";
 * import { loadGrid } from "./mod.ts";
 * import { makeRunFolder } from "./io/mod.ts";
 *
 * const env = await loadGrid("case14");
 * const d = env.discrete();
 * const actions = [0, 0, 0]; // or from a file: await readActions("actions.json", d.numActions)
 * const steps = replayEpisode(d, env.scenarioById("0"), actions, 100);
 * const doc = traceDocument(env, d, steps, { scenario: "0" });
 * const folder = await makeRunFolder("replay");
 * const files = await writeReplay(join(folder, "trace.json"), env, steps, doc, true);
 * ```
 * @module
 */
import * as t from "io-ts";
import { dirname, join } from "node:path";
import { InputError } from "./errors.ts";
import { closed, decode, NonNegInt, parseJson, readText, writeAtomic } from "./io/mod.ts";
import { LoadedGrid } from "./grids.ts";
import { gridPicture, hasLayout, lineChart, progress } from "./report/mod.ts";
import {
  actionToDict,
  EnvState,
  GridDiscreteEnv,
  maintenanceAt,
  reset,
} from "../core/grid/env/mod.ts";
import { maxStep, Scenario } from "../core/grid/scenario/mod.ts";

const ActionList = t.array(NonNegInt);
const ActionsObject = closed({ actions: ActionList });

/**
 * Reads a list of action indices; an index outside the table, a value that is not a
 * non-negative integer or a malformed file is an `InputError` naming the file and the entry.
 */
export async function readActions(path: string, numActions: number): Promise<number[]> {
  const json = parseJson(await readText(path), path);
  const actions = Array.isArray(json)
    ? decode(ActionList, json, path)
    : decode(ActionsObject, json, path).actions;
  actions.forEach((a, i) => {
    if (a >= numActions) {
      throw new InputError(
        `${path}: actions[${i}]: ${a} is not an action index (0..${numActions - 1})`,
      );
    }
  });
  return actions;
}

/** One entry of `replay`: the action that led to a state (null at reset) and the state. */
export interface ReplayStep {
  readonly action: number | null;
  readonly state: EnvState;
}

/**
 * Plays `actions` from the reset of `scenario`, then do-nothing (index 0), for `steps` steps
 * (default: as many as there are actions, or the whole scenario without actions), stopping
 * when the episode ends. The first entry is the reset state.
 */
export function replayEpisode(
  env: GridDiscreteEnv,
  scenario: Scenario,
  actions: readonly number[],
  steps?: number,
  quiet = true,
): ReplayStep[] {
  const total = Math.min(
    steps ?? (actions.length > 0 ? actions.length : maxStep(scenario)),
    maxStep(scenario),
  );
  const bar = progress(`${scenario.id}: steps`, total, quiet);
  let state = reset(env.model, scenario);
  const out: ReplayStep[] = [{ action: null, state }];
  for (let i = 0; i < total && !state.done; i++) {
    const action = actions[i] ?? 0;
    state = env.step(state, action).state;
    out.push({ action, state });
    bar.tick();
  }
  bar.done(state.gameOver ? "game over" : undefined);
  return out;
}

const list = (a: ArrayLike<number>) => Array.from(a);
/** Flows and loadings with float32's 7 significant digits, as grid2op's observations hold them. */
const digits7 = (a: ArrayLike<number>) =>
  Array.from(a, (x) => (Number.isFinite(x) ? Number(x.toPrecision(7)) : null));

/** The trace of a replay as a JSON-ready document. */
export function traceDocument(
  env: LoadedGrid,
  discrete: GridDiscreteEnv,
  steps: readonly ReplayStep[],
  meta: Record<string, unknown>,
): Record<string, unknown> {
  const last = steps[steps.length - 1].state;
  return {
    env: env.name,
    source: env.source,
    ...meta,
    scenario_id: last.scenario.id,
    parameters: env.model.parameters,
    max_step: maxStep(last.scenario),
    steps_played: steps.length - 1,
    survived: !last.gameOver,
    name_line: env.model.net.line.name,
    name_gen: env.model.net.gen.name,
    steps: steps.map(({ action, state: s }) => ({
      step: s.step,
      action,
      action_dict: action === null ? null : actionToDict(env.model.index, discrete.actions[action]),
      rho: digits7(s.rho),
      line_status: Array.from(s.lineStatus, (v) => v === 1),
      topo_vect: list(s.topoVect),
      timestep_overflow: list(s.timestepOverflow),
      time_before_cooldown_line: list(s.timeBeforeCooldownLine),
      time_before_cooldown_sub: list(s.timeBeforeCooldownSub),
      gen_p: digits7(s.flow.genP),
      p_or: digits7(s.flow.pOr),
      rewards: action === null ? null : s.rewards,
      done: s.done,
      is_illegal: s.info.isIllegal,
      is_ambiguous: s.info.isAmbiguous,
      exception: s.info.exception,
      tripped: list(s.info.tripped),
      ...events(env, s),
    })),
  };
}

/** A step's forced outages, when the environment has them: maintenance, the opponent's cut. */
function events(env: LoadedGrid, s: EnvState): Record<string, number[]> {
  const nLine = env.model.net.line.name.length;
  const m = s.scenario.maintenance;
  const out: Record<string, number[]> = {};
  if (m !== undefined) out.line_maintenance = list(maintenanceAt(m, nLine, s.step));
  if (s.opponent !== null) {
    out.line_attacked = Array.from({ length: nLine }, (_, l) => (l === s.opponent!.line ? 1 : 0));
  }
  return out;
}

/** The largest finite rho of a state (0 when none is finite). */
const maxRho = (s: EnvState) => Math.max(...s.rho.filter(Number.isFinite), 0);

/** The grid of one replayed state, at its layout, lines coloured by rho. */
function stepPicture(env: LoadedGrid, s: EnvState): string {
  const rhoMax = maxRho(s);
  const what = s.gameOver
    ? `game over (${s.info.exception.at(-1)})`
    : `L2RPN ${s.rewards.L2RPNReward.toFixed(2)}, max rho ${rhoMax.toFixed(3)}${
      s.done ? ", end" : ""
    }`;
  return gridPicture(
    s.grid.topo,
    s.rho,
    `${env.name} scenario ${s.scenario.id}, step ${s.step}: ${what}`,
  );
}

/**
 * Writes the trace to `out` (JSON) and, with `pictures`, beside it `loading.svg` (max rho and
 * rewards per step) and `grid/step-NNNN.svg` (when the grid has a layout, with a progress bar
 * unless `quiet`). Returns the files.
 */
export async function writeReplay(
  out: string,
  env: LoadedGrid,
  steps: readonly ReplayStep[],
  document: Record<string, unknown>,
  pictures: boolean,
  quiet = true,
): Promise<string[]> {
  await writeAtomic(out, JSON.stringify(document) + "\n"); // compact: long traces
  const files = [out];
  if (!pictures) return files;
  const folder = dirname(out);
  const x = steps.map(({ state }) => state.step);
  const rhoMax = steps.map(({ state }) => maxRho(state));
  const loading = join(folder, "loading.svg");
  await writeAtomic(
    loading,
    lineChart({
      title: `${env.name} scenario ${steps[0].state.scenario.id}: max rho and rewards per step`,
      xLabel: "step",
      yLabel: "max rho, rewards",
      series: [
        { name: "max rho", x, y: rhoMax },
        {
          name: "L2RPNReward / n_line",
          x: x.slice(1),
          y: steps.slice(1).map(({ state }) =>
            state.rewards.L2RPNReward / env.model.net.line.name.length
          ),
        },
        {
          name: "CloseToOverflowReward",
          x: x.slice(1),
          y: steps.slice(1).map(({ state }) => state.rewards.CloseToOverflowReward),
        },
      ],
    }),
  );
  files.push(loading);
  if (hasLayout(env.model.net)) {
    const bar = progress("pictures", steps.length, quiet);
    for (const { state } of steps) {
      const file = join(folder, "grid", `step-${String(state.step).padStart(4, "0")}.svg`);
      await writeAtomic(file, stepPicture(env, state));
      files.push(file);
      bar.tick();
    }
    bar.done();
  }
  return files;
}
