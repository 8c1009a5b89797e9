/**
 * The plug-in (maximum-likelihood) estimator of I(X;Y) for discrete samples: the mutual
 * information of the empirical joint distribution, in nats. Each distinct value is an atom.
 *
 * @example
 * ```ts
 * pluginMi([0, 0, 1, 1], [0, 0, 1, 1]); // ln 2
 * ```
 * @module
 */
import { atomIndex, distinctValues, sortedCopy } from "./sorted.ts";

/** Each value's atom (index among the distinct values) and the number of atoms. */
function atomCodes(values: ArrayLike<number>): { codes: Int32Array; atoms: number } {
  const distinct = distinctValues(sortedCopy(values));
  return { codes: atomIndex(values, distinct), atoms: distinct.length };
}

/** sum over atoms (x, y) of p(x, y) ln(p(x, y) / (p(x) p(y))), from counts. */
export function pluginMi(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`pluginMi: ${n} x values but ${y.length} y values`);
  if (n === 0) throw new RangeError("pluginMi: no samples");
  const cx = atomCodes(x), cy = atomCodes(y);
  const countX = new Float64Array(cx.atoms), countY = new Float64Array(cy.atoms);
  const joint = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    countX[cx.codes[i]]++;
    countY[cy.codes[i]]++;
    const key = cx.codes[i] * cy.atoms + cy.codes[i];
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let sum = 0;
  for (const [key, c] of joint) {
    const a = Math.floor(key / cy.atoms), b = key - a * cy.atoms;
    sum += c * Math.log((c * n) / (countX[a] * countY[b]));
  }
  return sum / n;
}
