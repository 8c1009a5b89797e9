/**
 * What agents are measured on: benchmark files (case14-hard: the grid, its scenarios'
 * events, the rules), the expert's actions discovered at risk, and a benchmark as a gated
 * environment for learners.
 *
 * @module
 */
export { benchmarkEnvironment, readBenchmark, scenarioCount } from "./benchmark.ts";
export type { Benchmark } from "./benchmark.ts";
export { discoverActions } from "./discover.ts";
export { gatedBenchmark, gateOver, gateSettings } from "./gated.ts";
