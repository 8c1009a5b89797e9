/**
 * The "redis" bench section's data collection figures: the grid decomposition's episodes on
 * case14 (random topology agents on its 7 substations, every episode played) per second with
 * the in-process pool of 1 and 2 workers against 1 and 2 `deno task worker` processes over
 * Redis, and the engine's cost per task: the bytes of a result and the milliseconds to encode,
 * store (`HSETNX`), read back and decode it. The worker processes are started and waiting for
 * the job before the clock starts; both sides load the grid in their workers while timed.
 *
 * @module
 */
import { actionableSubstations } from "../core/agents/mod.ts";
import {
  collectionRunner,
  collectJob,
  type CollectOptions,
  collectOverRedis,
  collectTopologyRows,
} from "../effects/cluster/mod.ts";
import { loadGrid } from "../effects/mod.ts";
import { jobKeys, type Redis } from "../effects/redis/mod.ts";
import type { Report } from "./timing.ts";

/** Starts a worker process on `job` and resolves once it waits for the job to start. */
async function waitingWorker(url: string, address: string, job: string) {
  const child = new Deno.Command("deno", {
    args: [
      ...["run", "--frozen", "--allow-read=.,../shared", `--allow-net=${address}`],
      ...["scripts/worker.ts", "--redis", url, "--job", job, "--workers", "1"],
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("waiting for its coordinator")) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`worker process: exited before its job started:\n${text}`);
    text += value;
  }
  (async () => {
    while (!(await lines.read()).done); // drained, so the worker never blocks on its stdout
  })();
  return child;
}

/** The figures. */
export async function collectionFigures(
  report: Report,
  redis: Redis,
  url: string,
  quick: boolean,
): Promise<void> {
  const env = await loadGrid("case14");
  const subs = actionableSubstations(env.model.net);
  const episodes = quick ? 6 : 60;
  const options: CollectOptions = {
    env: "case14",
    load: {},
    seed: 29,
    subs,
    episodes,
    samples: 1e6,
    workers: 1,
  };
  const tasks = subs.length * episodes;
  const note = `case14, ${subs.length} substations x ${episodes} episodes`;
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    await collectTopologyRows({ ...options, workers });
    const rate = tasks / ((performance.now() - t0) / 1000);
    report(`collection: episodes per second, in-process, ${workers} worker(s)`, rate, "ep/s", note);
  }
  for (const processes of [1, 2]) {
    const job = `bench-collect-${crypto.randomUUID().slice(0, 8)}`;
    const children = await Promise.all(
      Array.from({ length: processes }, () => waitingWorker(url, redis.address, job)),
    );
    const t0 = performance.now();
    await collectOverRedis(redis, job)(options);
    const rate = tasks / ((performance.now() - t0) / 1000);
    await Promise.all(children.map((c) => c.status));
    const keys = jobKeys(job);
    await redis.del(keys.job, keys.tasks, keys.results, keys.finished, keys.done);
    report(
      `collection: episodes per second, ${processes} worker process(es) over Redis`,
      rate,
      "ep/s",
      note,
    );
  }
  // The engine's cost per task, on episodes played here.
  const play = await collectionRunner(options);
  const key = `gridfold:bench:${crypto.randomUUID().slice(0, 8)}`;
  let bytes = 0, ms = 0, rows = 0;
  for (let episode = 0; episode < episodes; episode++) {
    const [result] = play({ episode, subs: [subs[episode % subs.length]] });
    const t0 = performance.now();
    const data = collectJob.encode(result) as Uint8Array;
    await redis.hSetIfAbsent(key, String(episode), data);
    collectJob.decode((await redis.hGet(key, String(episode)))!, "bench");
    ms += performance.now() - t0;
    bytes += data.byteLength;
    rows += result.rows;
  }
  await redis.del(key);
  report(
    "collection: bytes per result",
    bytes / episodes,
    "B",
    `${(rows / episodes).toFixed(0)} rows of 20 lines per episode`,
  );
  report("collection: per result, encode, HSETNX, HGET and decode", ms / episodes, "ms");
}
