/**
 * Timing for `deno task bench`: repeat a function until enough runs and enough time have
 * passed, and report the median (robust to the odd GC pause) with min and max.
 *
 * @module
 */

/** Timings of one measured function, in seconds. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** A figure printed by a bench section. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** How a bench section reports: one call per figure. */
export type Report = (name: string, value: number, unit: string, note?: string) => void;

/** A named group of benchmarks (one per capability). */
export interface BenchSection {
  name: string;
  /** `redis`: the Redis URL of `--redis`, for the sections that need one. */
  run(report: Report, options: { quick: boolean; redis?: string }): Promise<void>;
}

/**
 * Times `fn`: at least `minRuns` runs and at least `minSeconds` of total time (after
 * `warmup` untimed runs), at most `maxRuns`.
 */
export async function time(
  fn: () => unknown | Promise<unknown>,
  { warmup = 1, minRuns = 5, maxRuns = 100000, minSeconds = 0.5 } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (
    samples.length < maxRuns &&
    (samples.length < minRuns || performance.now() - start < minSeconds * 1000)
  ) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)],
    min: samples[0],
    max: samples[samples.length - 1],
    runs: samples.length,
  };
}

/**
 * Times a fast synchronous function in batches of `batch` calls, so the clock's resolution
 * (about 1 us here) does not dominate; returns seconds per call.
 */
export async function timeBatched(
  fn: () => unknown,
  batch: number,
  options?: Parameters<typeof time>[1],
): Promise<Timing> {
  const t = await time(() => {
    for (let i = 0; i < batch; i++) fn();
  }, options);
  return { median: t.median / batch, min: t.min / batch, max: t.max / batch, runs: t.runs * batch };
}
