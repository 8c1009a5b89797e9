import assert from "node:assert/strict";
import type { DiscreteEnv } from "../core/env.ts";
import { banditEnv, decoyPayoff } from "../core/envs/bandit.ts";
import { chainEnv } from "../core/envs/chain.ts";
import { InputError } from "../effects/cli.ts";
import {
  decodeEnvSpec,
  formatEnvSpec,
  makeEnv,
  optimalReturn,
  parseEnvSpec,
} from "../effects/envs.ts";

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
