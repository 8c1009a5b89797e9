import assert from "node:assert/strict";
import { join } from "node:path";
import { runMain } from "../effects/cli.ts";
import { main } from "../scripts/cluster.ts";
import { repoPath, testFolder } from "./shared.ts";

/** Runs the task in-process; returns its exit code and what it printed. */
async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    return { code: await runMain(() => main([...args, "--quiet"])), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function files(folder: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for await (const e of Deno.readDir(folder)) {
    out.set(e.name, await Deno.readFile(join(folder, e.name)));
  }
  return out;
}

for (const env of ["copy", "factored"]) {
  Deno.test(`default ${env} MDP (100000 steps, seed 29) recovers the planted blocks exactly`, async () => {
    const folder = join(await testFolder(`cluster-${env}`), "run");
    const { code, out } = await run(["--env", env, "--out", folder]);
    assert.equal(code, 0);
    const clusters = JSON.parse(await Deno.readTextFile(join(folder, "clusters.json")));
    assert.deepEqual(clusters.planted, [
      { targets: ["s'0", "s'2", "s'4"], inputs: ["s0", "s2", "s4", "a0", "a1"] },
      { targets: ["s'1", "s'3"], inputs: ["s1", "s3", "a2"] },
    ]);
    // Two rows per column pass a quantile in [0.70, 0.75) of five; one from 0.75 on.
    assert.deepEqual(clusters.recovered, [0.7, 0.71, 0.72, 0.73, 0.74]);
    const step = clusters.thresholds.find((s: { threshold: number }) => s.threshold === 0.72);
    assert.deepEqual(step.clusters, clusters.planted);
    assert.equal(step.ari, 1);
    assert.ok(out.some((line) => line === "recovered exactly at thresholds 0.7..0.74 (5 of 25)"));
    const config = JSON.parse(await Deno.readTextFile(join(folder, "config.json")));
    assert.equal(config.steps, 100000);
    assert.equal(config.k, 5000);
    for (const name of ["mi.json", "mi.csv", "mi.svg", "blocks.svg", "sweep.svg", "ari.svg"]) {
      assert.ok(await exists(join(folder, name)), name);
    }
  });
}

Deno.test("same seed, same bytes: twice, and with 1 or 2 workers", async () => {
  const base = await testFolder("cluster-bytes");
  const args = ["--env", "factored", "--steps", "3000", "--shuffle-baseline", "--seed", "7"];
  const folders = ["a", "b", "c"].map((name) => join(base, name));
  assert.equal((await run([...args, "--workers", "2", "--out", folders[0]])).code, 0);
  assert.equal((await run([...args, "--workers", "2", "--out", folders[1]])).code, 0);
  assert.equal((await run([...args, "--workers", "1", "--out", folders[2]])).code, 0);
  const [a, b, c] = await Promise.all(folders.map(files));
  assert.ok(a.size >= 10, `${a.size} files`);
  for (const other of [b, c]) {
    assert.deepEqual([...other.keys()].sort(), [...a.keys()].sort());
    for (const [name, bytes] of a) assert.deepEqual(other.get(name), bytes, name);
  }
  // A different seed changes the rows.
  assert.equal((await run([...args, "--seed", "8", "--out", join(base, "d")])).code, 0);
  assert.notDeepEqual((await files(join(base, "d"))).get("mi.csv"), a.get("mi.csv"));
});

Deno.test("custom config, --samples, --k and --estimator are honoured", async () => {
  const base = await testFolder("cluster-custom");
  const config = join(base, "mdp.json");
  await Deno.writeTextFile(
    config,
    JSON.stringify({
      kind: "copy",
      n: 3,
      m: 1,
      stateValues: 3,
      actionValues: 2,
      relation: [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1]],
    }),
  );
  const folder = join(base, "run");
  const { code, out } = await run([
    "--config",
    config,
    "--steps",
    "4000",
    "--samples",
    "2000",
    "--k",
    "30",
    "--estimator",
    "plugin",
    "--thresholds",
    "0.5,0.6",
    "--out",
    folder,
  ]);
  assert.equal(code, 0);
  const written = JSON.parse(await Deno.readTextFile(join(folder, "config.json")));
  assert.equal(written.samples, 2000);
  assert.equal(written.k, 30);
  assert.equal(written.estimator, "plugin");
  assert.deepEqual(written.thresholds, [0.5, 0.6]);
  const mi = JSON.parse(await Deno.readTextFile(join(folder, "mi.json")));
  assert.deepEqual(mi.cols, ["s0", "s1", "s2", "a0"]);
  assert.ok(out.some((line) => line.startsWith("planted blocks: {s'0,s'1 | s0,s1} {s'2 | s2,a0}")));
});

Deno.test("bad flags and configs: one line naming them, exit 2, nothing written", async () => {
  const base = await testFolder("cluster-bad");
  const write = async (name: string, value: unknown) => {
    const path = join(base, name);
    await Deno.writeTextFile(path, typeof value === "string" ? value : JSON.stringify(value));
    return path;
  };
  const copy = JSON.parse(await Deno.readTextFile(repoPath("fixtures/cluster/copy.json")));
  const cases: [string[], RegExp][] = [
    [["--steps=-5"], /^error: --steps: -5 is out of range/],
    [["--steps", "many"], /^error: --steps: expected an integer/],
    [["--thresholds", "0.5:1.5:0.1"], /^error: --thresholds: 1\.5 is out of range \[0, 1\]/],
    [
      ["--thresholds", "0.9:0.7:0.01"],
      /^error: --thresholds: "0\.9:0\.7:0\.01" is not start:stop:step/,
    ],
    [["--steps", "100", "--samples", "200"], /^error: --samples: 200 is out of range \[2, 100\]/],
    [["--steps", "100", "--k", "100"], /^error: --k: 100 is out of range \[1, 99\]/],
    [["--env", "grid"], /^error: --env: "grid" is not copy, factored, case14 or a grid2op/],
    [["--estimator", "ksg2"], /^error: --estimator: expected one of mixed-ksg\|ksg\|plugin/],
    [["--workers", "0"], /^error: --workers: 0 is out of range/],
    [["--frobnicate"], /^error: Unknown option '--frobnicate'/],
    [["--config", join(base, "missing.json")], /missing\.json: no such file/],
    [
      ["--config", await write("typo.json", { ...copy, relations: [] })],
      /typo\.json: relations: unknown field/,
    ],
    [
      ["--config", await write("shape.json", { ...copy, relation: copy.relation.slice(1) })],
      /shape\.json: relation: expected n = 5 rows, got 4/,
    ],
    [
      [
        "--config",
        await write("row.json", { ...copy, relation: [[1, 0], ...copy.relation.slice(1)] }),
      ],
      /row\.json: relation\.0: expected n \+ m = 8 entries, got 2/,
    ],
    [
      ["--config", await write("negative.json", { ...copy, m: -1 })],
      /negative\.json: m: expected a non-negative integer, got -1/,
    ],
    [
      ["--config", await write("kind.json", { ...copy, kind: "grid" })],
      /kind\.json: kind: expected "copy" or "factored", got "grid"/,
    ],
    [["--config", await write("syntax.json", "{")], /syntax\.json: not valid JSON/],
    [
      ["--env", "factored", "--config", await write("mismatch.json", copy)],
      /--env factored disagrees with .*mismatch\.json, a copy MDP/,
    ],
  ];
  for (const [args, message] of cases) {
    const out = join(base, "out");
    const { code, err } = await run([...args, "--out", out]);
    assert.equal(code, 2, args.join(" "));
    assert.equal(err.length, 1, `${args.join(" ")}: ${err.join(" / ")}`);
    assert.match(err[0], message);
    assert.ok(!err[0].includes("\n"));
    assert.ok(!(await exists(out)), `${args.join(" ")} wrote ${out}`);
  }
});
