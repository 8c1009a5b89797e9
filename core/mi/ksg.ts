/**
 * k-nearest-neighbour estimators of the mutual information I(X;Y) of two scalar samples, in
 * nats, both in the max-norm:
 * - `mixedKsg`: the Mixed KSG estimator of Gao, Kannan, Oh and Viswanath (NeurIPS 2017), the
 *   one the research used, exact to its rule for ties (rho_i = 0: count the points at
 *   distance 0), so it is consistent for discrete, continuous and mixed variables;
 * - `ksg`: Kraskov, Stoegbauer and Grassberger's estimator 1 (2004), for continuous data.
 *
 * Both share the exact neighbour search of neighbours.ts (about N log N when one variable is
 * discrete) and are exactly symmetric in x and y.
 *
 * @example
 * ```ts
 * import { genFromSeed, normals, uniforms } from "../mod.ts";
 *
 * const [u, g] = uniforms(genFromSeed(1), 1000);
 * const actionCodes = u.map((v) => Math.floor(v * 4) / 4); // 4 actions: index / count
 * const [noise] = normals(g, 1000);
 * const nextRho = actionCodes.map((c, i) => 0.5 + c + 0.1 * noise[i]);
 * const mi = mixedKsg(actionCodes, nextRho); // k = floor(N / 20), as the research
 * const mi5 = mixedKsg(actionCodes, nextRho, 5);
 * ```
 * @module
 */
import { digammaTable } from "./digamma.ts";
import { kthNeighbours } from "./neighbours.ts";
import { countWithin } from "./sorted.ts";
import { mean } from "../stats.ts";

/** The research's neighbour count: floor(N / 20), at least 1. */
export function defaultK(n: number): number {
  return Math.max(1, Math.floor(n / 20));
}

/**
 * Mixed KSG: mean over points of psi(k_i) + log N - psi(n_x,i) - psi(n_y,i), where
 * rho_i is the distance to the k-th nearest neighbour; if rho_i = 0, k_i, n_x,i and n_y,i
 * count the points at distance 0 (jointly and in each marginal), otherwise k_i = k and the
 * marginal counts are the points strictly closer than rho_i, the point itself included.
 */
export function mixedKsg(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  k = defaultK(x.length),
): number {
  const n = x.length;
  const { rho, ties, order, sortedX, sortedY } = kthNeighbours(x, y, k);
  const psi = digammaTable(n);
  const term = perDistinctPoint(x, y, order, (i) => {
    const r = rho[i];
    const zero = r === 0;
    const nx = countWithin(sortedX, x[i], r, !zero), ny = countWithin(sortedY, y[i], r, !zero);
    return psi(zero ? ties[i] : k) - (psi(nx) + psi(ny));
  });
  return mean(term) + Math.log(n);
}

/**
 * Classic KSG (estimator 1): psi(k) + psi(N) - mean(psi(n_x + 1) + psi(n_y + 1)), n_x the
 * other points strictly closer than the k-th neighbour in x. Meant for continuous data: with
 * ties (rho_i = 0) its counts degenerate, which is what Mixed KSG repairs.
 */
export function ksg(x: ArrayLike<number>, y: ArrayLike<number>, k = defaultK(x.length)): number {
  const n = x.length;
  const { rho, order, sortedX, sortedY } = kthNeighbours(x, y, k);
  const psi = digammaTable(n);
  const term = perDistinctPoint(x, y, order, (i) => {
    const r = rho[i];
    // n + 1 = the strictly closer points with the point itself; just itself when rho is 0.
    const nx = r > 0 ? countWithin(sortedX, x[i], r, true) : 1;
    const ny = r > 0 ? countWithin(sortedY, y[i], r, true) : 1;
    return psi(nx) + psi(ny);
  });
  return psi(k) + psi(n) - mean(term);
}

/**
 * A per-point quantity that depends only on the point's coordinates, computed once per
 * distinct point (`order` puts coinciding points next to each other).
 */
function perDistinctPoint(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  order: Int32Array,
  f: (i: number) => number,
): Float64Array {
  const out = new Float64Array(x.length);
  let prev = -1;
  for (const i of order) {
    out[i] = prev >= 0 && x[i] === x[prev] && y[i] === y[prev] ? out[prev] : f(i);
    prev = i;
  }
  return out;
}
