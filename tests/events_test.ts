/**
 * Maintenance and the opponent follow grid2op's rules on hand-built cases: the counters of
 * `maintenance` as grid2op computes them, a maintained line out for its window, not
 * reconnectable before it ends and reconnectable after; an attacked line cut when the budget
 * allows, in cooldown for the attack's duration, reconnectable after; both in the
 * observation. Also the generated events: the same for a seed, within their plan.
 */
import assert from "node:assert/strict";
import { loadGrid } from "../effects/grids.ts";
import { maintenanceSchedule } from "../core/grid/env/maintenance.ts";
import { opponentStart, opponentStep } from "../core/grid/env/opponent.ts";
import { gridDiscreteEnv } from "../core/grid/env/discrete.ts";
import { gridModel } from "../core/grid/env/model.ts";
import { observe } from "../core/grid/env/observation.ts";
import { EnvState, reset } from "../core/grid/env/step.ts";
import { calendarAt, makeScenario, Scenario } from "../core/grid/scenario/scenario.ts";
import { withEvents } from "../core/grid/scenario/events.ts";
import { genFromSeed } from "../core/random.ts";

const env = await loadGrid("case14", { steps: 40 });
const net = env.model.net;
const nLine = net.line.name.length;
const base = env.scenario(0);
const LINE = 10; // 8_9_10: its outage leaves the grid connected and within limits

/** The action index of grid2op's table reconnecting `line` on bus bar 1 at both ends. */
function reconnectIndex(d: ReturnType<typeof gridDiscreteEnv>, line: number): number {
  const { lineOrPosTopoVect: or, lineExPosTopoVect: ex } = net.layout;
  return d.actions.findIndex((a) =>
    a.setLineStatus[line] === 1 && a.setBus[or[line]] === 1 && a.setBus[ex[line]] === 1
  );
}

function play(d: ReturnType<typeof gridDiscreteEnv>, s: EnvState, steps: number, a = 0) {
  const out = [s];
  for (let i = 0; i < steps; i++) out.push(s = d.step(s, a).state);
  return out;
}

Deno.test("maintenance counters are grid2op's (GridValue's documented examples)", () => {
  const one = (m: number[]) => maintenanceSchedule(Uint8Array.from(m), 1);
  const a = one([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(a.timeNext), [
    5,
    4,
    3,
    2,
    1,
    0,
    0,
    0,
    -1,
    -1,
    -1,
    -1,
    -1,
    -1,
    -1,
    -1,
  ]);
  assert.deepEqual(Array.from(a.duration), [3, 3, 3, 3, 3, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const b = one([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
  assert.deepEqual(Array.from(b.timeNext), [5, 4, 3, 2, 1, 0, 0, 0, 4, 3, 2, 1, 0, 0, -1, -1, -1]);
  assert.deepEqual(Array.from(b.duration), [3, 3, 3, 3, 3, 3, 2, 1, 2, 2, 2, 2, 2, 1, 0, 0, 0]);
  assert.throws(() => maintenanceSchedule(new Uint8Array(7), 2), /rows x 2 lines/);
});

Deno.test("a maintained line is out for its window, locked until it ends, then reconnectable", () => {
  const maintenance = new Uint8Array(base.rows * nLine);
  for (const t of [3, 4, 5]) maintenance[t * nLine + LINE] = 1;
  const s = makeScenario({ ...base, maintenance });
  const d = gridDiscreteEnv(env.model, () => s);
  const reco = reconnectIndex(d, LINE);
  const states = play(d, d.reset(0), 6);
  const obs1 = observe(env.model, states[1]);
  assert.equal(obs1.time_next_maintenance[LINE], 2);
  assert.equal(obs1.duration_next_maintenance[LINE], 3);
  assert.equal(obs1.time_next_maintenance[0], -1);
  assert.equal(states[2].lineStatus[LINE], 1);
  for (const t of [3, 4, 5]) {
    assert.equal(states[t].lineStatus[LINE], 0, `out at step ${t}`);
    assert.equal(observe(env.model, states[t]).time_next_maintenance[LINE], 0);
    assert.equal(d.legalActions(states[t])[reco], 0, `locked at step ${t}`);
  }
  assert.deepEqual(Array.from([3, 4, 5], (t) => states[t].timeBeforeCooldownLine[LINE]), [3, 2, 1]);
  // The states after steps 3-5 lock the actions of steps 4-6 (grid2op counts the last
  // maintained row's own step); the action of step 7 may reconnect it.
  assert.equal(states[6].lineStatus[LINE], 0, "stays out after the window");
  assert.equal(d.legalActions(states[6])[reco], 1, "reconnectable after the window");
  const back = d.step(states[6], reco).state;
  assert.equal(back.lineStatus[LINE], 1);
  assert.equal(back.info.isIllegal, false);
  // The agent cannot keep the line in during its window: reconnecting it is illegal.
  const tried = d.step(states[3], reco).state;
  assert.equal(tried.info.isIllegal, true);
  assert.equal(tried.lineStatus[LINE], 0);
});

Deno.test("the opponent: grid2op's budget and cooldown, the line cut for the attack, locked", () => {
  const spec = {
    lines: [LINE],
    attackCooldown: 10,
    attackDuration: 4,
    budgetPerStep: 1,
    initBudget: 0,
  };
  const model = gridModel(net, { opponent: spec });
  const s = makeScenario({ ...base, attack_draws: new Float32Array(base.rows).fill(0.5) });
  const d = gridDiscreteEnv(model, () => s);
  const reco = reconnectIndex(d, LINE);
  const states = play(d, d.reset(0), 12);
  // The budget reaches the attack's 4 steps at step 4; the attack lasts steps 4-7.
  assert.deepEqual(states.map((x) => x.opponent!.line), [
    -1,
    -1,
    -1,
    -1,
    10,
    10,
    10,
    10,
    -1,
    -1,
    -1,
    -1,
    -1,
  ]);
  assert.deepEqual(states.map((x) => x.lineStatus[LINE]), [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  for (const t of [4, 5, 6, 7]) {
    assert.equal(d.legalActions(states[t])[reco], t === 7 ? 1 : 0, `step ${t}`);
  }
  assert.deepEqual(states.slice(4, 8).map((x) => x.timeBeforeCooldownLine[LINE]), [3, 2, 1, 0]);
  assert.equal(d.step(states[8], reco).state.lineStatus[LINE], 1, "reconnected after the attack");
  // Cooldown: 10 - 4 + 10 = 16 at the attack, so none before it is back to 10 (step 10).
  const o = states[8].opponent!;
  assert.equal(o.cooldown, 12);
  assert.equal(observe(model, states[5]).line_status[LINE], 0);
});

Deno.test("the opponent step: no line when every attackable one is out, the draw picks", () => {
  const spec = {
    lines: [2, 5, 7],
    attackCooldown: 0,
    attackDuration: 2,
    budgetPerStep: 5,
    initBudget: 0,
  };
  const on = new Uint8Array(20).fill(1);
  const s0 = opponentStart(spec);
  assert.equal(opponentStep(spec, s0, on, 0.0).line, 2);
  assert.equal(opponentStep(spec, s0, on, 0.5).line, 5);
  assert.equal(opponentStep(spec, s0, on, 0.99).line, 7);
  const off = on.slice();
  for (const l of [2, 5, 7]) off[l] = 0;
  const none = opponentStep(spec, s0, off, 0.5);
  assert.equal(none.line, -1);
  assert.equal(none.budget, 5, "no attack, no cost");
  const onlyFive = on.slice();
  onlyFive[2] = onlyFive[7] = 0;
  assert.equal(opponentStep(spec, s0, onlyFive, 0.99).line, 5);
});

Deno.test("generated events: the same for a seed, maintenance on working days, in its hours", () => {
  const plan = {
    lines: [0, 5],
    dailyProbability: 0.5,
    startHours: [8, 12] as [number, number],
    durationHours: [4, 8] as [number, number],
    maxConcurrent: 1,
  };
  const long: Scenario = await_env.scenario(1);
  const spec = { nLine, maintenance: plan, attackDraws: true };
  const a = withEvents(long, spec, genFromSeed(3));
  const b = withEvents(long, spec, genFromSeed(3));
  assert.deepEqual(a.maintenance, b.maintenance);
  assert.deepEqual(a.attack_draws, b.attack_draws);
  const m = a.maintenance!;
  let windows = 0;
  for (let t = 0; t < a.rows; t++) {
    let out = 0;
    for (let l = 0; l < nLine; l++) {
      if (!m[t * nLine + l]) continue;
      out++;
      assert.ok(l === 0 || l === 5, `line ${l} is not in the plan`);
      const c = calendarAt(a, t);
      assert.ok(c.day_of_week < 5, `row ${t}: a weekend`);
      assert.ok(c.hour_of_day >= 8 && c.hour_of_day < 20, `row ${t}: hour ${c.hour_of_day}`);
      if (t === 0 || !m[(t - 1) * nLine + l]) {
        windows++;
        assert.equal(c.minute_of_hour, 0, "starts on the hour");
      }
    }
    assert.ok(out <= 1, `row ${t}: ${out} lines out at once`);
  }
  assert.ok(windows >= 3, `${windows} windows in 4 weeks at p = 0.5`);
});

const await_env = await loadGrid("case14", { steps: 8064 });

Deno.test("reset applies row 0's maintenance and locks the line", () => {
  const maintenance = new Uint8Array(base.rows * nLine);
  for (const t of [0, 1]) maintenance[t * nLine + LINE] = 1;
  const s = reset(env.model, makeScenario({ ...base, maintenance }));
  assert.equal(s.lineStatus[LINE], 0);
  assert.equal(s.timeBeforeCooldownLine[LINE], 2);
});
