/**
 * A scenario: the time series of injections an episode steps through, as grid2op's chronics
 * give them (`load_p`, `load_q`, `prod_p` in MW / MVAr, `prod_v` in kV), already in the grid's
 * element order, stored row-major (row `t`, element `i` at `t * n + i`) in `Float32Array`s
 * because grid2op holds them as float32 too.
 *
 * Rows and steps follow grid2op: row 0 is used at `reset`, row `t` at step `t`, so an episode
 * has `rows - 1` steps (`maxStep`). The time stamp of row `t` is `start + (t + 1) * stepMinutes`
 * (grid2op advances its clock before returning a row), which is why the sandbox's
 * `start_datetime.info` says 23:55 and its first observation 00:00.
 *
 * @example
 * ```ts
 * const s = makeScenario({ id: "0000", name_load, name_gen, start, stepMinutes: 5, rows, load_p, load_q, prod_p, prod_v });
 * const { load_p } = injectionsAt(s, 0); // the loads at reset
 * calendarAt(s, 0).day_of_week;          // 6 on the sandbox (a Sunday)
 * ```
 * @module
 */
import { Calendar, calendarOf, DateTime, epochMinutes, fromEpochMinutes } from "./calendar.ts";

/** A scenario of injections; see the module documentation for rows and time stamps. */
export interface Scenario {
  /** The chronics folder name, or a description of how it was generated. */
  readonly id: string;
  /** Load names in the grid's order: the columns of `load_p` and `load_q`. */
  readonly name_load: readonly string[];
  /** Generator names in the grid's order: the columns of `prod_p` and `prod_v`. */
  readonly name_gen: readonly string[];
  /** grid2op's `start_datetime`: one step before the time stamp of row 0. */
  readonly start: DateTime;
  /** Minutes between two rows (grid2op's `time_interval`). */
  readonly stepMinutes: number;
  /** Number of rows; an episode has `rows - 1` steps. */
  readonly rows: number;
  /** Active load, MW, rows x loads. */
  readonly load_p: Float32Array;
  /** Reactive load, MVAr, rows x loads. */
  readonly load_q: Float32Array;
  /** Generator active set-point, MW, rows x generators. */
  readonly prod_p: Float32Array;
  /** Generator voltage set-point, kV, rows x generators. */
  readonly prod_v: Float32Array;
}

/** The injections of one row, as views into the scenario's arrays (no copy). */
export interface ScenarioRow {
  readonly load_p: Float32Array;
  readonly load_q: Float32Array;
  readonly prod_p: Float32Array;
  readonly prod_v: Float32Array;
}

/** Builds a scenario, checking that every array holds `rows` rows of its elements. */
export function makeScenario(fields: Scenario): Scenario {
  const { rows, stepMinutes } = fields;
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new RangeError(`makeScenario: rows must be a positive integer, got ${rows}`);
  }
  if (!Number.isSafeInteger(stepMinutes) || stepMinutes < 1) {
    throw new RangeError(
      `makeScenario: stepMinutes must be a positive integer, got ${stepMinutes}`,
    );
  }
  const nLoad = fields.name_load.length;
  const nGen = fields.name_gen.length;
  const sizes: [keyof ScenarioRow, number][] = [
    ["load_p", nLoad],
    ["load_q", nLoad],
    ["prod_p", nGen],
    ["prod_v", nGen],
  ];
  for (const [key, n] of sizes) {
    if (fields[key].length !== rows * n) {
      throw new RangeError(
        `makeScenario: ${key} has ${fields[key].length} values, expected ${rows} x ${n}`,
      );
    }
  }
  return Object.freeze({ ...fields });
}

/** grid2op's `max_step`: the number of steps of an episode on this scenario. */
export const maxStep = (s: Scenario): number => s.rows - 1;

/** Minutes since 1970-01-01 of row `t`'s time stamp. */
export const minutesAt = (s: Scenario, t: number): number =>
  epochMinutes(s.start) + (t + 1) * s.stepMinutes;

/** The time stamp of row `t` (grid2op's `env.time_stamp` at step `t`). */
export const timeAt = (s: Scenario, t: number): DateTime => fromEpochMinutes(minutesAt(s, t));

/** The observation's calendar fields at step `t`. */
export const calendarAt = (s: Scenario, t: number): Calendar => calendarOf(minutesAt(s, t));

/** The injections of row `t`, as views into the scenario's arrays. */
export function injectionsAt(s: Scenario, t: number): ScenarioRow {
  if (!Number.isSafeInteger(t) || t < 0 || t >= s.rows) {
    throw new RangeError(`injectionsAt: row ${t} is outside 0..${s.rows - 1}`);
  }
  const nl = s.name_load.length;
  const ng = s.name_gen.length;
  return {
    load_p: s.load_p.subarray(t * nl, (t + 1) * nl),
    load_q: s.load_q.subarray(t * nl, (t + 1) * nl),
    prod_p: s.prod_p.subarray(t * ng, (t + 1) * ng),
    prod_v: s.prod_v.subarray(t * ng, (t + 1) * ng),
  };
}
