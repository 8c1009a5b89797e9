import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { readJsonLines } from "../effects/io/runs.ts";
import { readCheckpoint } from "../effects/muzero/checkpoint.ts";
import { runKeys } from "../effects/muzero/remote.ts";
import { compareIds } from "../effects/muzero/remote_learner.ts";
import { runFiles } from "../effects/muzero/train.ts";
import { connectRedis, redisAddress } from "../effects/redis/client.ts";
import { redisTest, startTask, type TaskProcess } from "./redis_shared.ts";
import { testFolder } from "./shared.ts";

/** A small run on case14-hard: 15 rounds of 2 training steps, a checkpoint every 2 rounds. */
const tiny = [
  "--env=case14-hard:observation=compact,actions=20",
  "--workers=0",
  "--steps=30",
  "--episodes-per-round=2",
  "--steps-per-round=2",
  "--checkpoint-every=2",
  "--train-after=2",
  "--window=1000",
  "--max-episode-length=60",
  "--hidden=8",
  "--value-hidden=8",
  "--policy-hidden=8",
  "--reward-hidden=8",
  "--simulations=24",
  "--batch=4",
  "--unroll-steps=2",
  "--td-steps=2",
];
const evalFlags = ["--eval-episodes=1", "--eval-max-length=5"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The actors' appended episodes, number -> stream id, from their per-episode lines. */
function appended(actors: TaskProcess[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const a of actors) {
    for (const line of a.lines) {
      const m = line.match(/^episode (\d+) -> (\d+-\d+):/);
      if (m !== null) out.set(Number(m[1]), m[2]);
    }
  }
  return out;
}

redisTest(
  "muzero --redis: a learner and two actors, an actor and the learner killed with SIGKILL, " +
    "store every episode exactly once and training resumes",
  async (url) => {
    const folder = await testFolder("redis-muzero");
    const run = basename(folder);
    const net = `--allow-net=${redisAddress(url)}`;
    const learnerPermissions = ["--allow-read=.,../shared", "--allow-write=runs/tests", net];
    const actor = (workers: number) =>
      startTask([
        "--allow-read=.,../shared",
        net,
        "scripts/actor.ts",
        ...["--redis", url, "--run", run, "--workers", String(workers)],
      ]);
    const learner = startTask([
      ...learnerPermissions,
      "scripts/muzero.ts",
      ...tiny,
      ...evalFlags,
      ...["--out", folder, "--redis", url],
    ]);
    await learner.waitFor(/start actors/);
    const killedActor = actor(0);
    const actors = [killedActor, actor(1)];

    // Killed mid-episode: an episode takes far longer than the Redis calls around it.
    await killedActor.waitFor(/^episode 2 /);
    await sleep(100);
    killedActor.kill();

    // The learner killed with a round taken after its last checkpoint (rows 0-4, checkpoint 4).
    const metrics = join(folder, runFiles.metrics);
    while ((await readJsonLines(metrics)).length < 5) await sleep(50);
    learner.kill();
    await learner.status;
    const rowsAtKill = (await readJsonLines(metrics)).length;
    const before = await readCheckpoint(join(folder, runFiles.checkpoint));
    assert.ok(before.state.stream !== undefined, "the checkpoint records the stream position");
    assert.ok(before.state.round < rowsAtKill, "episodes were taken after the last checkpoint");
    assert.ok(before.state.trainingSteps < 30);

    actors.push(actor(0));
    const resumed = startTask([
      ...learnerPermissions,
      "scripts/muzero.ts",
      ...["--resume", folder, "--redis", url, ...evalFlags],
    ]);
    assert.equal(await resumed.status, 0, resumed.lines.join("\n"));
    for (const a of actors.slice(1)) assert.equal(await a.status, 0, a.lines.join("\n"));

    const final = await readCheckpoint(join(folder, runFiles.checkpoint));
    assert.equal(final.state.trainingSteps, 30);
    const position = final.state.stream!;
    const dropped = new Set(
      [learner, resumed].flatMap((l) =>
        l.lines.flatMap((line) => line.match(/^dropped stream entry (\S+):/)?.[1] ?? [])
      ),
    );
    const added = appended(actors);
    const expected = [...added].filter(([, id]) =>
      compareIds(id, position) <= 0 && !dropped.has(id)
    )
      .map(([n]) => n).sort((a, b) => a - b);
    const stored = final.state.buffer.episodes.map((e) => e.start).sort((a, b) => a - b);
    assert.deepEqual(stored, expected, "every episode up to the position stored exactly once");
    assert.equal(final.state.buffer.added, stored.length);

    const rows = await readJsonLines(metrics) as { round: number }[];
    assert.deepEqual(rows.map((r) => r.round), [...Array(final.state.round).keys()]);

    // Only the killed actor's episode in flight is lost.
    const redis = await connectRedis(url, { waitSeconds: 2 });
    const numbered = Number(await redis.get(runKeys(run).next));
    await redis.close();
    const lost = [...Array(numbered).keys()].filter((n) => !added.has(n));
    assert.ok(lost.length <= 1, `lost episodes ${lost}`);
  },
);

Deno.test("actor and muzero --redis: an unreachable Redis or no --allow-net is one line and exit code 2", async () => {
  const actor = startTask([
    "--allow-read=.,../shared",
    "--allow-net=127.0.0.1:1",
    "scripts/actor.ts",
    ...["--redis", "redis://127.0.0.1:1", "--run", "none", "--redis-wait", "1"],
  ]);
  assert.equal(await actor.status, 2);
  assert.deepEqual(actor.lines.filter((l) => l !== ""), [
    actor.lines.find((l) => /^error: Redis at 127\.0\.0\.1:1 did not answer for 1 s/.test(l)),
  ]);
  const folder = await testFolder("redis-no-net");
  const learner = startTask([
    "--allow-read=.,../shared",
    "--allow-write=runs/tests",
    "scripts/muzero.ts",
    ...["--out", join(folder, "run"), "--redis", "redis://127.0.0.1:1"],
  ]);
  assert.equal(await learner.status, 2);
  assert.match(
    learner.lines.join("\n"),
    /^error: --redis redis:\/\/127\.0\.0\.1:1: run with --allow-net=127\.0\.0\.1:1/,
  );
  assert.equal(await Deno.stat(join(folder, "run")).catch(() => null), null, "nothing written");
});
