/**
 * The environment's dynamics on the built-in case14 (no reference trace covers them): soft and
 * hard overflows, the cascade's double counting, the reconnection wait, cooldowns, game overs,
 * ambiguous actions, the end of a scenario, rewards, and that states are never mutated. Lines
 * are made to overflow by lowering their thermal limits in a copy of the grid.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadGrid } from "../effects/grids.ts";
import { ActionDict, actionFromDict, doNothing } from "../core/grid/env/action.ts";
import { nextGridState } from "../core/grid/env/cascade.ts";
import { gridDiscreteEnv } from "../core/grid/env/discrete.ts";
import { GridModel, gridModel, ModelOptions } from "../core/grid/env/model.ts";
import { observe } from "../core/grid/env/observation.ts";
import { envParameters } from "../core/grid/env/parameters.ts";
import { closeToOverflowReward, l2rpnReward } from "../core/grid/env/rewards.ts";
import { EnvState, reset, rowInjections, step } from "../core/grid/env/step.ts";
import { injectionsAt } from "../core/grid/scenario/scenario.ts";
import { Network } from "../core/grid/network.ts";

const env = await loadGrid("case14");
const net = env.model.net;
const scenario = env.scenario(0);
const nLine = net.line.name.length;

/** The model of the case14 grid with some thermal limits replaced. */
function withLimits(limits: Record<number, number>, options: ModelOptions = {}): GridModel {
  const thermalLimitA = Float64Array.from(net.line.thermalLimitA, (a, l) => limits[l] ?? a);
  const changed: Network = { ...net, line: { ...net.line, thermalLimitA } };
  return gridModel(changed, options);
}

const idle = (m: GridModel, s: EnvState) => step(m, s, doNothing(m.net));
const act = (m: GridModel, d: ActionDict) => actionFromDict(m.index, d);
const discrete = (m: GridModel) => gridDiscreteEnv(m, () => scenario);

Deno.test("reset: row 0 solved, every counter at 0, all on bus 1; the same twice", () => {
  const s = reset(env.model, scenario);
  assert.equal(s.step, 0);
  assert.equal(s.done, false);
  assert.ok(s.topoVect.every((b) => b === 1));
  assert.ok(s.timestepOverflow.every((v) => v === 0));
  assert.ok(s.timeBeforeCooldownLine.every((v) => v === 0));
  assert.equal(s.flow.status, "converged");
  assert.deepEqual(reset(env.model, scenario).rho, s.rho);
  assert.deepEqual(
    observe(env.model, s).load_p,
    Float64Array.from(injectionsAt(scenario, 0).load_p),
  );
});

Deno.test("soft overflow: a line above its limit trips at the third step, then waits 10 steps", () => {
  // Line 11 (8_13_11) carries 150-165 A in this scenario's first steps: 140 A puts it at
  // about 1.1 rho, a soft overflow.
  const m = withLimits({ 11: 140 });
  const d = discrete(m);
  let s = d.reset(0);
  assert.equal(s.timestepOverflow[11], 0); // reset clears the count of its own power flow
  s = idle(m, s).state;
  assert.deepEqual([s.timestepOverflow[11], s.lineStatus[11]], [1, 1]);
  s = idle(m, s).state;
  assert.deepEqual([s.timestepOverflow[11], s.lineStatus[11]], [2, 1]);
  const r = idle(m, s);
  s = r.state;
  assert.deepEqual([r.info.tripped[11], s.lineStatus[11], s.timestepOverflow[11]], [0, 0, 0]);
  assert.equal(s.rho[11], 0);
  assert.equal(s.timeBeforeCooldownLine[11], 10);
  assert.ok(!r.done);
  // It may not be reconnected before its wait is over (change_line_status 11 is action 200).
  for (let wait = 9; wait >= 1; wait--) {
    assert.equal(d.legalActions(s)[200], 0);
    const t = d.step(s, 200);
    s = t.state;
    assert.ok(s.info.isIllegal, `wait ${wait}`);
    assert.deepEqual([s.timeBeforeCooldownLine[11], s.lineStatus[11]], [wait, 0]);
  }
  s = d.step(s, 0).state;
  assert.equal(s.timeBeforeCooldownLine[11], 0);
  assert.equal(d.legalActions(s)[200], 1);
  s = d.step(s, 200).state;
  assert.ok(!s.info.isIllegal);
  assert.equal(s.lineStatus[11], 1);
  assert.equal(s.timestepOverflow[11], 1); // back above its limit
});

Deno.test("hard overflow: a line above twice its limit trips at once, even at reset", () => {
  // Line 11 at 70 A: above twice its limit from the first row, so reset's own power flow
  // trips it (grid2op's reset runs the cascade), and reset then clears its wait.
  const m = withLimits({ 11: 70 });
  const d = discrete(m);
  const s0 = d.reset(0);
  assert.deepEqual([s0.info.tripped[11], s0.lineStatus[11], s0.timeBeforeCooldownLine[11]], [
    0,
    0,
    0,
  ]);
  // Reconnected at once (legal: no wait), it trips again in the same step.
  const r = d.step(s0, 200);
  assert.ok(!r.state.info.isIllegal);
  assert.equal(r.state.info.tripped[11], 0);
  assert.deepEqual([r.state.lineStatus[11], r.state.timeBeforeCooldownLine[11]], [0, 10]);
  // With overflow disconnection off, it stays connected and counts its overflowing steps.
  const off = withLimits({ 11: 70 }, {
    parameters: envParameters({ NO_OVERFLOW_DISCONNECTION: true }),
  });
  let s = reset(off, scenario);
  for (let t = 1; t <= 4; t++) s = idle(off, s).state;
  assert.deepEqual([s.lineStatus[11], s.timestepOverflow[11]], [1, 4]);
});

Deno.test("cascade: each pass counts an overflowing step again (grid2op's next_grid_state)", () => {
  // Line 0 at a third of its flow trips at once (hard); line 11 stays between 1 and 2 times
  // its limit before and after, so it trips in the second pass only when it entered the step
  // with one overflowing step already counted.
  const m = withLimits({ 0: 40, 11: 140 });
  const connected = reset(env.model, scenario).topoVect;
  const inj = rowInjections(m, injectionsAt(scenario, 1));
  const counts = (c11: number) =>
    Int32Array.from({ length: nLine }, (_, l) => (l === 11 ? c11 : 0));
  const trips = (t: Int32Array) => Array.from(t).flatMap((p, l) => (p >= 0 ? [[l, p]] : []));
  const fresh = nextGridState(m, connected, inj, counts(0), null);
  assert.equal(fresh.exception, null);
  assert.deepEqual(trips(fresh.tripped), [[0, 0]]);
  assert.ok(fresh.flow.aOr[11] >= 140 && fresh.flow.aOr[11] < 280);
  const counted = nextGridState(m, connected, inj, counts(1), null);
  assert.deepEqual(trips(counted.tripped), [[0, 0], [11, 1]]);
  // In an episode: one step with line 11 overflowing, then line 0's limit drops.
  const soft = withLimits({ 11: 140 });
  const s = idle(soft, reset(soft, scenario)).state;
  assert.equal(s.timestepOverflow[11], 1);
  const r = idle(m, s);
  assert.deepEqual(trips(r.info.tripped), [[0, 0], [11, 1]]);
  // The state's counters come from the final flows: line 11 is off, so 0.
  assert.deepEqual([r.state.timestepOverflow[11], r.state.timeBeforeCooldownLine[11]], [0, 10]);
});

Deno.test("reconnection: lines come back on the buses they were last on", () => {
  const m = env.model;
  const d = discrete(m);
  // Lines 3 and 4's origins to bus 2 at substation 1, then cut line 4 (set_line_status,
  // action 391), then bring it back.
  const split = act(m, {
    set_bus: {
      loads_id: [[0, 1]],
      generators_id: [[0, 1]],
      lines_or_id: [[2, 1], [3, 2], [4, 2]],
      lines_ex_id: [[0, 1]],
    },
  });
  let s = step(m, reset(m, scenario), split).state;
  assert.ok(!s.info.isIllegal && !s.done, s.info.exception.join());
  const or4 = net.layout.lineOrPosTopoVect[4];
  assert.equal(s.topoVect[or4], 2);
  s = d.step(s, 391).state;
  assert.ok(!s.done, s.info.exception.join());
  assert.deepEqual([s.topoVect[or4], s.lineStatus[4], s.lastBus[or4]], [-1, 0, 2]);
  // Reconnecting with buses set at both ends touches two substations while the line is on,
  // but only the line while it is off: legal now (action 431: origin on bus 2, end on 1).
  assert.equal(d.legalActions(s)[431], 1);
  const viaSet = d.step(s, 431).state;
  assert.ok(!viaSet.info.isIllegal);
  assert.deepEqual([viaSet.topoVect[or4], viaSet.lineStatus[4]], [2, 1]);
  assert.equal(d.legalActions(viaSet)[431], 0);
  s = d.step(s, 193).state;
  assert.deepEqual([s.topoVect[or4], s.lineStatus[4]], [2, 1]);
});

Deno.test("cooldowns: a substation or line acted on waits NB_TIMESTEP_COOLDOWN_* steps", () => {
  const m = gridModel(net, {
    parameters: envParameters({ NB_TIMESTEP_COOLDOWN_SUB: 3, NB_TIMESTEP_COOLDOWN_LINE: 2 }),
  });
  const d = discrete(m);
  let s = d.reset(0);
  s = d.step(s, 213).state; // set_bus at substation 1: line 4's origin on bus 2
  assert.ok(!s.done);
  assert.equal(s.timeBeforeCooldownSub[1], 3);
  assert.equal(d.legalActions(s)[213], 0);
  assert.ok(d.step(s, 213).state.info.isIllegal);
  s = d.step(s, 0).state;
  assert.equal(s.timeBeforeCooldownSub[1], 2);
  s = d.step(s, 195).state; // change_line_status 6
  assert.deepEqual([s.timeBeforeCooldownLine[6], s.timeBeforeCooldownSub[1]], [2, 1]);
  assert.ok(d.step(s, 195).state.info.isIllegal);
  s = d.step(d.step(s, 0).state, 0).state;
  assert.deepEqual([s.timeBeforeCooldownLine[6], s.timeBeforeCooldownSub[1]], [0, 0]);
  assert.ok(!d.step(s, 195).state.info.isIllegal);
});

Deno.test("game over: a load cut off ends the episode with rewards 0 and grid2op's last observation", () => {
  const m = env.model;
  const r = step(m, reset(m, scenario), act(m, { set_bus: { loads_id: [[3, -1]] } }));
  assert.ok(r.done && r.state.gameOver);
  assert.match(r.info.exception.at(-1)!, /load is disconnected \(check loads 3\)/);
  assert.deepEqual(r.rewards, { L2RPNReward: 0, CloseToOverflowReward: 0 });
  const obs = observe(m, r.state);
  assert.ok(obs.topo_vect.every((b) => b === -1));
  assert.ok(obs.line_status.every((v) => v === 0));
  assert.ok(obs.rho.every((v) => v === 0) && obs.gen_p.every((v) => v === 0));
  assert.equal(obs.current_step, 1);
  assert.throws(() => idle(m, r.state), /episode is over/);
  assert.equal(discrete(m).legalActions(r.state).reduce((a, b) => a + b, 0), 0);
  // A generator alone on its bus is an island: the DC start fails, as lightsim2grid's does.
  const island = step(m, reset(m, scenario), act(m, { change_bus: { generators_id: [5] } }));
  assert.match(island.info.exception.at(-1)!, /non connected grid/);
});

Deno.test("ambiguous and illegal actions become do-nothing; CloseToOverflowReward is then 0", () => {
  const m = env.model;
  const s0 = reset(m, scenario);
  const plain = idle(m, s0);
  const amb = step(
    m,
    s0,
    act(m, { set_bus: { loads_id: [[0, 2]] }, change_bus: { loads_id: [0] } }),
  );
  assert.ok(amb.info.isAmbiguous && !amb.info.isIllegal);
  assert.deepEqual(amb.state.rho, plain.state.rho);
  assert.equal(amb.rewards.L2RPNReward, plain.rewards.L2RPNReward);
  assert.equal(amb.rewards.CloseToOverflowReward, 0);
  assert.equal(plain.rewards.CloseToOverflowReward, 1);
  const ill = step(m, s0, act(m, { change_line_status: [1, 2] }));
  assert.ok(ill.info.isIllegal && !ill.info.isAmbiguous);
  assert.match(ill.info.exception[0], /more than 1 line status/);
  assert.deepEqual(ill.state.lineStatus, plain.state.lineStatus);
  assert.equal(ill.rewards.CloseToOverflowReward, 0);
});

Deno.test("the scenario's end: done at its last row, L2RPNReward 0, CloseToOverflowReward kept", async () => {
  const short = await loadGrid("case14", { steps: 4 });
  let s = reset(short.model, short.scenario(0));
  const rewards: number[] = [];
  while (!s.done) {
    s = idle(short.model, s).state;
    rewards.push(s.rewards.L2RPNReward);
  }
  assert.equal(s.step, 4);
  assert.ok(!s.gameOver);
  assert.ok(rewards.slice(0, 3).every((r) => r > 10) && rewards[3] === 0);
  assert.equal(s.rewards.CloseToOverflowReward, 1);
});

Deno.test("rewards: grid2op's formulas", () => {
  const limits = [100, 500, 1000];
  assert.ok(Math.abs(l2rpnReward([0, 0, 0], limits) - 3) < 1e-6);
  // margin 1 - (a / (limit + 0.1))^2, none above the limit.
  const expected = 1 - (50 / 100.1) ** 2 + 0 + 1 - (500 / 1000.1) ** 2;
  assert.ok(Math.abs(l2rpnReward([50, 800, 500], limits) - expected) < 1e-6);
  // Close to overflow: 0.95 on lines under 400 A, 0.975 on others; 1 - k / 5, k <= 5.
  assert.equal(closeToOverflowReward([0.95, 0.96, 0.9], limits), 0.8);
  assert.equal(closeToOverflowReward([0.94, 0.975, 0.99], limits), 0.6);
  assert.equal(closeToOverflowReward(new Array(7).fill(1.2), new Array(7).fill(100)), 0);
});

Deno.test("a generated case14 scenario runs with do-nothing to the end (575 steps)", () => {
  const d = env.discrete();
  let s = d.reset(0);
  let steps = 0;
  while (!s.done) {
    s = d.step(s, 0).state;
    steps++;
  }
  assert.equal(steps, 575);
  assert.ok(!s.gameOver, s.info.exception.join());
});

Deno.test("step never changes the state it is given, and is deterministic", () => {
  const d = env.discrete();
  // Everything but the scenario and the compiled grid, which states share and never change.
  const snapshot = (s: EnvState) =>
    JSON.stringify(
      s,
      (k, v) =>
        k === "scenario" || k === "grid"
          ? undefined
          : ArrayBuffer.isView(v)
          ? Array.from(v as Float64Array)
          : v,
    );
  const start = d.reset(1);
  fc.assert(
    fc.property(fc.array(fc.nat(486), { minLength: 1, maxLength: 12 }), (actions) => {
      let s = start;
      const before = snapshot(start);
      for (const a of actions) {
        if (s.done) break;
        const frozen = snapshot(s);
        const t = d.step(s, a);
        assert.equal(snapshot(s), frozen);
        // A fresh model (empty topology cache) gives the same next state.
        const again = step(gridModel(net), s, d.actions[a]).state;
        assert.deepEqual(again.rho, t.state.rho);
        assert.deepEqual(again.topoVect, t.state.topoVect);
        s = t.state;
      }
      assert.equal(snapshot(start), before);
    }),
    { numRuns: 15 },
  );
});

Deno.test("a warm start finds the DC start's solutions in fewer iterations", () => {
  const warm = gridModel(net, { powerFlowInit: "warm" });
  let a = reset(env.model, scenario), b = reset(warm, scenario);
  let itersDc = 0, itersWarm = 0;
  for (let t = 1; t <= 100; t++) {
    a = idle(env.model, a).state;
    b = idle(warm, b).state;
    itersDc += a.flow.iterations;
    itersWarm += b.flow.iterations;
    for (let l = 0; l < nLine; l++) assert.ok(Math.abs(a.rho[l] - b.rho[l]) < 1e-9);
  }
  assert.ok(itersWarm < itersDc, `${itersWarm} >= ${itersDc}`);
});
