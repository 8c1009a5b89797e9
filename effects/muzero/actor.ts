/**
 * A MuZero actor over Redis (keys in `remote.ts`): reads the run's config (waiting for the
 * learner to write it, so actors may start first), then in each of
 * its loops (one per self-play worker, each a `createSelfPlay` pool of one, or the main thread
 * with 0 workers) plays one episode at a time on the newest weights and appends it to the run's
 * stream. An episode takes its number from the run's counter (its start and the seed of its
 * draws follow from it), so any number of actors on any machines play different episodes; an
 * actor killed mid-episode loses that episode and no other. Stops when the learner marks the
 * run done, or after `episodes` episodes. It waits while the learner is behind (`streamCap`).
 *
 * @module
 */
import { episodeReturn, muzeroLayout, muzeroNets, playOptions } from "../../core/muzero/mod.ts";
import { sizeOf } from "../../core/nn/mod.ts";
import { type Redis, sleep } from "../redis/mod.ts";
import { streams } from "../rng.ts";
import { shapeOf } from "./config.ts";
import { encodeEpisode } from "./episode_codec.ts";
import {
  latestVersion,
  readRunInfo,
  readWeights,
  runKeys,
  streamCap,
  type WeightsVersion,
} from "./remote.ts";
import { createSelfPlay } from "./selfplay.ts";

/** What an actor plays for. */
export interface ActorOptions {
  readonly redis: Redis;
  readonly run: string;
  /** Self-play workers (0: one loop in the main thread). */
  readonly workers: number;
  /** The actor's name in the stream's entries. */
  readonly name: string;
  /** Stop after this many episodes (all loops together); unlimited when absent. */
  readonly episodes?: number;
  /** Where the one line per episode goes. */
  readonly log: (line: string) => void;
}

/** How long to wait before looking again for weights or room in the stream. */
const pollMs = 250;

/** Runs the actor until the run is done; returns the number of episodes it appended. */
export async function runActor(o: ActorOptions): Promise<number> {
  const { redis, run } = o;
  const keys = runKeys(run);
  const info = await readRunInfo(redis, run, o.log);
  const { config } = info;
  const shape = shapeOf(config.muzero, info.sizes);
  const floats = muzeroLayout(muzeroNets(shape)).reduce((n, e) => n + sizeOf(e.shape), 0);
  const rng = streams(config.seed);
  const cap = streamCap(config);
  let current: Promise<WeightsVersion | null> | null = null;
  let appended = 0;
  let claimed = 0;

  /** The newest weights (read once per version for all loops), or null before the first. */
  async function newest(): Promise<WeightsVersion | null> {
    const v = await latestVersion(redis, run);
    if (v === null) return null;
    if (current === null || (await current)?.version !== v) {
      current = readWeights(redis, run, v, floats);
    }
    return await current;
  }

  async function loop(workers: number): Promise<void> {
    const pool = await createSelfPlay(workers, config.env, shape);
    try {
      while (o.episodes === undefined || claimed < o.episodes) {
        if (await redis.get(keys.done) !== null) return;
        const weights = await newest();
        if (weights === null || await redis.length(keys.stream) >= cap) {
          await sleep(pollMs);
          continue;
        }
        claimed++;
        const number = (await redis.incr(keys.next)) - 1;
        const t0 = performance.now();
        const [episode] = await pool.play(
          weights.packed,
          playOptions(config.muzero, weights.temperature, true),
          [{ start: number, seed: rng.childSeed(`remote:${number}`) }],
        );
        const ms = performance.now() - t0;
        const data = encodeEpisode(episode, {});
        const id = await redis.appendOnce(keys.stream, keys.added(number), {
          episode: data,
          number: String(number),
          version: String(weights.version),
          actor: o.name,
        });
        if (id !== null) appended++;
        const latest = await latestVersion(redis, run) ?? weights.version;
        o.log(
          `episode ${number} -> ${id ?? "already appended"}: weights ${weights.version} ` +
            `(latest ${latest}, staleness ${
              latest - weights.version
            }), length ${episode.length}, ` +
            `return ${episodeReturn(episode).toFixed(3)}, ${
              ms.toFixed(0)
            } ms, ${data.length} bytes`,
        );
      }
    } finally {
      pool.close();
    }
  }

  const loops = o.workers === 0 ? [0] : Array.from({ length: o.workers }, () => 1);
  await Promise.all(loops.map(loop));
  return appended;
}
