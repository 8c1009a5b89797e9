/**
 * Balancing for the scenario generator: share a demand among dispatchable generators in
 * proportion to their participation weights, each kept within its bounds for this step (Pmin
 * and Pmax, and its ramp limits from the previous step's output). The shares come from one
 * multiplier `lambda` with `sum_i clamp(w_i * lambda, lo_i, hi_i) = demand`, found by bisection
 * (the sum is continuous and non-decreasing in `lambda`). When the demand is outside the fleet's
 * bounds every generator sits at a bound and the caller's slack covers the rest.
 *
 * @example
 * ```ts
 * const p = new Float64Array(3);
 * shareDemand(150, [0.4, 0.3, 0.3], [0, 0, 0], [100, 40, 100], p); // p = [66.7, 40, 43.3]
 * ```
 * @module
 */

const BISECTIONS = 60;

/**
 * Writes into `out` the outputs meeting `demand` (clamped to [sum lo, sum hi]) with
 * `out_i = clamp(weights_i * lambda, lo_i, hi_i)`; returns the demand left uncovered (positive
 * when the fleet cannot produce enough, negative when it cannot go low enough).
 */
export function shareDemand(
  demand: number,
  weights: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  out: Float64Array,
): number {
  const n = weights.length;
  let sumLo = 0;
  let sumHi = 0;
  for (let i = 0; i < n; i++) {
    sumLo += lo[i];
    sumHi += hi[i];
  }
  const bound = demand <= sumLo ? lo : demand >= sumHi ? hi : undefined;
  if (bound !== undefined) {
    for (let i = 0; i < n; i++) out[i] = bound[i];
    return demand - (bound === lo ? sumLo : sumHi);
  }
  const total = (lambda: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.min(hi[i], Math.max(lo[i], weights[i] * lambda));
    return s;
  };
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) b = Math.max(b, hi[i] / weights[i]);
  for (let k = 0; k < BISECTIONS; k++) {
    const mid = (a + b) / 2;
    if (total(mid) < demand) a = mid;
    else b = mid;
  }
  const lambda = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.min(hi[i], Math.max(lo[i], weights[i] * lambda));
    sum += out[i];
  }
  // Bisection leaves a residue of ~1e-15 relative; give it to a unit strictly inside its bounds.
  const residue = demand - sum;
  for (let i = 0; i < n; i++) {
    const moved = Math.min(hi[i], Math.max(lo[i], out[i] + residue));
    if (moved - out[i] === residue) {
      out[i] = moved;
      break;
    }
  }
  return 0;
}
