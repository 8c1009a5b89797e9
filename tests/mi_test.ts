import assert from "node:assert/strict";
import fc from "fast-check";
import { digamma, digammaTable } from "../core/mi/digamma.ts";
import { defaultK, ksg, mixedKsg } from "../core/mi/ksg.ts";
import { kthNeighbours } from "../core/mi/neighbours.ts";
import { pluginMi } from "../core/mi/plugin.ts";
import { countWithin, sortedCopy } from "../core/mi/sorted.ts";
import { assembleMatrix, miMatrix, miTasks, permuted, runTask } from "../core/mi/matrix.ts";
import { TransitionTable } from "../core/mi/table.ts";
import { genFromSeed, permutation, uniforms } from "../core/random.ts";
import { gaussianMi, gaussianPair } from "../core/mi/samples.ts";
import { bruteMixedKsg, bruteNeighbours, brutePlugin } from "./mi_reference.ts";

const EULER = 0.5772156649015329;

/** A bivariate Gaussian sample with correlation r. */
function gaussian(seed: number, n: number, r: number): [Float64Array, Float64Array] {
  const [x, y] = gaussianPair(genFromSeed(seed), n, r);
  return [x, y];
}

/** Coordinates that make ties: small integers, thirds (inexact in binary) and doubles. */
const coordinate = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: 0, max: 5 }).map((v) => v / 3),
  fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }),
);

/** A sample of 2..maxLength points with a valid k. */
const sampleWithK = (maxLength: number) =>
  fc.array(fc.tuple(coordinate, coordinate), { minLength: 2, maxLength, size: "max" })
    .chain((points) =>
      fc.record({
        x: fc.constant(Float64Array.from(points, (p) => p[0])),
        y: fc.constant(Float64Array.from(points, (p) => p[1])),
        k: fc.integer({ min: 1, max: points.length - 1 }),
      })
    );

Deno.test("digamma: known values, the integer formula and the recurrence", () => {
  assert.ok(Math.abs(digamma(1) + EULER) < 2e-15);
  assert.ok(Math.abs(digamma(0.5) - (-EULER - 2 * Math.LN2)) < 2e-15);
  assert.ok(Math.abs(digamma(1e6) - (Math.log(1e6) - 5e-7 - 1 / 12e12)) < 1e-14);
  let harmonic = 0;
  const psi = digammaTable(200);
  for (let n = 1; n <= 200; n++) {
    const expected = harmonic - EULER;
    assert.ok(Math.abs(digamma(n) - expected) <= 2e-15 * Math.max(1, Math.abs(expected)), `n=${n}`);
    assert.equal(psi(n), digamma(n));
    harmonic += 1 / n;
  }
  fc.assert(
    fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (x) => {
      // Rounding is relative to the largest term of the sum.
      const lhs = digamma(x + 1), rhs = digamma(x) + 1 / x;
      return Math.abs(lhs - rhs) <= 1e-14 * Math.max(1, Math.abs(lhs), Math.abs(digamma(x)), 1 / x);
    }),
  );
  assert.throws(() => digamma(0), RangeError);
});

Deno.test("countWithin counts |v - c| < r and <= r exactly as the distance is computed", () => {
  fc.assert(
    fc.property(
      fc.array(coordinate, { minLength: 1, maxLength: 60 }),
      coordinate,
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true })),
      (values, c, r) => {
        const sorted = sortedCopy(values);
        for (const strict of [true, false]) {
          const expected = values.filter((v) =>
            strict ? Math.abs(v - c) < r : Math.abs(v - c) <= r
          );
          assert.equal(countWithin(sorted, c, r, strict), expected.length);
        }
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("neighbour search equals the O(N^2) reference on samples full of ties", () => {
  fc.assert(
    fc.property(sampleWithK(120), ({ x, y, k }) => {
      const fast = kthNeighbours(x, y, k), slow = bruteNeighbours(x, y, k);
      assert.deepEqual([...fast.rho], [...slow.rho]);
      assert.deepEqual([...fast.ties], [...slow.ties]);
      assert.ok(Math.abs(mixedKsg(x, y, k) - bruteMixedKsg(x, y, k)) < 1e-12);
    }),
    { numRuns: 300 },
  );
});

Deno.test("neighbour search equals the reference at N = 3000, k = N/20, atoms and a continuum", () => {
  // The grid experiment's shape: an action code with 36 atoms against a loading, with a
  // share of exact repeats (a line that stays at the same loading).
  const n = 3000;
  const [u] = uniforms(genFromSeed(11), 3 * n);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const atom = Math.floor(u[i] * 36);
    x[i] = atom / 36;
    y[i] = u[n + i] < 0.2 ? 0.5 : 0.4 + 0.1 * Math.sin(atom) + 0.05 * u[2 * n + i];
  }
  const k = defaultK(n);
  for (const [a, b] of [[x, y], [y, x]]) {
    const fast = kthNeighbours(a, b, k), slow = bruteNeighbours(a, b, k);
    assert.deepEqual([...fast.rho], [...slow.rho]);
    assert.deepEqual([...fast.ties], [...slow.ties]);
  }
  assert.ok(Math.abs(mixedKsg(x, y) - bruteMixedKsg(x, y, k)) < 1e-12);
});

Deno.test("kthNeighbours rejects a k outside [1, N-1], unequal lengths and non-finite values", () => {
  const x = Float64Array.from([0, 1, 2]);
  assert.throws(() => kthNeighbours(x, x, 3), /k must be/);
  assert.throws(() => kthNeighbours(x, x, 0), /k must be/);
  assert.throws(() => kthNeighbours(x, x.subarray(1), 1), /x values but/);
  assert.throws(() => kthNeighbours(x, Float64Array.from([0, NaN, 1]), 1), /not finite/);
});

Deno.test("estimators are symmetric in their arguments", () => {
  fc.assert(
    fc.property(sampleWithK(200), ({ x, y, k }) => {
      assert.equal(mixedKsg(x, y, k), mixedKsg(y, x, k));
      assert.equal(ksg(x, y, k), ksg(y, x, k));
      assert.ok(Math.abs(pluginMi(x, y) - pluginMi(y, x)) < 1e-12);
    }),
    { numRuns: 100 },
  );
});

Deno.test("independent samples give |MI| < 0.05 nats at N = 2000", () => {
  const n = 2000;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const [u] = uniforms(genFromSeed(seed), 4 * n);
      const cont1 = u.subarray(0, n), cont2 = u.subarray(n, 2 * n);
      const atoms3 = u.subarray(2 * n, 3 * n).map((v) => Math.floor(v * 3));
      const atoms2 = u.subarray(3 * n, 4 * n).map((v) => Math.floor(v * 2) - 0.5);
      for (const [x, y] of [[cont1, cont2], [atoms3, cont2], [atoms3, atoms2]]) {
        assert.ok(Math.abs(mixedKsg(x, y)) < 0.05, `mixed KSG ${mixedKsg(x, y)}`);
      }
      assert.ok(Math.abs(ksg(cont1, cont2)) < 0.05);
      assert.ok(Math.abs(pluginMi(atoms3, atoms2)) < 0.05);
    }),
    { numRuns: 8, seed: 2 },
  );
});

Deno.test("atoms smaller than k bias Mixed KSG upwards; the shuffled baseline removes it", () => {
  // 36 atoms of N/36 points each against k = N/20: the k-th neighbour sits on an atom
  // boundary, so the closed box holds more than k points while n_x and n_y count the open
  // one. The bias does not shrink with N, since k/N is fixed (`deno task bench --only mi`
  // prints it at N = 2000 and 20000). This is the grid experiment's shape, and why the
  // research subtracts the estimate on shuffled rows.
  const n = 2000;
  const [u] = uniforms(genFromSeed(21), 2 * n);
  const code = u.subarray(0, n).map((v) => Math.floor(v * 36) / 36);
  const loading = u.subarray(n, 2 * n);
  const raw = mixedKsg(loading, code);
  const [perm] = permutation(genFromSeed(22), n);
  const shuffled = mixedKsg(permuted(loading, perm), code);
  assert.ok(raw > 0.03, `raw ${raw}`);
  assert.ok(Math.abs(raw - shuffled) < 0.02, `raw ${raw}, shuffled ${shuffled}`);
});

Deno.test("bivariate Gaussian: within 0.05 nats of -0.5 ln(1 - r^2) at N = 5000", () => {
  // k = 10 over |r| <= 0.95. The research's k = N/20 (250 here) averages over boxes holding
  // 5% of the sample; at r = 0.95 that biases the estimate by about -0.04 nats on average
  // (`deno task bench --only mi`), so it is held to the 0.05 bound only for |r| <= 0.8.
  const n = 5000;
  fc.assert(
    fc.property(
      fc.double({ min: -0.95, max: 0.95, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (r, seed) => {
        const [x, y] = gaussian(seed, n, r);
        const truth = gaussianMi(r);
        for (const mi of [mixedKsg(x, y, 10), ksg(x, y, 10)]) {
          assert.ok(Math.abs(mi - truth) < 0.05, `r=${r}: ${mi} vs ${truth}`);
        }
        if (Math.abs(r) <= 0.8) assert.ok(Math.abs(mixedKsg(x, y) - truth) < 0.05);
      },
    ),
    { numRuns: 8, seed: 5, examples: [[0.95, 1], [-0.95, 2], [0, 3], [0.8, 4]] },
  );
});

Deno.test("on discrete pairs Mixed KSG is the plug-in estimator with psi for log", () => {
  // When every joint atom holds more than k points, every rho_i is 0 and Mixed KSG is
  // mean(psi(n_xy) + ln N - psi(n_x) - psi(n_y)) while the plug-in is the same with ln.
  // Since ln n - 1/n <= psi(n) <= ln n - 1/(2n), summing 1/n over the points of an atom
  // gives 1 per atom: the gap lies in [-(A_xy - (A_x + A_y)/2) / N, (A_x + A_y - A_xy/2) / N].
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 2, max: 400 })), {
          minLength: 1,
          maxLength: 4,
        }),
        { minLength: 1, maxLength: 4 },
      ),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (counts, seed) => {
        const width = Math.max(...counts.map((row) => row.length));
        const x: number[] = [], y: number[] = [];
        counts.forEach((row, a) =>
          row.forEach((c, b) => {
            for (let i = 0; i < c; i++) x.push(a * 0.7), y.push(b - 1.5);
          })
        );
        const nonzero = counts.flat().filter((c) => c > 0);
        if (x.length < 2 || width === 0) return;
        // Shuffle so atoms are not contiguous.
        const [perm] = permutation(genFromSeed(seed), x.length);
        const px = Float64Array.from(perm, (i) => x[i]), py = Float64Array.from(perm, (i) => y[i]);
        const n = px.length, k = Math.min(...nonzero) - 1;
        if (k < 1) return;
        const atoms = (v: Float64Array) => new Set(v).size;
        const axy = nonzero.length, ax = atoms(px), ay = atoms(py);
        const gap = mixedKsg(px, py, k) - pluginMi(px, py);
        assert.ok(gap >= -(axy - (ax + ay) / 2) / n - 1e-12, `gap ${gap}`);
        assert.ok(gap <= (ax + ay - axy / 2) / n + 1e-12, `gap ${gap}`);
        assert.ok(Math.abs(pluginMi(px, py) - brutePlugin(px, py)) < 1e-12);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("Mixed KSG on the copy MDP's binary columns: default k, plug-in within (A_x + A_y)/N", () => {
  const n = 100000;
  const [u] = uniforms(genFromSeed(3), 2 * n);
  const s = u.subarray(0, n).map((v) => v < 0.5 ? 0 : 1);
  // s' copies s with probability 1/5, else an independent fair bit.
  const next = s.map((v, i) => u[n + i] < 0.2 ? v : (u[n + i] < 0.6 ? 0 : 1));
  const gap = mixedKsg(next, s) - pluginMi(next, s);
  assert.ok(Math.abs(gap) <= 4 / n, `gap ${gap}`);
  assert.ok(pluginMi(next, s) > 0.01);
});

Deno.test("strictly increasing transforms: exact on atoms and common power-of-two scales", () => {
  fc.assert(
    fc.property(sampleWithK(150), fc.integer({ min: 0, max: 30 }), ({ x, y, k }, e) => {
      const scale = 2 ** e;
      assert.equal(
        mixedKsg(x.map((v) => v * scale), y.map((v) => v * scale), k),
        mixedKsg(x, y, k),
      );
    }),
    { numRuns: 100 },
  );
  // Fully discrete data, every joint atom (about 250 or 750 points) larger than k = 50: only
  // counts matter, so any strictly increasing map of the atoms gives the same bits.
  const n = 4000, k = 50;
  const [u] = uniforms(genFromSeed(8), 2 * n);
  const x = u.subarray(0, n).map((v) => Math.floor(v * 4));
  const y = x.map((v, i) => (u[n + i] < 0.5 ? v % 2 : Math.floor(u[n + i] * 10) % 2));
  assert.ok(kthNeighbours(x, y, k).rho.every((r) => r === 0));
  assert.equal(mixedKsg(x.map(Math.exp), y.map((v) => v * v * v - 7), k), mixedKsg(x, y, k));
});

Deno.test("strictly increasing transforms of continuous data move the estimate by < 0.05 nats", () => {
  // MI is invariant; the estimate is not exactly: the max-norm box of the k-th neighbour
  // becomes a rectangle of aspect f'(x) after a transform f, and the estimator's bias moves
  // with that aspect. With small boxes (k = 5, 0.1% of N = 5000) f is nearly affine across
  // each box and the change stays small: `deno task bench --only mi` prints the largest move
  // over 10 seeds at r = 0.9 and these transforms (0.037 nats, against an MI of 0.83).
  const transforms: [string, (v: number) => number][] = [
    ["exp", Math.exp],
    ["atan", Math.atan],
    ["cube + x", (v) => v * v * v + v],
    ["10x + 3", (v) => 10 * v + 3],
  ];
  const n = 5000, k = 5;
  fc.assert(
    fc.property(
      fc.double({ min: -0.9, max: 0.9, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.constantFrom(...transforms),
      fc.boolean(),
      (r, seed, [name, f], onX) => {
        const [x, y] = gaussian(seed, n, r);
        const base = mixedKsg(x, y, k);
        const moved = onX ? mixedKsg(x.map(f), y, k) : mixedKsg(x, y.map(f), k);
        assert.ok(Math.abs(moved - base) < 0.05, `${name} r=${r}: ${moved} vs ${base}`);
      },
    ),
    { numRuns: 8, seed: 9 },
  );
});

Deno.test("MI matrix: tasks, shuffled baseline and assembly by index", () => {
  const n = 600;
  const [u] = uniforms(genFromSeed(4), 2 * n);
  const a = u.subarray(0, n).map((v) => Math.floor(v * 3));
  const noise = u.subarray(n, 2 * n);
  const table: TransitionTable = {
    targets: [{ name: "t0", values: a.map((v, i) => v + 0.3 * noise[i]) }, {
      name: "t1",
      values: noise,
    }],
    inputs: [{ name: "a", values: a }, { name: "b", values: noise.map((v) => v * v) }],
  };
  const options = { estimator: "mixed-ksg", k: defaultK(n) } as const;
  const mi = miMatrix(table, options);
  assert.deepEqual(mi.rows, ["t0", "t1"]);
  assert.deepEqual(mi.cols, ["a", "b"]);
  assert.equal(mi.values[0][0], mixedKsg(table.targets[0].values, a, defaultK(n)));
  assert.ok(mi.values[0][0] > 0.5 && mi.values[1][1] > 0.5 && Math.abs(mi.values[1][0]) < 0.05);
  assert.equal(mi.shuffled, undefined);

  const [perm] = permutation(genFromSeed(5), n);
  const corrected = miMatrix(table, options, perm);
  const shuffledT0 = permuted(table.targets[0].values, perm);
  assert.equal(corrected.shuffled![0][0], mixedKsg(shuffledT0, a, defaultK(n)));
  assert.equal(corrected.values[0][0], corrected.raw[0][0] - corrected.shuffled![0][0]);
  assert.ok(Math.abs(corrected.shuffled![0][0]) < 0.05);

  // Results come back in any order: assembly goes by the task's index.
  const tasks = miTasks(table, true);
  assert.equal(tasks.length, 8);
  const results = tasks.map((t) => runTask(table, t, options, perm));
  assert.deepEqual(assembleMatrix(table, tasks, results), corrected);
  assert.throws(() => runTask(table, tasks[7], options), /needs the permutation/);
  assert.ok(Math.abs(miMatrix(table, { estimator: "plugin", k: 1 }).values[0][0]) > 0);
});
