/**
 * Counting in sorted arrays by binary search: how many values lie within distance r of a
 * centre. The distance is computed as the estimators compute it, `|v - c|` in floating point,
 * which is monotone in `v` on each side of `c`, so the values within r always form one
 * contiguous run and the run's ends are found exactly.
 *
 * @example
 * ```ts
 * const s = Float64Array.from([0, 1, 1, 2, 5]);
 * countWithin(s, 1, 1, false); // 4: |v - 1| <= 1
 * countWithin(s, 1, 1, true);  // 2: |v - 1| < 1
 * ```
 * @module
 */

/** A sorted copy of the values (ascending). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** `|v - c| < r` when strict, else `|v - c| <= r`. */
function inside(v: number, c: number, r: number, strict: boolean): boolean {
  const d = v >= c ? v - c : c - v;
  return strict ? d < r : d <= r;
}

/**
 * Binary search in sorted[lo..hi) for one end of the run of values within r of c: its first
 * index (`end` false) or the index just after it (`end` true).
 */
function runBound(
  sorted: ArrayLike<number>,
  lo: number,
  hi: number,
  c: number,
  r: number,
  strict: boolean,
  end: boolean,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    // Past the start: at or after c, or within r. Past the end: after c and not within r.
    const past = end ? v >= c && !inside(v, c, r, strict) : v >= c || inside(v, c, r, strict);
    if (past) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A search in sorted[lo..hi) about the run of values within r of centre c. */
type RunSearch = (
  sorted: ArrayLike<number>,
  lo: number,
  hi: number,
  c: number,
  r: number,
  strict: boolean,
) => number;

/** First index in [lo, hi) of the sorted run whose value is within r of c (or at or after c). */
export const firstWithin: RunSearch = (sorted, lo, hi, c, r, strict) =>
  runBound(sorted, lo, hi, c, r, strict, false);

/** First index in [lo, hi) after the run of values within r of c. */
export const endWithin: RunSearch = (sorted, lo, hi, c, r, strict) =>
  runBound(sorted, lo, hi, c, r, strict, true);

/** How many values of a sorted array lie within r of c (strictly closer when `strict`). */
export function countWithin(
  sorted: ArrayLike<number>,
  c: number,
  r: number,
  strict: boolean,
): number {
  const n = sorted.length;
  const a = firstWithin(sorted, 0, n, c, r, strict);
  return endWithin(sorted, a, n, c, r, strict) - a;
}

/** The distinct values of a sorted array, ascending. */
export function distinctValues(sorted: ArrayLike<number>): Float64Array {
  let count = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) count++;
  const out = new Float64Array(count);
  for (let i = 0, a = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) out[a++] = sorted[i];
  }
  return out;
}

/** Each value's index among `distinct` (ascending distinct values that contain it). */
export function atomIndex(values: ArrayLike<number>, distinct: Float64Array): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0, hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}
