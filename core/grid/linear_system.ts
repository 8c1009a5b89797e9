/**
 * One interface over the two LU paths: dense with partial pivoting (small systems) and sparse
 * with a fixed fill-reducing pivot order (large ones), the sparse path falling back to the
 * dense one when a pivot is too small. The caller fills a values array by `position(i, j)`,
 * then factors and solves without allocating.
 *
 * @example
 * ```ts
 * const sys = linearSystem(n, pairs, "sparse");
 * const work = linearWork(sys);
 * const v = new Float64Array(sys.size);
 * v[sys.position(i, j)] += a_ij; // ... every entry
 * const how = factorInPlace(sys, v, work);
 * if (how !== "singular") solveFactored(sys, v, work, how, rhs);
 * ```
 * @module
 */
import { denseFactor, denseSolve } from "./dense_lu.ts";
import { sparseFactor, SparsePattern, sparsePattern, sparseSolve } from "./sparse_lu.ts";

/** Which factorisation a system uses. */
export type SolverKind = "dense" | "sparse";

/** Systems up to this many unknowns use the dense path when the kind is "auto". */
export const DENSE_MAX = 24;

/** An n x n system with a fixed pattern. */
export interface LinearSystem {
  readonly n: number;
  readonly kind: SolverKind;
  /** Length of the values array to fill. */
  readonly size: number;
  /** Position of entry (i, j) in the values array (-1 when structurally zero). */
  position(i: number, j: number): number;
  /** The analysed sparse pattern (null for a dense system). */
  readonly pattern: SparsePattern | null;
}

/** Scratch space of one system, allocated once per solve. */
export interface LinearWork {
  readonly backup: Float64Array;
  readonly dense: Float64Array;
  readonly perm: Int32Array;
  readonly tmp: Float64Array;
}

/** Where the factors of the last `factorInPlace` live, or that the matrix is singular. */
export type Factored = "sparse" | "dense" | "singular";

/**
 * A system of n unknowns whose off-diagonal entries are the given symmetric pairs.
 * `kind` "auto" picks dense up to `DENSE_MAX` unknowns.
 */
export function linearSystem(
  n: number,
  pairs: readonly (readonly [number, number])[],
  kind: SolverKind | "auto" = "auto",
): LinearSystem {
  const chosen = kind === "auto" ? (n <= DENSE_MAX ? "dense" : "sparse") : kind;
  if (chosen === "dense") {
    return { n, kind: "dense", size: n * n, position: (i, j) => i * n + j, pattern: null };
  }
  const pattern = sparsePattern(n, pairs);
  return { n, kind: "sparse", size: pattern.size, position: pattern.position, pattern };
}

/** Scratch space for `factorInPlace` and `solveFactored`. */
export function linearWork(sys: LinearSystem): LinearWork {
  const sparse = sys.kind === "sparse";
  return {
    backup: new Float64Array(sparse ? sys.size : 0),
    dense: new Float64Array(sparse ? sys.n * sys.n : 0),
    perm: new Int32Array(sys.n),
    tmp: new Float64Array(sys.n),
  };
}

/**
 * Factorises the filled `values` (destroyed). A sparse system whose fixed pivot order meets a
 * tiny pivot is copied to the dense scratch and factorised there with pivoting.
 */
export function factorInPlace(sys: LinearSystem, values: Float64Array, work: LinearWork): Factored {
  const n = sys.n;
  if (sys.pattern === null) return denseFactor(n, values, work.perm) ? "dense" : "singular";
  work.backup.set(values);
  if (sparseFactor(sys.pattern, values)) return "sparse";
  const { row, col } = sys.pattern;
  work.dense.fill(0);
  for (let k = 0; k < sys.size; k++) work.dense[row[k] * n + col[k]] = work.backup[k];
  return denseFactor(n, work.dense, work.perm) ? "dense" : "singular";
}

/** Solves in place with the factors of `factorInPlace` (`how` must not be "singular"). */
export function solveFactored(
  sys: LinearSystem,
  values: Float64Array,
  work: LinearWork,
  how: Factored,
  rhs: Float64Array,
): void {
  if (how === "sparse" && sys.pattern !== null) sparseSolve(sys.pattern, values, rhs);
  else if (sys.pattern === null) denseSolve(sys.n, values, work.perm, rhs, work.tmp);
  else denseSolve(sys.n, work.dense, work.perm, rhs, work.tmp);
}
