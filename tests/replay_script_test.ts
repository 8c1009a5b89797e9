/**
 * `deno task replay`, called in-process: a do-nothing and an action replay on case14 with
 * pictures, one action on the sandbox matching grid2op's one-step result, and bad input (an
 * unknown action index, a malformed action file, chronics with a missing column or a NaN, an
 * unknown environment, a bad flag): one line on stderr, exit code 2, nothing written.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { exists, runScript, sharedPath, sharedTest, testFolder } from "./shared.ts";
import { G2OP, maxAbsDiff, readRef, SANDBOX } from "./grid_refs.ts";
import { main } from "../scripts/replay.ts";
import { readChronics } from "../effects/io/chronics.ts";
import { readGrid2opFolder } from "../effects/io/grid2op_folder.ts";
import { injectionsAt } from "../core/grid/scenario/scenario.ts";

const run = (args: string[]) => runScript(main, [...args, "--quiet"]);

// deno-lint-ignore no-explicit-any
const readTrace = (path: string): any => JSON.parse(Deno.readTextFileSync(path));

Deno.test("replay case14: the trace of every step, pictures of the grid and the loading", async () => {
  const dir = await testFolder("replay");
  const actions = join(dir, "actions.json");
  await Deno.writeTextFile(actions, JSON.stringify({ actions: [0, 199, 0, 428] }));
  const out = join(dir, "run", "trace.json");
  const r = await run([
    "--env",
    "case14",
    "--scenario",
    "2",
    "--actions",
    actions,
    "--steps",
    "6",
    "--svg",
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.err.join("\n"));
  assert.match(r.out[0], /^case14 scenario 2: 6 steps, stopped at step 6, 1 illegal action/);
  const trace = readTrace(out);
  assert.equal(trace.scenario_id, "generated-0-2");
  assert.equal(trace.steps.length, 7);
  const [s0, , s2, , s4, s5] = trace.steps;
  assert.equal(s0.action, null);
  assert.equal(s0.rewards, null);
  assert.deepEqual(s2.action_dict, { change_line_status: [10] });
  assert.equal(s2.line_status[10], false);
  assert.deepEqual(s2.topo_vect.filter((b: number) => b === -1).length, 2);
  // Reconnecting line 1 with both ends set touches two substations while it is on: illegal.
  assert.equal(s4.is_illegal, true);
  assert.match(s4.exception[0], /more than 1 substation/);
  assert.equal(s5.action, 0);
  for (const key of ["rho", "p_or", "timestep_overflow", "time_before_cooldown_line"]) {
    assert.equal(s5[key].length, 20, key);
  }
  assert.equal(s5.gen_p.length, 6);
  assert.equal(s5.time_before_cooldown_sub.length, 14);
  assert.ok(s5.rewards.L2RPNReward > 0 && s5.done === false);
  assert.ok(exists(join(dir, "run", "loading.svg")));
  const svg = Deno.readTextFileSync(join(dir, "run", "grid", "step-0002.svg"));
  assert.match(svg, /step 2: L2RPN/);
  assert.match(svg, /stroke-dasharray="6,4"><title>8_9_10: disconnected/);
  assert.match(svg, /split: bus bars 1 \| 2/);
});

Deno.test("replay without actions plays do-nothing to the end of the scenario", async () => {
  const out = join(await testFolder("replay"), "trace.json");
  const r = await run(["--env", "case14", "--seed", "3", "--out", out]);
  assert.equal(r.code, 0, r.err.join("\n"));
  const trace = readTrace(out);
  assert.equal(trace.seed, 3);
  assert.equal(trace.steps_played, trace.survived ? 575 : trace.steps.at(-1).step);
  assert.equal(trace.steps.at(-1).done, true);
});

sharedTest("replay on the sandbox: one action gives grid2op's step", G2OP, async () => {
  const dir = await testFolder("replay");
  const actions = join(dir, "a.json");
  await Deno.writeTextFile(actions, "[301]"); // a set_bus at substation 5; the cascade trips line 13
  const out = join(dir, "trace.json");
  const r = await run([
    "--env",
    sharedPath(SANDBOX),
    "--scenario",
    "0000",
    "--actions",
    actions,
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.err.join("\n"));
  const ref = readRef(`${G2OP}/trace_all487_onestep_lightsim.json`).results[301];
  const step = readTrace(out).steps[1];
  assert.ok(maxAbsDiff(step.rho, ref.rho) < 1e-4);
  assert.deepEqual(step.topo_vect, ref.topo_vect);
  assert.deepEqual(step.line_status, ref.line_status);
  assert.equal(step.tripped[13], 0);
  assert.ok(Math.abs(step.rewards.L2RPNReward - ref.reward_L2RPNReward) < 1e-3);
});

/** Writes a grid2op folder: the sandbox's grid and three rows of its chronics 0000, changed. */
async function brokenEnv(dir: string, change: (file: string, lines: string[]) => string[]) {
  const folder = join(dir, "env");
  await Deno.mkdir(join(folder, "chronics", "0000"), { recursive: true });
  for (const file of ["grid.json", "config.py"]) {
    await Deno.writeTextFile(
      join(folder, file),
      await Deno.readTextFile(sharedPath(`${SANDBOX}/${file}`)),
    );
  }
  const net = await readGrid2opFolder(sharedPath(SANDBOX));
  const s = await readChronics(sharedPath(`${SANDBOX}/chronics/0000`), {
    name_load: net.load.name,
    name_gen: net.gen.name,
  });
  for (const key of ["load_p", "load_q", "prod_p", "prod_v"] as const) {
    const names = key.startsWith("load") ? s.name_load : s.name_gen;
    const rows = [0, 1, 2].map((t) => Array.from(injectionsAt(s, t)[key]).join(";"));
    const lines = change(key, [names.join(";"), ...rows]);
    await Deno.writeTextFile(
      join(folder, "chronics", "0000", `${key}.csv`),
      lines.join("\n") + "\n",
    );
  }
  return folder;
}

sharedTest("bad input: one line on stderr, exit code 2, nothing written", SANDBOX, async () => {
  const dir = await testFolder("replay-bad");
  const file = (name: string, text: string) => {
    Deno.writeTextFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const dropColumn = await brokenEnv(
    join(dir, "a"),
    (key, lines) =>
      key === "load_p" ? lines.map((l) => l.split(";").filter((_, i) => i !== 2).join(";")) : lines,
  );
  const withNaN = await brokenEnv(
    join(dir, "b"),
    (key, lines) =>
      key === "prod_p" ? lines.map((l, i) => (i === 2 ? l.replace(/^[^;]*/, "NaN") : l)) : lines,
  );
  const good = await brokenEnv(join(dir, "c"), (_, lines) => lines);
  const out = join(dir, "out", "trace.json");
  for (
    const [args, message] of [
      [
        ["--env", "case14", "--actions", file("big.json", "[0, 1, 487]")],
        /big\.json: actions\[2\]: 487 is not an action index \(0\.\.486\)/,
      ],
      [
        ["--env", "case14", "--actions", file("neg.json", "[0, -1]")],
        /neg\.json: 1: expected a non-negative integer, got -1/,
      ],
      [["--env", "case14", "--actions", file("text.json", "[0, 1")], /text\.json: not valid JSON/],
      [
        ["--env", "case14", "--actions", file("obj.json", `{"moves": [1]}`)],
        /obj\.json: moves: unknown field/,
      ],
      [["--env", "case14", "--actions", join(dir, "none.json")], /none\.json: no such file/],
      [["--env", dropColumn], /load_p\.csv: .*load_3_2/],
      [["--env", withNaN], /prod_p\.csv: line 3, column "gen_1_0": "NaN" is not a finite number/],
      [["--env", good, "--scenario", "0001"], /no scenario "0001" \(available: 0000\)/],
      [["--env", "case15"], /unknown environment "case15"/],
      [["--env", join(dir, "nothing")], /unknown environment/],
      [["--env", "case14", "--scenario", "x"], /scenario "x" is not a scenario number/],
      [["--env", "case14", "--steps", "0"], /--steps: 0 is out of range/],
      [["--env", "case14", "--out", join(dir, "trace.txt")], /--out: expected a \.json file/],
      [["--scenario", "0"], /--env: a value is required/],
      [["--env", "case14", "--bogus"], /Unknown option '--bogus'/],
    ] as [string[], RegExp][]
  ) {
    const r = await run([...args, ...(args.includes("--out") ? [] : ["--out", out])]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err.join("\n")}`);
    assert.equal(r.err.length, 1, args.join(" "));
    assert.match(r.err[0], message);
    assert.equal(r.out.length, 0);
    assert.ok(!exists(join(dir, "out")), `${args.join(" ")} wrote ${out}`);
  }
  // The good folder replays.
  assert.equal((await run(["--env", good, "--out", out])).code, 0);
});
