import assert from "node:assert/strict";
import * as t from "io-ts";
import {
  choiceFlag,
  InputError,
  intFlag,
  numberFlag,
  parseFlags,
  rangeFlag,
  runMain,
} from "../effects/cli.ts";
import { closed, decode, NonNegInt, parseJson, PosInt } from "../effects/io/codec.ts";

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
