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
 * Values grid2op gives that gridfold's environments do not model yet: no maintenance
 * (`time_next_maintenance` -1, `duration_next_maintenance` 0), no redispatching or
 * curtailment (dispatch 0, curtailment 0, limits 1, `gen_p_before_curtail` the renewables'
 * set-points), no alarm (budget 0, `time_since_last_alarm` -1).
 *
 * @example
 * ```ts
 * const obs = observe(model, state);   // obs.rho, obs.topo_vect, obs.hour_of_day, ...
 * const x = observationEncoder(model).encode(state); // Float32Array, 467 values on the sandbox
 * ```
 * @module
 */
import { calendarAt, maxStep } from "../scenario.ts";
import { GridModel } from "./model.ts";
import { EnvState } from "./step.ts";

/** grid2op's observation attributes (arrays in grid element order). */
export interface Observation {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour_of_day: number;
  readonly minute_of_hour: number;
  readonly day_of_week: number;
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

const filled = (n: number, v: number) => new Float64Array(n).fill(v);

/** The observation of a state (grid2op's `set_game_over` one after a game over). */
export function observe(model: GridModel, state: EnvState): Observation {
  const { net, renewable } = model;
  const nGen = net.gen.name.length, nLine = net.line.name.length;
  const nShunt = net.shunt.name.length;
  const cal = calendarAt(state.scenario, state.step);
  const f = state.flow;
  const over = state.gameOver;
  const zerosGen = new Float64Array(nGen);
  const genP = over ? zerosGen : f.genP;
  const beforeCurtail = new Float64Array(nGen);
  const marginUp = new Float64Array(nGen), marginDown = new Float64Array(nGen);
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
  const zero = (n: number) => new Float64Array(n);
  const pick = (a: Float64Array, n: number) => (over ? zero(n) : a);
  return {
    year: cal.year,
    month: cal.month,
    day: cal.day,
    hour_of_day: cal.hour_of_day,
    minute_of_hour: cal.minute_of_hour,
    day_of_week: cal.day_of_week,
    gen_p: genP,
    gen_q: pick(f.genQ, nGen),
    gen_v: pick(f.genV, nGen),
    gen_theta: pick(f.genTheta, nGen),
    load_p: pick(f.loadP, f.loadP.length),
    load_q: pick(f.loadQ, f.loadQ.length),
    load_v: pick(f.loadV, f.loadV.length),
    load_theta: pick(f.loadTheta, f.loadTheta.length),
    p_or: pick(f.pOr, nLine),
    q_or: pick(f.qOr, nLine),
    v_or: pick(f.vOr, nLine),
    a_or: pick(f.aOr, nLine),
    theta_or: pick(f.thetaOr, nLine),
    p_ex: pick(f.pEx, nLine),
    q_ex: pick(f.qEx, nLine),
    v_ex: pick(f.vEx, nLine),
    a_ex: pick(f.aEx, nLine),
    theta_ex: pick(f.thetaEx, nLine),
    rho: pick(state.rho, nLine),
    line_status: over ? new Uint8Array(nLine) : state.lineStatus,
    timestep_overflow: over ? new Int32Array(nLine) : state.timestepOverflow,
    topo_vect: over ? new Int8Array(net.layout.dimTopo).fill(-1) : state.topoVect,
    time_before_cooldown_line: over ? new Int32Array(nLine) : state.timeBeforeCooldownLine,
    time_before_cooldown_sub: over
      ? new Int32Array(net.sub.name.length)
      : state.timeBeforeCooldownSub,
    time_next_maintenance: new Int32Array(nLine).fill(-1),
    duration_next_maintenance: new Int32Array(nLine),
    target_dispatch: zerosGen,
    actual_dispatch: zerosGen,
    gen_p_before_curtail: beforeCurtail,
    curtailment: zerosGen,
    curtailment_limit: filled(nGen, 1),
    curtailment_limit_effective: filled(nGen, 1),
    is_alarm_illegal: 0,
    time_since_last_alarm: -1,
    attention_budget: 0,
    was_alarm_used_after_game_over: 0,
    _shunt_p: pick(f.shuntP, nShunt),
    _shunt_q: pick(f.shuntQ, nShunt),
    _shunt_v: pick(f.shuntV, nShunt),
    _shunt_bus: over ? new Int8Array(nShunt).fill(-1) : Int8Array.from(state.grid.topo.shuntBar),
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
