/**
 * One interface over the two LU paths: dense with partial pivoting (small systems) and sparse
 * with a fixed fill-reducing pivot order (large ones), the sparse path falling back to the
 * dense one when a pivot is too small. The caller fills a values array by `position(i, j)`,
 * then factors and solves without allocating.
 *
 * @example
 * ```ts
 * const pairs: [number, number][] = [[0, 1], [1, 2]]; // off-diagonal pairs
 * const sys = linearSystem(3, pairs, "sparse");
 * const work = linearWork(sys);
 * const v = new Float64Array(sys.size); // [[4, -1, 0], [-1, 4, -1], [0, -1, 4]]
 * for (let i = 0; i < 3; i++) v[sys.position(i, i)] = 4;
 * for (const [i, j] of pairs) v[sys.position(i, j)] = v[sys.position(j, i)] = -1;
 * const rhs = Float64Array.of(3, 2, 3);
 * const how = factorInPlace(sys, v, work);
 * if (how !== "singular") solveFactored(sys, v, work, how, rhs); // rhs is now x = [1, 1, 1]
 * ```
 * @module
 */
import { arena } from "../arena.ts";
import { denseFactor, denseSolve } from "./dense_lu.ts";
import { sparseFactor, SparsePattern, sparsePattern, sparseSolve } from "./sparse_lu.ts";

/** Which factorisation a system uses. */
export type SolverKind = "dense" | "sparse";

/**
 * Systems up to this many unknowns use the dense path when the kind is "auto": measured on
 * grid-like patterns (`deno task bench`, section "powerflow"), the fixed-order sparse LU is
 * already as fast at 6 unknowns and 1.6x faster at 22 (the sandbox's Jacobian).
 */
export const DENSE_MAX = 5;

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
  /** A copy of the sparse values before factorisation, for the dense fallback. */
  readonly backup: Float64Array;
  /** The dense fallback's factors, allocated the first time a sparse pivot fails. */
  dense: Float64Array | null;
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

/** Lengths of the Float64 (backup, tmp) and Int32 (perm) scratch of a system. */
export function workSizes(sys: LinearSystem): [number[], number[]] {
  return [[sys.kind === "sparse" ? sys.size : 0, sys.n], [sys.n]];
}

/** Scratch space for `factorInPlace` and `solveFactored` (allocated unless given). */
export function linearWork(
  sys: LinearSystem,
  [[backup, tmp], [perm]] = arena(...workSizes(sys)),
): LinearWork {
  return { backup, dense: null, perm, tmp };
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
  const dense = work.dense ?? (work.dense = new Float64Array(n * n));
  dense.fill(0);
  for (let k = 0; k < sys.size; k++) dense[row[k] * n + col[k]] = work.backup[k];
  return denseFactor(n, dense, work.perm) ? "dense" : "singular";
}

/**
 * Solves in place with the factors of `factorInPlace` (`how` must not be "singular"); `tmp`
 * is n numbers of scratch for the dense path (by default the work's own).
 */
export function solveFactored(
  sys: LinearSystem,
  values: Float64Array,
  work: LinearWork,
  how: Factored,
  rhs: Float64Array,
  tmp: Float64Array = work.tmp,
): void {
  if (how === "sparse") sparseSolve(sys.pattern!, values, rhs);
  else denseSolve(sys.n, sys.pattern === null ? values : work.dense!, work.perm, rhs, tmp);
}
