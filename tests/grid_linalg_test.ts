/** Linear algebra of the power flow: dense and sparse LU, the ordering, the fast trigonometry. */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  factorInPlace,
  linearSystem,
  linearWork,
  solveFactored,
  SolverKind,
} from "../core/grid/powerflow/linear_system.ts";
import { minimumDegree } from "../core/grid/powerflow/ordering.ts";
import { sparsePattern } from "../core/grid/powerflow/sparse_lu.ts";
import { polarToRect } from "../core/grid/powerflow/trig.ts";

/** Solves A x = b with the given kind; A given densely, its pattern from its non-zeros. */
function solveWith(kind: SolverKind, a: number[][], b: number[]): Float64Array | null {
  const n = a.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (a[i][j] !== 0 || a[j][i] !== 0) pairs.push([i, j]);
  }
  const sys = linearSystem(n, pairs, kind);
  const v = new Float64Array(sys.size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (a[i][j] !== 0) v[sys.position(i, j)] = a[i][j];
  }
  const work = linearWork(sys);
  const how = factorInPlace(sys, v, work);
  if (how === "singular") return null;
  const x = Float64Array.from(b);
  solveFactored(sys, v, work, how, x);
  return x;
}

const residual = (a: number[][], x: Float64Array, b: number[]) =>
  Math.max(...a.map((row, i) => Math.abs(row.reduce((s, aij, j) => s + aij * x[j], 0) - b[i])));

/** A random sparse, structurally symmetric, non-singular matrix (diagonally dominant). */
const sparseMatrix = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.tuple(
    fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: -1, max: 1, noNaN: true })), {
      maxLength: 3 * n,
    }),
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
  ).map(([entries, b]) => {
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const [i, j, v] of entries) {
      if (i === j) continue;
      a[i][j] = v;
      a[j][i] = -0.5 * v;
    }
    for (let i = 0; i < n; i++) a[i][i] = 1 + a[i].reduce((s, x) => s + Math.abs(x), 0);
    return { a, b };
  })
);

Deno.test("dense and sparse LU solve the same random sparse systems", () => {
  fc.assert(
    fc.property(sparseMatrix, ({ a, b }) => {
      const xd = solveWith("dense", a, b)!;
      const xs = solveWith("sparse", a, b)!;
      assert.ok(residual(a, xd, b) < 1e-12 && residual(a, xs, b) < 1e-12);
    }),
    { numRuns: 200 },
  );
});

Deno.test("a zero pivot in the fixed sparse order falls back to pivoting; a singular matrix is reported", () => {
  const swap = [[0, 2, 0], [1, 0, 1], [0, 3, 4]];
  const x = solveWith("sparse", swap, [2, 2, 7])!;
  assert.ok(residual(swap, x, [2, 2, 7]) < 1e-14);
  assert.equal(solveWith("sparse", [[1, 1], [1, 1]], [1, 2]), null);
  assert.equal(solveWith("dense", [[1, 2], [2, 4]], [1, 2]), null);
});

Deno.test("the sparse pattern holds the fill of the elimination", () => {
  // A star eliminated from its centre fills in completely; from its leaves, not at all.
  const centreFirst = sparsePattern(4, [[0, 1], [0, 2], [0, 3]]);
  const leavesFirst = sparsePattern(4, [[3, 0], [3, 1], [3, 2]]);
  assert.equal(centreFirst.size, 4 + 2 * 6);
  assert.equal(leavesFirst.size, 4 + 2 * 3);
  assert.equal(centreFirst.position(2, 3) >= 0, true);
  assert.equal(leavesFirst.position(1, 2), -1);
});

Deno.test("minimum degree: a permutation, least degree first, ties to the lowest index", () => {
  // A star: leaves (degree 1) go first until the centre is down to degree 1 too.
  assert.deepEqual(Array.from(minimumDegree([[1, 2, 3], [0], [0], [0]])), [1, 2, 0, 3]);
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.nat(19), { maxLength: 4 }), { minLength: 1, maxLength: 20 }),
      (lists) => {
        const n = lists.length;
        const order = minimumDegree(lists.map((l) => l.filter((j) => j < n)));
        assert.deepEqual(
          Array.from(order).sort((p, q) => p - q),
          Array.from({ length: n }, (_, i) => i),
        );
      },
    ),
  );
});

Deno.test("polar to rectangular agrees with Math.cos and Math.sin to 2 ulp, for any angle", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ noNaN: false }), { minLength: 1, maxLength: 64 }),
      (angles) => {
        const va = Float64Array.from(angles);
        const vm = new Float64Array(va.length).fill(1.05);
        const re = new Float64Array(va.length), im = new Float64Array(va.length);
        polarToRect(vm, va, re, im);
        va.forEach((x, i) => {
          const c = 1.05 * Math.cos(x), s = 1.05 * Math.sin(x);
          if (Number.isNaN(c)) assert.ok(Number.isNaN(re[i]) && Number.isNaN(im[i]));
          else {assert.ok(
              Math.abs(re[i] - c) <= 4.5e-16 && Math.abs(im[i] - s) <= 4.5e-16,
              `angle ${x}`,
            );}
        });
      },
    ),
    { numRuns: 300 },
  );
});
