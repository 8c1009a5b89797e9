import assert from "node:assert/strict";
import fc from "fast-check";
import { binarise, quantile } from "../core/cluster/binarise.ts";
import { blockOrder, Cluster, components } from "../core/cluster/components.ts";
import { adjustedRandIndex, clusterLabels, samePartition } from "../core/cluster/score.ts";
import { recovered, representative, sweep } from "../core/cluster/sweep.ts";
import { dependencies } from "../core/mdp/spec.ts";

Deno.test("quantile is numpy's default, bit for bit (values from numpy 2.4.6)", () => {
  assert.equal(quantile([1, 2, 3, 4, 5], 0.7), 3.8);
  assert.equal(quantile([0.1, 0.5, 0.2, 0.9], 0.75), 0.6);
  assert.equal(quantile([3], 0.3), 3);
  assert.equal(quantile([0.3, 0.1], 1), 0.3);
  // Cases where a + (b - a) t and numpy's b - (b - a)(1 - t) differ in the last bit.
  const cases: [number[], number, number][] = [
    [
      [
        0.04233264489725757,
        0.08277025938204419,
        0.04091991363691613,
        0.05495936876730595,
        0.002755911324306837,
      ],
      0.93,
      0.07498321000991749,
    ],
    [
      [
        0.07535131086748066,
        0.053814331321927825,
        0.03297317164990922,
        0.07884287034284043,
        0.0303194829291645,
      ],
      0.73,
      0.07362835250383644,
    ],
    [
      [
        0.07503646726300527,
        0.028040875798603995,
        0.04851909744316351,
        0.09807371998012387,
        0.09616571936637869,
      ],
      0.73,
      0.09447537919810882,
    ],
    [
      [
        0.07247899407735336,
        0.05412268555474342,
        0.027689120404537082,
        0.016065200877512686,
        0.09699254132161327,
      ],
      0.74,
      0.07174474173644897,
    ],
  ];
  for (const [values, q, expected] of cases) assert.equal(quantile(values, q), expected);
  assert.throws(() => quantile([], 0.5), RangeError);
  assert.throws(() => quantile([1], 1.5), RangeError);
});

Deno.test("binarise keeps entries strictly above their column's quantile", () => {
  const mi = [
    [0.9, 0.0, 0.5],
    [0.1, 0.8, 0.5],
    [0.7, 0.1, 0.5],
  ];
  // Column 0: quantile(0.5) = 0.7 keeps only 0.9; column 2 is constant: nothing is above.
  assert.deepEqual(binarise(mi, 0.5), [[1, 0, 0], [0, 1, 0], [0, 0, 0]]);
  assert.deepEqual(binarise(mi, 0), [[1, 0, 0], [0, 1, 0], [1, 1, 0]]);
});

Deno.test("components: bipartite components in canonical order, lone rows and columns kept", () => {
  const binary = [
    [1, 0, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 0],
    [1, 0, 0, 0],
  ];
  assert.deepEqual(components(binary), [
    { targets: [0, 3], inputs: [0] },
    { targets: [1], inputs: [2] },
    { targets: [2], inputs: [] },
    { targets: [], inputs: [1] },
    { targets: [], inputs: [3] },
  ]);
  assert.deepEqual(components([], 2), [{ targets: [], inputs: [0] }, { targets: [], inputs: [1] }]);
  // Rows joined through a shared column.
  assert.deepEqual(components([[1, 1], [0, 1]]), [{ targets: [0, 1], inputs: [0, 1] }]);
});

Deno.test("blockOrder lays clusters out in blocks with the boundaries between them", () => {
  const clusters: Cluster[] = [
    { targets: [0, 2, 4], inputs: [0, 2, 4, 5, 6] },
    { targets: [1, 3], inputs: [1, 3, 7] },
  ];
  assert.deepEqual(blockOrder(clusters), {
    rowOrder: [0, 2, 4, 1, 3],
    colOrder: [0, 2, 4, 5, 6, 1, 3, 7],
    rowBreaks: [2],
    colBreaks: [4],
  });
  // A column-only cluster at the end draws no row line at the bottom edge.
  const extra = blockOrder([...clusters, { targets: [], inputs: [8] }]);
  assert.deepEqual(extra.rowBreaks, [2]);
  assert.deepEqual(extra.colBreaks, [4, 7]);
});

Deno.test("adjusted Rand index: known values, label invariance, exact recovery", () => {
  assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]) - 4 / 7) < 1e-15);
  assert.ok(
    Math.abs(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.8 / 3.3) < 1e-15,
  );
  assert.equal(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 0);
  assert.equal(adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2]), 1);
  assert.equal(adjustedRandIndex([0, 1, 2], [2, 1, 0]), 1);
  assert.ok(samePartition([0, 0, 1], [1, 1, 0]));
  assert.ok(!samePartition([0, 0, 1], [0, 1, 1]));
  assert.ok(!samePartition([0, 0, 0], [0, 0, 1]));
});

/** A random matrix with random planted structure, as fast-check values. */
const matrixArb = fc.integer({ min: 1, max: 7 }).chain((rows) =>
  fc.integer({ min: 1, max: 9 }).chain((cols) =>
    fc.record({
      matrix: fc.array(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: cols,
          maxLength: cols,
        }),
        { minLength: rows, maxLength: rows },
      ),
      q: fc.double({ min: 0, max: 1, noNaN: true }),
      rowPerm: fc.shuffledSubarray([...Array(rows).keys()], { minLength: rows }),
      colPerm: fc.shuffledSubarray([...Array(cols).keys()], { minLength: cols }),
    })
  )
);

Deno.test("components partition the rows and the columns", () => {
  fc.assert(
    fc.property(matrixArb, ({ matrix, q }) => {
      const clusters = components(binarise(matrix, q));
      const rows = clusters.flatMap((c) => c.targets).sort((a, b) => a - b);
      const cols = clusters.flatMap((c) => c.inputs).sort((a, b) => a - b);
      assert.deepEqual(rows, [...matrix.keys()]);
      assert.deepEqual(cols, [...matrix[0].keys()]);
      assert.ok(clusters.every((c) => c.targets.length + c.inputs.length > 0));
      // No edge of the binary matrix crosses two clusters.
      const labels = clusterLabels(clusters, matrix.length, matrix[0].length);
      binarise(matrix, q).forEach((row, i) =>
        row.forEach((v, j) => {
          if (v) assert.equal(labels[i], labels[matrix.length + j]);
        })
      );
    }),
    { numRuns: 200 },
  );
});

Deno.test("clustering is unchanged, up to labels, by permuting rows or columns", () => {
  fc.assert(
    fc.property(matrixArb, ({ matrix, q, rowPerm, colPerm }) => {
      const rows = matrix.length, cols = matrix[0].length;
      const permutedMatrix = rowPerm.map((i) => colPerm.map((j) => matrix[i][j]));
      const base = clusterLabels(components(binarise(matrix, q)), rows, cols);
      const moved = clusterLabels(components(binarise(permutedMatrix, q)), rows, cols);
      // Item r of the permuted matrix is row rowPerm[r] (and column colPerm[c]) of the original.
      const back = new Int32Array(rows + cols);
      rowPerm.forEach((i, r) => (back[i] = moved[r]));
      colPerm.forEach((j, c) => (back[rows + j] = moved[rows + c]));
      assert.ok(samePartition(base, back));
    }),
    { numRuns: 200 },
  );
});

Deno.test("sweep scores each threshold against planted blocks", () => {
  // An MI matrix shaped like the copy experiment's: block A = states {0,2,4} and actions
  // {0,1}; block B = states {1,3} and action {2}.
  const relation = [
    [1, 0, 1, 0, 1, 1, 1, 0],
    [0, 1, 0, 1, 0, 0, 0, 1],
    [1, 0, 1, 0, 1, 1, 1, 0],
    [0, 1, 0, 1, 0, 0, 0, 1],
    [1, 0, 1, 0, 1, 1, 1, 0],
  ];
  const mi = relation.map((row, i) =>
    row.map((v, j) => v * (0.04 + 0.001 * ((i * 7 + j * 3) % 5)) + 1e-4 * j)
  );
  const planted = components(
    dependencies({ kind: "copy", n: 5, m: 3, stateValues: 2, actionValues: 2, relation }),
  );
  assert.equal(planted.length, 2);
  const steps = sweep(mi, [0.7, 0.72, 0.75, 0.9], planted);
  assert.deepEqual(steps.map((s) => s.exact), [true, true, false, false]);
  assert.equal(steps[0].ari, 1);
  assert.ok(steps[3].ari! < 1);
  assert.deepEqual(recovered(steps), [0.7, 0.72]);
  assert.equal(representative(steps).threshold, 0.7);
  assert.deepEqual(steps[0].clusters, planted);
  // Without planted blocks there is no score, and the middle threshold is pictured.
  const unscored = sweep(mi, [0.7, 0.8, 0.9]);
  assert.equal(unscored[0].ari, undefined);
  assert.equal(representative(unscored).threshold, 0.8);
});
