/**
 * Dense LU factorisation with partial (row) pivoting, for small systems and as the safe path
 * when a fixed-order sparse factorisation meets a tiny pivot. The matrix is a row-major
 * Float64Array of n * n entries, factorised in place.
 *
 * @example
 * ```ts
 * const a = Float64Array.of(0, 1, 2, 3); // [[0, 1], [2, 3]]
 * const perm = new Int32Array(2);
 * const rhs = Float64Array.of(1, 5);
 * if (denseFactor(2, a, perm)) denseSolve(2, a, perm, rhs); // rhs is now x = [1, 1]
 * ```
 * @module
 */

/**
 * Factorises `a` (n x n, row-major) in place into L (unit diagonal) and U, with row
 * permutation `perm` (row k of the factors is row perm[k] of the input). Returns false when
 * the matrix is singular to working precision (a pivot below `relTol` times its column's
 * scale, or not finite).
 */
export function denseFactor(n: number, a: Float64Array, perm: Int32Array, relTol = 1e-13): boolean {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  const tiny = relTol * scale;
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k = 0; k < n; k++) {
    let best = k;
    let bestAbs = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > bestAbs) {
        best = i;
        bestAbs = v;
      }
    }
    if (!(bestAbs > tiny)) return false;
    if (best !== k) {
      for (let j = 0; j < n; j++) {
        const tmp = a[k * n + j];
        a[k * n + j] = a[best * n + j];
        a[best * n + j] = tmp;
      }
      const tp = perm[k];
      perm[k] = perm[best];
      perm[best] = tp;
    }
    const inv = 1 / a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k] * inv;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  return true;
}

/**
 * Solves A x = rhs in place with the factors and permutation from `denseFactor`; `work` is
 * n numbers of scratch (pass one in to avoid allocating inside a loop).
 */
export function denseSolve(
  n: number,
  a: Float64Array,
  perm: Int32Array,
  rhs: Float64Array,
  work: Float64Array = new Float64Array(n),
): void {
  const y = work;
  for (let i = 0; i < n; i++) {
    let sum = rhs[perm[i]];
    for (let j = 0; j < i; j++) sum -= a[i * n + j] * y[j];
    y[i] = sum;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let j = i + 1; j < n; j++) sum -= a[i * n + j] * y[j];
    y[i] = sum / a[i * n + i];
  }
  rhs.set(y);
}
