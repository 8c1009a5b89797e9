/**
 * Summary statistics shared by the estimators and the reports, so every mean in gridfold sums
 * the same way (in index order, which keeps results byte-identical run to run).
 *
 * @example
 * ```ts
 * import { mean } from "./stats.ts";
 *
 * mean([1, 2, 3]); // 2
 * mean([], 0); // 0: an empty list's mean when the caller wants one
 * ```
 * @module
 */

/** The mean, summed in index order; `empty` (NaN unless given) for no values. */
export function mean(values: ArrayLike<number>, empty = NaN): number {
  if (values.length === 0) return empty;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
