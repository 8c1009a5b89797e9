/**
 * Samples with a known mutual information, for checking estimators: a bivariate Gaussian
 * with correlation r has I(X;Y) = -0.5 ln(1 - r^2) nats.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 *
 * const [x, y] = gaussianPair(genFromSeed(1), 5000, 0.8);
 * gaussianMi(0.8); // 0.5108...
 * ```
 * @module
 */
import { Gen, normals } from "../random.ts";

/** `n` draws of a standard bivariate Gaussian with correlation r. */
export function gaussianPair(g: Gen, n: number, r: number): [Float64Array, Float64Array, Gen] {
  const [a, g1] = normals(g, n);
  const [b, g2] = normals(g1, n);
  const s = Math.sqrt(1 - r * r);
  return [a, a.map((v, i) => r * v + s * b[i]), g2];
}

/** The mutual information of a bivariate Gaussian with correlation r, in nats. */
export function gaussianMi(r: number): number {
  return -0.5 * Math.log(1 - r * r);
}
