/**
 * The learner's side of a MuZero run over Redis (keys in `remote.ts`): an `EpisodeSource` for
 * `trainMuZero` that publishes each round's weights as version `round` and takes the round's
 * episodes from the stream through the consumer group `learner`, in stream order.
 *
 * Exactly once, across a kill -9 of the learner: the checkpoint records the id of the last
 * entry taken (`position`); every entry up to it is in the checkpoint's buffer (or was dropped
 * as stale or malformed), none after it. Entries are acknowledged (`XACK`) and trimmed only
 * once a checkpoint holding them is written. A resumed learner is a new consumer: it claims
 * every entry still pending on the dead one (`XAUTOCLAIM`), acknowledges those up to the
 * checkpoint's position, and takes the others again, before any new entry. A read whose reply
 * was lost with the connection is taken again the same way (pending entries after the last id
 * taken come first). A Redis restart is survived while its data survives (persistence on); one
 * that lost the stream stops the learner with one line (exit code 2), its checkpoint whole.
 *
 * @module
 */
import type { Episode, PlayJob, PlayOptions } from "../../core/muzero/mod.ts";
import { UnavailableError } from "../errors.ts";
import { makeEnv } from "../env_registry.ts";
import type { Redis, StreamEntry } from "../redis/mod.ts";
import type { EnvSizes } from "./checkpoint.ts";
import type { RunConfig } from "./config.ts";
import { decodeEpisode } from "./episode_codec.ts";
import { learnerGroup, publishWeights, runKeys, writeRunInfo } from "./remote.ts";
import type { EpisodeSource } from "./train.ts";

/** A learner's link to its run in Redis. */
export interface RemoteOptions {
  readonly redis: Redis;
  readonly run: string;
  readonly config: RunConfig;
  readonly sizes: EnvSizes;
  readonly maxStaleness: number;
  /** The resumed checkpoint's stream position (none for a new run). */
  readonly position?: string;
  /** Where one line per dropped episode and per long wait goes. */
  readonly log: (line: string) => void;
}

/** Compares stream ids (`ms-seq`) in stream order. */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split("-").map(BigInt);
  const [bm, bs] = b.split("-").map(BigInt);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

/** Seconds without an episode after which the learner says it is waiting. */
const waitNotice = 30;

/** Connects a learner to run `run`: writes the run's description, takes back pending entries. */
export async function remoteSource(o: RemoteOptions): Promise<EpisodeSource> {
  const { redis, run, config } = o;
  const keys = runKeys(run);
  const env = await makeEnv(config.env);
  await writeRunInfo(redis, run, {
    config,
    sizes: o.sizes,
    maxStaleness: o.maxStaleness,
  });
  await redis.del(keys.done);
  await redis.ensureGroup(keys.stream, learnerGroup);
  const consumer = `learner-${crypto.randomUUID().slice(0, 8)}`;
  const claimed = await redis.claimIdle(keys.stream, learnerGroup, consumer, 0);
  const start = o.position ?? "0-0";
  await redis.ack(
    keys.stream,
    learnerGroup,
    claimed.filter((e) => compareIds(e.id, start) <= 0).map((e) => e.id),
  );
  let last = o.position;
  let taken: string[] = [];

  /** The next entries after the last taken: pending ones first, then new ones (blocking). */
  async function next(count: number): Promise<StreamEntry[]> {
    const after = last ?? "0-0";
    try {
      const pending = await redis.readGroup(keys.stream, learnerGroup, consumer, after, { count });
      if (pending.length > 0) return pending;
      return await redis.readGroup(keys.stream, learnerGroup, consumer, ">", {
        count,
        blockMs: 1000,
      });
    } catch (e) {
      if (!(e instanceof Error && e.message.startsWith("NOGROUP"))) throw e;
      throw new UnavailableError(
        `Redis ${redis.address}: run ${run}'s episode stream is gone (Redis restarted without ` +
          `persistence?); the checkpoint is whole: --resume once Redis is back`,
      );
    }
  }

  /** The round's `n` episodes, in stream order, dropping stale and malformed ones. */
  async function collect(version: number, n: number): Promise<Episode[]> {
    const out: Episode[] = [];
    let since = Date.now();
    while (out.length < n) {
      const entries = await next(n - out.length);
      if (entries.length === 0 && Date.now() - since > waitNotice * 1000) {
        o.log(`waiting for episodes: start actors with --run ${run}`);
        since = Date.now();
      }
      for (const entry of entries) {
        last = entry.id;
        taken.push(entry.id);
        const episode = accept(entry, version);
        if (episode !== null) out.push(episode);
      }
    }
    return out;
  }

  /** An entry's episode, or null (logged) when it is stale or malformed. */
  function accept(entry: StreamEntry, version: number): Episode | null {
    const source = `stream entry ${entry.id}`;
    try {
      const data = entry.fields.episode;
      if (data === undefined) throw new Error(`${source}: no episode field`);
      const tag = entry.fields.version;
      const played = tag === undefined ? NaN : Number(new TextDecoder().decode(tag));
      const staleness = version - played;
      if (!(staleness <= o.maxStaleness)) {
        o.log(
          `dropped ${source}: its weights (version ${played}) are ${staleness} versions old ` +
            `(--max-staleness ${o.maxStaleness})`,
        );
        return null;
      }
      return decodeEpisode(data, env, config.env.name, source).episode;
    } catch (e) {
      o.log(`dropped ${(e as Error).message}`);
      return null;
    }
  }

  return {
    async begin(round: number, weights: Float32Array, play: PlayOptions, jobs: readonly PlayJob[]) {
      await publishWeights(redis, run, {
        version: round,
        temperature: play.temperature,
        packed: weights,
      });
      return { episodes: collect(round, jobs.length) };
    },
    position: () => last,
    async stored(position) {
      if (position === undefined) return;
      const done = taken.filter((id) => compareIds(id, position) <= 0);
      taken = taken.filter((id) => compareIds(id, position) > 0);
      await redis.ack(keys.stream, learnerGroup, done);
      await redis.trimBelow(keys.stream, position);
    },
    close() {},
  };
}
