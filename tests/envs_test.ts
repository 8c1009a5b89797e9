import assert from "node:assert/strict";
import type { DiscreteEnv } from "../core/env.ts";
import { banditEnv, decoyPayoff } from "../core/testbeds/bandit.ts";
import { chainEnv } from "../core/testbeds/chain.ts";
import { InputError } from "../effects/errors.ts";
import type { EnvState } from "../core/grid/env/step.ts";
import { observationLayout } from "../core/grid/env/observation.ts";
import { observationScaling, scaleObservation } from "../core/grid/env/observation_scale.ts";
import {
  decodeEnvSpec,
  formatEnvSpec,
  heldOutSpec,
  makeEnv,
  optimalReturn,
  parseEnvSpec,
} from "../effects/env_registry.ts";
import { loadGrid } from "../effects/grids.ts";
import { SANDBOX } from "./grid_refs.ts";
import { sharedPath, sharedTest } from "./shared.ts";

/** The best return over every legal action sequence (exhaustive search). */
function bruteForceBest<S>(env: DiscreteEnv<S>, s: S, depth = 0): number {
  if (depth > 12) throw new Error("too deep");
  const legal = env.legalActions?.(s);
  let best = -Infinity;
  for (let a = 0; a < env.numActions; a++) {
    if (legal && !legal[a]) continue;
    const t = env.step(s, a);
    best = Math.max(best, t.reward + (t.done ? 0 : bruteForceBest(env, t.state, depth + 1)));
  }
  return best;
}

Deno.test("chain: the seeded sequence pays its length, which is the optimum; a wrong move ends it", () => {
  for (const seed of [1, 2, 3]) {
    const env = chainEnv({ length: 5, actions: 3, seed });
    let s = env.reset(0), ret = 0, done = false;
    for (const a of env.solution) {
      const t = env.step(s, a);
      s = t.state, ret += t.reward, done = t.done;
    }
    assert.equal(ret, 5);
    assert.equal(done, true);
    assert.equal(bruteForceBest(env, env.reset(0)), env.optimalReturn);
    assert.equal(env.optimalReturn, 5);
    const wrong = (env.solution[0] + 1) % 3;
    assert.deepEqual(env.step(env.reset(0), wrong), {
      state: { position: 0 },
      reward: 0,
      done: true,
    });
    assert.deepEqual([...env.observe({ position: 2 })], [0, 0, 1, 0, 0]);
  }
});

Deno.test("bandit: the optimum is the single paying pair, the decoy row pays 0.8, the first arm is illegal next", () => {
  for (const seed of [1, 2, 3, 4]) {
    const env = banditEnv({ actions: 4, seed });
    assert.equal(bruteForceBest(env, env.reset(0)), 1);
    const [i, j] = env.best;
    const s1 = env.step(env.reset(0), i);
    assert.equal(s1.reward, 0);
    assert.equal(s1.done, false);
    assert.deepEqual(env.step(s1.state, j), { state: { first: i }, reward: 1, done: true });
    assert.deepEqual([...env.legalActions!(s1.state)], [0, 1, 2, 3].map((a) => (a === i ? 0 : 1)));
    assert.throws(() => env.step(s1.state, i), /illegal/);
    const rows = [0, 1, 2, 3].map((r) =>
      [0, 1, 2, 3].filter((c) => c !== r).map((c) => env.payoff[r * 4 + c])
    );
    assert.equal(rows.filter((r) => r.every((x) => x === decoyPayoff)).length, 1);
    const mean = (r: number[]) => r.reduce((a, b) => a + b) / r.length;
    assert.ok(mean(rows[i]) < decoyPayoff, "averaging prefers the decoy");
  }
});

Deno.test("registry: specs parse with defaults, round-trip, and build environments", async () => {
  const spec = parseEnvSpec("chain:length=6,seed=4");
  assert.deepEqual(spec, { name: "chain", options: { length: 6, actions: 3, seed: 4 } });
  assert.deepEqual(parseEnvSpec(formatEnvSpec(spec)), spec);
  assert.deepEqual(decodeEnvSpec(JSON.parse(JSON.stringify(spec)), "x"), spec);
  const env = await makeEnv(spec);
  assert.equal(env.observationSize, 6);
  assert.equal(optimalReturn(spec), 6);
  assert.equal((await makeEnv(parseEnvSpec("bandit"))).numActions, 4);
});

Deno.test("registry: unknown names, options and bad values are input errors naming the field", () => {
  assert.throws(
    () => parseEnvSpec("maze"),
    (e) => e instanceof InputError && /unknown environment "maze"/.test(e.message),
  );
  assert.throws(() => parseEnvSpec("chain:lenght=3"), /--env \(chain\): lenght: unknown field/);
  assert.throws(() => parseEnvSpec("chain:length=0"), /length: expected a positive integer/);
  assert.throws(() => parseEnvSpec("chain:actions=1"), /actions: expected an integer >= 2/);
  assert.throws(() => parseEnvSpec("bandit:actions"), /not key=value/);
  assert.throws(() => decodeEnvSpec({ name: "chain" }, "ckpt.json"), /ckpt\.json: options/);
});

Deno.test("registry case14: scenarios by episode (first, cycling), reward, held-out seed", async () => {
  const spec = parseEnvSpec("case14");
  assert.deepEqual(spec.options, {
    seed: 0,
    steps: 575,
    scenarios: 0,
    first: 0,
    reward: "L2RPNReward",
    rewardScale: 1,
    observation: "raw",
  });
  const env = await makeEnv(spec) as DiscreteEnv<EnvState>;
  assert.equal(env.numActions, 487);
  assert.equal(env.observationSize, 467);
  assert.equal(env.reset(7).scenario.id, "generated-0-7");
  const cycled = await makeEnv(
    parseEnvSpec("case14:seed=3,first=5,scenarios=2,steps=20"),
  ) as DiscreteEnv<EnvState>;
  assert.deepEqual([0, 1, 2, 3].map((e) => cycled.reset(e).scenario.id), [
    "generated-3-5",
    "generated-3-6",
    "generated-3-5",
    "generated-3-6",
  ]);
  assert.equal(cycled.reset(0).scenario.rows, 21);
  const close = await makeEnv(parseEnvSpec("case14:reward=CloseToOverflowReward")) as DiscreteEnv<
    EnvState
  >;
  const s = close.reset(0), t = close.step(s, 0);
  assert.equal(t.reward, t.state.rewards.CloseToOverflowReward);
  assert.deepEqual(heldOutSpec(spec)?.options, { ...spec.options, seed: 1000 });
  assert.equal(heldOutSpec(parseEnvSpec("chain")), undefined);
  assert.throws(() => parseEnvSpec("case14:reward=Score"), /reward/);
  assert.throws(() => parseEnvSpec("case14:observation=normal"), /observation/);
  assert.throws(() => parseEnvSpec("case14:steps=0"), /steps: expected a positive integer/);
  assert.throws(() => parseEnvSpec("case14:rewardScale=0"), /rewardScale: expected a positive/);
});

Deno.test("registry case14: scaled observations are the raw ones through the grid's constants", async () => {
  const raw = await makeEnv(parseEnvSpec("case14")) as DiscreteEnv<EnvState>;
  const scaled = await makeEnv(parseEnvSpec("case14:observation=scaled")) as DiscreteEnv<EnvState>;
  const model = (await loadGrid("case14")).model;
  const layout = observationLayout(model);
  const at = (name: string) => layout.find((e) => e.name === name)!;
  let s = raw.reset(2);
  for (let t = 0; t < 30; t++) s = raw.step(s, 0).state;
  const x = raw.observe(s), y = scaled.observe(s);
  assert.ok(y.every((v) => Math.abs(v) <= 1.5), `largest ${Math.max(...y.map(Math.abs))}`);
  assert.ok(Math.max(...x.map(Math.abs)) > 1000, "the raw vector holds the year");
  const { offset, scale } = observationScaling(model);
  assert.deepEqual(y, scaleObservation(x, { offset, scale }));
  // Currents over thermal limits are rho; voltages are per unit of the substation's kV.
  const [aOr, rho, vOr, year] = ["a_or", "rho", "v_or", "year"].map(at);
  for (let l = 0; l < aOr.size; l++) {
    assert.ok(Math.abs(y[aOr.offset + l] - x[rho.offset + l]) < 1e-5, `a_or/limit of line ${l}`);
    const orSub = model.net.line.orSub[l];
    assert.ok(Math.abs(y[vOr.offset + l] * model.net.sub.vnKv[orSub] - x[vOr.offset + l]) < 1e-3);
  }
  assert.equal(y[year.offset], 0);
  assert.throws(() => scaleObservation(new Float32Array(3), { offset, scale }), RangeError);
});

sharedTest("registry grid2op: a folder's chronics in order, cycling", SANDBOX, async () => {
  const folder = sharedPath(SANDBOX);
  const env = await makeEnv(parseEnvSpec(`grid2op:folder=${folder},first=1`)) as DiscreteEnv<
    EnvState
  >;
  assert.deepEqual([0, 1, 2].map((e) => env.reset(e).scenario.id), ["0001", "0002", "0000"]);
  assert.equal(env.numActions, 487);
  assert.throws(() => parseEnvSpec("grid2op"), /folder: expected a grid2op environment folder/);
  await assert.rejects(
    () => makeEnv(parseEnvSpec("grid2op:folder=fixtures")),
    /fixtures: not a grid2op environment folder/,
  );
});
