/**
 * `deno task cluster --redis`: the grid's episodes played by two `deno task worker` processes,
 * one killed with SIGKILL, give the same run folder, byte for byte, as the in-process run; each
 * task's result is stored once; a coordinator started again on the job reuses the stored
 * results with no worker at all, and one with other settings is refused.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { connectRedis } from "../effects/redis/client.ts";
import { jobKeys } from "../effects/redis/jobs.ts";
import { main } from "../scripts/cluster.ts";
import { assertPlayedOnce, jobPublished, redisTest, startWorker } from "./redis_shared.ts";
import { folderFiles, runScript, testFolder } from "./shared.ts";

redisTest(
  "cluster --redis: two workers, one killed, give the local run's folder byte for byte",
  async (url) => {
    const dir = await testFolder("redis-cluster");
    const flags = ["--env", "case14", "--episodes", "30", "--samples", "200", "--quiet"];
    const local = join(dir, "local");
    const l = await runScript(main, [...flags, "--workers", "1", "--out", local]);
    assert.equal(l.code, 0, l.err.join("\n"));

    const remote = await testFolder("redis-cluster-job");
    await Deno.remove(remote, { recursive: true });
    const job = basename(remote);
    const coordinator = runScript(main, [...flags, "--out", remote, "--redis", url]);
    const redis = await connectRedis(url, { waitSeconds: 2 });
    await jobPublished(redis, job);
    const worker = (extra: string[]) => startWorker(url, job, extra);
    const killed = worker(["--workers", "0"]);
    await killed.waitFor(/^task /);
    killed.kill();
    const survivor = worker(["--workers", "1", "--reclaim-after", "1"]);
    assert.equal(await survivor.status, 0, survivor.lines.join("\n"));
    const r = await coordinator;
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.ok(r.out.some((line) => line.startsWith("job ")), r.out.join("\n"));

    const stored = await redis.hLen(jobKeys(job).results);
    await assertPlayedOnce([killed, survivor], stored);
    const [a, b] = await Promise.all([folderFiles(local), folderFiles(remote)]);
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    for (const [name, bytes] of a) assert.deepEqual(b.get(name), bytes, name);

    // Again on the same job: every result is there, no worker needed.
    const again = join(dir, "again");
    await Deno.rename(remote, again);
    const s = await runScript(main, [...flags, "--out", remote, "--redis", url]);
    assert.equal(s.code, 0, s.err.join("\n"));
    assert.deepEqual(await folderFiles(remote), a);
    assert.equal(await redis.hLen(jobKeys(job).results), stored);
    // Other settings on the same job: refused, nothing written.
    await Deno.remove(remote, { recursive: true });
    const o = await runScript(main, [...flags, "--seed", "30", "--out", remote, "--redis", url]);
    assert.equal(o.code, 2);
    assert.match(o.err.join("\n"), /job .* exists with other settings/);
    assert.ok(!(await Deno.stat(remote).then(() => true, () => false)));
    await redis.close();
  },
);
