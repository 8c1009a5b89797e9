/**
 * Per-column quantile binarisation of an MI matrix, as the research did with numpy:
 * entry (i, j) is kept when `MI[i][j] > quantile(MI[:, j], q)`, the quantile computed with
 * numpy's default ("linear") method, including its way of rounding the interpolation.
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4, 5], 0.7);          // 3.8
 * binarise([[0.9, 0.1], [0.2, 0.8]], 0.5); // [[1, 0], [0, 1]]
 * ```
 * @module
 */

/**
 * numpy.quantile(values, q) with the default linear method: virtual index (n - 1) q,
 * interpolated from the lower neighbour when the fraction is below 0.5 and from the upper
 * one otherwise (numpy's `_lerp`).
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError("quantile of no values");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = Float64Array.from(values).sort();
  const index = (n - 1) * q;
  const below = Math.min(n - 1, Math.floor(index));
  const above = Math.min(n - 1, below + 1);
  const t = index - below;
  const a = sorted[below], b = sorted[above];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** 1 where the entry exceeds its column's q-quantile, else 0. */
export function binarise(matrix: readonly (readonly number[])[], q: number): number[][] {
  const rows = matrix.length, cols = rows > 0 ? matrix[0].length : 0;
  const cut = Array.from({ length: cols }, (_, j) => quantile(matrix.map((row) => row[j]), q));
  return matrix.map((row) => row.map((v, j) => (v > cut[j] ? 1 : 0)));
}
