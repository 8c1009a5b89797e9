/**
 * Redis going away under a MuZero learner and its actor: restarted within `--redis-wait` with
 * its data (append-only file on), the run goes on and ends; gone for good, the learner stops
 * with one line and exit code 2, its checkpoint whole. These tests start a `redis-server` of
 * their own (so they need it on PATH and `--allow-run=redis-server`), since they kill it.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { readJsonLines } from "../effects/io/runs.ts";
import { readCheckpoint } from "../effects/muzero/checkpoint.ts";
import { runFiles } from "../effects/muzero/train.ts";
import { startTask } from "./redis_shared.ts";
import { testFolder } from "./shared.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why the tests cannot run here, or null. */
function missing(): string | null {
  if (Deno.permissions.querySync({ name: "run", command: "redis-server" }).state !== "granted") {
    return "no permission to run redis-server";
  }
  try {
    new Deno.Command("redis-server", { args: ["--version"], stdout: "null" }).outputSync();
    return null;
  } catch {
    return "redis-server is not installed";
  }
}

/** A redis-server on `port`, its append-only file in `dir`. */
async function startRedis(port: number, dir: string): Promise<Deno.ChildProcess> {
  const child = new Deno.Command("redis-server", {
    args: [
      ...["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "yes"],
      ...["--dir", dir],
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  for (let i = 0; i < 100; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return child;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`redis-server did not start on ${port}`);
}

const tiny = [
  "--env=bandit:actions=3,seed=2",
  "--workers=0",
  "--episodes-per-round=2",
  "--steps-per-round=2",
  "--checkpoint-every=2",
  "--train-after=2",
  "--hidden=8",
  "--value-hidden=8",
  "--policy-hidden=8",
  "--reward-hidden=8",
  "--simulations=4",
  "--batch=4",
  "--eval-episodes=1",
  "--redis-wait=3",
];

const why = missing();

/**
 * Runs a learner (`steps` training steps) and an actor on a fresh Redis, kills Redis with
 * SIGKILL after 4 rounds, then calls `then` (which may start it again).
 */
async function interrupted(
  name: string,
  steps: number,
  then: (port: number, dir: string) => Promise<void>,
) {
  const folder = await testFolder(name);
  const dir = await testFolder(`${name}-redis`);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `redis://127.0.0.1:${port}`;
  const net = `--allow-net=127.0.0.1:${port}`;
  const redis = await startRedis(port, dir);
  const learner = startTask([
    ...["--allow-read=.,../shared", "--allow-write=runs/tests", net, "scripts/muzero.ts"],
    ...tiny,
    ...[`--steps=${steps}`, "--out", folder, "--redis", url],
  ]);
  await learner.waitFor(/start actors/);
  const actor = startTask([
    ...["--allow-read=.,../shared", net, "scripts/actor.ts"],
    ...["--redis", url, "--run", basename(folder), "--redis-wait=3"],
  ]);
  while ((await readJsonLines(join(folder, runFiles.metrics))).length < 4) await sleep(20);
  redis.kill("SIGKILL");
  await redis.status;
  await then(port, dir);
  return { learner, actor, folder };
}

Deno.test({
  name: why === null
    ? "muzero --redis: Redis restarted with its data within --redis-wait, the run goes on and ends"
    : `muzero --redis: Redis restarted mid-run (ignored: ${why})`,
  ignore: why !== null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const restarted: Deno.ChildProcess[] = [];
    const { learner, actor, folder } = await interrupted("redis-restart", 60, async (port, dir) => {
      await sleep(500);
      restarted.push(await startRedis(port, dir));
    });
    try {
      assert.equal(await learner.status, 0, learner.lines.join("\n"));
      assert.equal(await actor.status, 0, actor.lines.join("\n"));
      const ckpt = await readCheckpoint(join(folder, runFiles.checkpoint));
      assert.equal(ckpt.state.trainingSteps, 60);
    } finally {
      for (const r of restarted) (r.kill("SIGKILL"), await r.status);
    }
  },
});

Deno.test({
  name: why === null
    ? "muzero --redis: Redis gone for good, the learner stops with one line, exit code 2"
    : `muzero --redis: Redis gone for good (ignored: ${why})`,
  ignore: why !== null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { learner, actor, folder } = await interrupted(
      "redis-gone",
      100000,
      () => Promise.resolve(),
    );
    assert.equal(await learner.status, 2);
    const errors = learner.lines.filter((l) => l.startsWith("error:"));
    assert.equal(errors.length, 1, learner.lines.join("\n"));
    assert.match(errors[0], /^error: Redis at 127\.0\.0\.1:\d+ did not answer for 3 s/);
    assert.equal(await actor.status, 2);
    // The checkpoint is whole and resumable.
    const ckpt = await readCheckpoint(join(folder, runFiles.checkpoint));
    assert.ok(ckpt.state.round >= 2);
  },
});
