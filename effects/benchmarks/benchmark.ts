/**
 * Named, versioned benchmarks (`fixtures/benchmarks/<name>.json`): which environment, which
 * held-out scenarios (a seed never used for training), how long an episode is held, and the
 * events that make it hard (maintenance, the opponent, the forecast `simulate` sees). A result
 * names the benchmark and its version, so it says what it ran on. A grid2op folder given
 * instead of a name is evaluated on its chronics as they are (maintenance and forecasts read
 * from them when present, no opponent).
 *
 * @example
 * ```ts
 * import { benchmarkEnvironment, readBenchmark } from "./benchmark.ts";
 * const bench = await readBenchmark("case14-hard");
 * const env = await benchmarkEnvironment(bench); // 20 scenarios of seed 7000, 8064 steps
 * ```
 * @module
 */
import * as t from "io-ts";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.ts";
import { closed, isFolder, NonNeg, NonNegInt, PosInt, Probability, readJson } from "../io/mod.ts";
import { EnvEvents, LoadedGrid, loadGrid } from "../grids.ts";

const BENCHMARKS = fileURLToPath(new URL("../../fixtures/benchmarks/", import.meta.url));

const Hours = t.tuple([NonNegInt, NonNegInt]);

/** The file format of a benchmark. */
const BenchmarkFile = closed({
  name: t.string,
  version: PosInt,
  description: t.string,
  environment: t.string,
  heldOutSeed: NonNegInt,
  scenarios: PosInt,
  maxLength: PosInt,
  maintenance: t.union([
    closed({
      lines: t.array(t.string),
      dailyProbability: Probability,
      startHours: Hours,
      durationHours: Hours,
      maxConcurrent: PosInt,
    }),
    t.undefined,
  ]),
  opponent: t.union([
    closed({
      class: t.literal("RandomLineOpponent"),
      lines: t.array(t.string),
      attackCooldown: NonNegInt,
      attackDuration: PosInt,
      budgetPerStep: NonNeg,
      initBudget: NonNeg,
    }),
    t.undefined,
  ]),
  forecast: t.union([closed({ loadError: NonNeg, renewableError: NonNeg }), t.undefined]),
  simulateAllowed: t.array(t.string),
  expert: closed({ threshold: NonNeg, depth2TopK: PosInt }),
  score: closed({ blackoutCostFactor: NonNeg }),
});

/** A benchmark's definition. */
export type Benchmark = t.TypeOf<typeof BenchmarkFile>;

/** The names of the benchmarks in fixtures/benchmarks. */
export async function benchmarkNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(BENCHMARKS)) {
    if (e.isFile && e.name.endsWith(".json")) names.push(e.name.slice(0, -5));
  }
  return names.sort();
}

/**
 * A benchmark by name (`case14-hard`), or a grid2op folder as a benchmark of its chronics as
 * they are (every scenario, whole, the expert's defaults). Unknown names are an InputError.
 */
export async function readBenchmark(nameOrFolder: string): Promise<Benchmark> {
  if (await isFolder(nameOrFolder)) {
    return {
      name: basename(nameOrFolder.replace(/\/+$/, "")),
      version: 1,
      description: `the grid2op folder ${nameOrFolder}, its chronics as they are`,
      environment: nameOrFolder,
      heldOutSeed: 0,
      scenarios: 0, // every chronics folder
      maxLength: 1e9,
      maintenance: undefined,
      opponent: undefined,
      forecast: undefined,
      simulateAllowed: ["expert", "muzero+verify"],
      expert: { threshold: 0.95, depth2TopK: 5 },
      score: { blackoutCostFactor: 1 },
    };
  }
  const known = await benchmarkNames();
  if (!known.includes(nameOrFolder)) {
    throw new InputError(
      `--benchmark: unknown benchmark "${nameOrFolder}" (known: ${
        known.join(", ")
      }, or a grid2op folder)`,
    );
  }
  const bench = await readJson(join(BENCHMARKS, `${nameOrFolder}.json`), BenchmarkFile);
  if (bench.name !== nameOrFolder) {
    throw new InputError(`${nameOrFolder}.json: its name is "${bench.name}"`);
  }
  return bench;
}

/** The events of a benchmark in the environment's terms (a folder reads its own). */
export function benchmarkEvents(b: Benchmark): EnvEvents {
  const o = b.opponent;
  return {
    ...(b.maintenance && { maintenance: b.maintenance }),
    ...(b.forecast && { forecast: b.forecast }),
    ...(o && {
      opponent: {
        lines: o.lines,
        attackCooldown: o.attackCooldown,
        attackDuration: o.attackDuration,
        budgetPerStep: o.budgetPerStep,
        initBudget: o.initBudget,
      },
    }),
  };
}

/**
 * The benchmark's environment: by default its held-out scenarios; `seed` gives the same events
 * on other scenarios (training uses seeds other than `heldOutSeed`).
 */
export function benchmarkEnvironment(b: Benchmark, seed = b.heldOutSeed): Promise<LoadedGrid> {
  return loadGrid(b.environment, {
    seed,
    ...(b.environment === "case14" && { steps: b.maxLength }),
    events: benchmarkEvents(b),
  });
}

/** How many scenarios a run plays: the benchmark's, or a folder's chronics; at most `limit`. */
export function scenarioCount(b: Benchmark, env: LoadedGrid, limit?: number): number {
  const all = b.scenarios > 0 ? b.scenarios : env.scenarioIds.length;
  return Math.min(all, limit ?? all);
}
