/**
 * Balancing for the scenario generator: share a demand among dispatchable generators in
 * proportion to their participation weights, each kept within its bounds for this step (Pmin
 * and Pmax, and its ramp limits from the previous step's output). The shares come from one
 * multiplier `lambda` with `sum_i clamp(w_i * lambda, lo_i, hi_i) = demand`, solved exactly:
 * the sum is piecewise linear and non-decreasing in `lambda`, with a break where a unit meets
 * a bound. When the demand is outside the fleet's bounds every generator sits at a bound and
 * the caller's slack covers the rest.
 *
 * @example
 * ```ts
 * const p = new Float64Array(3);
 * shareDemand(150, [0.4, 0.3, 0.3], [0, 0, 0], [100, 40, 100], p); // p = [66.7, 40, 43.3]
 * ```
 * @module
 */

/**
 * Writes into `out` the outputs meeting `demand` (clamped to [sum lo, sum hi]) with
 * `out_i = clamp(weights_i * lambda, lo_i, hi_i)`; returns the demand left uncovered (positive
 * when the fleet cannot produce enough, negative when it cannot go low enough). Weights must
 * be positive.
 */
export function shareDemand(
  demand: number,
  weights: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  out: Float64Array,
): number {
  const n = weights.length;
  const total = (lambda: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.min(hi[i], Math.max(lo[i], weights[i] * lambda));
    return s;
  };
  // The sum is linear between the multipliers where a unit reaches a bound.
  const breaks: number[] = [];
  for (let i = 0; i < n; i++) breaks.push(lo[i] / weights[i], hi[i] / weights[i]);
  breaks.sort((a, b) => a - b);
  let lambda = breaks[0];
  let before = total(lambda);
  if (demand > before) {
    lambda = breaks[breaks.length - 1];
    for (let k = 1; k < breaks.length; k++) {
      const after = total(breaks[k]);
      if (after >= demand) {
        const span = after - before;
        lambda = span > 0
          ? breaks[k - 1] + ((demand - before) / span) * (breaks[k] - breaks[k - 1])
          : breaks[k - 1];
        break;
      }
      before = after;
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.min(hi[i], Math.max(lo[i], weights[i] * lambda));
    sum += out[i];
  }
  const left = demand - sum;
  // Inside the fleet's range only rounding is left: give it to a unit inside its bounds.
  if (Math.abs(left) > 1e-9 * (1 + Math.abs(demand))) return left;
  for (let i = 0; i < n; i++) {
    const moved = out[i] + left;
    if (moved >= lo[i] && moved <= hi[i]) {
      out[i] = moved;
      break;
    }
  }
  return 0;
}
