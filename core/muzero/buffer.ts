/**
 * The episode buffer as values: whole episodes in a window (the oldest leave first), and batches
 * sampled from draws given as data: per sample one draw picks the episode (uniformly), one the
 * position in it (uniformly), and one per unroll step picks an action for steps past the
 * episode's end (uniformly, as MuZero does). With `sampling: "positions"` the first draw picks
 * a position among all the buffer's positions instead (the second is unused).
 *
 * @example
 * ```ts
 * import { genFromSeed, uniforms } from "../mod.ts";
 * import { EpisodeRecorder, researchConfig } from "./mod.ts";
 *
 * const recorder = new EpisodeRecorder(2, 3, 0); // observations of 2 values, 3 actions, start 0
 * recorder.step(Float32Array.of(1, 0), 1, 0.5, 0.4, Float32Array.of(0.2, 0.6, 0.2));
 * recorder.step(Float32Array.of(0, 1), 2, 1, 0.9, Float32Array.of(0, 0.3, 0.7));
 * const episodes = [recorder.finish(true)];
 * let buffer = emptyBuffer(1000);
 * buffer = addEpisodes(buffer, episodes);
 * const [draws] = uniforms(genFromSeed(1), drawsPerBatch(researchConfig));
 * const batch = sampleBatch(buffer, researchConfig, draws); // 128 samples unrolled 5 steps
 * ```
 * @module
 */
import type { LearnConfig, SearchConfig } from "./config.ts";
import type { Episode } from "./episode.ts";
import { fillTargets } from "./targets.ts";

/** Episodes kept, newest last. */
export interface EpisodeBuffer {
  readonly window: number;
  readonly episodes: readonly Episode[];
  /** Episodes ever added (including those that left the window). */
  readonly added: number;
}

/** A training batch: B samples, each unrolled K steps; arrays are step-major. */
export interface Batch {
  readonly size: number;
  readonly unroll: number;
  readonly observationSize: number;
  readonly numActions: number;
  /** `[B][observationSize]`: the observation at each sampled position. */
  readonly observations: Float32Array;
  /** `[K][B]`: the actions unrolled. */
  readonly actions: Int32Array;
  /** `[K+1][B]`: value targets. */
  readonly values: Float32Array;
  /** `[K+1][B]`: reward targets (step 0 unused: no reward leads to the first state). */
  readonly rewards: Float32Array;
  /** `[K+1][B][numActions]`: policy targets. */
  readonly policies: Float32Array;
  /** `[K+1][B]`: 1 where a policy target exists. */
  readonly policyMask: Float32Array;
}

/** An empty buffer keeping at most `window` episodes. */
export const emptyBuffer = (window: number): EpisodeBuffer => ({ window, episodes: [], added: 0 });

/** The buffer with `episodes` appended and the oldest beyond the window dropped. */
export function addEpisodes(buffer: EpisodeBuffer, episodes: readonly Episode[]): EpisodeBuffer {
  const all = [...buffer.episodes, ...episodes];
  return {
    window: buffer.window,
    episodes: all.slice(Math.max(0, all.length - buffer.window)),
    added: buffer.added + episodes.length,
  };
}

/** What batch sampling reads from the configuration. */
export type BatchConfig =
  & Pick<LearnConfig, "batchSize" | "unrollSteps" | "tdSteps" | "sampling">
  & Pick<SearchConfig, "discount">;

/** Number of uniform draws `sampleBatch` consumes. */
export const drawsPerBatch = (c: BatchConfig): number => c.batchSize * (2 + c.unrollSteps);

const pick = (u: number, n: number) => Math.min(n - 1, Math.floor(u * n));

/** A batch sampled by the uniforms `draws` (`drawsPerBatch` of them). */
export function sampleBatch(buffer: EpisodeBuffer, c: BatchConfig, draws: Float64Array): Batch {
  const eps = buffer.episodes;
  if (eps.length === 0) throw new RangeError("replay: the buffer is empty");
  if (draws.length !== drawsPerBatch(c)) {
    throw new RangeError(`replay: ${draws.length} draws, expected ${drawsPerBatch(c)}`);
  }
  const B = c.batchSize, K = c.unrollSteps;
  // Positions before each episode (for sampling by positions).
  const before = new Float64Array(eps.length + 1);
  eps.forEach((e, i) => (before[i + 1] = before[i] + e.length));
  const { observationSize: obs, numActions: A } = eps[0];
  const batch: Batch = {
    size: B,
    unroll: K,
    observationSize: obs,
    numActions: A,
    observations: new Float32Array(B * obs),
    actions: new Int32Array(B * K),
    values: new Float32Array(B * (K + 1)),
    rewards: new Float32Array(B * (K + 1)),
    policies: new Float32Array(B * (K + 1) * A),
    policyMask: new Float32Array(B * (K + 1)),
  };
  for (let b = 0; b < B; b++) {
    const d = b * (2 + K);
    let ep: Episode, t: number;
    if (c.sampling === "positions") {
      const p = pick(draws[d], before[eps.length]);
      let lo = 0, hi = eps.length - 1; // the last episode starting at or before p
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (before[mid] <= p) lo = mid;
        else hi = mid - 1;
      }
      (ep = eps[lo], t = p - before[lo]);
    } else {
      ep = eps[pick(draws[d], eps.length)];
      t = pick(draws[d + 1], ep.length);
    }
    batch.observations.set(ep.observations.subarray(t * obs, (t + 1) * obs), b * obs);
    for (let k = 0; k < K; k++) {
      batch.actions[k * B + b] = t + k < ep.length ? ep.actions[t + k] : pick(draws[d + 2 + k], A);
    }
    fillTargets(ep, t, K, c.tdSteps, c.discount, batch, b);
  }
  return batch;
}
