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
import { distinctCount, sortedCopy } from "./sorted.ts";

/** Each value's index among the sorted distinct values. */
function atomCodes(values: ArrayLike<number>): { codes: Int32Array; atoms: number } {
  const sorted = sortedCopy(values);
  const atoms = new Float64Array(distinctCount(sorted));
  for (let i = 0, a = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) atoms[a++] = sorted[i];
  }
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let lo = 0, hi = atoms.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (atoms[mid] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
  }
  return { codes, atoms: atoms.length };
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
