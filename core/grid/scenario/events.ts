/**
 * The events that make a generated scenario hard, drawn from a core `Gen` so they are part of
 * the scenario (every agent meets the same ones): planned maintenance of lines, the forecast
 * `simulate` sees, and the opponent's draws.
 *
 * - **Maintenance**, as grid2op's generated chronics plan it: each listed line, on each working
 *   day (Monday to Friday), is taken out with probability `dailyProbability`, starting on the
 *   hour between `startHours[0]` and `startHours[1]` (inclusive) for a whole number of hours
 *   between `durationHours[0]` and `[1]`; a line's outages do not overlap, and at most
 *   `maxConcurrent` lines are out at once (a draw that would break either is dropped).
 * - **Forecast** of row `t + 1` made at row `t`: the real row with independent Gaussian errors,
 *   `load * (1 + loadError * e)` for active and reactive load alike, wind and solar
 *   `p * (1 + renewableError * e)` clipped to [0, Pmax]; dispatchable set-points and voltages
 *   exact (grid2op's forecasts of them are the schedule). The last row's forecast is itself.
 * - **Opponent draws**: one uniform per row.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../../mod.ts";
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const scenario = (await loadGrid("case14")).scenario(0);
 * const hard = withEvents(scenario, {
 *   nLine: 20,
 *   maintenance: { lines: [3, 4], dailyProbability: 0.05, startHours: [8, 12], durationHours: [4, 8], maxConcurrent: 1 },
 *   forecast: { loadError: 0.01, renewableError: 0.05, renewable: [0, 0, 0, 1, 1, 1], pMax: [140, 120, 100, 70, 70, 40] },
 *   attackDraws: true,
 * }, genFromSeed(1));
 * ```
 * @module
 */
import { calendarAt, makeScenario, Scenario } from "./scenario.ts";
import { Gen, genFromSeed, normals, uniforms } from "../../random.ts";

/** How maintenance is planned (see the module documentation). */
export interface MaintenancePlan {
  /** The lines that may be maintained, as line ids. */
  readonly lines: readonly number[];
  readonly dailyProbability: number;
  readonly startHours: readonly [number, number];
  readonly durationHours: readonly [number, number];
  readonly maxConcurrent: number;
}

/** The forecast's error model. */
export interface ForecastModel {
  /** Relative standard deviation of the load forecast. */
  readonly loadError: number;
  /** Relative standard deviation of the wind and solar forecast. */
  readonly renewableError: number;
  /** 1 for wind and solar generators, in the scenario's generator order. */
  readonly renewable: ArrayLike<number>;
  /** Pmax per generator, MW (the clip of a renewable forecast). */
  readonly pMax: ArrayLike<number>;
}

/** Which events to add. */
export interface EventsSpec {
  readonly nLine: number;
  readonly maintenance?: MaintenancePlan;
  readonly forecast?: ForecastModel;
  readonly attackDraws?: boolean;
}

/** The maintenance series (rows x lines) of a scenario. */
function planMaintenance(s: Scenario, nLine: number, plan: MaintenancePlan, gen: Gen) {
  const out = new Uint8Array(s.rows * nLine);
  const perHour = 60 / s.stepMinutes;
  const days = Math.ceil(s.rows / (24 * perHour)) + 1;
  const [u] = uniforms(gen, days * plan.lines.length * 3);
  const outAt = new Int32Array(s.rows);
  let k = 0;
  const first = calendarAt(s, 0);
  // Row of the first midnight at or after row 0.
  const toMidnight = ((24 - first.hour_of_day) * 60 - first.minute_of_hour) % (24 * 60);
  const midnight0 = Math.round(toMidnight / s.stepMinutes);
  for (let d = -1; d < days - 1; d++) {
    const dayRow = midnight0 + d * 24 * perHour;
    for (const line of plan.lines) {
      const [pick, startU, lengthU] = [u[k++], u[k++], u[k++]];
      if (dayRow < 0 || dayRow >= s.rows) continue;
      if (calendarAt(s, dayRow).day_of_week >= 5 || pick >= plan.dailyProbability) continue;
      const hours = (lo: number, hi: number, v: number) => lo + Math.floor(v * (hi - lo + 1));
      const begin = dayRow + hours(...plan.startHours, startU) * perHour;
      const end = Math.min(s.rows, begin + hours(...plan.durationHours, lengthU) * perHour);
      let free = begin < s.rows;
      for (let t = Math.max(0, begin - 1); free && t < Math.min(s.rows, end + 1); t++) {
        free = out[t * nLine + line] === 0 && outAt[t] < plan.maxConcurrent;
      }
      if (!free) continue;
      for (let t = begin; t < end; t++) {
        out[t * nLine + line] = 1;
        outAt[t]++;
      }
    }
  }
  return out;
}

/** The forecast of each next row, from the real rows and the error model. */
function forecastRows(s: Scenario, m: ForecastModel, gen: Gen) {
  const nl = s.name_load.length, ng = s.name_gen.length, rows = s.rows;
  const [e, g2] = normals(gen, rows * nl);
  const [r] = normals(g2, rows * ng);
  const load_p = new Float32Array(rows * nl), load_q = new Float32Array(rows * nl);
  const prod_p = new Float32Array(rows * ng), prod_v = new Float32Array(rows * ng);
  for (let t = 0; t < rows; t++) {
    const next = Math.min(t + 1, rows - 1), exact = next === t;
    for (let i = 0; i < nl; i++) {
      const f = exact ? 1 : 1 + m.loadError * e[t * nl + i];
      load_p[t * nl + i] = s.load_p[next * nl + i] * f;
      load_q[t * nl + i] = s.load_q[next * nl + i] * f;
    }
    for (let j = 0; j < ng; j++) {
      const p = s.prod_p[next * ng + j];
      const noisy = m.renewable[j] && !exact;
      const f = noisy ? p * (1 + m.renewableError * r[t * ng + j]) : p;
      prod_p[t * ng + j] = noisy ? Math.min(m.pMax[j], Math.max(0, f)) : f;
      prod_v[t * ng + j] = s.prod_v[next * ng + j];
    }
  }
  return { load_p, load_q, prod_p, prod_v };
}

/**
 * The scenario with the events of `spec`, each from its own part of `gen` (one split per
 * kind), so adding one kind does not change the others.
 */
export function withEvents(s: Scenario, spec: EventsSpec, gen: Gen): Scenario {
  const [keys] = uniforms(gen, 3);
  const sub = (i: number): Gen => genFromSeed(Math.floor(keys[i] * 4294967296));
  return makeScenario({
    ...s,
    ...(spec.maintenance &&
      { maintenance: planMaintenance(s, spec.nLine, spec.maintenance, sub(0)) }),
    ...(spec.forecast && { forecast: forecastRows(s, spec.forecast, sub(1)) }),
    ...(spec.attackDraws && { attack_draws: Float32Array.from(uniforms(sub(2), s.rows)[0]) }),
  });
}
