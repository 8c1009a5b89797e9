/**
 * `deno task powerflow`, called in-process: the built-in case writes its run folder, a
 * MATPOWER case's JSON matches MATPOWER, and bad input (malformed `.m` or `grid.json`, an
 * unknown case, a bad flag) is one line on stderr, exit code 2, and nothing written.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { exists, runScript, sharedPath, sharedTest, testFolder } from "./shared.ts";
import { maxAbsDiff, SANDBOX } from "./grid_refs.ts";
import { main } from "../scripts/powerflow.ts";

/** Runs the script, returning its exit code and what it printed. */
const run = (args: string[]) => runScript(main, args);

Deno.test("powerflow case14: a summary and a run folder with the result, CSV and a picture", async () => {
  const folder = join(await testFolder("pf"), "case14");
  const { code, out } = await run(["case14", "--out", folder]);
  assert.equal(code, 0);
  assert.match(out[1], /converged in 4 iterations/);
  assert.match(out[3], /^most loaded lines: 0_1_0 /);
  const result = JSON.parse(Deno.readTextFileSync(join(folder, "result.json")));
  assert.equal(result.bus.vm.length, 14);
  assert.equal(result.line.loading.length, 20);
  assert.ok(Deno.readTextFileSync(join(folder, "lines.csv")).startsWith("line,p_or_mw"));
  assert.match(Deno.readTextFileSync(join(folder, "grid.svg")), /<svg[\s\S]*sub_13/);
  const dc = await run(["case14", "--dc", "--out", join(folder, "dc.json")]);
  assert.equal(dc.code, 0);
  assert.equal(JSON.parse(Deno.readTextFileSync(join(folder, "dc.json"))).mode, "dc");
});

sharedTest(
  "powerflow case14.m --out result.json: MATPOWER's voltages",
  "reference/matpower/matpower_case14_runpf.csv",
  async () => {
    const path = join(await testFolder("pf"), "r.json");
    const { code } = await run([sharedPath("data/matpower/case14.m"), "--out", path]);
    assert.equal(code, 0);
    const result = JSON.parse(Deno.readTextFileSync(path));
    const ref = Deno.readTextFileSync(sharedPath("reference/matpower/matpower_case14_runpf.csv"))
      .trim().split("\n").slice(1)
      .map((l) => l.split(",").map(Number));
    assert.equal(result.iterations, 2);
    assert.ok(maxAbsDiff(result.bus.vm, ref.map((r) => r[4])) < 1e-6);
    assert.ok(maxAbsDiff(result.bus.va, ref.map((r) => r[5])) < 1e-4);
  },
);

Deno.test("bad input: one line on stderr, exit code 2, nothing written", async () => {
  const dir = await testFolder("pf-bad");
  Deno.writeTextFileSync(
    join(dir, "bad.m"),
    "function mpc = bad\nmpc.baseMVA = 100;\nmpc.bus = [1 3 0 0 0 0 1 1 0 0 1 1.1 0.9];\n",
  );
  await Deno.mkdir(join(dir, "env"));
  Deno.writeTextFileSync(
    join(dir, "env", "grid.json"),
    `{"_module": "pandapower", "_object": {"bus": 3}}`,
  );
  const out = join(dir, "out");
  for (
    const [args, message] of [
      [[join(dir, "bad.m")], /bad\.m: mpc\.gen: missing/],
      [[join(dir, "env")], /grid\.json: bus: /],
      [[join(dir, "nothing-here")], /unknown case ".*nothing-here"/],
      [["case15"], /unknown case "case15"/],
      [["case14", "--max-iter", "0"], /--max-iter: 0 is out of range/],
      [["case14", "--init", "case"], /--init case: only MATPOWER files/],
      [["case14", "--bogus"], /Unknown option '--bogus'/],
      [["case14", "case14"], /expected one case/],
    ] as [string[], RegExp][]
  ) {
    const r = await run([...args, "--out", out]);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.err.length, 1);
    assert.match(r.err[0], message);
    assert.equal(r.out.length, 0);
    assert.ok(!exists(out), `${args.join(" ")} wrote ${out}`);
  }
});

sharedTest("powerflow on the grid2op folder gives the fixture's summary", SANDBOX, async () => {
  const dir = await testFolder("pf");
  const folder = await run([sharedPath(SANDBOX), "--out", join(dir, "a.json")]);
  const fixture = await run(["case14", "--out", join(dir, "b.json")]);
  assert.equal(folder.code, 0);
  assert.match(folder.out[1], /converged in 4 iterations/);
  assert.deepEqual(folder.out.slice(2, 4), fixture.out.slice(2, 4)); // generation, losses, loading
});
