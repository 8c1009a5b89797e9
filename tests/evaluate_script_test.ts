/**
 * `deno task evaluate`, in-process: the run folder's files and their shape, the same results
 * with 1 and 2 workers (all but the decision times), do-nothing's score 0, a grid2op folder
 * as a benchmark, and bad input (a bad flag, an unknown agent or benchmark): one line, exit
 * code 2, nothing written.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { exists, runScript, sharedPath, sharedTest, testFolder } from "./shared.ts";
import { main } from "../scripts/evaluate.ts";

const run = (args: string[]) => runScript(main, [...args, "--quiet"]);

/** A JSON value without its timing fields (they differ run to run). */
function untimed(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value),
    (k, v) => (/^decision_ms|^machine$/.test(k) ? undefined : v),
  );
}

Deno.test("evaluate: scores.json, csv, episodes, ranking; the same with 1 and 2 workers", async () => {
  const dir = await testFolder("evaluate");
  const outs = [join(dir, "one"), join(dir, "two")];
  for (const [i, out] of outs.entries()) {
    const r = await run([
      "--agents",
      "reconnect,expert",
      "--scenarios",
      "2",
      "--max-length",
      "400",
      "--workers",
      String(i + 1),
      "--out",
      out,
      ...(i === 0 ? ["--traces"] : []),
    ]);
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.match(r.out.join("\n"), /expert/);
  }
  const [a, b] = outs.map((o) => JSON.parse(Deno.readTextFileSync(join(o, "scores.json"))));
  assert.deepEqual(untimed(a), untimed(b));
  assert.equal(a.benchmark, "case14-hard");
  assert.equal(a.scenarios, 2);
  assert.deepEqual(a.agents.map((x: { name: string }) => x.name), [
    "do-nothing",
    "reconnect",
    "expert",
  ]);
  for (const agent of a.agents) {
    for (const key of ["completed", "survival", "score", "decision_ms_p50", "decision_ms_p99"]) {
      assert.equal(typeof agent[key], "number", `${agent.name}.${key}`);
    }
  }
  assert.equal(a.agents[0].score, 0);
  assert.ok(a.agents[2].survival >= a.agents[0].survival);
  const lines = (o: string) =>
    Deno.readTextFileSync(join(o, "episodes.jsonl")).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines(outs[0]).length, 6);
  assert.deepEqual(lines(outs[0]).map(untimed), lines(outs[1]).map(untimed));
  const csv = Deno.readTextFileSync(join(outs[0], "scores.csv")).trim().split("\n");
  assert.equal(csv.length, 4);
  assert.match(csv[0], /^name,scenarios,completed,survival,/);
  assert.match(Deno.readTextFileSync(join(outs[0], "ranking.svg")), /^<svg/);
  // The traces say which lines were maintained and attacked at each step.
  const trace = JSON.parse(Deno.readTextFileSync(join(outs[0], "traces", "expert", "0.json")));
  assert.equal(trace.agent, "expert");
  assert.equal(trace.steps.length, a.agents[2].survived_steps[0] + 1);
  assert.equal(trace.steps[1].line_maintenance.length, 20);
  assert.ok(trace.steps.some((st: { line_attacked: number[] }) => st.line_attacked.includes(1)));
});

Deno.test("evaluate: bad input is one line, exit code 2, nothing written", async () => {
  const dir = await testFolder("evaluate-bad");
  const cases: [string[], RegExp][] = [
    [["--workers", "0"], /--workers: 0 is out of range/],
    [["--scenarios", "two"], /--scenarios: expected an integer/],
    [["--agents", "do-nothing,wizard"], /"wizard" is neither a built-in agent nor a checkpoint/],
    [["--benchmark", "case14-easy"], /unknown benchmark "case14-easy"/],
    [["--expert-depth", "3"], /--expert-depth: 3 is out of range/],
    [["--frobnicate"], /frobnicate/],
  ];
  for (const [args, message] of cases) {
    const out = join(dir, "run");
    const r = await run([...args, "--out", out]);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.err.length, 1, r.err.join("\n"));
    assert.match(r.err[0], message);
    assert.ok(!exists(out), `${args.join(" ")}: wrote ${out}`);
  }
});

sharedTest(
  "evaluate a grid2op folder: its chronics as they are, with their forecasts",
  "data/grid2op/l2rpn_case14_sandbox",
  async () => {
    const dir = await testFolder("evaluate-sandbox");
    const r = await run([
      "--benchmark",
      sharedPath("data/grid2op/l2rpn_case14_sandbox"),
      "--agents",
      "expert",
      "--scenarios",
      "1",
      "--max-length",
      "100",
      "--out",
      dir,
    ]);
    assert.equal(r.code, 0, r.err.join("\n"));
    const s = JSON.parse(Deno.readTextFileSync(join(dir, "scores.json")));
    assert.equal(s.benchmark, "l2rpn_case14_sandbox");
    assert.deepEqual(s.scenario_ids, ["0000"]);
    assert.equal(s.agents[0].completed, 1);
  },
);
