/**
 * Sparse LU factorisation with a fixed pivot order, for matrices with a structurally symmetric
 * pattern (the admittance-derived matrices of power flow). The pattern is analysed once (its
 * fill, the position of every entry, and the list of multiply-subtract operations of the
 * elimination); the numeric factorisation is then a straight run over that list, with no
 * search and no allocation, which is what makes repeated Newton steps fast.
 *
 * The pivots are taken on the diagonal in the given order (no numerical pivoting): callers
 * order the unknowns with a fill-reducing ordering and fall back to a pivoting dense LU when a
 * pivot is too small (`sparseFactor` returns false).
 *
 * @example
 * ```ts
 * const pat = sparsePattern(3, [[0, 1], [1, 2]]);   // off-diagonal pairs
 * const v = new Float64Array(pat.size); // [[4, -1, 0], [-1, 4, -1], [0, -1, 4]]
 * for (let i = 0; i < 3; i++) v[pat.position(i, i)] = 4;
 * for (const [i, j] of [[0, 1], [1, 0], [1, 2], [2, 1]]) v[pat.position(i, j)] = -1;
 * const rhs = Float64Array.of(3, 2, 3);
 * if (sparseFactor(pat, v)) sparseSolve(pat, v, rhs); // rhs is now x = [1, 1, 1]
 * ```
 * @module
 */
import { arena } from "../arena.ts";

/** The analysed pattern of an n x n matrix: where each entry lives and how to eliminate. */
export interface SparsePattern {
  readonly n: number;
  /** Length of the values array (diagonal, upper and lower entries including fill). */
  readonly size: number;
  /** Position of the diagonal entry of each row. */
  readonly diag: Int32Array;
  /** For pivot k, its later neighbours are `nbr[start[k]..start[k+1]]` (ascending). */
  readonly start: Int32Array;
  readonly nbr: Int32Array;
  /** Positions of L(nbr, k) and U(k, nbr), aligned with `nbr`. */
  readonly lower: Int32Array;
  readonly upper: Int32Array;
  /** Targets of the updates A(i, j) -= L(i, k) U(k, j), pivot by pivot, row-major in (i, j). */
  readonly update: Int32Array;
  /** Row and column of each position (for a dense copy when a pivot fails). */
  readonly row: Int32Array;
  readonly col: Int32Array;
  /** Position of entry (i, j) of the filled pattern, -1 when structurally zero. */
  position(i: number, j: number): number;
}

/** Above this size, positions are looked up in a hash map instead of an n x n table. */
const TABLE_MAX = 2048;

/**
 * Analyses the pattern of an n x n matrix with a full diagonal and the given off-diagonal
 * pairs (each pair (i, j) stands for both (i, j) and (j, i)), eliminated in the order 0..n-1.
 * The fill comes from the elimination tree: the later neighbours of pivot k are its own in the
 * matrix plus those of the pivots whose parent it is (their first later neighbour).
 */
export function sparsePattern(
  n: number,
  pairs: readonly (readonly [number, number])[],
): SparsePattern {
  const own: number[][] = Array.from({ length: n }, () => []);
  for (const [i, j] of pairs) if (i !== j) own[Math.min(i, j)].push(Math.max(i, j));
  const children: number[][] = Array.from({ length: n }, () => []);
  const mark = new Array<number>(n).fill(-1);
  const later: number[][] = [];
  for (let k = 0; k < n; k++) {
    const list: number[] = [];
    const take = (j: number) => {
      if (j > k && mark[j] !== k) {
        mark[j] = k;
        list.push(j);
      }
    };
    for (const j of own[k]) take(j);
    for (const c of children[k]) for (const j of later[c]) take(j);
    list.sort((x, y) => x - y);
    later.push(list);
    if (list.length > 0) children[list[0]].push(k);
  }
  let nnzUpper = 0, ops = 0;
  for (const list of later) {
    nnzUpper += list.length;
    ops += list.length * list.length;
  }
  const size = n + 2 * nnzUpper;
  const [, [start, nbr, lower, upper, diag, row, col, update]] = arena(
    [],
    [n + 1, nnzUpper, nnzUpper, nnzUpper, n, size, size, ops],
  );
  for (let k = 0; k < n; k++) {
    start[k + 1] = start[k] + later[k].length;
    diag[k] = k;
    row[k] = col[k] = k;
  }
  let next = n;
  for (let k = 0; k < n; k++) {
    for (let a = start[k]; a < start[k + 1]; a++) {
      const j = later[k][a - start[k]];
      nbr[a] = j;
      upper[a] = next;
      row[next] = k;
      col[next++] = j;
      lower[a] = next;
      row[next] = j;
      col[next++] = k;
    }
  }
  let position: (i: number, j: number) => number;
  if (n <= TABLE_MAX) {
    const table = new Int32Array(n * n).fill(-1);
    for (let p = 0; p < size; p++) table[row[p] * n + col[p]] = p;
    position = (i, j) => (i >= 0 && i < n && j >= 0 && j < n ? table[i * n + j] : -1);
  } else {
    const where = new Map<number, number>();
    for (let p = 0; p < size; p++) where.set(row[p] * n + col[p], p);
    position = (i, j) => where.get(i * n + j) ?? -1;
  }
  let t = 0;
  for (let k = 0; k < n; k++) {
    for (let a = start[k]; a < start[k + 1]; a++) {
      for (let b = start[k]; b < start[k + 1]; b++) update[t++] = position(nbr[a], nbr[b]);
    }
  }
  return { n, size, diag, start, nbr, lower, upper, update, row, col, position };
}

/**
 * Factorises in place (`values` becomes L and U, L with a unit diagonal). Returns false when
 * a pivot is zero, not finite, or below `relTol` times the largest entry: the caller then
 * falls back to pivoting.
 */
export function sparseFactor(p: SparsePattern, values: Float64Array, relTol = 1e-13): boolean {
  let scale = 0;
  for (let i = 0; i < p.size; i++) {
    const a = Math.abs(values[i]);
    if (a > scale) scale = a;
  }
  const tiny = relTol * scale;
  const { n, start, diag, lower, upper, update } = p;
  let t = 0;
  for (let k = 0; k < n; k++) {
    const pivot = values[diag[k]];
    if (!(Math.abs(pivot) > tiny)) return false;
    const inv = 1 / pivot;
    const s = start[k];
    const e = start[k + 1];
    for (let a = s; a < e; a++) values[lower[a]] *= inv;
    for (let a = s; a < e; a++) {
      const l = values[lower[a]];
      if (l === 0) {
        t += e - s;
        continue;
      }
      for (let b = s; b < e; b++) values[update[t++]] -= l * values[upper[b]];
    }
  }
  return true;
}

/** Solves A x = rhs in place with the factors from `sparseFactor`. */
export function sparseSolve(p: SparsePattern, values: Float64Array, rhs: Float64Array): void {
  const { n, start, nbr, diag, lower, upper } = p;
  for (let k = 0; k < n; k++) {
    const y = rhs[k];
    if (y === 0) continue;
    for (let a = start[k]; a < start[k + 1]; a++) rhs[nbr[a]] -= values[lower[a]] * y;
  }
  for (let k = n - 1; k >= 0; k--) {
    let sum = rhs[k];
    for (let a = start[k]; a < start[k + 1]; a++) sum -= values[upper[a]] * rhs[nbr[a]];
    rhs[k] = sum / values[diag[k]];
  }
}
