/**
 * What the agent sees, with grid2op's attribute names and meaning (`CompleteObservation` of
 * grid2op 1.10 on a grid without storage, alarms or alerts), and the flat vector in grid2op's
 * `to_vect` order: 467 floats on the sandbox. After a game over the observation is grid2op's
 * `set_game_over` one (flows, injections and cooldowns at 0, every line off, `topo_vect` at -1,
 * the calendar and step of the failed step).
 *
 * The vector's layout (`observationLayout`), attribute by attribute (sizes for n_gen, n_load,
 * n_line, dim_topo, n_sub, n_shunt; booleans as 0/1): year, month, day, hour_of_day,
 * minute_of_hour, day_of_week (1 each); gen_p, gen_q, gen_v; load_p, load_q, load_v; p_or,
 * q_or, v_or, a_or, p_ex, q_ex, v_ex, a_ex, rho, line_status, timestep_overflow; topo_vect;
 * time_before_cooldown_line; time_before_cooldown_sub; time_next_maintenance,
 * duration_next_maintenance; target_dispatch, actual_dispatch; (storage: 0 each);
 * gen_p_before_curtail, curtailment, curtailment_limit, curtailment_limit_effective;
 * is_alarm_illegal, time_since_last_alarm, (last_alarm: 0), attention_budget,
 * was_alarm_used_after_game_over (1 each); _shunt_p, _shunt_q, _shunt_v, _shunt_bus;
 * current_step, max_step, delta_time (1 each); gen_margin_up, gen_margin_down; (alerts: 0).
 *
 * Maintenance comes from the scenario's `maintenance` series (core/grid/env/maintenance.ts).
 * Values grid2op gives that gridfold's environments do not model yet: no redispatching or
 * curtailment (dispatch 0, curtailment 0, limits 1, `gen_p_before_curtail` the renewables'
 * set-points), no alarm (budget 0, `time_since_last_alarm` -1).
 *
 * @example
 * ```ts
 * import { reset } from "./step.ts";
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const state = reset(model, scenario(0));
 * const obs = observe(model, state);   // obs.rho, obs.topo_vect, obs.hour_of_day, ...
 * const x = observationEncoder(model).encode(state); // Float32Array, 467 values on the sandbox
 * ```
 * @module
 */
import { Calendar, calendarAt, maxStep } from "../scenario/mod.ts";
import { maintenanceSchedule } from "./maintenance.ts";
import { GridModel } from "./model.ts";
import { EnvState } from "./step.ts";

/** grid2op's observation attributes (the calendar's, then arrays in grid element order). */
export interface Observation extends Calendar {
  readonly gen_p: Float64Array;
  readonly gen_q: Float64Array;
  readonly gen_v: Float64Array;
  readonly gen_theta: Float64Array;
  readonly load_p: Float64Array;
  readonly load_q: Float64Array;
  readonly load_v: Float64Array;
  readonly load_theta: Float64Array;
  readonly p_or: Float64Array;
  readonly q_or: Float64Array;
  readonly v_or: Float64Array;
  readonly a_or: Float64Array;
  readonly theta_or: Float64Array;
  readonly p_ex: Float64Array;
  readonly q_ex: Float64Array;
  readonly v_ex: Float64Array;
  readonly a_ex: Float64Array;
  readonly theta_ex: Float64Array;
  readonly rho: Float64Array;
  readonly line_status: Uint8Array;
  readonly timestep_overflow: Int32Array;
  readonly topo_vect: Int8Array;
  readonly time_before_cooldown_line: Int32Array;
  readonly time_before_cooldown_sub: Int32Array;
  readonly time_next_maintenance: Int32Array;
  readonly duration_next_maintenance: Int32Array;
  readonly target_dispatch: Float64Array;
  readonly actual_dispatch: Float64Array;
  readonly gen_p_before_curtail: Float64Array;
  readonly curtailment: Float64Array;
  readonly curtailment_limit: Float64Array;
  readonly curtailment_limit_effective: Float64Array;
  readonly is_alarm_illegal: number;
  readonly time_since_last_alarm: number;
  readonly attention_budget: number;
  readonly was_alarm_used_after_game_over: number;
  readonly _shunt_p: Float64Array;
  readonly _shunt_q: Float64Array;
  readonly _shunt_v: Float64Array;
  readonly _shunt_bus: Int8Array;
  readonly current_step: number;
  readonly max_step: number;
  /** Minutes between two steps. */
  readonly delta_time: number;
  readonly gen_margin_up: Float64Array;
  readonly gen_margin_down: Float64Array;
}

/** One attribute of the flat vector. */
export interface LayoutEntry {
  readonly name: keyof Observation;
  readonly offset: number;
  readonly size: number;
}

/** Which size an attribute of the flat vector has. */
type SizeOf = "one" | "gen" | "load" | "line" | "topo" | "sub" | "shunt";

/**
 * Attributes of the flat vector in grid2op's `attr_list_vect` order, with their sizes
 * (storage, alarm and alert attributes of size 0 left out).
 */
const VECTOR_ATTRIBUTES: readonly (readonly [keyof Observation, SizeOf])[] = [
  ["year", "one"],
  ["month", "one"],
  ["day", "one"],
  ["hour_of_day", "one"],
  ["minute_of_hour", "one"],
  ["day_of_week", "one"],
  ["gen_p", "gen"],
  ["gen_q", "gen"],
  ["gen_v", "gen"],
  ["load_p", "load"],
  ["load_q", "load"],
  ["load_v", "load"],
  ["p_or", "line"],
  ["q_or", "line"],
  ["v_or", "line"],
  ["a_or", "line"],
  ["p_ex", "line"],
  ["q_ex", "line"],
  ["v_ex", "line"],
  ["a_ex", "line"],
  ["rho", "line"],
  ["line_status", "line"],
  ["timestep_overflow", "line"],
  ["topo_vect", "topo"],
  ["time_before_cooldown_line", "line"],
  ["time_before_cooldown_sub", "sub"],
  ["time_next_maintenance", "line"],
  ["duration_next_maintenance", "line"],
  ["target_dispatch", "gen"],
  ["actual_dispatch", "gen"],
  ["gen_p_before_curtail", "gen"],
  ["curtailment", "gen"],
  ["curtailment_limit", "gen"],
  ["curtailment_limit_effective", "gen"],
  ["is_alarm_illegal", "one"],
  ["time_since_last_alarm", "one"],
  ["attention_budget", "one"],
  ["was_alarm_used_after_game_over", "one"],
  ["_shunt_p", "shunt"],
  ["_shunt_q", "shunt"],
  ["_shunt_v", "shunt"],
  ["_shunt_bus", "shunt"],
  ["current_step", "one"],
  ["max_step", "one"],
  ["delta_time", "one"],
  ["gen_margin_up", "gen"],
  ["gen_margin_down", "gen"],
];

/** The flat vector's attributes with their offsets and sizes for this model's grid. */
export function observationLayout(model: GridModel): LayoutEntry[] {
  const { net } = model;
  const size: Record<SizeOf, number> = {
    one: 1,
    gen: net.gen.name.length,
    load: net.load.name.length,
    line: net.line.name.length,
    topo: net.layout.dimTopo,
    sub: net.sub.name.length,
    shunt: net.shunt.name.length,
  };
  let offset = 0;
  return VECTOR_ATTRIBUTES.map(([name, kind]) => {
    const entry = { name, offset, size: size[kind] };
    offset += size[kind];
    return entry;
  });
}

/** Arrays every observation of a model shares (never mutated): zeros, ones, -1s. */
interface Constants {
  readonly zero: { gen: Float64Array; load: Float64Array; line: Float64Array; shunt: Float64Array };
  readonly ones: Float64Array;
  readonly offLines: Uint8Array;
  readonly zeroCounts: { line: Int32Array; sub: Int32Array };
  readonly noMaintenance: Int32Array;
  readonly cutTopo: Int8Array;
  readonly cutShunts: Int8Array;
}

const constantsOf = new WeakMap<GridModel, Constants>();

/** The shared arrays of a model's observations, made once (memoised per model). */
function constants(model: GridModel): Constants {
  const known = constantsOf.get(model);
  if (known !== undefined) return known;
  const { net } = model;
  const nGen = net.gen.name.length, nLine = net.line.name.length;
  const made: Constants = {
    zero: {
      gen: new Float64Array(nGen),
      load: new Float64Array(net.load.name.length),
      line: new Float64Array(nLine),
      shunt: new Float64Array(net.shunt.name.length),
    },
    ones: new Float64Array(nGen).fill(1),
    offLines: new Uint8Array(nLine),
    zeroCounts: { line: new Int32Array(nLine), sub: new Int32Array(net.sub.name.length) },
    noMaintenance: new Int32Array(nLine).fill(-1),
    cutTopo: new Int8Array(net.layout.dimTopo).fill(-1),
    cutShunts: new Int8Array(net.shunt.name.length).fill(-1),
  };
  constantsOf.set(model, made);
  return made;
}

/** `time_next_maintenance` and `duration_next_maintenance` at the state's row. */
function maintenanceFields(state: EnvState, c: Constants, over: boolean) {
  const m = state.scenario.maintenance;
  const nLine = c.noMaintenance.length;
  if (m === undefined || over) {
    return { time_next_maintenance: c.noMaintenance, duration_next_maintenance: c.zeroCounts.line };
  }
  const { timeNext, duration } = maintenanceSchedule(m, nLine);
  const at = state.step * nLine;
  return {
    time_next_maintenance: timeNext.subarray(at, at + nLine),
    duration_next_maintenance: duration.subarray(at, at + nLine),
  };
}

/**
 * The observation of a state (grid2op's `set_game_over` one after a game over). Arrays are
 * views of the state's or shared between observations: never mutate them.
 */
export function observe(model: GridModel, state: EnvState): Observation {
  const { net, renewable } = model;
  const nGen = net.gen.name.length;
  const c = constants(model);
  const cal = calendarAt(state.scenario, state.step);
  const f = state.flow;
  const over = state.gameOver;
  const genP = over ? c.zero.gen : f.genP;
  const perGen = new Float64Array(3 * nGen);
  const beforeCurtail = perGen.subarray(0, nGen);
  const marginUp = perGen.subarray(nGen, 2 * nGen);
  const marginDown = perGen.subarray(2 * nGen);
  if (!over) {
    for (let g = 0; g < nGen; g++) {
      if (renewable[g]) {
        beforeCurtail[g] = state.injections.prod_p[g];
        continue;
      }
      marginUp[g] = Math.max(0, Math.min(net.gen.pMax[g] - genP[g], net.gen.maxRampUp[g]));
      marginDown[g] = Math.max(0, Math.min(genP[g] - net.gen.pMin[g], net.gen.maxRampDown[g]));
    }
  }
  const gen = (a: Float64Array) => (over ? c.zero.gen : a);
  const load = (a: Float64Array) => (over ? c.zero.load : a);
  const line = (a: Float64Array) => (over ? c.zero.line : a);
  const shunt = (a: Float64Array) => (over ? c.zero.shunt : a);
  return {
    ...cal,
    gen_p: genP,
    gen_q: gen(f.genQ),
    gen_v: gen(f.genV),
    gen_theta: gen(f.genTheta),
    load_p: load(f.loadP),
    load_q: load(f.loadQ),
    load_v: load(f.loadV),
    load_theta: load(f.loadTheta),
    p_or: line(f.pOr),
    q_or: line(f.qOr),
    v_or: line(f.vOr),
    a_or: line(f.aOr),
    theta_or: line(f.thetaOr),
    p_ex: line(f.pEx),
    q_ex: line(f.qEx),
    v_ex: line(f.vEx),
    a_ex: line(f.aEx),
    theta_ex: line(f.thetaEx),
    rho: line(state.rho),
    line_status: over ? c.offLines : state.lineStatus,
    timestep_overflow: over ? c.zeroCounts.line : state.timestepOverflow,
    topo_vect: over ? c.cutTopo : state.topoVect,
    time_before_cooldown_line: over ? c.zeroCounts.line : state.timeBeforeCooldownLine,
    time_before_cooldown_sub: over ? c.zeroCounts.sub : state.timeBeforeCooldownSub,
    ...maintenanceFields(state, c, over),
    target_dispatch: c.zero.gen,
    actual_dispatch: c.zero.gen,
    gen_p_before_curtail: beforeCurtail,
    curtailment: c.zero.gen,
    curtailment_limit: c.ones,
    curtailment_limit_effective: c.ones,
    is_alarm_illegal: 0,
    time_since_last_alarm: -1,
    attention_budget: 0,
    was_alarm_used_after_game_over: 0,
    _shunt_p: shunt(f.shuntP),
    _shunt_q: shunt(f.shuntQ),
    _shunt_v: shunt(f.shuntV),
    _shunt_bus: over ? c.cutShunts : state.grid.topo.shuntBar,
    current_step: state.step,
    max_step: maxStep(state.scenario),
    delta_time: state.scenario.stepMinutes,
    gen_margin_up: marginUp,
    gen_margin_down: marginDown,
  };
}

/** Writes observations as grid2op's flat vector (`to_vect`); build once per model. */
export interface ObservationEncoder {
  readonly layout: readonly LayoutEntry[];
  /** Length of the vector (467 on the sandbox). */
  readonly size: number;
  /** The vector of a state, written into `out` when given. */
  encode(state: EnvState, out?: Float32Array): Float32Array;
}

/** The flat-vector encoder of a model's observations. */
export function observationEncoder(model: GridModel): ObservationEncoder {
  const layout = observationLayout(model);
  const size = layout[layout.length - 1].offset + layout[layout.length - 1].size;
  return {
    layout,
    size,
    encode(state: EnvState, out?: Float32Array): Float32Array {
      const obs = observe(model, state);
      const x = out ?? new Float32Array(size);
      for (const { name, offset, size } of layout) {
        const v = obs[name] as number | ArrayLike<number>;
        if (typeof v === "number") x[offset] = v;
        else for (let i = 0; i < size; i++) x[offset + i] = v[i];
      }
      return x;
    },
  };
}
