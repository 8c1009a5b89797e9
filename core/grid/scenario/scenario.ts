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
 * const s = makeScenario({
 *   id: "0000",
 *   name_load: ["load_1_0"],
 *   name_gen: ["gen_1_0"],
 *   start: { year: 2019, month: 1, day: 5, hour: 23, minute: 55 },
 *   stepMinutes: 5,
 *   rows: 2,
 *   load_p: Float32Array.of(21.9, 21.7),
 *   load_q: Float32Array.of(15.4, 15.2),
 *   prod_p: Float32Array.of(22.1, 21.9),
 *   prod_v: Float32Array.of(142.1, 142.1),
 * });
 * const { load_p } = injectionsAt(s, 0); // the loads at reset
 * calendarAt(s, 0).day_of_week;          // 6: 2019-01-06 00:00, a Sunday, as on the sandbox
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
  /**
   * Planned line outages (grid2op's `maintenance`), rows x lines: 1 where the line is out for
   * maintenance at that row. Absent: no maintenance.
   */
  readonly maintenance?: Uint8Array;
  /**
   * The forecast of row `t + 1` known at row `t` (grid2op's `*_forecasted` files, row `t`),
   * what `simulate` steps on. Absent: the real next row is the forecast.
   */
  readonly forecast?: ScenarioRows;
  /**
   * One uniform draw in [0, 1) per row: the opponent's choice among the attackable lines at
   * that step (core/grid/env/opponent.ts). Part of the scenario, so that every agent meets the
   * same attacks at the same steps when its lines are in the same state.
   */
  readonly attack_draws?: Float32Array;
}

/** The injection series of a scenario, rows x elements (the forecast has the same shape). */
export interface ScenarioRows {
  readonly load_p: Float32Array;
  readonly load_q: Float32Array;
  readonly prod_p: Float32Array;
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
  const check = (what: string, values: ArrayLike<number>, n: number) => {
    if (values.length !== rows * n) {
      throw new RangeError(
        `makeScenario: ${what} has ${values.length} values, expected ${rows} x ${n}`,
      );
    }
  };
  for (const [key, n] of sizes) {
    check(key, fields[key], n);
    if (fields.forecast !== undefined) check(`forecast.${key}`, fields.forecast[key], n);
  }
  if (fields.maintenance !== undefined && fields.maintenance.length % rows !== 0) {
    throw new RangeError(
      `makeScenario: maintenance has ${fields.maintenance.length} values, not rows x lines`,
    );
  }
  if (fields.attack_draws !== undefined) check("attack_draws", fields.attack_draws, 1);
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

/** Row `t` of a series, as views into its arrays. */
function rowOf(s: Scenario, rows: ScenarioRows, t: number): ScenarioRow {
  const nl = s.name_load.length;
  const ng = s.name_gen.length;
  return {
    load_p: rows.load_p.subarray(t * nl, (t + 1) * nl),
    load_q: rows.load_q.subarray(t * nl, (t + 1) * nl),
    prod_p: rows.prod_p.subarray(t * ng, (t + 1) * ng),
    prod_v: rows.prod_v.subarray(t * ng, (t + 1) * ng),
  };
}

function checkRow(s: Scenario, t: number, what: string): void {
  if (!Number.isSafeInteger(t) || t < 0 || t >= s.rows) {
    throw new RangeError(`${what}: row ${t} is outside 0..${s.rows - 1}`);
  }
}

/** The injections of row `t`, as views into the scenario's arrays. */
export function injectionsAt(s: Scenario, t: number): ScenarioRow {
  checkRow(s, t, "injectionsAt");
  return rowOf(s, s, t);
}

/**
 * What is known at row `t` of row `t + 1` (grid2op's forecast, as `obs.simulate` uses it): the
 * scenario's forecast when it has one, else the real next row; at the last row, the last row.
 */
export function forecastAt(s: Scenario, t: number): ScenarioRow {
  checkRow(s, t, "forecastAt");
  if (s.forecast !== undefined) return rowOf(s, s.forecast, t);
  return rowOf(s, s, Math.min(t + 1, s.rows - 1));
}
