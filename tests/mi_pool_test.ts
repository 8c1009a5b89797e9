import assert from "node:assert/strict";
import { defaultK } from "../core/mi/ksg.ts";
import { miMatrix } from "../core/mi/matrix.ts";
import { TransitionTable } from "../core/mi/table.ts";
import { genFromSeed, permutation, uniforms } from "../core/random.ts";
import { parallelMiMatrix } from "../effects/cluster/mi_pool.ts";

function table(n: number): TransitionTable {
  const [u] = uniforms(genFromSeed(12), 3 * n);
  const code = u.subarray(0, n).map((v) => Math.floor(v * 12) / 12);
  const other = u.subarray(n, 2 * n).map((v) => Math.floor(v * 3));
  return {
    targets: [
      { name: "rho0", values: code.map((v, i) => v + 0.2 * u[2 * n + i]) },
      { name: "rho1", values: other.map((v, i) => v * 0.1 + 0.05 * u[2 * n + i]) },
    ],
    inputs: [{ name: "sub0", values: code }, { name: "sub1", values: other }],
  };
}

Deno.test("the worker pool gives the same matrix as one thread, bit for bit", async () => {
  const t = table(3000);
  const options = { estimator: "mixed-ksg", k: defaultK(3000) } as const;
  const [perm] = permutation(genFromSeed(13), 3000);
  let entries = 0;
  const pooled = await parallelMiMatrix(t, options, {
    workers: 3,
    permutation: perm,
    onEntry: () => entries++,
  });
  assert.deepEqual(pooled, miMatrix(t, options, perm));
  assert.equal(entries, 8);
  assert.deepEqual(await parallelMiMatrix(t, options, { workers: 1 }), miMatrix(t, options));
});

Deno.test("a failing entry rejects the pool with the worker's error", async () => {
  await assert.rejects(
    parallelMiMatrix(table(50), { estimator: "ksg", k: 50 }, { workers: 2 }),
    /MI worker: RangeError: kthNeighbours: k must be an integer in \[1, 49\], got 50/,
  );
});
