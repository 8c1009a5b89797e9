/**
 * Bench section "redis" (with `--redis URL`; skipped without): MuZero self-play episodes per
 * second on case14-hard with the hard-quick preset's networks, played by 1 and 2 actor
 * processes over Redis (`deno task actor`, one worker each, read by the learner's own episode
 * source) against the in-process workers on the same episodes; and the engine's per-episode
 * overhead: the bytes an episode takes in the stream, the milliseconds to encode, append and
 * read it, and to decode it (its observations replayed in the environment, as the learner does).
 * The rate over Redis is taken from the first episode's arrival to the last, so process
 * start-up is left out. Then the data collection's figures (redis_collect.ts).
 *
 * @module
 */
import { muzeroLayout, muzeroNets, type PlayJob, playOptions } from "../core/muzero/mod.ts";
import { packParams } from "../core/nn/mod.ts";
import { InputError, makeEnv } from "../effects/mod.ts";
import {
  createSelfPlay,
  decodeEpisode,
  defaultRunConfig,
  encodeEpisode,
  type EnvSizes,
  initialParams,
  markRunDone,
  remoteSource,
  type RunConfig,
  runKeys,
  shapeOf,
} from "../effects/muzero/mod.ts";
import { connectRedis, type Redis, redisAddress } from "../effects/redis/mod.ts";
import { collectionFigures } from "./redis_collect.ts";
import type { BenchSection } from "./timing.ts";

/** Episodes each actor (or in-process worker) plays per measurement. */
const perActor = (quick: boolean) => quick ? 3 : 8;

/** Plays `n` episodes with `actors` actor processes; returns episodes per second. */
async function overRedis(
  redis: Redis,
  url: string,
  config: RunConfig,
  sizes: EnvSizes,
  weights: Float32Array,
  actors: number,
  n: number,
): Promise<number> {
  const run = `bench-${crypto.randomUUID().slice(0, 8)}`;
  const source = await remoteSource({
    redis,
    run,
    config,
    sizes,
    maxStaleness: 0,
    log: () => {},
  });
  const options = playOptions(config.muzero, 1, true);
  const jobs: PlayJob[] = Array.from({ length: n }, (_, i) => ({ start: i, seed: i }));
  const { episodes } = await source.begin(0, weights, options, jobs);
  const children = Array.from({ length: actors }, () =>
    new Deno.Command("deno", {
      args: [
        ...["run", "--frozen", "--allow-read=.,../shared", `--allow-net=${redis.address}`],
        ...["scripts/actor.ts", "--redis", url, "--run", run, "--workers", "1"],
        ...["--episodes", String(n / actors)],
      ],
      stdout: "null",
      stderr: "inherit",
    }).spawn());
  // The rate from the first episode's arrival (start-up left out) to the last.
  const firstKey = runKeys(run).stream;
  while (await redis.length(firstKey) === 0) await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  await episodes;
  const seconds = (performance.now() - t0) / 1000;
  await markRunDone(redis, run);
  await Promise.all(children.map((c) => c.status));
  const keys = runKeys(run);
  await redis.del(keys.run, keys.latest, keys.weights(0), keys.stream, keys.next, keys.done);
  return (n - 1) / seconds;
}

/** The section. */
export const redisBench: BenchSection = {
  name: "redis",
  async run(report, { quick, redis: url }) {
    if (url === undefined) {
      console.log("  (skipped: give --redis redis://host:port, see docs/redis.md)");
      return;
    }
    const run = await Deno.permissions.query({ name: "run", command: "deno" });
    if (run.state !== "granted") {
      throw new InputError("--redis: the bench starts actor processes: run with --allow-run=deno");
    }
    redisAddress(url); // a malformed URL is refused before minutes of measuring
    const base = defaultRunConfig("hard-quick");
    const actorsMax = 2;
    const n = actorsMax * perActor(quick);
    const config: RunConfig = {
      ...base,
      episodesPerRound: n,
      checkpointEvery: 1,
      muzero: { ...base.muzero, maxEpisodeLength: quick ? 10 : 40 },
    };
    const env = await makeEnv(config.env);
    const sizes = { observationSize: env.observationSize, numActions: env.numActions };
    const shape = shapeOf(config.muzero, sizes);
    const nets = muzeroNets(shape);
    const weights = packParams(muzeroLayout(nets), initialParams(config, nets));
    const options = playOptions(config.muzero, 1, true);
    const note = `case14-hard, hard-quick networks, up to ${config.muzero.maxEpisodeLength} moves`;

    const played = [];
    for (const workers of [1, 2]) {
      const pool = await createSelfPlay(workers, config.env, shape);
      try {
        const jobs = Array.from({ length: workers * perActor(quick) }, (_, i) => ({
          start: i,
          seed: i,
        }));
        const t0 = performance.now();
        played.push(...await pool.play(weights, options, jobs));
        const rate = jobs.length / ((performance.now() - t0) / 1000);
        report(`episodes per second, in-process, ${workers} worker(s)`, rate, "ep/s", note);
      } finally {
        pool.close();
      }
    }
    const redis = await connectRedis(url, { waitSeconds: 10 });
    try {
      for (const actors of [1, 2]) {
        const n = actors * perActor(quick);
        const rate = await overRedis(redis, url, config, sizes, weights, actors, n);
        report(`episodes per second, ${actors} actor process(es) over Redis`, rate, "ep/s", note);
      }
      // The engine's cost per episode: encode and append, read back, decode with its replay.
      const stream = `gridfold:bench:${crypto.randomUUID().slice(0, 8)}`;
      let bytes = 0, wire = 0, decoding = 0;
      for (const [i, ep] of played.entries()) {
        const t0 = performance.now();
        const data = encodeEpisode(ep, {});
        await redis.appendOnce(stream, `${stream}:added:${i}`, { episode: data }, 60);
        const [entry] = await redis.range(stream, "-", 1);
        const t1 = performance.now();
        decodeEpisode(entry.fields.episode, env, config.env.name, "bench");
        decoding += performance.now() - t1;
        wire += t1 - t0;
        bytes += data.length;
        await redis.del(stream);
      }
      const moves = played.reduce((k, e) => k + e.length, 0) / played.length;
      report(
        "bytes per episode in the stream",
        bytes / played.length,
        "B",
        `${moves.toFixed(1)} moves per episode`,
      );
      report("per episode: encode, XADD and read back", wire / played.length, "ms");
      report(
        "per episode: decode, observations replayed",
        decoding / played.length,
        "ms",
        "the gated environment's steps between decisions",
      );
      await collectionFigures(report, redis, url, quick);
    } finally {
      await redis.close();
    }
  },
};
