/**
 * The grid environment as the agents see it: the `DiscreteEnv` over grid2op's 487 actions,
 * its legal-action mask (checked against what `step` does with every action), the flat
 * observation vector, and `loadGrid`'s sources and errors.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { join } from "node:path";
import { loadGrid } from "../effects/grids.ts";
import { InputError } from "../effects/errors.ts";
import { observe } from "../core/grid/env/observation.ts";
import { EnvState } from "../core/grid/env/step.ts";
import { sharedPath, sharedTest, testFolder } from "./shared.ts";
import { SANDBOX } from "./grid_refs.ts";

const env = await loadGrid("case14");
const d = env.discrete();

Deno.test("the DiscreteEnv: 487 actions, 467 observations, scenarios by episode", () => {
  assert.equal(d.numActions, 487);
  assert.equal(d.observationSize, 467);
  const a = d.reset(0), b = d.reset(1);
  assert.equal(a.scenario.id, "generated-0-0");
  assert.equal(b.scenario.id, "generated-0-1");
  assert.notDeepEqual(a.rho, b.rho);
  assert.throws(() => d.step(a, 487), RangeError);
  assert.throws(() => d.step(a, 1.5), RangeError);
  const t = d.step(a, 0);
  assert.equal(t.reward, t.state.rewards.L2RPNReward);
  const close = env.discrete({ reward: "CloseToOverflowReward" });
  assert.equal(close.step(a, 0).reward, t.state.rewards.CloseToOverflowReward);
});

Deno.test("the legal mask marks exactly the actions step does not replace by do-nothing", () => {
  const check = (s: EnvState) => {
    const mask = d.legalActions(s);
    for (let i = 0; i < d.numActions; i++) {
      const info = d.step(s, i).state.info;
      const replaced = info.isIllegal || info.isAmbiguous;
      assert.equal(mask[i], replaced ? 0 : 1, `action ${i} at step ${s.step}`);
    }
  };
  const start = d.reset(2);
  check(start);
  // States reached by legal actions, some with lines out (line changes are 189-208).
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: 189, max: 208 }), fc.nat(486)), { maxLength: 4 }),
      (picks) => {
        let s = start;
        for (const p of picks) {
          const legal = d.legalActions(s);
          const t = d.step(s, legal[p] ? p : 0);
          if (t.done) return;
          s = t.state;
        }
        check(s);
      },
    ),
    { numRuns: 6 },
  );
});

Deno.test("the observation vector holds every attribute at its layout's place", () => {
  let s = d.reset(0);
  s = d.step(s, 195).state; // line 6 off: values that are not all alike
  const x = d.observe(s);
  assert.equal(x.length, 467);
  const obs = observe(env.model, s) as unknown as Record<string, number | ArrayLike<number>>;
  for (const { name, offset, size } of d.encoder.layout) {
    const v = obs[name];
    const want = typeof v === "number" ? [v] : Array.from(v);
    assert.equal(want.length, size, name);
    assert.deepEqual(Array.from(x.subarray(offset, offset + size)), want.map(Math.fround), name);
  }
  const at = (name: string) => d.encoder.layout.find((e) => e.name === name)!;
  assert.equal(x[at("line_status").offset + 6], 0);
  assert.equal(x[at("current_step").offset], 1);
  assert.equal(x[at("max_step").offset], 575);
  assert.equal(x[at("delta_time").offset], 5);
  // The same buffer can be reused.
  const out = new Float32Array(467);
  assert.equal(d.encoder.encode(s, out), out);
  assert.deepEqual(out, x);
});

Deno.test("loadGrid: unknown names and folders are InputErrors", async () => {
  await assert.rejects(loadGrid("case15"), InputError);
  await assert.rejects(loadGrid("case15"), /unknown environment "case15"/);
  const folder = await testFolder("env-empty");
  await assert.rejects(
    loadGrid(folder),
    /not a grid2op environment folder \(no grid.json\)/,
  );
  await Deno.writeTextFile(join(folder, "grid.json"), "{}");
  await assert.rejects(loadGrid(folder), /no chronics/);
  assert.throws(() => env.scenarioById("abc"), /not a scenario number/);
  assert.equal(env.scenarioById("3").id, "generated-0-3");
  const other = await loadGrid("case14", { seed: 5 });
  assert.equal(other.scenario(3).id, "generated-5-3");
});

sharedTest("loadGrid reads a grid2op folder's chronics, all or some", SANDBOX, async () => {
  const sandbox = await loadGrid(sharedPath(SANDBOX), { scenarios: ["0002"] });
  assert.equal(sandbox.name, "l2rpn_case14_sandbox");
  assert.deepEqual(sandbox.scenarioIds, ["0002"]);
  assert.equal(sandbox.scenario(5).id, "0002");
  assert.throws(() => sandbox.scenarioById("0000"), /no scenario "0000"/);
  await assert.rejects(
    loadGrid(sharedPath(SANDBOX), { scenarios: ["0009"] }),
    /no scenario "0009" \(available: 0000, 0001, 0002\)/,
  );
});
