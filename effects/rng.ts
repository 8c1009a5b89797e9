/**
 * Seeded random streams, named per purpose. One run seed gives every purpose its own
 * independent stream (`"mdp"`, `"shuffle"`, `"dirichlet"`, ...), so adding draws for one
 * purpose never shifts another's, and two runs with the same seed give the same bytes.
 * Core code receives what these streams draw as data, or a `Gen` derived from them.
 *
 * @example
 * ```ts
 * const rng = streams(29);
 * const u = rng.stream("actions")(); // uniform in [0, 1)
 * const g = rng.gen("dirichlet");    // a pure generator value for core/random.ts
 * ```
 * @module
 */
import seedrandom from "seedrandom";
import { Gen, genFromSeed } from "../core/mod.ts";

/** A uniform source in [0, 1) with its 32-bit integer form. */
export interface Stream {
  (): number;
  int32(): number;
}

/** The named streams of one run. */
export interface Streams {
  readonly seed: number;
  /** The stream for a purpose; the same name always starts the same sequence. */
  stream(name: string): Stream;
  /** A pure generator value for core, seeded from the named stream. */
  gen(name: string): Gen;
  /** A child seed for a sub-task (a worker, an episode): deterministic in (seed, name). */
  childSeed(name: string): number;
}

/** The streams of a run seeded by `seed`. */
export function streams(seed: number): Streams {
  const stream = (name: string): Stream => seedrandom(`gridfold:${seed}:${name}`);
  const childSeed = (name: string) => stream(`child:${name}`).int32() >>> 0;
  return { seed, stream, gen: (name) => genFromSeed(childSeed(name)), childSeed };
}

/** `n` uniforms from a stream, as data for core. */
export function drawUniforms(stream: Stream, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = stream();
  return out;
}
