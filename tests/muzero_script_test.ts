import assert from "node:assert/strict";
import { join } from "node:path";
import { runMain } from "../effects/cli.ts";
import { main } from "../scripts/muzero.ts";
import { repoPath, testFolder } from "./shared.ts";

/** Runs the script in-process with its console silenced; returns the exit code and stdout. */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const saved = [console.log, console.error];
  let out = "";
  console.log = (...x: unknown[]) => void (out += x.join(" ") + "\n");
  console.error = () => {};
  try {
    return { code: await runMain(() => main(args)), out };
  } finally {
    [console.log, console.error] = saved;
  }
}

const tinyFlags = [
  "--env=bandit:actions=3",
  "--workers=0",
  "--steps=4",
  "--episodes-per-round=2",
  "--steps-per-round=2",
  "--train-after=2",
  "--hidden=8",
  "--value-hidden=8",
  "--policy-hidden=8",
  "--reward-hidden=8",
  "--simulations=4",
  "--batch=4",
  "--eval-episodes=2",
];

const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

Deno.test("muzero: bad flags exit with 2 and write nothing", async () => {
  const out = repoPath(`runs/tests/muzero-bad-${crypto.randomUUID().slice(0, 8)}`);
  const bad = [
    ["--nope"],
    ["--simulations", "0"],
    ["--env", "maze"],
    ["--env", "chain:length=x"],
    ["--loss", "l3"],
    ["--discount", "1.5"],
    ["--temperatures", "1,2", "--temperature-steps", "5,6"],
    ["--temperature-steps", "80,50", "--temperatures", "1,2,3"],
    ["--train-after", "20", "--window", "10"],
    ["--policy-hidden", "512,0.5"],
    ["--eval-episodes", "0"],
  ];
  for (const args of bad) {
    const { code } = await run([...args, "--out", out]);
    assert.equal(code, 2, args.join(" "));
  }
  for (
    const args of [
      ["--resume", out],
      ["--resume", out, "--simulations", "3"],
      ["--resume", out, "--out", out],
      ["--eval", out],
      ["--eval", out, "--lr", "0.1"],
    ]
  ) {
    assert.equal((await run(args)).code, 2, args.join(" "));
  }
  assert.equal((await run(["--out", "/tmp/elsewhere"])).code, 2);
  assert.equal(await exists(out), false);
});

Deno.test("muzero: a run writes its folder; --resume extends it; --eval reports survival", async () => {
  const folder = await testFolder("muzero-script");
  const trained = await run([...tinyFlags, "--out", folder]);
  assert.equal(trained.code, 0);
  for (
    const f of [
      "config.json",
      "metrics.jsonl",
      "checkpoint.bin",
      "loss.svg",
      "episodes.svg",
      "eval.json",
      "eval.csv",
    ]
  ) {
    assert.ok(await exists(join(folder, f)), f);
  }
  assert.match(trained.out, /mean: return [\d.]+, length [\d.]+, survival [\d.]+/);

  const resumed = await run(["--resume", folder, "--steps", "6", "--eval-episodes", "1"]);
  assert.equal(resumed.code, 0);
  assert.match(resumed.out, /after 6 training steps/);

  const evalOut = join(await testFolder("muzero-eval"), "out");
  const evaluated = await run(["--eval", folder, "--eval-episodes", "3", "--out", evalOut]);
  assert.equal(evaluated.code, 0);
  const summary = JSON.parse(await Deno.readTextFile(join(evalOut, "eval.json")));
  assert.equal(summary.episodes.length, 3);
  for (const e of summary.episodes) {
    assert.equal(e.survival, e.length / summary.maxEpisodeLength);
  }
  assert.equal(summary.trainingSteps, 6);
  assert.equal(summary.optimalReturn, 1);
});

Deno.test("muzero --compare: trained, untrained, do-nothing and random on the same held-out episodes", async () => {
  const folder = await testFolder("muzero-compare-run");
  const trained = await run([
    ...tinyFlags.filter((f) => !f.startsWith("--env")),
    "--env=case14:steps=40",
    "--max-episode-length=10",
    "--out",
    folder,
  ]);
  assert.equal(trained.code, 0);
  assert.match(trained.out, /evaluation on case14:seed=1000,/);

  const out = join(await testFolder("muzero-compare"), "out");
  const bad = [
    ["--compare", folder, "--eval-options", "steps=0", "--out", out],
    ["--compare", folder, "--eval-options", "seed", "--out", out],
    ["--compare", folder, "--eval", folder, "--out", out],
    ["--compare", folder, "--simulations", "3", "--out", out],
    ["--compare", folder, "--research", "--out", out],
    ["--compare", folder, "--eval-max-length", "0", "--out", out],
  ];
  for (const args of bad) assert.equal((await run(args)).code, 2, args.join(" "));
  assert.equal(await exists(out), false);

  const compared = await run(["--compare", folder, "--eval-episodes=2", "--eval-max-length=30"]
    .concat("--out", out));
  assert.equal(compared.code, 0);
  const c = JSON.parse(await Deno.readTextFile(join(out, "compare.json")));
  assert.equal(c.scenarios, "held-out");
  assert.match(c.env, /^case14:seed=1000,steps=40,/);
  assert.deepEqual(c.agents.map((a: { agent: string }) => a.agent), [
    "muzero (4 steps)",
    "muzero (untrained)",
    "do-nothing",
    "random",
  ]);
  for (const a of c.agents) {
    assert.deepEqual(a.episodes.map((e: { start: number }) => e.start), [0, 1]);
    for (const e of a.episodes) assert.equal(e.survival, e.length / 30);
  }
  // Do-nothing survives these 30 steps of held-out scenarios 0 and 1.
  assert.equal(c.agents[2].meanSurvival, 1);
  const csv = (await Deno.readTextFile(join(out, "compare.csv"))).trim().split("\n");
  assert.equal(csv.length, 1 + 4 * 2);
  assert.match(await Deno.readTextFile(join(out, "compare.svg")), /^<svg/);
  assert.match(compared.out, /do-nothing\s+1\.000\s+30\.0/);

  const given = join(await testFolder("muzero-eval-given"), "out");
  const evaluated = await run(["--eval", folder, "--eval-options=seed=5", "--eval-episodes=1"]
    .concat("--out", given));
  assert.equal(evaluated.code, 0);
  const e = JSON.parse(await Deno.readTextFile(join(given, "eval.json")));
  assert.match(e.env, /^case14:seed=5,/);
  assert.equal(e.maxEpisodeLength, 10);
});
