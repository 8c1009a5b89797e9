/**
 * A seeded generator of scenarios, so an environment runs on a fresh machine with no chronics:
 * given a small description of the grid (`ScenarioGrid`: loads with base p/q, generators with
 * type, Pmin/Pmax, ramps, voltage set-point, one slack), a start, a step length and a number of
 * steps, it returns a `Scenario` like grid2op's chronics. Same grid, options and generator value
 * give the same arrays, bit for bit.
 *
 * The model, step by step (parameters in `ScenarioModel`, defaults in `DEFAULT_MODEL`):
 * - **Load** `p_i(t) = p_i * level * season(t) * week(t) * day_i(t) * (1 + weather(t))
 *   * (1 + drift_i(t)) * (1 + noise_i(t))`: a seasonal cosine (highest mid-January), a
 *   day-of-week factor blended over the early hours, each load's daily shape (a residential
 *   curve, weekday or Sunday by the day, with a drawn share of a commercial one and a drawn
 *   swing), a slow common weather
 *   process and a slow per-load drift (smooth AR(1) processes), independent per-step noise.
 *   Reactive load keeps each load's base power factor: `q_i(t) = q_i * p_i(t) / p_i`.
 * - **Solar**: `Pmax * gain * max(0, sin(sun elevation)) * clouds(t)`, the elevation from the
 *   date, the hour and a latitude (so zero at night, days longer in summer), clouds a smooth
 *   process through a logistic, shared in part by all solar units.
 * - **Wind**: `Pmax * logistic(mean + sd * x(t))` with x a slow smooth process shared in part
 *   by all wind units (a wind farm's output: autocorrelated over hours, bounded by 0 and Pmax;
 *   a single turbine's cubic power curve made the output far jumpier than the real chronics),
 *   windier in winter, with a little per-step noise.
 * - **Dispatch**: the dispatchable units (nuclear, thermal, hydro, the slack among them) meet
 *   `load + losses - renewables` (losses about 2% of the load, growing with its square),
 *   shared in proportion to Pmax within Pmin/Pmax and their ramp limits
 *   (`dispatch.ts`); renewables are curtailed when even the lowest dispatch is too
 *   much, and the slack covers whatever the others cannot.
 * - **Voltage**: each generator's set-point, constant.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../../mod.ts";
 * import { CASE14_SCENARIO_GRID, readScenarioGrid } from "../../../effects/io/mod.ts";
 *
 * const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);
 * const s = generateScenario(grid, genFromSeed(7), { steps: 575 });
 * s.rows; // 576, the sandbox's length
 * ```
 * @module
 */
import { DateTime, epochMinutes, isValidDateTime } from "./calendar.ts";
import { Gen, normals, uniforms } from "../../random.ts";
import { makeScenario, Scenario } from "./scenario.ts";
import {
  COMMERCIAL,
  DailyKnots,
  dailyShape,
  dayOfWeekValue,
  RESIDENTIAL,
  seasonFactor,
  smoothAr1,
  smoothAr1Draws,
  SUNDAY,
  SUNDAY_SHARE,
  sunSine,
  WEEKLY,
} from "./profiles.ts";
import { shareDemand } from "./dispatch.ts";

/** grid2op's generator types. */
export const GEN_TYPES = ["nuclear", "thermal", "hydro", "wind", "solar"] as const;
/** A grid2op generator type. */
export type GenType = typeof GEN_TYPES[number];
/** The types that follow the demand; wind and solar follow the weather. */
export const DISPATCHABLE: readonly GenType[] = ["nuclear", "thermal", "hydro"];

/** A load of the grid: its name and base consumption. */
export interface ScenarioLoad {
  readonly name: string;
  /** Base active load, MW: the generated load's scale. */
  readonly p_mw: number;
  /** Base reactive load, MVAr: fixes the load's power factor. */
  readonly q_mvar: number;
}

/** A generator of the grid, with grid2op's characteristics. */
export interface ScenarioGen {
  readonly name: string;
  readonly type: GenType;
  /** MW. */
  readonly pmin: number;
  /** MW. */
  readonly pmax: number;
  /** MW per step, as grid2op's `gen_max_ramp_up`. */
  readonly max_ramp_up: number;
  /** MW per step, as grid2op's `gen_max_ramp_down`. */
  readonly max_ramp_down: number;
  /** Voltage set-point, kV (the scenario's `prod_v`). */
  readonly v_kv: number;
  /** The generator balancing the grid (exactly one, dispatchable). */
  readonly slack: boolean;
}

/** What the generator needs to know about a grid; elements in the grid's order. */
export interface ScenarioGrid {
  readonly loads: readonly ScenarioLoad[];
  readonly gens: readonly ScenarioGen[];
}

/** The generator's model parameters (see the module documentation). */
export interface ScenarioModel {
  /** Mean load in mid-January relative to the loads' base p. */
  readonly loadLevel: number;
  /** How much lower mid-July's load is than mid-January's (relative). */
  readonly seasonalSwing: number;
  /** Load per day of the week relative to the week's mean, Monday first (7 values). */
  readonly weekly: readonly number[];
  /** Knots of the residential weekday shape at the half hours (24 values, mean 1). */
  readonly residential: DailyKnots;
  /** Knots of the residential Sunday shape (24 values, mean 1). */
  readonly sunday: DailyKnots;
  /** Share of the Sunday shape in each day of the week, Monday first (7 values in [0, 1]). */
  readonly sundayShare: readonly number[];
  /** Knots of the commercial daily shape (24 values, mean 1). */
  readonly commercial: DailyKnots;
  /** Each load's commercial share is drawn uniformly in [0, this]. */
  readonly commercialShareMax: number;
  /** Each load's daily swing is the shape's times a factor drawn uniformly in 1 +- this. */
  readonly amplitudeSpread: number;
  /** Relative standard deviation of the whole scenario's level. */
  readonly scenarioSpread: number;
  /** Relative standard deviation of each load's own level. */
  readonly loadSpread: number;
  /** Relative standard deviation and time constant of the common weather process. */
  readonly weatherSd: number;
  readonly weatherHours: number;
  /** Relative standard deviation and time constant of each load's own slow drift. */
  readonly driftSd: number;
  readonly driftHours: number;
  /** Relative standard deviation of the per-step load noise, independent between loads. */
  readonly noiseSd: number;
  /** Latitude (degrees) and clock hour of solar noon, for the sun's elevation. */
  readonly latitude: number;
  readonly solarNoon: number;
  /** Solar output per unit of Pmax and of sin(elevation) under a clear sky. */
  readonly solarGain: number;
  /** Cloud process: time constant, logit mean and spread, deepest cut, share common to units. */
  readonly cloudHours: number;
  readonly cloudMean: number;
  readonly cloudSd: number;
  readonly cloudDepth: number;
  readonly cloudCommon: number;
  /** Wind process: logit mean and spread, winter-to-summer swing of the logit mean, time
   * constant, share common to units. */
  readonly windMean: number;
  readonly windSd: number;
  readonly windSeasonalSwing: number;
  readonly windHours: number;
  readonly windCommon: number;
  /** Relative standard deviation of the per-step wind output noise. */
  readonly windNoiseSd: number;
  /**
   * Losses as a share of the load at the mid-January mean load; losses grow as the square of
   * the load, so their share is `lossFactor * load / (loadLevel * sum of base p)`.
   */
  readonly lossFactor: number;
}

/**
 * The default model, set so that the built-in case14 grid looks like grid2op's
 * `l2rpn_case14_sandbox` and `rte_case14_realistic` chronics (January, 47 N).
 */
export const DEFAULT_MODEL: ScenarioModel = Object.freeze({
  loadLevel: 0.96,
  seasonalSwing: 0.25,
  weekly: WEEKLY,
  residential: RESIDENTIAL,
  sunday: SUNDAY,
  sundayShare: SUNDAY_SHARE,
  commercial: COMMERCIAL,
  commercialShareMax: 0.15,
  amplitudeSpread: 0.25,
  scenarioSpread: 0.03,
  loadSpread: 0.03,
  weatherSd: 0.02,
  weatherHours: 48,
  driftSd: 0.02,
  driftHours: 6,
  noiseSd: 0.0107,
  latitude: 47,
  solarNoon: 12,
  solarGain: 1.15,
  cloudHours: 3,
  cloudMean: -1.3,
  cloudSd: 1.5,
  cloudDepth: 0.8,
  cloudCommon: 0.8,
  windMean: -0.9,
  windSd: 1.2,
  windSeasonalSwing: 0.6,
  windHours: 24,
  windCommon: 0.8,
  windNoiseSd: 0.01,
  lossFactor: 0.02,
});

/** When, how long and with which model to generate. */
export interface GenerateOptions {
  /** The scenario's id (default "generated"). */
  readonly id?: string;
  /** grid2op's start_datetime: one step before row 0 (default 2019-01-05 23:55, the sandbox's). */
  readonly start?: DateTime;
  /** Minutes per step (default 5). */
  readonly stepMinutes?: number;
  /** Steps of an episode; the scenario has `steps + 1` rows (default 8064: 4 weeks of 5 min). */
  readonly steps?: number;
  /** Model parameters replacing the defaults. */
  readonly model?: Partial<ScenarioModel>;
}

/** The sandbox's start_datetime, the default start. */
export const DEFAULT_GENERATION_START: DateTime = Object.freeze({
  year: 2019,
  month: 1,
  day: 5,
  hour: 23,
  minute: 55,
});
/** Four weeks of 5-minute steps. */
export const DEFAULT_GENERATION_STEPS = 8064;

const finite = (x: number) => typeof x === "number" && Number.isFinite(x);

/**
 * The first problem of a grid description as `field.path: problem`, or `undefined` when it is
 * usable: names unique, numbers finite, 0 <= pmin <= pmax, pmax > 0, ramps >= 0, set-points
 * > 0, exactly one slack and it dispatchable.
 */
export function checkScenarioGrid(grid: ScenarioGrid): string | undefined {
  if (grid.loads.length === 0) return "loads: the grid has no load";
  if (grid.gens.length === 0) return "gens: the grid has no generator";
  for (const [kind, items] of [["loads", grid.loads], ["gens", grid.gens]] as const) {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (seen.has(item.name)) return `${kind}.${i}.name: "${item.name}" appears twice`;
      seen.add(item.name);
    }
  }
  for (const [i, load] of grid.loads.entries()) {
    if (!(finite(load.p_mw) && load.p_mw >= 0)) {
      return `loads.${i}.p_mw: expected a number >= 0, got ${load.p_mw}`;
    }
    if (!finite(load.q_mvar)) return `loads.${i}.q_mvar: expected a finite number`;
  }
  for (const [i, gen] of grid.gens.entries()) {
    if (!GEN_TYPES.includes(gen.type)) {
      return `gens.${i}.type: expected one of ${GEN_TYPES.join("|")}, got "${gen.type}"`;
    }
    if (!(finite(gen.pmax) && gen.pmax > 0)) {
      return `gens.${i}.pmax: expected a number > 0, got ${gen.pmax}`;
    }
    if (!(finite(gen.pmin) && gen.pmin >= 0 && gen.pmin <= gen.pmax)) {
      return `gens.${i}.pmin: expected a number in [0, pmax], got ${gen.pmin}`;
    }
    for (const key of ["max_ramp_up", "max_ramp_down"] as const) {
      if (!(finite(gen[key]) && gen[key] >= 0)) {
        return `gens.${i}.${key}: expected a number >= 0, got ${gen[key]}`;
      }
    }
    if (!(finite(gen.v_kv) && gen.v_kv > 0)) {
      return `gens.${i}.v_kv: expected a number > 0, got ${gen.v_kv}`;
    }
  }
  const slacks = grid.gens.filter((g) => g.slack);
  if (slacks.length !== 1) return `gens: expected exactly one slack, got ${slacks.length}`;
  if (!DISPATCHABLE.includes(slacks[0].type)) {
    return `gens: the slack "${slacks[0].name}" is ${slacks[0].type}, not dispatchable`;
  }
  return undefined;
}

/** The first problem of model parameters, or `undefined`. */
function checkModel(m: ScenarioModel): string | undefined {
  if (m.weekly.length !== 7) return "model.weekly: expected 7 values";
  if (m.residential.length !== 24) return "model.residential: expected 24 values";
  if (m.sunday.length !== 24) return "model.sunday: expected 24 values";
  if (m.sundayShare.length !== 7 || m.sundayShare.some((w) => w > 1)) {
    return "model.sundayShare: expected 7 values in [0, 1]";
  }
  if (m.commercial.length !== 24) return "model.commercial: expected 24 values";
  for (const [key, value] of Object.entries(m)) {
    const values = typeof value === "number" ? [value] : value as readonly number[];
    if (!values.every((v) => finite(v) && (key === "cloudMean" || key === "windMean" || v >= 0))) {
      return `model.${key}: expected finite numbers >= 0`;
    }
  }
  if (m.cloudCommon > 1 || m.windCommon > 1) {
    return "model: common shares must be at most 1";
  }
  return undefined;
}

/** Draws taken one block after another from a pure generator value. */
class Draws {
  constructor(private g: Gen) {}
  normals(n: number): Float64Array {
    const [z, next] = normals(this.g, n);
    this.g = next;
    return z;
  }
  uniforms(n: number): Float64Array {
    const [u, next] = uniforms(this.g, n);
    this.g = next;
    return u;
  }
  /** A smooth autocorrelated path of `rows` steps (`smoothAr1`). */
  smooth(rows: number, stepMinutes: number, hours: number): Float64Array {
    return smoothAr1(this.normals(smoothAr1Draws(rows, stepMinutes)), rows, stepMinutes, hours);
  }
}

/** `sqrt(c) * common + sqrt(1 - c) * own`: unit variance when both are, correlation `c`. */
const blend = (c: number, common: number, own: number) =>
  Math.sqrt(c) * common + Math.sqrt(1 - c) * own;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** What every part of the model shares: the time line, the parameters and the draws. */
interface Context {
  readonly rows: number;
  readonly stepMinutes: number;
  /** Minutes since 1970 of row `t`'s time stamp. */
  readonly minutes: (t: number) => number;
  readonly m: ScenarioModel;
  readonly draws: Draws;
}

/** Load multipliers (rows x loads): the load model without the base values. */
function loadMultipliers(nLoad: number, { rows, stepMinutes, minutes, m, draws }: Context) {
  const level = m.loadLevel * (1 + m.scenarioSpread * draws.normals(1)[0]);
  const ownLevel = draws.normals(nLoad);
  const commercial = draws.uniforms(nLoad);
  const amplitude = draws.uniforms(nLoad);
  const weather = draws.smooth(rows, stepMinutes, m.weatherHours);
  // What depends on the time only: calendar factors and the two daily shapes.
  const common = new Float64Array(rows);
  const residential = new Float64Array(rows);
  const commercialShape = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    const at = minutes(t);
    const hour = (((at % 1440) + 1440) % 1440) / 60;
    common[t] = level * seasonFactor(at, m.seasonalSwing) * dayOfWeekValue(at, m.weekly) *
      (1 + m.weatherSd * weather[t]);
    const sundayShare = dayOfWeekValue(at, m.sundayShare);
    residential[t] = (1 - sundayShare) * dailyShape(m.residential, hour) +
      sundayShare * dailyShape(m.sunday, hour);
    commercialShape[t] = dailyShape(m.commercial, hour);
  }
  const out = new Float64Array(rows * nLoad);
  for (let i = 0; i < nLoad; i++) {
    const drift = draws.smooth(rows, stepMinutes, m.driftHours);
    const noise = draws.normals(rows);
    const own = 1 + m.loadSpread * ownLevel[i];
    const share = m.commercialShareMax * commercial[i];
    const swing = 1 + m.amplitudeSpread * (2 * amplitude[i] - 1);
    for (let t = 0; t < rows; t++) {
      const shape = (1 - share) * residential[t] + share * commercialShape[t];
      const day = 1 + swing * (shape - 1);
      const v = own * common[t] * day * (1 + m.driftSd * drift[t]) * (1 + m.noiseSd * noise[t]);
      out[t * nLoad + i] = Math.max(0, v);
    }
  }
  return out;
}

/** Renewable outputs (rows x gens; zero for dispatchable units). */
function renewables(
  gens: readonly ScenarioGen[],
  { rows, stepMinutes, minutes, m, draws }: Context,
) {
  const nGen = gens.length;
  const out = new Float64Array(rows * nGen);
  const clouds = draws.smooth(rows, stepMinutes, m.cloudHours);
  const wind = draws.smooth(rows, stepMinutes, m.windHours);
  // What depends on the time only: the sun's height and the wind's season.
  const sun = new Float64Array(rows);
  const windSeason = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    sun[t] = Math.max(0, sunSine(minutes(t), m.latitude, m.solarNoon));
    // seasonFactor(_, 1) goes from 1 in January to 0 in July: windier winters.
    windSeason[t] = m.windMean + m.windSeasonalSwing * (seasonFactor(minutes(t), 1) - 0.5);
  }
  for (const [j, gen] of gens.entries()) {
    if (gen.type === "solar") {
      const own = draws.smooth(rows, stepMinutes, m.cloudHours);
      for (let t = 0; t < rows; t++) {
        if (sun[t] === 0) continue;
        const x = m.cloudMean + m.cloudSd * blend(m.cloudCommon, clouds[t], own[t]);
        const sky = 1 - m.cloudDepth * sigmoid(x);
        out[t * nGen + j] = Math.min(gen.pmax, gen.pmax * m.solarGain * sun[t] * sky);
      }
    } else if (gen.type === "wind") {
      const own = draws.smooth(rows, stepMinutes, m.windHours);
      const noise = draws.normals(rows);
      for (let t = 0; t < rows; t++) {
        const x = windSeason[t] + m.windSd * blend(m.windCommon, wind[t], own[t]);
        const p = gen.pmax * sigmoid(x) * (1 + m.windNoiseSd * noise[t]);
        out[t * nGen + j] = Math.min(gen.pmax, Math.max(0, p));
      }
    }
  }
  return out;
}

/**
 * Dispatch: fills the dispatchable columns of `prodP` (rows x gens, renewables already in
 * place) so production meets load plus losses at every row; `lossFactor` is the losses' share
 * of a load of `referenceLoad`.
 */
function dispatch(
  gens: readonly ScenarioGen[],
  rows: number,
  totalLoad: Float64Array,
  prodP: Float64Array,
  lossFactor: number,
  referenceLoad: number,
): void {
  const nGen = gens.length;
  const units = gens.flatMap((g, j) => (DISPATCHABLE.includes(g.type) ? [j] : []));
  const slack = units.findIndex((j) => gens[j].slack);
  const weights = units.map((j) => gens[j].pmax);
  const lo = new Float64Array(units.length);
  const hi = new Float64Array(units.length);
  const out = new Float64Array(units.length);
  for (let t = 0; t < rows; t++) {
    const row = t * nGen;
    units.forEach((j, k) => {
      const g = gens[j];
      if (t === 0) {
        lo[k] = g.pmin;
        hi[k] = g.pmax;
      } else {
        const prev = Math.min(g.pmax, Math.max(g.pmin, prodP[row - nGen + j]));
        lo[k] = Math.max(g.pmin, prev - g.max_ramp_down);
        hi[k] = Math.min(g.pmax, prev + g.max_ramp_up);
      }
    });
    let renewable = 0;
    for (let j = 0; j < nGen; j++) renewable += prodP[row + j];
    const load = totalLoad[t];
    let demand = load * (1 + (lossFactor * load) / referenceLoad) - renewable;
    let floor = 0;
    for (let k = 0; k < units.length; k++) floor += lo[k];
    if (demand < floor && renewable > 0) {
      // Too much wind and sun for the dispatchable units' minimum: curtail them evenly.
      const keep = Math.max(0, 1 - (floor - demand) / renewable);
      for (let j = 0; j < nGen; j++) prodP[row + j] *= keep;
      demand += renewable * (1 - keep);
    }
    const uncovered = shareDemand(demand, weights, lo, hi, out);
    out[slack] += uncovered;
    units.forEach((j, k) => (prodP[row + j] = out[k]));
  }
}

/** Generates a scenario for `grid` from the generator value `g`; see the module documentation. */
export function generateScenario(
  grid: ScenarioGrid,
  g: Gen,
  options: GenerateOptions = {},
): Scenario {
  const problem = checkScenarioGrid(grid);
  if (problem !== undefined) throw new RangeError(`generateScenario: grid: ${problem}`);
  const m: ScenarioModel = { ...DEFAULT_MODEL, ...options.model };
  const modelProblem = checkModel(m);
  if (modelProblem !== undefined) throw new RangeError(`generateScenario: ${modelProblem}`);
  const start = options.start ?? DEFAULT_GENERATION_START;
  const stepMinutes = options.stepMinutes ?? 5;
  const steps = options.steps ?? DEFAULT_GENERATION_STEPS;
  if (!isValidDateTime(start)) throw new RangeError("generateScenario: start is not a date");
  if (!Number.isSafeInteger(stepMinutes) || stepMinutes < 1) {
    throw new RangeError(`generateScenario: stepMinutes must be a positive integer`);
  }
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`generateScenario: steps must be a positive integer, got ${steps}`);
  }
  const rows = steps + 1;
  const t0 = epochMinutes(start);
  const minutes = (t: number) => t0 + (t + 1) * stepMinutes;
  const nLoad = grid.loads.length;
  const nGen = grid.gens.length;
  const context: Context = { rows, stepMinutes, minutes, m, draws: new Draws(g) };

  const mult = loadMultipliers(nLoad, context);
  const loadP = new Float32Array(rows * nLoad);
  const loadQ = new Float32Array(rows * nLoad);
  const totalLoad = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    for (let i = 0; i < nLoad; i++) {
      const k = t * nLoad + i;
      loadP[k] = grid.loads[i].p_mw * mult[k];
      loadQ[k] = grid.loads[i].q_mvar * mult[k];
      totalLoad[t] += loadP[k];
    }
  }
  const prod = renewables(grid.gens, context);
  const referenceLoad = m.loadLevel * grid.loads.reduce((sum, l) => sum + l.p_mw, 0);
  dispatch(grid.gens, rows, totalLoad, prod, m.lossFactor, referenceLoad || 1);
  const prodV = new Float32Array(rows * nGen);
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < nGen; j++) prodV[t * nGen + j] = grid.gens[j].v_kv;
  }
  return makeScenario({
    id: options.id ?? "generated",
    name_load: grid.loads.map((l) => l.name),
    name_gen: grid.gens.map((x) => x.name),
    start,
    stepMinutes,
    rows,
    load_p: loadP,
    load_q: loadQ,
    prod_p: Float32Array.from(prod),
    prod_v: prodV,
  });
}
