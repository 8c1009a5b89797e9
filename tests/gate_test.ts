/**
 * The gate and what rests on it: the reduced action table, the gated decision process (one
 * step per decision at risk, the rules in between, survival as reward), the expert's
 * demonstrations as MuZero episodes, and the case14-hard registry entry.
 */
import assert from "node:assert/strict";
import { atRisk, gatedEnv, reduceActions, ruleAction } from "../core/agents/gate.ts";
import { maxRho } from "../core/agents/greedy.ts";
import { demonstrationEpisode, expertChoice, expertTarget } from "../core/muzero/demonstration.ts";
import { benchmarkEnvironment, readBenchmark } from "../effects/benchmarks/benchmark.ts";
import { CASE14_HARD_ACTIONS } from "../effects/benchmarks/gated.ts";
import { readDiscoveredActions } from "../effects/benchmarks/discover.ts";
import { heldOutSpec, makeEnv, parseEnvSpec } from "../effects/env_registry.ts";

const bench = await readBenchmark("case14-hard");
const train = await benchmarkEnvironment(bench, 1);
const base = train.discrete();
const found = await readDiscoveredActions(CASE14_HARD_ACTIONS);
const options = { threshold: 0.95, revertBelow: 0.8, maxLength: 3000 };

Deno.test("reduceActions: do-nothing first, the most used next, rare ones and the cap out", () => {
  const counts = new Map([[5, 3], [9, 7], [2, 7], [0, 40], [11, 1]]);
  assert.deepEqual(reduceActions(counts, 10, 2), [0, 2, 9, 5]);
  assert.deepEqual(reduceActions(counts, 2, 2), [0, 2]);
  assert.deepEqual(reduceActions(new Map(), 5, 1), [0]);
});

Deno.test("the shipped table is the discovery's: case14-hard, seed 1, do-nothing first", () => {
  assert.equal(found.benchmark, "case14-hard");
  assert.notEqual(found.seed, bench.heldOutSeed);
  assert.equal(found.table[0], 0);
  assert.equal(new Set(found.table).size, found.table.length);
  const used = new Map(found.counts);
  assert.ok(found.table.slice(1).every((a) => (used.get(a) ?? 0) >= found.minCount));
});

Deno.test("gated env: decisions only at risk, rules between, survival as reward", () => {
  const g = gatedEnv(base, found.table, options);
  let s = g.reset(0);
  let decisions = 0, total = 0;
  while (!(s.done || s.step >= options.maxLength)) {
    assert.ok(atRisk(s, 0.95), `step ${s.step}: max rho ${maxRho(s)}`);
    const legal = g.legalActions(s);
    assert.equal(legal.length, found.table.length);
    assert.equal(legal[0], 1, "do-nothing is always legal");
    const before = s.step;
    const t = g.step(s, 0);
    const survived = t.state.gameOver ? t.state.step - before - 1 : t.state.step - before;
    assert.ok(Math.abs(t.reward - (survived / 288 - (t.state.gameOver ? 1 : 0))) < 1e-12);
    total += survived;
    s = t.state;
    decisions++;
  }
  assert.ok(decisions > 0, "scenario 0 is at risk at some point");
  assert.throws(() => g.step(g.reset(0), found.table.length), /not in 0\.\./);
  assert.ok(total > 0);
});

Deno.test("ruleAction reconnects a line that is out, else does nothing on a safe grid", () => {
  let s = base.reset(3);
  const cut = base.actions.findIndex((a) => a.setLineStatus[10] === -1);
  s = base.step(s, cut).state;
  const a = ruleAction(base, s, options);
  assert.equal(base.actions[a].setLineStatus[10], 1);
  assert.equal(ruleAction(base, base.reset(3), options), 0);
});

Deno.test("a demonstration: the expert's choices, one-hot policies, discounted returns", () => {
  const g = gatedEnv(base, found.table, options);
  const ep = demonstrationEpisode(g, 0, { discount: 0.9, maxLength: 40, softness: 0, explore: 0 });
  assert.ok(ep.length > 0);
  assert.equal(ep.actions[0], expertChoice(g, g.reset(0)));
  for (let t = 0; t < ep.length; t++) {
    const k = ep.policyStart[t];
    assert.equal(ep.policyStart[t + 1] - k, 1);
    assert.equal(ep.policyAction[k], ep.actions[t]);
    assert.equal(ep.policyProb[k], 1);
    const next = t + 1 < ep.length ? ep.rootValues[t + 1] : 0;
    assert.ok(Math.abs(ep.rootValues[t] - (ep.rewards[t] + 0.9 * next)) < 1e-5);
  }
});

Deno.test("soft targets: a distribution over the legal actions, fatal ones 0, the best highest", () => {
  const g = gatedEnv(base, found.table, options);
  const s = g.reset(0);
  const { policy, best } = expertTarget(g, s, 0.02);
  const legal = g.legalActions(s);
  assert.ok(Math.abs(policy.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  assert.ok(policy.every((p, i) => legal[i] || p === 0));
  assert.equal(best, expertChoice(g, s));
  assert.ok(policy.every((p) => p <= policy[best]));
  const sharp = expertTarget(g, s, 0).policy;
  assert.equal(sharp[best], 1);
  // Exploring demonstrations follow their draws: all-zero draws explore at every decision.
  const draws = new Float64Array(80);
  const ep = demonstrationEpisode(g, 0, {
    discount: 0.9,
    maxLength: 40,
    softness: 0.02,
    explore: 1,
  }, draws);
  const k = ep.policyStart[0];
  assert.ok(ep.policyStart[1] - k >= 1);
  assert.equal(ep.actions[0], categoricalFirst(policy));
});

/** The action `categorical` draws at u = 0: the first with a positive weight. */
const categoricalFirst = (p: Float32Array) => p.findIndex((x) => x > 0);

Deno.test("the case14-hard registry entry: training seed 1, held out on the benchmark's seed", async () => {
  const spec = parseEnvSpec("case14-hard");
  assert.equal(spec.options.seed, 1);
  assert.equal(heldOutSpec(spec)!.options.seed, bench.heldOutSeed);
  const env = await makeEnv(spec);
  assert.equal(env.numActions, found.table.length);
  assert.equal(env.observationSize, base.observationSize);
});
