/**
 * Brute-force O(N^2) references for the estimators, written straight from their definitions
 * (docs/research.md 1b and Gao et al.'s code) so the fast neighbour search can be checked on
 * small samples with ties.
 *
 * @module
 */
import { digamma } from "../core/mi/digamma.ts";

/** All max-norm distances from point i, sorted (its own 0 included). */
function distancesFrom(x: ArrayLike<number>, y: ArrayLike<number>, i: number): Float64Array {
  const d = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    d[j] = Math.max(Math.abs(x[j] - x[i]), Math.abs(y[j] - y[i]));
  }
  return d.sort();
}

function count(values: ArrayLike<number>, c: number, ok: (d: number) => boolean): number {
  let n = 0;
  for (let j = 0; j < values.length; j++) if (ok(Math.abs(values[j] - c))) n++;
  return n;
}

/** rho_i (k-th neighbour distance, self excluded) and ties_i (points at distance 0). */
export function bruteNeighbours(x: ArrayLike<number>, y: ArrayLike<number>, k: number) {
  const n = x.length;
  const rho = new Float64Array(n), ties = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = distancesFrom(x, y, i);
    rho[i] = d[k];
    ties[i] = d.filter((v) => v === 0).length;
  }
  return { rho, ties };
}

/** Mixed KSG by its definition. */
export function bruteMixedKsg(x: ArrayLike<number>, y: ArrayLike<number>, k: number): number {
  const n = x.length;
  const { rho, ties } = bruteNeighbours(x, y, k);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = rho[i];
    const zero = r === 0;
    const kp = zero ? ties[i] : k;
    const nx = count(x, x[i], zero ? (d) => d === 0 : (d) => d < r);
    const ny = count(y, y[i], zero ? (d) => d === 0 : (d) => d < r);
    sum += digamma(kp) - (digamma(nx) + digamma(ny));
  }
  return sum / n + Math.log(n);
}

/** Plug-in MI from a dictionary of counts. */
export function brutePlugin(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const cx = new Map<number, number>(), cy = new Map<number, number>();
  const cxy = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    cx.set(x[i], (cx.get(x[i]) ?? 0) + 1);
    cy.set(y[i], (cy.get(y[i]) ?? 0) + 1);
    const key = `${x[i]},${y[i]}`;
    cxy.set(key, (cxy.get(key) ?? 0) + 1);
  }
  let sum = 0;
  for (const [key, c] of cxy) {
    const [a, b] = key.split(",").map(Number);
    sum += (c / n) * Math.log((c * n) / (cx.get(a)! * cy.get(b)!));
  }
  return sum;
}
