/**
 * A MuZero run's data in Redis, shared by the learner (`remote_learner.ts`) and the actors
 * (`actor.ts`). Keys of run `<id>`, all under `gridfold:muzero:<id>:`:
 *
 * - `run`: the run's config, the environment's sizes and the stale-weights limit (JSON), set by
 *   the learner before anything else, so an actor needs only the address and the run id;
 * - `weights:<v>`: version v of the weights (v = the learner's round), a hash of `meta` (JSON:
 *   version, self-play temperature, chunk count) and the packed float32
 *   parameters in chunks `c0`, `c1`, ... of at most 1 MiB; `weights:latest` names the newest,
 *   set once its hash is whole, so a reader never sees half a version;
 * - `episodes`: the stream of finished episodes (fields `episode`, the `encodeEpisode` bytes;
 *   `number`; `version`, of the weights it was played with; `actor`), read by the learner's
 *   consumer group `learner`; `episodes:next` numbers episodes; `episodes:added:<n>` marks
 *   episode n as appended, so an actor's retried `XADD` cannot add it twice; actors wait while
 *   the stream holds `streamCap` entries;
 * - `done`: set when the learner has finished; actors stop.
 *
 * @module
 */
import * as t from "io-ts";
import { closed, decode, NonNegInt, PosInt } from "../io/mod.ts";
import { InputError } from "../errors.ts";
import { awaitKey, type Redis } from "../redis/mod.ts";
import type { EnvSizes } from "./checkpoint.ts";
import { decodeRunConfig, type RunConfig } from "./config.ts";

/** The keys of run `run`. */
export function runKeys(run: string) {
  const p = `gridfold:muzero:${run}:`;
  return {
    run: `${p}run`,
    latest: `${p}weights:latest`,
    weights: (version: number) => `${p}weights:${version}`,
    stream: `${p}episodes`,
    next: `${p}episodes:next`,
    added: (n: number) => `${p}episodes:added:${n}`,
    done: `${p}done`,
  };
}

/** The learner's consumer group on the episode stream. */
export const learnerGroup = "learner";

/** Versions of the weights kept besides the newest (actors may still be reading them). */
const keptVersions = 3;

const chunkBytes = 1 << 20;

/** What the `run` key holds. */
export interface RunInfo {
  readonly config: RunConfig;
  readonly sizes: EnvSizes;
  /** Episodes played on weights more than this many versions old are dropped. */
  readonly maxStaleness: number;
}

const RunInfoCodec = closed({
  config: t.unknown,
  sizes: closed({ observationSize: PosInt, numActions: PosInt }),
  maxStaleness: NonNegInt,
});

/** Writes the run's description (the learner, first). */
export const writeRunInfo = (redis: Redis, run: string, info: RunInfo): Promise<void> =>
  redis.set(runKeys(run).run, JSON.stringify(info));

/** Reads the run's description, waiting (`log` told once) until its learner has written it. */
export async function readRunInfo(
  redis: Redis,
  run: string,
  log: (line: string) => void,
): Promise<RunInfo> {
  const source = `Redis ${redis.address}: run ${run}`;
  const text = await awaitKey(
    redis,
    runKeys(run).run,
    () => log(`${source}: waiting for its learner to start`),
  );
  const raw = decode(RunInfoCodec, JSON.parse(text), source);
  return { ...raw, config: decodeRunConfig(raw.config, `${source}: config`) };
}

/** A version of the weights as actors read it. */
export interface WeightsVersion {
  readonly version: number;
  /** The self-play temperature of the round. */
  readonly temperature: number;
  readonly packed: Float32Array;
}

const WeightsMeta = closed({
  version: NonNegInt,
  temperature: t.number,
  chunks: NonNegInt,
  floats: NonNegInt,
});

/** Publishes `w` and makes it the newest version; drops versions older than a few before it. */
export async function publishWeights(redis: Redis, run: string, w: WeightsVersion): Promise<void> {
  const keys = runKeys(run);
  const bytes = new Uint8Array(w.packed.buffer, w.packed.byteOffset, w.packed.byteLength);
  const chunks = Math.ceil(bytes.length / chunkBytes);
  const key = keys.weights(w.version);
  await redis.del(key);
  for (let k = 0; k < chunks; k++) {
    await redis.hSet(key, { [`c${k}`]: bytes.subarray(k * chunkBytes, (k + 1) * chunkBytes) });
  }
  const { version, temperature } = w;
  const meta = { version, temperature, chunks, floats: w.packed.length };
  await redis.hSet(key, { meta: JSON.stringify(meta) });
  await redis.set(keys.latest, String(version));
  if (version >= keptVersions) await redis.del(keys.weights(version - keptVersions));
}

/** The newest version's number, or null before the learner published one. */
export async function latestVersion(redis: Redis, run: string): Promise<number | null> {
  const v = await redis.get(runKeys(run).latest);
  return v === null ? null : Number(v);
}

/**
 * Reads version `version`; null when it is gone (dropped as old) or not whole yet. A version
 * whose floats do not fit `expected` (another network) is an InputError.
 */
export async function readWeights(
  redis: Redis,
  run: string,
  version: number,
  expected: number,
): Promise<WeightsVersion | null> {
  const fields = await redis.hGetAll(runKeys(run).weights(version));
  if (fields.meta === undefined) return null;
  const source = `Redis ${redis.address}: run ${run}: weights ${version}`;
  const meta = decode(WeightsMeta, JSON.parse(new TextDecoder().decode(fields.meta)), source);
  if (meta.floats !== expected) {
    throw new InputError(
      `${source}: ${meta.floats} parameters, the config's networks have ${expected}`,
    );
  }
  const packed = new Float32Array(meta.floats);
  const out = new Uint8Array(packed.buffer);
  let at = 0;
  for (let k = 0; k < meta.chunks; k++) {
    const chunk = fields[`c${k}`];
    if (chunk === undefined) return null;
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== out.length) throw new InputError(`${source}: ${at} bytes, expected ${out.length}`);
  return { version, temperature: meta.temperature, packed };
}

/**
 * The stream length at which actors wait: the entries a learner keeps until its next checkpoint
 * plus two rounds ahead, so actors faster than the learner do not pile up episodes that would
 * be stale when it reads them.
 */
export const streamCap = (c: RunConfig): number => c.episodesPerRound * (c.checkpointEvery + 2);

/** Tells the actors the run is over (the learner, once its last checkpoint is written). */
export const markRunDone = (redis: Redis, run: string): Promise<void> =>
  redis.set(runKeys(run).done, "1");
