/**
 * `simulate` (grid2op's `obs.simulate`) changes nothing and equals `step` when the forecast is
 * the real next row; the greedy baselines: the expert takes the argmin of the simulated max
 * rho over the legal actions when at risk, reconnects when not; the L2RPN-style score is 0 for
 * do-nothing, 100 for a perfect run, -100 for a blackout at the first step.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadGrid } from "../effects/grids.ts";
import { expertDecision, maxRho, reconnectDecision } from "../core/agents/greedy.ts";
import { episodeCost, l2rpnScore } from "../core/agents/l2rpn_score.ts";
import { gridDiscreteEnv } from "../core/grid/env/discrete.ts";
import { gridModel } from "../core/grid/env/model.ts";
import { simulate, step } from "../core/grid/env/step.ts";
import { forecastAt, makeScenario } from "../core/grid/scenario/scenario.ts";
import { Network } from "../core/grid/network.ts";

const env = await loadGrid("case14", { steps: 60 });
const d = env.discrete();
const scenario = env.scenario(2);

Deno.test("simulate changes nothing and equals step on the real next row", () => {
  let s = d.reset(2);
  for (let i = 0; i < 5; i++) s = d.step(s, 0).state;
  const legal = d.legalActions(s);
  const before = structuredClone({ topo: s.topoVect, rho: s.rho, wait: s.timeBeforeCooldownLine });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: d.numActions - 1 }), (a) => {
      fc.pre(legal[a] === 1);
      const sim = simulate(env.model, s, d.actions[a]).state;
      const real = step(env.model, s, d.actions[a]).state;
      assert.deepEqual(sim.rho, real.rho);
      assert.deepEqual(sim.topoVect, real.topoVect);
      assert.equal(sim.gameOver, real.gameOver);
    }),
    { numRuns: 60 },
  );
  assert.deepEqual({ topo: s.topoVect, rho: s.rho, wait: s.timeBeforeCooldownLine }, before);
});

Deno.test("simulate steps on the scenario's forecast when it has one", () => {
  const f = (a: Float32Array) => Float32Array.from(a, (x) => 1.05 * x);
  const withForecast = makeScenario({
    ...scenario,
    forecast: {
      load_p: f(scenario.load_p),
      load_q: f(scenario.load_q),
      prod_p: f(scenario.prod_p),
      prod_v: scenario.prod_v,
    },
  });
  const e = gridDiscreteEnv(env.model, () => withForecast);
  const s = e.reset(0);
  const sim = simulate(env.model, s, d.actions[0]).state;
  const real = step(env.model, s, d.actions[0]).state;
  assert.notDeepEqual(sim.rho, real.rho);
  const explicit = step(env.model, s, d.actions[0], forecastAt(withForecast, 0)).state;
  assert.deepEqual(sim.rho, explicit.rho);
  assert.throws(() => simulate(env.model, { ...s, done: true }, d.actions[0]), /over/);
});

/** The case14 grid with line 11's limit lowered so that it is near its limit (at risk). */
function tightModel() {
  const net = env.model.net;
  const thermalLimitA = Float64Array.from(net.line.thermalLimitA, (a, l) => (l === 11 ? 150 : a));
  return gridModel({ ...net, line: { ...net.line, thermalLimitA } } as Network);
}

Deno.test("expert: at risk, the argmin of the simulated max rho over the legal actions", () => {
  const m = tightModel();
  const e = gridDiscreteEnv(m, () => scenario);
  const s = e.reset(0);
  assert.ok(maxRho(s) >= 0.95, `max rho ${maxRho(s)}`);
  const legal = e.legalActions(s);
  let best = -1, bestRisk = Infinity, count = 0;
  for (let a = 0; a < e.numActions; a++) {
    if (!legal[a]) continue;
    count++;
    const r = simulate(m, s, e.actions[a]).state;
    const risk = r.gameOver ? Infinity : maxRho(r);
    if (risk < bestRisk) [best, bestRisk] = [a, risk];
  }
  const pick = expertDecision(e, s, { threshold: 0.95, depth: 1, topK: 5 });
  assert.equal(pick.action, best);
  assert.equal(pick.simulations, count);
  assert.notEqual(pick.action, 0);
  // With a threshold above the max rho it does nothing (every line is in).
  const calm = expertDecision(e, s, { threshold: 5, depth: 1, topK: 5 });
  assert.deepEqual(calm, { action: 0, simulations: 0 });
  // Depth 2 looks further and never picks a first action that a single step rules out.
  const deep = expertDecision(e, s, { threshold: 0.95, depth: 2, topK: 3 });
  assert.ok(deep.simulations > count);
  assert.ok(!simulate(m, s, e.actions[deep.action]).state.gameOver);
});

Deno.test("reconnect and expert put a line that is out back when they may", () => {
  let s = d.reset(2);
  s = d.step(s, d.actions.findIndex((a) => a.setLineStatus[10] === -1)).state;
  assert.equal(s.lineStatus[10], 0);
  const r = reconnectDecision(d, s);
  assert.equal(d.actions[r.action].setLineStatus[10], 1);
  const x = expertDecision(d, s, { threshold: 0.95, depth: 1, topK: 5 });
  assert.equal(d.actions[x.action].setLineStatus[10], 1);
  assert.equal(d.step(s, r.action).state.lineStatus[10], 1);
  assert.equal(reconnectDecision(d, d.reset(2)).action, 0, "nothing out: do nothing");
});

Deno.test("score: 0 for do-nothing, 100 for a perfect run, -100 for a blackout at once", () => {
  const load = Float64Array.from({ length: 100 }, (_, t) => 240 + 10 * Math.sin(t / 7));
  const h = 5 / 60;
  const lossesOf = (n: number) => Float64Array.from(load.subarray(0, n), (x) => 0.02 * x);
  const dn = episodeCost(load, lossesOf(40), h, 1);
  assert.equal(l2rpnScore(dn, dn), 0);
  assert.ok(Math.abs(l2rpnScore(episodeCost(load, lossesOf(100), h, 1), dn) - 100) < 1e-9);
  assert.ok(Math.abs(l2rpnScore(episodeCost(load, [], h, 1), dn) + 100) < 1e-9);
  const half = l2rpnScore(episodeCost(load, lossesOf(70), h, 1), dn);
  assert.ok(half > 0 && half < 100, `${half}`);
  assert.ok(l2rpnScore(episodeCost(load, lossesOf(20), h, 1), dn) < 0);
  // When do-nothing survives there is nothing to win.
  const full = episodeCost(load, lossesOf(100), h, 1);
  assert.equal(l2rpnScore(full, full), 0);
  assert.throws(() => episodeCost(load, new Float64Array(101), h, 1), /survived/);
});
