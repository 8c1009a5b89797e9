/**
 * The topologies the expert actually uses: the expert (core/agents/greedy.ts) plays a
 * benchmark's training scenarios (a seed other than the held-out one) and every action it
 * takes at risk is counted; the reduced table (`reduceActions`) keeps do-nothing and the most
 * used. Episodes are spread over Web Workers; the counts do not depend on how many.
 *
 * @example
 * ```ts
 * import { discoverActions } from "./discover.ts";
 * import { readBenchmark } from "./benchmark.ts";
 * const found = await discoverActions(await readBenchmark("case14-hard"), { seed: 1, scenarios: 20, workers: 2, k: 50, minCount: 2 });
 * found.table; // [0, 146, 82, ...]
 * ```
 * @module
 */
import * as t from "io-ts";
import { reduceActions } from "../../core/agents/mod.ts";
import { closed, NonNegInt, PosInt, readJson } from "../io/mod.ts";
import { progress } from "../report/mod.ts";
import { runPool } from "../workers/mod.ts";
import { Benchmark } from "./benchmark.ts";
import type { DiscoverInit, DiscoverTask } from "./discover_worker.ts";

/** What a discovery ran on and found. */
export interface DiscoveredActions {
  readonly benchmark: string;
  readonly version: number;
  readonly seed: number;
  readonly scenarios: number;
  readonly threshold: number;
  readonly minCount: number;
  /** Action index -> times the expert took it at risk, most used first. */
  readonly counts: readonly (readonly [number, number])[];
  /** The reduced table: do-nothing, then the most used actions. */
  readonly table: readonly number[];
}

/** The file format of a discovery. */
export const DiscoveredActionsFile = closed({
  benchmark: t.string,
  version: PosInt,
  seed: NonNegInt,
  scenarios: PosInt,
  threshold: t.number,
  minCount: PosInt,
  counts: t.array(t.tuple([NonNegInt, PosInt])),
  table: t.array(NonNegInt),
});

/** Reads a discovery file (an InputError names a malformed one). */
export const readDiscoveredActions = (path: string): Promise<DiscoveredActions> =>
  readJson(path, DiscoveredActionsFile);

/** Plays the expert on `scenarios` training scenarios of `seed` and counts its actions at risk. */
export async function discoverActions(
  b: Benchmark,
  o: {
    seed: number;
    scenarios: number;
    workers: number;
    k: number;
    minCount: number;
    quiet?: boolean;
  },
): Promise<DiscoveredActions> {
  const counts = new Map<number, number>();
  const queue: DiscoverTask[] = Array.from({ length: o.scenarios }, (_, k) => ({ scenario: k }));
  const bar = progress("expert episodes", o.scenarios, o.quiet);
  const perScenario: [number, number][][] = [];
  await runPool<DiscoverInit, DiscoverTask, [number, number][]>({
    url: new URL("./discover_worker.ts", import.meta.url).href,
    label: "discovery worker",
    init: { benchmark: b, seed: o.seed },
    workers: Math.min(o.workers, o.scenarios),
    next: () => queue.shift(),
    onResult: (task, result) => {
      perScenario[task.scenario] = result;
      bar.tick();
    },
  });
  bar.done();
  for (const pairs of perScenario) {
    for (const [a, n] of pairs) counts.set(a, (counts.get(a) ?? 0) + n);
  }
  const sorted = [...counts].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return {
    benchmark: b.name,
    version: b.version,
    seed: o.seed,
    scenarios: o.scenarios,
    threshold: b.expert.threshold,
    minCount: o.minCount,
    counts: sorted,
    table: reduceActions(counts, o.k, o.minCount),
  };
}
