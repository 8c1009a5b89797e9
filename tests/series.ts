/**
 * Statistics of time series for the scenario tests: columns and row sums of row-major arrays,
 * moments, quantiles, correlation, step changes and calendar profiles.
 *
 * @module
 */
import { calendarAt, Scenario } from "../core/grid/scenario/scenario.ts";

/** Column `i` of a rows x n array. */
export function column(a: ArrayLike<number>, n: number, i: number): Float64Array {
  const out = new Float64Array(a.length / n);
  for (let t = 0; t < out.length; t++) out[t] = a[t * n + i];
  return out;
}

/** Sum of each row of a rows x n array (of the columns `only`, when given). */
export function rowSums(a: ArrayLike<number>, n: number, only?: readonly number[]): Float64Array {
  const cols = only ?? [...Array(n).keys()];
  const out = new Float64Array(a.length / n);
  for (let t = 0; t < out.length; t++) for (const i of cols) out[t] += a[t * n + i];
  return out;
}

/** Arithmetic mean. */
export const mean = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
};

/** Population standard deviation. */
export const sd = (x: ArrayLike<number>): number => {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / x.length);
};

/** Largest value. */
export const max = (x: ArrayLike<number>): number => Math.max(...Array.from(x));
/** Smallest value. */
export const min = (x: ArrayLike<number>): number => Math.min(...Array.from(x));

/** The q-quantile (nearest rank). */
export function quantile(x: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(x).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Pearson correlation. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** x[t + 1] - x[t]. */
export function steps(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - 1));
  for (let t = 0; t < out.length; t++) out[t] = x[t + 1] - x[t];
  return out;
}

/** Mean of `x` (one value per row of `s`) by a calendar key of the row, over `buckets` keys. */
export function profile(
  s: Scenario,
  x: ArrayLike<number>,
  key: (c: ReturnType<typeof calendarAt>) => number,
  buckets: number,
): Float64Array {
  const sum = new Float64Array(buckets);
  const count = new Float64Array(buckets);
  for (let t = 0; t < x.length; t++) {
    const k = key(calendarAt(s, t));
    sum[k] += x[t];
    count[k]++;
  }
  return sum.map((v, k) => (count[k] > 0 ? v / count[k] : NaN));
}
