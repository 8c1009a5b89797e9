/**
 * `deno task bench`'s sections, one per capability, each printing its figures with the
 * machine's details.
 *
 * @module
 */
export { distributedBench } from "./distributed.ts";
export { envBench } from "./env.ts";
export { evaluateBench } from "./evaluate.ts";
export { miBench } from "./mi.ts";
export { muzeroBench } from "./muzero.ts";
export { powerflowBench } from "./powerflow.ts";
export { redisBench } from "./redis.ts";
export { scenariosBench } from "./scenarios.ts";
export type { BenchSection, Figure } from "./timing.ts";
