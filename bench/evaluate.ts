/**
 * Bench section "evaluate": the case14-hard benchmark's costs. The expert's decision at risk
 * (it simulates every legal action of grid2op's 487-action table, the sandbox's and the built-in
 * case14's), `simulate`'s cost per action, and whole evaluation episodes per second with 1 and
 * 2 workers (the expert and do-nothing on held-out scenarios, `deno task evaluate`'s job).
 *
 * @module
 */
import { join } from "node:path";
import { expertDecision, maxRho } from "../core/agents/mod.ts";
import { type EnvState, simulate } from "../core/grid/env/mod.ts";
import { benchmarkEnvironment, readBenchmark } from "../effects/benchmarks/mod.ts";
import { evaluate } from "../effects/evaluate/mod.ts";
import { BenchSection, time } from "./timing.ts";

/** The expert, simulate and evaluation throughput. */
export const evaluateBench: BenchSection = {
  name: "evaluate",
  async run(report, { quick }) {
    const bench = await readBenchmark("case14-hard");
    const env = await benchmarkEnvironment(bench);
    const d = env.discrete();
    const expert = { threshold: 0.95, depth: 1 as const, topK: 5 };
    // States at risk met by the expert on held-out scenario 0.
    const risky: EnvState[] = [];
    let s = d.reset(0);
    while (!s.done && risky.length < 20) {
      if (maxRho(s) >= 0.95) risky.push(s);
      s = d.step(s, expertDecision(d, s, expert).action).state;
    }
    let k = 0;
    const decide = await time(() => expertDecision(d, risky[k++ % risky.length], expert), {
      minSeconds: quick ? 0.3 : 2,
    });
    const legal = risky.map((x) => d.legalActions(x).reduce((n, v) => n + v, 0));
    const mean = legal.reduce((a, b) => a + b, 0) / legal.length;
    report(
      `expert decision at risk (${mean.toFixed(0)} legal of 487 simulated)`,
      decide.median * 1e3,
      "ms",
      "one core",
    );
    let a = 0;
    const one = risky[0];
    const legalOne = d.legalActions(one);
    const actions = d.actions.map((_, i) => i).filter((i) => legalOne[i]);
    const sim = await time(() => simulate(d.model, one, d.actions[actions[a++ % actions.length]]), {
      minSeconds: quick ? 0.3 : 1,
    });
    report("simulate, per action", sim.median * 1e6, "us");
    const folder = join("runs", `bench-evaluate-${crypto.randomUUID().slice(0, 8)}`);
    const scenarios = quick ? 2 : 4;
    try {
      for (const workers of [1, 2]) {
        const t0 = performance.now();
        const summary = await evaluate({
          benchmark: bench,
          agents: [{ kind: "built-in", name: "expert" }],
          scenarios,
          maxLength: quick ? 2000 : 8064,
          workers,
          expertDepth: 1,
          traces: false,
          quiet: true,
          out: folder,
        });
        const seconds = (performance.now() - t0) / 1000;
        const steps = summary.agents.reduce(
          (n, x) => n + x.survived_steps.reduce((p, q) => p + q, 0),
          0,
        );
        report(
          `evaluation, ${workers} worker(s): episodes per second`,
          (2 * scenarios) / seconds,
          "episodes/s",
          `${(steps / seconds).toFixed(0)} steps/s, do-nothing and expert`,
        );
      }
    } finally {
      await Deno.remove(folder, { recursive: true }).catch(() => {});
    }
  },
};
