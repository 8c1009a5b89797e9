import assert from "node:assert/strict";
import * as t from "io-ts";
import {
  choiceFlag,
  type FlagSpec,
  HelpRequest,
  intFlag,
  numberFlag,
  parseFlags,
  rangeFlag,
  runMain,
  usageText,
} from "../effects/cli.ts";
import { InputError } from "../effects/errors.ts";
import { closed, decode, NonNegInt, parseJson, PosInt } from "../effects/io/codec.ts";
import * as actor from "../scripts/actor.ts";
import * as bench from "../scripts/bench.ts";
import * as worker from "../scripts/worker.ts";
import * as cluster from "../scripts/cluster.ts";
import * as distributed from "../scripts/distributed.ts";
import * as muzero from "../scripts/muzero.ts";
import * as powerflow from "../scripts/powerflow.ts";
import * as replay from "../scripts/replay.ts";
import { exists, repoPath, runScript } from "./shared.ts";

Deno.test("flags: unknown flag, bad integer, out of range and bad choice are InputErrors", () => {
  assert.throws(() => parseFlags(["--nope"], { seed: { type: "string" } }), InputError);
  const { values } = parseFlags(["--seed=-3", "--k", "1.5", "--env", "x", "--q", "nan"], {
    seed: { type: "string" },
    k: { type: "string" },
    env: { type: "string" },
    q: { type: "string" },
  });
  assert.throws(() => intFlag(values, "seed", { min: 0 }), /--seed: -3 is out of range/);
  assert.throws(() => intFlag(values, "k"), /--k: expected an integer/);
  assert.throws(() => numberFlag(values, "q"), /--q: expected a number/);
  assert.throws(
    () => choiceFlag(values, "env", ["copy", "factored"]),
    /expected one of copy\|factored/,
  );
});

Deno.test("ranges: start:stop:step is inclusive and does not drift; lists parse", () => {
  const r = rangeFlag({ t: "0.7:0.94:0.01" }, "t");
  assert.equal(r.length, 25);
  assert.equal(r[24], 0.94);
  assert.deepEqual(rangeFlag({ t: "0.5,0.75" }, "t"), [0.5, 0.75]);
  assert.throws(() => rangeFlag({ t: "0.9:0.1:0.1" }, "t"), InputError);
  assert.throws(() => rangeFlag({ t: "0.5,x" }, "t", { min: 0, max: 1 }), InputError);
});

Deno.test("closed codecs name the file and the unknown or wrong field", () => {
  const C = closed({ steps: NonNegInt, inner: closed({ k: PosInt }) });
  assert.deepEqual(decode(C, { steps: 3, inner: { k: 2 } }, "c.json"), {
    steps: 3,
    inner: { k: 2 },
  });
  assert.throws(
    () => decode(C, { steps: 3, stpes: 1, inner: { k: 2 } }, "c.json"),
    /c\.json: stpes: unknown field/,
  );
  assert.throws(
    () => decode(C, { steps: -1, inner: { k: 2 } }, "c.json"),
    /c\.json: steps: expected a non-negative integer, got -1/,
  );
  assert.throws(() => decode(C, { steps: 1, inner: { k: 0 } }, "c.json"), /inner\.k/);
  assert.throws(() => decode(t.array(NonNegInt), [1, "a"], "x"), /x: 1: /);
  assert.throws(() => parseJson("{", "bad.json"), /bad\.json: not valid JSON/);
});

Deno.test("runMain returns 2 for input errors and 0 on success", async () => {
  const quiet = console.error;
  console.error = () => {};
  try {
    assert.equal(await runMain(() => Promise.reject(new InputError("x"))), 2);
    assert.equal(await runMain(() => Promise.resolve()), 0);
  } finally {
    console.error = quiet;
  }
});

Deno.test("usage: one row per flag with its placeholder, help and default; the positional first", () => {
  const text = usageText({
    seed: { type: "string", default: "29", arg: "N", help: "run seed" },
    k: { type: "string", help: "neighbours", shownDefault: "rows/20" },
    quiet: { type: "boolean", default: false, short: "q", help: "no progress" },
  }, {
    task: "demo",
    summary: "Does one thing.",
    positional: { name: "case", help: "the case to solve" },
  });
  assert.deepEqual(text.split("\n"), [
    "usage: deno task demo [flags] <case>",
    "",
    "Does one thing.",
    "",
    "  <case>       the case to solve",
    "  --seed <N>   run seed (default 29)",
    "  --k <value>  neighbours (default rows/20)",
    "  -q, --quiet  no progress",
    "  -h, --help   print this help and exit",
  ]);
});

Deno.test("help wins over bad flags, stops at --, and needs a usage; positionals need one too", () => {
  const spec: FlagSpec = { seed: { type: "string", help: "run seed" } };
  const usage = { task: "demo", summary: "Does one thing." };
  for (const args of [["--nope", "--seed", "-h"], ["--seed", "1", "--help", "extra"]]) {
    assert.throws(() => parseFlags(args, spec, usage), HelpRequest);
  }
  assert.throws(() => parseFlags(["--", "--help"], spec, usage), InputError);
  assert.throws(() => parseFlags(["--help"], spec), /Unknown option '--help'/);
  assert.throws(() => parseFlags(["case14"], spec, usage), InputError);
  const withCase = { ...usage, positional: { name: "case", help: "the case" } };
  const { values, positionals } = parseFlags(["case14", "--seed=3"], spec, withCase);
  assert.deepEqual([{ ...values }, positionals], [{ seed: "3" }, ["case14"]]);
});

/** Every task: its main and its declared flags. */
const tasks: [string, (args: string[]) => Promise<void>, FlagSpec][] = [
  ["cluster", cluster.main, cluster.flags],
  ["powerflow", powerflow.main, powerflow.flags],
  ["replay", replay.main, replay.flags],
  ["distributed", distributed.main, distributed.flags],
  ["bench", bench.main, bench.flags],
  ["muzero", muzero.main, muzero.flags],
  ["actor", actor.main, actor.flags],
  ["worker", worker.main, worker.flags],
];

for (const [task, main, spec] of tasks) {
  Deno.test(`${task} --help: usage with every flag, exit 0, nothing written`, async () => {
    const out = repoPath(`runs/tests/help-${task}-${crypto.randomUUID().slice(0, 8)}`);
    const target = "out" in spec ? ["--out", out] : ["--json", `${out}.json`];
    for (const help of ["--help", "-h"]) {
      const r = await runScript(main, [...target, "--seed", "x", "--nope", help]);
      assert.deepEqual([r.code, r.err], [0, []]);
      const text = r.out.join("\n");
      assert.match(text, new RegExp(`^usage: deno task ${task} `));
      for (const [name, f] of Object.entries(spec)) {
        const row = text.split("\n").find((l) => l.startsWith(`  --${name} `));
        assert.ok(row !== undefined, `--${name} is not in ${task}'s usage`);
        assert.ok(f.help !== undefined && row.includes(f.help), `--${name} has no help`);
      }
      assert.equal(exists(out) || exists(`${out}.json`), false);
    }
    const bad = await runScript(main, ["--nope"]);
    assert.deepEqual([bad.code, bad.out, bad.err.length], [2, [], 1]);
    assert.match(bad.err[0], /^error: Unknown option '--nope'/);
  });
}
