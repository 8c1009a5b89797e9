/**
 * The digamma function psi = Gamma'/Gamma, which every k-nearest-neighbour estimator of
 * mutual information sums over its counts. Estimators call it with integer counts up to N,
 * so `digammaTable` memoises those values for one estimate.
 *
 * @example
 * ```ts
 * digamma(1); // -0.5772156649015329 (minus the Euler-Mascheroni constant)
 * const psi = digammaTable(100000);
 * psi(5000); // digamma(5000), computed once
 * ```
 * @module
 */

/**
 * psi(x) for real x > 0 by the recurrence up to x >= 10, then the asymptotic series to the
 * x^-12 term: absolute error about 1e-15 (relative 1e-15 for large x).
 */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`digamma: x must be > 0, got ${x}`);
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // ln x - 1/(2x) - sum B_2j / (2j x^2j), Bernoulli numbers up to B_12.
  const series = inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * 691 / 32760)))));
  return Math.log(x) - 0.5 / x - series - shift;
}

/** psi on the integers 1..max, each value computed on first use. */
export function digammaTable(max: number): (n: number) => number {
  const table = new Float64Array(max + 1).fill(NaN);
  return (n) => {
    const v = table[n];
    if (v === v) return v;
    return table[n] = digamma(n);
  };
}
