/**
 * `deno task evaluate --redis`: the episodes played by two `deno task worker` processes, one
 * killed with SIGKILL mid-episode, give the same scores.json and episodes.jsonl as the
 * in-process run (all but the decision times); the job's results are stored once per task.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { connectRedis } from "../effects/redis/client.ts";
import { jobKeys } from "../effects/redis/jobs.ts";
import { main } from "../scripts/evaluate.ts";
import { assertPlayedOnce, jobPublished, redisTest, startWorker } from "./redis_shared.ts";
import { runScript, testFolder } from "./shared.ts";

/** A JSON value without its timing fields (they differ run to run). */
const untimed = (text: string): unknown =>
  JSON.parse(text, (k, v) => (/^decision_ms|^machine$/.test(k) ? undefined : v));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

redisTest(
  "evaluate --redis: two workers, one killed mid-episode, give the local run's scores",
  async (url) => {
    const dir = await testFolder("redis-evaluate");
    const flags = ["--agents", "reconnect,expert", "--scenarios", "2", "--max-length", "400"];
    const local = join(dir, "local");
    const remote = await testFolder("redis-evaluate-job");
    const l = await runScript(main, [...flags, "--workers", "1", "--out", local, "--quiet"]);
    assert.equal(l.code, 0, l.err.join("\n"));

    const job = basename(remote);
    const coordinator = runScript(main, [...flags, "--out", remote, "--quiet", "--redis", url]);
    const redis = await connectRedis(url, { waitSeconds: 2 });
    await jobPublished(redis, job);
    const worker = (extra: string[]) => startWorker(url, job, extra);
    const killed = worker(["--workers", "0"]);
    const survivor = worker(["--workers", "1", "--reclaim-after", "1"]);
    await killed.waitFor(/^task /);
    await sleep(50);
    killed.kill();
    assert.equal(await survivor.status, 0, survivor.lines.join("\n"));
    const r = await coordinator;
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(await redis.hLen(jobKeys(job).results), 6);
    await assertPlayedOnce([killed, survivor], 6);
    await redis.close();

    const read = (o: string, file: string) => Deno.readTextFileSync(join(o, file));
    assert.deepEqual(untimed(read(remote, "scores.json")), untimed(read(local, "scores.json")));
    const lines = (o: string) => read(o, "episodes.jsonl").trim().split("\n").map(untimed);
    assert.deepEqual(lines(remote), lines(local));
  },
);
