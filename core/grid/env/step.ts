/**
 * The environment's dynamics as pure functions over an immutable state: `reset` (the state
 * at a scenario's first row) and `step` (state, action, the injections of the next row) ->
 * (next state, rewards, done, info), in grid2op's order (`BaseEnv.step`):
 *
 * 1. an ambiguous action, then an illegal one, is replaced by do-nothing and flagged;
 * 2. the action changes the topology (`applyToTopology`);
 * 3. the power flow and the overflow cascade run (`nextGridState`); a failure is a game over;
 * 4. otherwise the counters move: consecutive overflow steps (a line strictly above its limit
 *    after the cascade), each line's wait before it may be reconnected (counted down, set to
 *    `NB_TIMESTEP_RECONNECTION` for the lines the cascade tripped), the cooldowns of the lines
 *    and substations the action affected, the last bus of every connected element;
 * 5. the episode is done on a game over or at the scenario's last row; rewards follow.
 *
 * Rows follow grid2op: `reset` uses row 0 (and, as grid2op's reset does, already runs the
 * cascade, then clears every counter), step `t` uses row `t`, and step `maxStep` is the last.
 * States are never mutated: arrays that do not change are shared between states.
 *
 * @example
 * ```ts
 * import { doNothing } from "./action.ts";
 * import { gridModel } from "./model.ts";
 * import { generateScenario } from "../scenario/mod.ts";
 * import { genFromSeed } from "../../mod.ts";
 * import { CASE14_SCENARIO_GRID, readCase, readScenarioGrid } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const scenario = generateScenario(await readScenarioGrid(CASE14_SCENARIO_GRID), genFromSeed(0));
 * const model = gridModel(net);
 * let s = reset(model, scenario);
 * const r = step(model, s, doNothing(net));   // r.state, r.rewards, r.done, r.info
 * s = r.state;
 * ```
 * @module
 */
import { defaultTopoVect, genVmPuFromKv, Injections } from "../network.ts";
import { CompiledGrid, PowerFlowResult } from "../powerflow/mod.ts";
import { forecastAt, injectionsAt, maxStep, Scenario, ScenarioRow } from "../scenario/mod.ts";
import {
  ambiguity,
  doNothing,
  GridAction,
  isDoNothing,
  TopologicalImpact,
  topologicalImpact,
} from "./action.ts";
import { applyToTopology, disconnectLines, registerTopology } from "./bus_action.ts";
import { maintenanceAt, maintenanceSchedule } from "./maintenance.ts";
import { opponentStart, OpponentState, opponentStep } from "./opponent.ts";
import { nextGridState } from "./cascade.ts";
import { GridModel } from "./model.ts";
import { StepRewards, stepRewards } from "./rewards.ts";
import { brokenRule, illegality } from "./rules.ts";

/** What happened during a step (grid2op's `info`). */
export interface StepInfo {
  /** The action was illegal and replaced by do-nothing. */
  readonly isIllegal: boolean;
  /** The action was ambiguous and replaced by do-nothing. */
  readonly isAmbiguous: boolean;
  /** Messages: why the action was ambiguous or illegal, why the game is over. */
  readonly exception: readonly string[];
  /** grid2op's `disc_lines`: the cascade pass at which each line tripped, -1 if it did not. */
  readonly tripped: Int32Array;
}

/** The environment's state after a reset or a step. */
export interface EnvState {
  readonly scenario: Scenario;
  /** grid2op's `current_step`: 0 after reset, row `step` of the scenario is in use. */
  readonly step: number;
  /** Bus bar of every element (1, 2, -1): grid2op's `topo_vect`. */
  readonly topoVect: Int8Array;
  /** Bus of every element when last connected (where a reconnection puts it back). */
  readonly lastBus: Int8Array;
  /** 1 for a connected line. */
  readonly lineStatus: Uint8Array;
  /** Consecutive steps each line has been above its thermal limit. */
  readonly timestepOverflow: Int32Array;
  /** Steps before each line's status may be changed (a tripped line's reconnection wait). */
  readonly timeBeforeCooldownLine: Int32Array;
  /** Steps before each substation's topology may be changed. */
  readonly timeBeforeCooldownSub: Int32Array;
  /** The compiled topology of `topoVect`. */
  readonly grid: CompiledGrid;
  /** The power flow of this step (NaN everywhere after a failure). */
  readonly flow: PowerFlowResult;
  /** `a_or / thermal_limit` per line (0 when disconnected, NaN after a failure). */
  readonly rho: Float64Array;
  /** The scenario row in use. */
  readonly injections: ScenarioRow;
  /** The episode is over (game over or the scenario's end). */
  readonly done: boolean;
  /** The episode ended in a game over (grid2op's `has_error`). */
  readonly gameOver: boolean;
  /** What happened during the step that led here. */
  readonly info: StepInfo;
  /** The step's rewards. */
  readonly rewards: StepRewards;
  /** The opponent's counters and the line it cuts at this step (null without an opponent). */
  readonly opponent: OpponentState | null;
}

/** The result of `step`. */
export interface StepResult {
  readonly state: EnvState;
  readonly rewards: StepRewards;
  readonly done: boolean;
  readonly info: StepInfo;
}

/** The power-flow injections of a scenario row (set-point voltages from kV to per unit). */
export function rowInjections(model: GridModel, row: ScenarioRow): Injections {
  return {
    loadP: row.load_p,
    loadQ: row.load_q,
    genP: row.prod_p,
    genVmPu: genVmPuFromKv(model.net, row.prod_v),
  };
}

/** Counts down every positive entry; returns `values` itself when nothing is positive. */
function countDown(values: Int32Array): Int32Array {
  if (!values.some((v) => v > 0)) return values;
  return values.map((v) => (v > 0 ? v - 1 : v));
}

/** The action a step applies, after step 1. */
interface Screened {
  readonly action: GridAction;
  /** The lines and substations `action` affects (null when it is do-nothing). */
  readonly impact: TopologicalImpact | null;
  readonly isIllegal: boolean;
  readonly isAmbiguous: boolean;
  readonly exception: string[];
}

/** Step 1: an ambiguous, then an illegal, action becomes do-nothing. */
function screen(model: GridModel, state: EnvState, action: GridAction): Screened {
  const why = ambiguity(model.index, action);
  if (why !== null) {
    return {
      action: doNothing(model.net),
      impact: null,
      isIllegal: false,
      isAmbiguous: true,
      exception: [why],
    };
  }
  if (isDoNothing(action)) {
    return { action, impact: null, isIllegal: false, isAmbiguous: false, exception: [] };
  }
  const impact = topologicalImpact(model.index, action, state.lineStatus);
  const rule = brokenRule(model.parameters, impact, state);
  if (rule !== null) {
    return {
      action: doNothing(model.net),
      impact: null,
      isIllegal: true,
      isAmbiguous: false,
      exception: [illegality(rule, model.parameters, impact, state)],
    };
  }
  return { action, impact, isIllegal: false, isAmbiguous: false, exception: [] };
}

/**
 * The opponent after step `t`: its step on the line statuses before it, with the scenario's
 * draw; with `attacks` false (a simulation) it launches nothing and its counters stay.
 */
function nextOpponent(
  model: GridModel,
  prev: Pick<EnvState, "opponent" | "lineStatus" | "scenario">,
  t: number,
  attacks: boolean,
): OpponentState | null {
  const spec = model.opponent;
  if (spec === null || prev.opponent === null) return null;
  if (!attacks) return { ...prev.opponent, line: -1, remaining: 0 };
  const draws = prev.scenario.attack_draws;
  if (draws === undefined) {
    throw new RangeError(`scenario ${prev.scenario.id}: the opponent needs its attack_draws`);
  }
  return opponentStep(spec, prev.opponent, prev.lineStatus, draws[t]);
}

/**
 * grid2op's `_update_time_reconnection_hazards_maintenance`: a line in maintenance at row `t`
 * may not be acted on before the maintenance's end (`duration_next_maintenance` steps).
 */
function maintenanceWait(
  wait: Int32Array,
  before: Int32Array,
  scenario: Scenario,
  nLine: number,
  t: number,
): Int32Array {
  if (scenario.maintenance === undefined) return wait;
  const { timeNext, duration } = maintenanceSchedule(scenario.maintenance, nLine);
  let out = wait;
  for (let l = 0; l < nLine; l++) {
    const i = t * nLine + l;
    if (timeNext[i] === 0 && out[l] < duration[i]) {
      if (out === before) out = out.slice();
      out[l] = duration[i];
    }
  }
  return out;
}

/** Steps 2-5 of the module documentation, from a screened action. */
function advance(
  model: GridModel,
  prev: Omit<EnvState, "flow"> & { readonly flow: PowerFlowResult | null },
  t: number,
  row: ScenarioRow,
  a: Screened,
  attacks: boolean,
): EnvState {
  const { net, parameters: params, thermalLimit, index } = model;
  const nLine = net.line.name.length;
  const scenario = prev.scenario;
  // The environment's own outages override the action: maintenance, then the opponent.
  let topo = applyToTopology(index, prev.topoVect, prev.lastBus, a.action);
  const maintenance = scenario.maintenance;
  if (maintenance !== undefined) {
    topo = disconnectLines(index, topo, maintenanceAt(maintenance, nLine, t));
  }
  const opponent = nextOpponent(model, prev, t, attacks);
  if (opponent !== null && opponent.line >= 0) {
    const off = new Uint8Array(nLine);
    off[opponent.line] = 1;
    topo = disconnectLines(index, topo, off);
  }
  const inj = rowInjections(model, row);
  const next = nextGridState(model, topo, inj, prev.timestepOverflow, prev.flow);
  const flow = next.flow;
  const gameOver = next.exception !== null;
  const done = gameOver || t >= maxStep(prev.scenario);
  const rho = new Float64Array(nLine);
  for (let l = 0; l < nLine; l++) rho[l] = flow.aOr[l] / thermalLimit[l];
  const exception = gameOver ? [...a.exception, next.exception!] : a.exception;
  const info: StepInfo = {
    isIllegal: a.isIllegal,
    isAmbiguous: a.isAmbiguous,
    exception,
    tripped: next.tripped,
  };
  const rewards = stepRewards(flow.aOr, rho, thermalLimit, {
    hasError: gameOver,
    isDone: done,
    isIllegal: a.isIllegal,
    isAmbiguous: a.isAmbiguous,
  });
  const common = {
    scenario: prev.scenario,
    step: t,
    topoVect: next.topoVect,
    lineStatus: next.compiled.grid.topo.lineStatus,
    grid: next.compiled.grid,
    flow,
    rho,
    injections: row,
    done,
    gameOver,
    info,
    rewards,
    opponent,
  };
  if (gameOver) {
    return {
      ...common,
      lastBus: prev.lastBus,
      timestepOverflow: prev.timestepOverflow,
      timeBeforeCooldownLine: prev.timeBeforeCooldownLine,
      timeBeforeCooldownSub: prev.timeBeforeCooldownSub,
    };
  }
  // Consecutive overflow steps: strictly above the limit after the cascade.
  let overflow = prev.timestepOverflow;
  for (let l = 0; l < nLine; l++) {
    const over = flow.aOr[l] > thermalLimit[l];
    if ((over ? overflow[l] + 1 : 0) !== overflow[l]) {
      if (overflow === prev.timestepOverflow) overflow = overflow.slice();
      overflow[l] = over ? overflow[l] + 1 : 0;
    }
  }
  // Line waits: an attacked line waits for the attack's end, all count down, tripped lines
  // wait NB_TIMESTEP_RECONNECTION steps, maintained ones for their maintenance's end.
  let lineWait = prev.timeBeforeCooldownLine;
  if (opponent !== null && opponent.line >= 0 && lineWait[opponent.line] < opponent.remaining) {
    lineWait = lineWait.slice();
    lineWait[opponent.line] = opponent.remaining;
  }
  lineWait = countDown(lineWait);
  if (next.tripped.some((p) => p >= 0)) {
    lineWait = lineWait === prev.timeBeforeCooldownLine ? lineWait.slice() : lineWait;
    next.tripped.forEach((p, l) => p >= 0 && (lineWait[l] = params.NB_TIMESTEP_RECONNECTION));
  }
  lineWait = maintenanceWait(lineWait, prev.timeBeforeCooldownLine, scenario, nLine, t);
  let subWait = prev.timeBeforeCooldownSub;
  const impact = a.impact;
  const max = params.NB_TIMESTEP_COOLDOWN_LINE;
  if (impact !== null && max > 0) {
    lineWait = lineWait === prev.timeBeforeCooldownLine ? lineWait.slice() : lineWait;
    impact.lines.forEach((hit, l) => hit && lineWait[l] < max && (lineWait[l] = max));
  }
  if (params.NB_TIMESTEP_COOLDOWN_SUB > 0) {
    // grid2op counts substation cooldowns down only when they are in use.
    subWait = countDown(subWait);
    if (impact !== null && impact.nSubs > 0) {
      subWait = subWait === prev.timeBeforeCooldownSub ? subWait.slice() : subWait;
      impact.subs.forEach((hit, s) => hit && (subWait[s] = params.NB_TIMESTEP_COOLDOWN_SUB));
    }
  }
  return {
    ...common,
    lastBus: registerTopology(prev.lastBus, next.topoVect),
    timestepOverflow: overflow,
    timeBeforeCooldownLine: lineWait,
    timeBeforeCooldownSub: subWait,
  };
}

/**
 * The state at the start of an episode on `scenario`: every element on its default bus, row
 * 0's power flow and cascade, then every counter at 0 (grid2op's reset). When row 0 cannot be
 * solved the state is already done, with the reason in `info.exception` (grid2op raises).
 */
export function reset(model: GridModel, scenario: Scenario): EnvState {
  const { net } = model;
  const nLine = net.line.name.length, nSub = net.sub.name.length;
  const topoVect = defaultTopoVect(net);
  const zerosLine = new Int32Array(nLine);
  const blank = {
    scenario,
    step: -1,
    topoVect,
    lastBus: Int8Array.from(topoVect, (b) => (b > 0 ? b : 1)),
    lineStatus: new Uint8Array(nLine).fill(1),
    timestepOverflow: zerosLine,
    timeBeforeCooldownLine: zerosLine,
    timeBeforeCooldownSub: new Int32Array(nSub),
    grid: model.compiled(topoVect).grid,
    flow: null,
    rho: new Float64Array(nLine),
    injections: injectionsAt(scenario, 0),
    done: false,
    gameOver: false,
    info: { isIllegal: false, isAmbiguous: false, exception: [], tripped: new Int32Array(nLine) },
    rewards: { L2RPNReward: 0, CloseToOverflowReward: 0 },
    opponent: model.opponent === null ? null : opponentStart(model.opponent),
  };
  // grid2op checks no rule at reset, and its opponent does not attack there.
  const first = advance(model, blank, 0, blank.injections, {
    action: doNothing(net),
    impact: null,
    isIllegal: false,
    isAmbiguous: false,
    exception: [],
  }, false);
  return {
    ...first,
    rewards: blank.rewards, // grid2op returns no reward at reset
    timestepOverflow: zerosLine,
    timeBeforeCooldownLine: first.gameOver
      ? zerosLine
      : maintenanceWait(zerosLine, zerosLine, scenario, nLine, 0),
    timeBeforeCooldownSub: blank.timeBeforeCooldownSub,
    opponent: blank.opponent,
  };
}

/**
 * One step: `action` at `state`, with the injections of the next row (by default the
 * scenario's row `state.step + 1`; pass others to simulate). Throws a RangeError when the
 * episode is already over.
 */
export function step(
  model: GridModel,
  state: EnvState,
  action: GridAction,
  row?: ScenarioRow,
): StepResult {
  if (state.done) throw new RangeError("step: the episode is over; reset first");
  const t = state.step + 1;
  const next = advance(
    model,
    state,
    t,
    row ?? injectionsAt(state.scenario, t),
    screen(model, state, action),
    true,
  );
  return { state: next, rewards: next.rewards, done: next.done, info: next.info };
}

/**
 * grid2op's `obs.simulate`: the step `action` would make on the forecast of the next row
 * (`forecastAt`: the scenario's forecast, else the real next row), with the next row's
 * maintenance but no new attack, changing nothing. When the forecast is the real next row
 * and no attack starts, it equals `step`. Throws a RangeError when the episode is over.
 */
export function simulate(
  model: GridModel,
  state: EnvState,
  action: GridAction,
  row?: ScenarioRow,
): StepResult {
  if (state.done) throw new RangeError("simulate: the episode is over");
  const next = advance(
    model,
    state,
    state.step + 1,
    row ?? forecastAt(state.scenario, state.step),
    screen(model, state, action),
    false,
  );
  return { state: next, rewards: next.rewards, done: next.done, info: next.info };
}
