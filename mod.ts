/**
 * gridfold: reinforcement learning on power grids, in TypeScript on Deno.
 *
 * The public API: the pure core (random draws as values, and the capabilities below as they
 * land) and the effectful helpers a user needs to build runs of their own.
 *
 * @module
 */
export * from "./core/random.ts";
export { streams } from "./effects/rng.ts";
export type { Stream, Streams } from "./effects/rng.ts";
