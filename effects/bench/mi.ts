/**
 * Bench section "mi": one Mixed KSG entry at N = 1000, 10000 and 50000 with k = N/20 on the
 * grid experiment's shape (an action code with 36 atoms against a continuous loading), its
 * growth against N log N, one entry with both variables continuous, and the full synthetic
 * MI matrix at the default settings of `deno task cluster` (on one core and in workers).
 *
 * @module
 */
import { defaultK, mixedKsg } from "../../core/mi/ksg.ts";
import { miMatrix } from "../../core/mi/matrix.ts";
import { genFromSeed, uniforms } from "../../core/random.ts";
import { defaultWorkers, parallelMiMatrix } from "../cluster/mi_pool.ts";
import { syntheticTransitions } from "../cluster/synthetic.ts";
import { readMdpSpec } from "../io/mdp_config.ts";
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
      report(
        `Mixed KSG entry, N = ${n}, k = ${defaultK(n)} (36 atoms x continuous)`,
        t.median,
        "s",
      );
    }
    const nlogn = (n: number) => n * Math.log(n);
    report(
      "growth N = 10000 -> 50000 (N log N predicts 5.87)",
      medians[2] / medians[1],
      "x",
      `N log N: ${(nlogn(50000) / nlogn(10000)).toFixed(2)}x`,
    );
    const [u] = uniforms(genFromSeed(1), 100000);
    const x = u.subarray(0, 50000), y = x.map((v, i) => 0.6 * v + 0.4 * u[50000 + i]);
    const cc = await time(() => mixedKsg(x, y), { minRuns: quick ? 1 : 3, minSeconds: 0 });
    report("Mixed KSG entry, N = 50000, k = 2500 (both continuous)", cc.median, "s");

    const spec = await readMdpSpec(
      new URL("../../fixtures/cluster/copy.json", import.meta.url).pathname,
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
