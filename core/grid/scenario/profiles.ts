/**
 * The deterministic shapes of the scenario generator: how load follows the hour, the day of
 * the week and the season; where the sun is; and the smooth stationary processes that carry
 * the weather. Each is a small pure function of a time
 * (minutes since 1970 from `calendar.ts`) or of draws given as data.
 *
 * The load shapes are those of a western-European winter grid, checked against grid2op's
 * case14 chronics (`tests/scenario_gen_test.ts` compares them): a night trough near 04:00, a
 * morning rise, a midday plateau, an afternoon dip, an evening peak near 19:00 and a small
 * late bump near 23:00 (off-peak water heaters); Sundays about 10% and Saturdays about 5% below
 * weekdays, with a late morning (Saturday half-way to Sunday's shape); winter above summer.
 *
 * @example
 * ```ts
 * import { epochMinutes } from "./calendar.ts";
 *
 * const m = epochMinutes({ year: 2019, month: 6, day: 21, hour: 12, minute: 0 });
 * sunSine(m, 47, 12); // ~0.92: the sun is 66 degrees high at noon at midsummer, 47 N
 * dailyShape(RESIDENTIAL, 19); // ~1.08 of the day's mean
 * ```
 * @module
 */
import { dayOfYear } from "./calendar.ts";

/** Knots of a daily shape at 00:30, 01:30, ... 23:30, relative to the day's mean. */
export type DailyKnots = readonly number[];

const normalised = (knots: number[]): DailyKnots => {
  const mean = knots.reduce((a, b) => a + b, 0) / knots.length;
  return Object.freeze(knots.map((k) => k / mean));
};

/** Households and mixed use: night trough, morning rise, evening peak, late bump. */
export const RESIDENTIAL: DailyKnots = normalised([
  0.99, // 00:30
  0.945, // 01:30
  0.93, // 02:30
  0.895, // 03:30
  0.875, // 04:30
  0.89, // 05:30
  0.945, // 06:30
  1.01, // 07:30
  1.045, // 08:30
  1.065, // 09:30
  1.07, // 10:30
  1.068, // 11:30
  1.065, // 12:30
  1.05, // 13:30
  1.02, // 14:30
  0.985, // 15:30
  0.97, // 16:30
  0.985, // 17:30
  1.05, // 18:30
  1.095, // 19:30
  1.06, // 20:30
  1.005, // 21:30
  0.985, // 22:30
  1.015, // 23:30
]);

/** Sundays and holidays: no morning rise before 08:00, a midday bump, the evening peak. */
export const SUNDAY: DailyKnots = normalised([
  1.06, // 00:30
  1.02, // 01:30
  0.99, // 02:30
  0.95, // 03:30
  0.92, // 04:30
  0.905, // 05:30
  0.915, // 06:30
  0.94, // 07:30
  0.96, // 08:30
  0.995, // 09:30
  1.03, // 10:30
  1.05, // 11:30
  1.06, // 12:30
  1.04, // 13:30
  0.995, // 14:30
  0.95, // 15:30
  0.94, // 16:30
  0.96, // 17:30
  1.04, // 18:30
  1.09, // 19:30
  1.07, // 20:30
  1.04, // 21:30
  1.02, // 22:30
  1.05, // 23:30
]);

/** Offices, shops, workshops: a daytime plateau, low nights and evenings. */
export const COMMERCIAL: DailyKnots = normalised([
  0.8,
  0.78,
  0.77,
  0.77,
  0.78,
  0.82,
  0.9,
  1.02,
  1.15,
  1.22,
  1.24,
  1.24,
  1.2,
  1.22,
  1.23,
  1.21,
  1.16,
  1.08,
  1.0,
  0.95,
  0.9,
  0.86,
  0.83,
  0.81,
]);

/** Load of each day of the week relative to the week's mean, Monday first. */
export const WEEKLY: readonly number[] = (() => {
  const days = [1.0, 1.03, 1.04, 1.04, 1.035, 0.96, 0.905];
  const mean = days.reduce((a, b) => a + b, 0) / 7;
  return Object.freeze(days.map((d) => d / mean));
})();

/**
 * A daily shape at `hour` (0 <= hour < 24, fractional): a periodic Catmull-Rom spline through
 * the knots at the half hours, so each hour's mean is close to its knot. Its mean over the day
 * is the knots' mean, so a normalised shape keeps the day's energy.
 */
export function dailyShape(knots: DailyKnots, hour: number): number {
  const n = knots.length;
  const at = hour - 0.5;
  const i = Math.floor(at);
  const k = (j: number) => knots[((j % n) + n) % n];
  return catmullRom(k(i - 1), k(i), k(i + 1), k(i + 2), at - i);
}

/** The uniform Catmull-Rom spline through p0..p3 at fraction `f` between p1 and p2. */
function catmullRom(p0: number, p1: number, p2: number, p3: number, f: number): number {
  return p1 +
    0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
}

/** How much of the Sunday shape each day of the week takes, Monday first. */
export const SUNDAY_SHARE: readonly number[] = Object.freeze([0, 0, 0, 0, 0, 0.5, 1]);

/** Hours over which a day-of-week value moves from one day's to the next's. */
const WEEKDAY_BLEND_HOURS = 6;

/**
 * The value for the day of the week at `minutes` from `perDay` (Monday first), reached from
 * the previous day's over the first hours after midnight so the load does not jump at 00:00.
 */
export function dayOfWeekValue(minutes: number, perDay: readonly number[]): number {
  const days = Math.floor(minutes / 1440);
  const hour = (minutes - days * 1440) / 60;
  const today = perDay[((days + 3) % 7 + 7) % 7]; // 1970-01-01 was a Thursday (Monday = 0)
  const yesterday = perDay[((days + 2) % 7 + 7) % 7];
  const w = Math.min(1, hour / WEEKDAY_BLEND_HOURS);
  return yesterday + (today - yesterday) * w;
}

/** Day of the year around which the seasonal load (and wind) is highest. */
const WINTER_PEAK_DAY = 15;

/** 1 in mid-January, down to `1 - swing` in mid-July, a cosine between. */
export function seasonFactor(minutes: number, swing: number): number {
  const phase = (2 * Math.PI * (dayOfYear(minutes) - WINTER_PEAK_DAY)) / 365.25;
  return 1 - (swing * (1 - Math.cos(phase))) / 2;
}

const RAD = Math.PI / 180;

/**
 * Sine of the sun's elevation (negative at night) at `minutes`, for a `latitude` in degrees
 * and the clock hour of solar noon: declination by Cooper's formula, hour angle 15 degrees per
 * hour from solar noon.
 */
export function sunSine(minutes: number, latitude: number, solarNoon: number): number {
  const declination = 23.44 * RAD * Math.sin((2 * Math.PI * (284 + dayOfYear(minutes))) / 365);
  const hour = (((minutes % 1440) + 1440) % 1440) / 60;
  const hourAngle = 15 * RAD * (hour - solarNoon);
  const phi = latitude * RAD;
  return Math.sin(phi) * Math.sin(declination) +
    Math.cos(phi) * Math.cos(declination) * Math.cos(hourAngle);
}

/** Minutes between the knots of a smooth process. */
const KNOT_MINUTES = 60;

/** Number of standard normal draws `smoothAr1` needs for `rows` steps of `stepMinutes`. */
export const smoothAr1Draws = (rows: number, stepMinutes: number): number =>
  Math.ceil(((rows - 1) * stepMinutes) / KNOT_MINUTES) + 4;

/**
 * A smooth, stationary, autocorrelated path of `rows` steps with about unit variance: an
 * AR(1) process on hourly knots, x_k = phi x_{k-1} + sqrt(1 - phi^2) z_k with
 * phi = exp(-1 / hours), interpolated by a Catmull-Rom spline. Weather moves smoothly
 * between 5-minute steps, as the real chronics do (an AR(1) at 5 minutes is too rough).
 * `z` holds `smoothAr1Draws(rows, stepMinutes)` standard normal draws.
 */
export function smoothAr1(
  z: Float64Array,
  rows: number,
  stepMinutes: number,
  hours: number,
): Float64Array {
  const phi = Math.exp(-KNOT_MINUTES / (60 * hours));
  const innovation = Math.sqrt(1 - phi * phi);
  const knots = new Float64Array(smoothAr1Draws(rows, stepMinutes));
  knots[0] = z[0];
  for (let k = 1; k < knots.length; k++) knots[k] = phi * knots[k - 1] + innovation * z[k];
  const x = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    const at = (t * stepMinutes) / KNOT_MINUTES + 1;
    const k = Math.floor(at);
    x[t] = catmullRom(knots[k - 1], knots[k], knots[k + 1], knots[k + 2], at - k);
  }
  return x;
}
