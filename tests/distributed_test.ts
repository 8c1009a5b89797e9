/**
 * `deno task distributed` end to end on the built-in case14: the same records in the main
 * thread and in workers, a run stopped after a checkpoint (with records appended after it, as
 * a kill can leave) resumed to the same bytes as one never stopped, the comparison's content,
 * and bad flags (exit 2, one line, nothing written). Also the teams: the centralised
 * decomposition, do-nothing played through `playEpisode` against the environment itself.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { actionableSubstations } from "../core/agents/substations.ts";
import { doNothing } from "../core/grid/env/action.ts";
import { reset, step } from "../core/grid/env/step.ts";
import { genFromSeed } from "../core/random.ts";
import { readDistributedCheckpoint } from "../effects/agents/distributed_checkpoint.ts";
import { runDistributed } from "../effects/agents/distributed_run.ts";
import { centralised, makeTeam, playEpisode } from "../effects/agents/team.ts";
import { loadGrid } from "../effects/grids.ts";
import { readDecomposition } from "../effects/io/decomposition_file.ts";
import { setupTf } from "../effects/nn/backend.ts";
import { main } from "../scripts/distributed.ts";
import { folderFiles, repoPath, runScript, testFolder } from "./shared.ts";

await setupTf();
const env = await loadGrid("case14");
const { model } = env;
const { decomposition } = await readDecomposition(
  repoPath("fixtures/case14/clusters.json"),
  model.net,
);

Deno.test("teams: the centralised cluster holds every actionable substation and line", () => {
  const c = centralised(model);
  assert.deepEqual(c.clusters[0].substations, actionableSubstations(model.net));
  assert.equal(c.clusters[0].lines.length, model.net.line.name.length);
  const team = makeTeam("distributed", model, decomposition, null, genFromSeed(0));
  assert.deepEqual(team.clusters.map((k) => k.actions.length), [29 + 5 + 31 + 15, 57 + 15 + 7]);
  assert.ok(team.clusters.every((k) => k.agent === null));
});

Deno.test("do-nothing through playEpisode is the environment stepped with do-nothing", () => {
  for (const scenario of [0, 4]) {
    const s = env.scenario(scenario);
    const options = { reward: "CloseToOverflowReward" as const, train: false };
    const [r] = playEpisode(model, s, null, options, genFromSeed(0));
    let state = reset(model, s), reward = 0, steps = 0, safe = -1;
    while (!state.done) {
      state = step(model, state, doNothing(model.net)).state;
      steps++;
      reward += state.rewards.CloseToOverflowReward;
      if (safe < 0 && (state.gameOver || state.rho.some((x) => !(x < 0.9)))) safe = steps - 1;
    }
    assert.equal(r.gameOver, state.gameOver);
    assert.equal(r.survived, state.gameOver ? steps - 1 : steps);
    assert.equal(r.reward, reward);
    assert.equal(r.safeSteps, safe < 0 ? steps : safe);
    assert.deepEqual(r.clusterActs, []);
  }
  // Scenario 4 ends early without an agent (transformer 4_5_17 trips at step 478).
  const [four] = playEpisode(model, env.scenario(4), null, {
    reward: "CloseToOverflowReward",
    train: false,
  }, genFromSeed(0));
  assert.ok(four.gameOver && four.survived < 575, `${four.survived}`);
});

const small = ["--scenarios", "6", "--episodes", "10", "--seed", "3", "--quiet"];

Deno.test("distributed: workers or not, the same bytes; stopped and resumed, the same bytes", async () => {
  const base = await testFolder("distributed");
  const [a, b, c] = ["a", "b", "c"].map((n) => join(base, n));
  const ra = await runScript(main, [...small, "--workers", "2", "--out", a]);
  assert.equal(ra.code, 0, ra.err.join("\n"));
  assert.equal((await runScript(main, [...small, "--workers", "0", "--out", b])).code, 0);
  const fa = await folderFiles(a), fb = await folderFiles(b);
  assert.deepEqual([...fb.keys()].sort(), [...fa.keys()].sort());
  for (const [name, bytes] of fa) assert.deepEqual(fb.get(name), bytes, name);
  // 5 training scenarios: passes end at 5 and 10 episodes; evaluations 0, 1, 2.
  const ckpt = await readDistributedCheckpoint(join(a, "checkpoint.bin"));
  assert.deepEqual([ckpt.episodes, ckpt.evaluations], [10, 3]);
  assert.deepEqual([ckpt.config.train.length, ckpt.config.heldOut.length], [5, 1]);
  const eval0 = (await Deno.readTextFile(join(a, "eval.jsonl"))).trim().split("\n");
  assert.equal(eval0.length, 3 * 4);
  assert.equal((await Deno.readTextFile(join(a, "train.jsonl"))).trim().split("\n").length, 20);

  // Stop after the first pass's checkpoint, leave records a kill could leave, resume.
  await Deno.mkdir(c, { recursive: true });
  const cfg = (await readDistributedCheckpoint(join(a, "checkpoint.bin"))).config;
  await runDistributed(c, env, { config: cfg }, { workers: 0, quiet: true, maxEvaluations: 2 });
  assert.equal((await readDistributedCheckpoint(join(c, "checkpoint.bin"))).episodes, 5);
  await Deno.writeTextFile(join(c, "train.jsonl"), '{"team":"distributed","episode":5}\n{"tor', {
    append: true,
  });
  const rc = await runScript(main, ["--resume", c, "--quiet", "--workers", "0"]);
  assert.equal(rc.code, 0, rc.err.join("\n"));
  assert.ok(rc.out[0].includes("(resuming after 5)"), rc.out[0]);
  const fc = await folderFiles(c);
  for (const [name, bytes] of fa) {
    if (name === "config.json") continue; // written by the script, not by runDistributed
    assert.deepEqual(fc.get(name), bytes, name);
  }
  // The printed comparison: the four agents on the held-out scenario.
  assert.ok(ra.out.some((l) => /^do-nothing\s+1\s+\d+\.\d/.test(l)), ra.out.join("\n"));
  for (const agent of ["coordinator only", "distributed", "centralised"]) {
    assert.ok(ra.out.some((l) => l.startsWith(agent)), agent);
  }
  const comparison = JSON.parse(new TextDecoder().decode(fa.get("comparison.json")));
  assert.deepEqual(comparison.agents.map((s: { agent: string }) => s.agent), [
    "do-nothing",
    "coordinator only",
    "distributed",
    "centralised",
  ]);
  assert.equal(comparison.settings.reward, "CloseToOverflowReward");
  assert.equal(comparison.trained, 10);
  for (const svg of ["training.svg", "heldout.svg", "training_reward.svg", "heldout_reward.svg"]) {
    assert.ok(fa.has(svg), svg);
  }
});

Deno.test("distributed: bad flags exit 2 with one line and write nothing", async () => {
  const base = await testFolder("distributed-bad");
  const other = join(base, "other.json");
  await Deno.writeTextFile(
    other,
    JSON.stringify({
      env: "x",
      threshold: null,
      clusters: [{ substations: [1], lines: [0], substationNames: ["bus_1"] }],
      unassignedLines: [],
    }),
  );
  const existing = join(base, "existing");
  await Deno.mkdir(existing);
  await Deno.writeTextFile(join(existing, "config.json"), "{}");
  const out = join(base, "out");
  const cases: [string[], RegExp][] = [
    [["--episodes", "0"], /^error: --episodes: 0 is out of range/],
    [["--scenarios", "1"], /^error: --scenarios: 1 is out of range \[2,/],
    [["--validation", "2"], /^error: --validation: 2 is out of range \[0, 1\]/],
    [["--reward", "L3RPN"], /^error: --reward: expected one of CloseToOverflowReward\|L2RPNReward/],
    [["--hidden", "64,x"], /^error: --hidden: expected a number, got "x"/],
    [["--hidden", "64.5"], /^error: --hidden: expected layer widths as integers/],
    [["--batch", "32"], /^error: --batch: 32 is out of range \[1, 16\]/],
    [["--lr=-1"], /^error: --lr: -1 is out of range/],
    [["--workers", "3"], /^error: --workers: 3 is out of range \[0, 2\]/],
    [["--clusters", join(base, "missing.json")], /missing\.json/],
    [
      ["--clusters", other],
      /other\.json: clusters\.0\.substationNames: \["bus_1"\] are not this grid's/,
    ],
    [["--env", "case15"], /unknown environment "case15"/],
    [["--env", base, "--steps", "10"], /^error: --steps: only for case14/],
    [["--resume", existing], /checkpoint\.bin/],
    [["--resume", existing, "--seed", "2"], /^error: --seed: a resumed run keeps its own settings/],
    [["--out", existing], /already holds a run \(continue it with --resume/],
    [["--frobnicate"], /^error: Unknown option '--frobnicate'/],
  ];
  for (const [args, message] of cases) {
    const target = args.includes("--out") || args.includes("--resume") ? [] : ["--out", out];
    const { code, err } = await runScript(main, [...args, ...target, "--quiet"]);
    assert.equal(code, 2, `${args.join(" ")}: ${err.join(" / ")}`);
    assert.equal(err.length, 1, `${args.join(" ")}: ${err.join(" / ")}`);
    assert.match(err[0], message);
    assert.ok(!(await Deno.stat(out).then(() => true, () => false)), `${args.join(" ")} wrote`);
  }
  assert.deepEqual([...(await folderFiles(existing)).keys()], ["config.json"]);
});
