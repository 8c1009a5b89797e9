/**
 * A benchmark as a learner's decision process (core/agents/gate.ts): its scenarios of a
 * training seed (or the held-out one), the reduced action table of a discovery file
 * (`fixtures/benchmarks/case14-hard-actions.json` by default, written by
 * `deno task evaluate --discover`), decisions only at risk. The registry names it
 * `case14-hard` (effects/env_registry.ts), so `deno task muzero --env case14-hard` trains on it.
 *
 * @example
 * ```ts
 * import { gatedBenchmark } from "./gated.ts";
 * const env = await gatedBenchmark({ benchmark: "case14-hard", seed: 1, first: 0, table: "", threshold: 0.95, revertBelow: 0.8, actions: 0, observation: "full" });
 * const s = env.reset(0); // the first state at risk of training scenario 0
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { type GatedEnv, gatedEnv, type GateObservation } from "../../core/agents/mod.ts";
import type { GridDiscreteEnv } from "../../core/grid/env/mod.ts";
import { InputError } from "../errors.ts";
import { benchmarkEnvironment, readBenchmark } from "./benchmark.ts";
import { readDiscoveredActions } from "./discover.ts";

/** The default reduced table of case14-hard. */
export const CASE14_HARD_ACTIONS = fileURLToPath(
  new URL("../../fixtures/benchmarks/case14-hard-actions.json", import.meta.url),
);

/** Which decision process. */
export interface GatedOptions {
  readonly benchmark: string;
  /** The scenarios' seed (the benchmark's held-out seed for evaluation). */
  readonly seed: number;
  /** Episode `e` plays scenario `first + e`. */
  readonly first: number;
  /** A discovery file, or "" for the benchmark's default. */
  readonly table: string;
  readonly threshold: number;
  readonly revertBelow: number;
  /** At most this many actions of the table (0: all). */
  readonly actions: number;
  readonly observation: GateObservation;
}

/** The gated environment of a benchmark (module documentation). */
export async function gatedBenchmark(o: GatedOptions): Promise<GatedEnv> {
  const bench = await readBenchmark(o.benchmark);
  const file = o.table === "" ? CASE14_HARD_ACTIONS : o.table;
  const found = await readDiscoveredActions(file);
  if (found.benchmark !== bench.name) {
    throw new InputError(`${file}: a table of ${found.benchmark}, not ${bench.name}`);
  }
  const env = await benchmarkEnvironment(bench, o.seed);
  const g = await gateOver(env.discrete(), o, bench.maxLength);
  return o.first === 0 ? g : { ...g, reset: (e: number) => g.reset(o.first + e) };
}

/** The gate's settings among a run's case14-hard options (as its config stores them). */
export const gateSettings = (
  o: Readonly<Record<string, unknown>>,
): Omit<GatedOptions, "benchmark" | "seed" | "first"> => ({
  table: String(o.table ?? ""),
  threshold: Number(o.threshold),
  revertBelow: Number(o.revertBelow),
  actions: Number(o.actions ?? 0),
  observation: o.observation === "compact" ? "compact" : "full",
});

/**
 * The gated decisions of `o` (the table, its cap, the gate's thresholds, the observation)
 * over the grid environment `base`: the learner's view of training scenarios, or of the
 * evaluation's own environment when a trained agent plays.
 */
export async function gateOver(
  base: GridDiscreteEnv,
  o: Omit<GatedOptions, "benchmark" | "seed" | "first">,
  maxLength: number,
): Promise<GatedEnv> {
  const file = o.table === "" ? CASE14_HARD_ACTIONS : o.table;
  const found = await readDiscoveredActions(file);
  const bad = found.table.find((a) => a >= base.numActions);
  if (bad !== undefined) throw new InputError(`${file}: action ${bad} is not in the grid's table`);
  const table = o.actions > 0 ? found.table.slice(0, o.actions) : found.table;
  return gatedEnv(base, table, {
    threshold: o.threshold,
    revertBelow: o.revertBelow,
    maxLength,
    observation: o.observation,
  });
}
