/**
 * A Web Worker of `discover.ts`: it plays the expert on one training scenario and answers with
 * the count of each action it took at risk.
 *
 * @module
 */
import { expertDecision, maxRho } from "../../core/agents/mod.ts";
import { serveTasks } from "../workers/mod.ts";
import { Benchmark, benchmarkEnvironment } from "./benchmark.ts";

/** The benchmark and the training seed. */
export interface DiscoverInit {
  readonly benchmark: Benchmark;
  readonly seed: number;
}

/** One scenario. */
export interface DiscoverTask {
  readonly scenario: number;
}

serveTasks<DiscoverInit, DiscoverTask, [number, number][]>(async ({ benchmark, seed }) => {
  const env = await benchmarkEnvironment(benchmark, seed);
  const d = env.discrete();
  const expert = { threshold: benchmark.expert.threshold, depth: 1 as const, topK: 1 };
  return ({ scenario }) => {
    const counts = new Map<number, number>();
    let s = d.reset(scenario);
    while (!s.done && s.step < benchmark.maxLength) {
      const a = expertDecision(d, s, expert).action;
      if (maxRho(s) >= expert.threshold) counts.set(a, (counts.get(a) ?? 0) + 1);
      s = d.step(s, a).state;
    }
    return [...counts].sort((x, y) => x[0] - y[0]);
  };
});
