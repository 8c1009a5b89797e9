/**
 * Planned line outages as grid2op models them: a scenario's `maintenance` series (1 where a
 * line is out at a row) gives, per row and line, grid2op's `time_next_maintenance` (steps
 * until the next outage starts, 0 during one, -1 when none is planned) and
 * `duration_next_maintenance` (the next outage's length, or what is left of the current one,
 * this row included; 0 when none is planned), as `GridValue.get_maintenance_time_1d` and
 * `get_maintenance_duration_1d` compute them. During an outage the line is forced off at every
 * step and may not be acted on; afterwards it stays off until an action reconnects it.
 *
 * @example
 * ```ts
 * import { maintenanceSchedule } from "./maintenance.ts";
 * const m = new Uint8Array([0, 0, 1, 1, 0]); // one line, 5 rows
 * const s = maintenanceSchedule(m, 1);
 * Array.from(s.timeNext); // [2, 1, 0, 0, -1]
 * Array.from(s.duration); // [2, 2, 2, 1, 0]
 * ```
 * @module
 */

/** grid2op's maintenance counters per row and line (rows x lines, row-major). */
export interface MaintenanceSchedule {
  readonly nLine: number;
  /** grid2op's `time_next_maintenance`. */
  readonly timeNext: Int32Array;
  /** grid2op's `duration_next_maintenance`. */
  readonly duration: Int32Array;
}

const schedules = new WeakMap<Uint8Array, MaintenanceSchedule>();

/**
 * The counters of a `maintenance` series of `nLine` lines, computed once per series (the memo
 * cannot be observed: the schedule is a pure function of the series).
 */
export function maintenanceSchedule(maintenance: Uint8Array, nLine: number): MaintenanceSchedule {
  const known = schedules.get(maintenance);
  if (known !== undefined && known.nLine === nLine) return known;
  if (nLine < 1 || maintenance.length % nLine !== 0) {
    throw new RangeError(
      `maintenance: ${maintenance.length} values are not rows x ${nLine} lines`,
    );
  }
  const rows = maintenance.length / nLine;
  const timeNext = new Int32Array(maintenance.length);
  const duration = new Int32Array(maintenance.length);
  for (let l = 0; l < nLine; l++) {
    let nextStart = -1; // row where the next outage after `t` starts
    for (let t = rows - 1; t >= 0; t--) {
      const i = t * nLine + l;
      if (maintenance[i]) {
        timeNext[i] = 0;
        duration[i] = 1 + (t + 1 < rows && maintenance[i + nLine] ? duration[i + nLine] : 0);
        nextStart = t;
      } else {
        timeNext[i] = nextStart < 0 ? -1 : nextStart - t;
        duration[i] = nextStart < 0 ? 0 : duration[nextStart * nLine + l];
      }
    }
  }
  const made = { nLine, timeNext, duration };
  schedules.set(maintenance, made);
  return made;
}

/** The lines out for maintenance at row `t` (1 = out), a view of the series. */
export function maintenanceAt(maintenance: Uint8Array, nLine: number, t: number): Uint8Array {
  return maintenance.subarray(t * nLine, (t + 1) * nLine);
}
