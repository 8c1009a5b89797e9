/**
 * A fixed, per-element scaling of grid2op's flat observation vector, for learners that should
 * not see megawatts, kilovolts, amperes and dates side by side (the raw vector spans 0 to
 * 2019). Each value becomes `(x - offset) / scale` with constants taken from the grid's own
 * nominal values, never from data, so the scaling is a pure function of the grid and the same
 * in every run:
 *
 * - powers of generators (`gen_p`, `gen_q`, dispatch, `gen_p_before_curtail`, margins): / Pmax;
 * - powers of loads (`load_p`, `load_q`): / the load's nominal p; of shunts: / its nominal |s|;
 * - flows (`p_or`, `q_or`, `p_ex`, `q_ex`): / the line's rating in MVA (sqrt 3 x the origin's
 *   nominal kV x its thermal limit in A / 1000, the limit being the origin's current); currents:
 *   `a_or` / the limit, `a_ex` / the limit x the ratio of nominal voltages (a transformer's
 *   low-voltage side carries more amperes);
 * - voltages (`gen_v`, `load_v`, `v_or`, `v_ex`, `_shunt_v`): / the substation's nominal kV;
 * - calendar: `year - 2019`, month / 12, day / 31, hour / 24, minute / 60, day of week / 7;
 *   `current_step` and `max_step` / 8064 (four weeks of 5-minute steps), `delta_time` / 60;
 * - everything else (rho, line status, `topo_vect`, counters, flags, curtailment ratios) as is.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const env = (await loadGrid("case14")).discrete();
 * const scaling = observationScaling(env.model);          // once per grid
 * const x = scaleObservation(env.encoder.encode(env.reset(0)), scaling);
 * ```
 * @module
 */
import { GridModel } from "./model.ts";
import { Observation, observationLayout } from "./observation.ts";

/** Per-element constants of the scaling: `x' = (x - offset) / scale`. */
export interface ObservationScaling {
  readonly offset: Float32Array;
  readonly scale: Float32Array;
}

/** Steps in four weeks of 5-minute steps (grid2op's usual scenario length). */
const FOUR_WEEKS = 8064;

/** A nominal value usable as a divisor (1 when the grid gives none). */
const divisor = (x: number): number => (Number.isFinite(x) && Math.abs(x) > 1e-9 ? Math.abs(x) : 1);

/** The scaling of a model's observation vector, from its grid's nominal values. */
export function observationScaling(model: GridModel): ObservationScaling {
  const { net, thermalLimit } = model;
  const vn = net.sub.vnKv;
  const { orSub, exSub } = net.line;
  // The limit is the origin's current; both ends carry the same apparent power.
  const rating = (l: number) => Math.sqrt(3) * vn[orSub[l]] * thermalLimit[l] / 1000;
  const perElement: Partial<Record<keyof Observation, (i: number) => number>> = {
    month: () => 12,
    day: () => 31,
    hour_of_day: () => 24,
    minute_of_hour: () => 60,
    day_of_week: () => 7,
    gen_p: (i) => net.gen.pMax[i],
    gen_q: (i) => net.gen.pMax[i],
    gen_v: (i) => vn[net.gen.sub[i]],
    load_p: (i) => net.load.p[i],
    load_q: (i) => net.load.p[i],
    load_v: (i) => vn[net.load.sub[i]],
    p_or: rating,
    q_or: rating,
    v_or: (l) => vn[orSub[l]],
    a_or: (l) => thermalLimit[l],
    p_ex: rating,
    q_ex: rating,
    v_ex: (l) => vn[exSub[l]],
    a_ex: (l) => thermalLimit[l] * vn[orSub[l]] / divisor(vn[exSub[l]]),
    target_dispatch: (i) => net.gen.pMax[i],
    actual_dispatch: (i) => net.gen.pMax[i],
    gen_p_before_curtail: (i) => net.gen.pMax[i],
    _shunt_p: (i) => Math.hypot(net.shunt.p[i], net.shunt.q[i]),
    _shunt_q: (i) => Math.hypot(net.shunt.p[i], net.shunt.q[i]),
    _shunt_v: (i) => vn[net.shunt.sub[i]],
    current_step: () => FOUR_WEEKS,
    max_step: () => FOUR_WEEKS,
    delta_time: () => 60,
    gen_margin_up: (i) => net.gen.pMax[i],
    gen_margin_down: (i) => net.gen.pMax[i],
  };
  const layout = observationLayout(model);
  const size = layout[layout.length - 1].offset + layout[layout.length - 1].size;
  const offset = new Float32Array(size);
  const scale = new Float32Array(size).fill(1);
  for (const { name, offset: at, size: n } of layout) {
    if (name === "year") offset[at] = 2019;
    const of = perElement[name];
    if (of !== undefined) { for (let i = 0; i < n; i++) scale[at + i] = divisor(of(i)); }
  }
  return { offset, scale };
}

/** The scaled vector of `x`, written into `out` (a new array when omitted; may be `x`). */
export function scaleObservation(
  x: Float32Array,
  { offset, scale }: ObservationScaling,
  out: Float32Array = new Float32Array(x.length),
): Float32Array {
  if (x.length !== scale.length) {
    throw new RangeError(`observation has ${x.length} values, the scaling ${scale.length}`);
  }
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - offset[i]) / scale[i];
  return out;
}
