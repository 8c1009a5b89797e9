/**
 * Bench section "mi": one Mixed KSG entry at N = 1000, 10000 and 50000 with k = N/20 on the
 * grid experiment's shape (an action code with 36 atoms against a continuous loading), its
 * growth against N log N, one entry with both variables continuous, two accuracy figures
 * (the bias of k = N/20 on a strongly correlated Gaussian; the upward bias of atoms smaller
 * than k, and the shuffled baseline that cancels it), and the full synthetic MI matrix at the
 * default settings of `deno task cluster` (on one core and in workers).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  defaultK,
  gaussianMi,
  gaussianPair,
  miMatrix,
  mixedKsg,
  permuted,
} from "../core/mi/mod.ts";
import { genFromSeed, permutation, uniforms } from "../core/mod.ts";
import { defaultWorkers, parallelMiMatrix, syntheticTransitions } from "../effects/cluster/mod.ts";
import { readMdpSpec } from "../effects/io/mod.ts";
import { BenchSection, time } from "./timing.ts";

/** An action code with `atoms` values (index / atoms) and a loading that depends on it. */
function actionAndLoading(n: number, atoms: number): [Float64Array, Float64Array] {
  const [u] = uniforms(genFromSeed(n), 2 * n);
  const code = new Float64Array(n), loading = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.floor(u[i] * atoms);
    code[i] = a / atoms;
    loading[i] = 0.5 + 0.2 * Math.sin(a) + 0.1 * u[n + i];
  }
  return [code, loading];
}

/** The bench section. */
export const miBench: BenchSection = {
  name: "mi",
  async run(report, { quick }) {
    const sizes = [1000, 10000, 50000];
    const medians: number[] = [];
    for (const n of sizes) {
      const [code, loading] = actionAndLoading(n, 36);
      const t = await time(() => mixedKsg(loading, code), { minRuns: quick ? 3 : 7 });
      medians.push(t.median);
      report(`Mixed KSG, N = ${n}, k = ${defaultK(n)}, 36 atoms x continuous`, t.median, "s");
    }
    const nlogn = (n: number) => n * Math.log(n);
    report(
      "growth of that entry, N = 10000 -> 50000",
      medians[2] / medians[1],
      "x",
      `N log N: ${(nlogn(50000) / nlogn(10000)).toFixed(2)}x`,
    );
    const [u] = uniforms(genFromSeed(1), 100000);
    const x = u.subarray(0, 50000), y = x.map((v, i) => 0.6 * v + 0.4 * u[50000 + i]);
    const cc = await time(() => mixedKsg(x, y), { minRuns: quick ? 1 : 3, minSeconds: 0 });
    report("Mixed KSG, N = 50000, k = 2500, both continuous", cc.median, "s");

    // Accuracy figures quoted in the README (nats, means over seeds).
    const seeds = quick ? 3 : 10;
    for (const k of [10, 250]) {
      let error = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const [gx, gy] = gaussianPair(genFromSeed(seed), 5000, 0.95);
        error += (mixedKsg(gx, gy, k) - gaussianMi(0.95)) / seeds;
      }
      report(`Gaussian r = 0.95, N = 5000, k = ${k}: mean error (${seeds} seeds)`, error, "nats");
    }
    const transforms = [
      Math.exp,
      Math.atan,
      (v: number) => v * v * v + v,
      (v: number) => 10 * v + 3,
    ];
    let move = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const [gx, gy] = gaussianPair(genFromSeed(seed), 5000, 0.9);
      const base = mixedKsg(gx, gy, 5);
      for (const f of transforms) {
        move = Math.max(move, Math.abs(mixedKsg(gx.map(f), gy, 5) - base));
        move = Math.max(move, Math.abs(mixedKsg(gx, gy.map(f), 5) - base));
      }
    }
    report(
      `largest move under increasing transforms, r = 0.9, k = 5 (${seeds} seeds)`,
      move,
      "nats",
    );
    for (const n of [2000, 20000]) {
      const [code, loading] = actionAndLoading(n, 36);
      // Loadings reordered at random: independent of the codes.
      const independent = permuted(loading, permutation(genFromSeed(n), n)[0]);
      const [perm] = permutation(genFromSeed(n + 1), n);
      const raw = mixedKsg(independent, code);
      report(`independent, 36 atoms x continuous, N = ${n}: Mixed KSG`, raw, "nats");
      const corrected = raw - mixedKsg(permuted(independent, perm), code);
      report(`  the same minus the shuffled baseline`, corrected, "nats");
    }

    const spec = await readMdpSpec(
      fileURLToPath(new URL("../fixtures/cluster/copy.json", import.meta.url)),
    );
    const { table } = syntheticTransitions(spec, 29, 100000);
    const options = { estimator: "mixed-ksg", k: defaultK(100000) } as const;
    const runs = { minRuns: quick ? 1 : 3, minSeconds: 0 };
    const one = await time(() => miMatrix(table, options), runs);
    report("synthetic MI matrix 5 x 8, N = 100000, one core", one.median, "s");
    const workers = defaultWorkers();
    const pool = await time(() => parallelMiMatrix(table, options, { workers }), runs);
    report(`synthetic MI matrix 5 x 8, N = 100000, ${workers} workers`, pool.median, "s");
  },
};
