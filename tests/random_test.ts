import assert from "node:assert/strict";
import fc from "fast-check";
import {
  categorical,
  dirichlet,
  gamma,
  genFromSeed,
  normal,
  normals,
  permutation,
  uniform,
  uniforms,
} from "../core/random.ts";
import { streams } from "../effects/rng.ts";

Deno.test("a generator value is never changed by drawing from it", () => {
  const g = genFromSeed(7);
  const copy = [...g];
  const [a] = uniform(g);
  const [b] = uniform(g);
  assert.equal(a, b);
  assert.deepEqual([...g], copy);
});

Deno.test("a seed's state is four unsigned 32-bit words, never all zero", () => {
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (seed) => {
      const g = genFromSeed(seed);
      assert.ok(g.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32), `${g}`);
      assert.ok(g.some((w) => w !== 0));
    }),
  );
});

Deno.test("uniforms lie in [0, 1) with mean near 1/2 and variance near 1/12", () => {
  const [u] = uniforms(genFromSeed(1), 100000);
  let mean = 0, sq = 0;
  for (const x of u) {
    assert.ok(x >= 0 && x < 1);
    mean += x / u.length;
    sq += (x * x) / u.length;
  }
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert.ok(Math.abs(sq - mean * mean - 1 / 12) < 0.002);
});

Deno.test("normal and gamma draws have the right first two moments", () => {
  let g = genFromSeed(3);
  const n = 40000;
  let m = 0, v = 0, gm = 0;
  for (let i = 0; i < n; i++) {
    const [z, g1] = normal(g);
    const [x, g2] = gamma(g1, 0.3);
    g = g2;
    m += z / n;
    v += (z * z) / n;
    gm += x / n;
  }
  assert.ok(Math.abs(m) < 0.02 && Math.abs(v - 1) < 0.03, `normal ${m} ${v}`);
  assert.ok(Math.abs(gm - 0.3) < 0.02, `gamma(0.3) mean ${gm}`);
});

Deno.test("normals gives the same draws and final state as chained normal calls", () => {
  const [zs, gEnd] = normals(genFromSeed(5), 50);
  let g = genFromSeed(5);
  for (const z of zs) {
    const [x, g1] = normal(g);
    assert.equal(z, x);
    g = g1;
  }
  assert.deepEqual(gEnd, g);
});

Deno.test("dirichlet vectors are distributions (property)", () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.double({ min: 0.05, max: 5, noNaN: true }),
      fc.integer({ min: 1, max: 500 }),
      (s, alpha, k) => {
        const [d] = dirichlet(genFromSeed(s), alpha, k);
        const sum = d.reduce((a, b) => a + b, 0);
        return d.length === k && d.every((x) => x >= 0) && Math.abs(sum - 1) < 1e-9;
      },
    ),
  );
});

Deno.test("permutations hold every index once (property)", () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 0, max: 300 }), (s, n) => {
    const [p] = permutation(genFromSeed(s), n);
    return [...p].sort((a, b) => a - b).every((x, i) => x === i);
  }));
});

Deno.test("categorical picks by cumulative weight and never a zero weight", () => {
  assert.equal(categorical([1, 0, 3], 0), 0);
  assert.equal(categorical([1, 0, 3], 0.25), 2);
  assert.equal(categorical([0, 0, 3], 0.999999), 2);
  assert.equal(categorical([2, 0, 0], 0.9999999999), 0);
});

Deno.test("gamma rejects a shape that is not a positive number", () => {
  assert.throws(() => gamma(genFromSeed(1), Number.NaN), RangeError);
  assert.throws(() => dirichlet(genFromSeed(1), 0, 3), RangeError);
});

Deno.test("named streams are reproducible and independent of each other", () => {
  const a = streams(29), b = streams(29);
  const xs = [a.stream("x")(), a.stream("x")()];
  assert.equal(xs[0], xs[1]);
  assert.equal(a.stream("y")(), b.stream("y")());
  assert.notEqual(a.stream("x")(), a.stream("y")());
  assert.deepEqual(a.gen("noise"), b.gen("noise"));
  assert.notEqual(streams(30).stream("x")(), xs[0]);
});
