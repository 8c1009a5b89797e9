/**
 * The grid environment against grid2op 1.10.5 + lightsim2grid on `l2rpn_case14_sandbox`
 * (../shared/reference/grid2op): 50 do-nothing steps, all 487 discrete actions for one step
 * from reset, the unitary topology actions, the discrete table entry by entry, the observation
 * layout, and do-nothing to the end of the sandbox's three scenarios.
 */
import assert from "node:assert/strict";
import { repoPath, sharedPath, sharedTest } from "./shared.ts";
import { writeJson } from "../effects/io/runs.ts";
import { G2OP, maxAbsDiff, readRef, SANDBOX } from "./grid_refs.ts";
import { loadGrid } from "../effects/grids.ts";
import { actionFromDict, actionToDict, doNothing } from "../core/grid/env/action.ts";
import { observationLayout, observe } from "../core/grid/env/observation.ts";
import { EnvState, reset, step } from "../core/grid/env/step.ts";
import { GridModel } from "../core/grid/env/model.ts";
import { changeTopologies, discreteActions, setTopologies } from "../core/grid/env/unitary.ts";

const INFO = `${G2OP}/env_info_lightsim.json`;
const DO_NOTHING = `${G2OP}/trace_donothing50_lightsim.json`;
const TOPO = `${G2OP}/trace_topo_actions_lightsim.json`;
const ALL = `${G2OP}/trace_all487_onestep_lightsim.json`;

const sandbox = () => loadGrid(sharedPath(SANDBOX), { scenarios: ["0000"] });

/** Adds measured differences to runs/tests/env_conformance.json (quoted in the README). */
async function record(key: string, value: unknown): Promise<void> {
  const path = repoPath("runs/tests/env_conformance.json");
  let doc: Record<string, unknown> = {};
  try {
    doc = JSON.parse(await Deno.readTextFile(path));
  } catch {
    // first record
  }
  await writeJson(path, { ...doc, [key]: value });
}

/** Fields of a grid2op observation compared as numbers, with a tolerance each. */
const FIELDS: [string, number][] = [
  ["rho", 1e-6],
  ["p_or", 1e-4],
  ["q_or", 1e-4],
  ["v_or", 1e-4],
  ["a_or", 1e-3],
  ["theta_or", 1e-5],
  ["p_ex", 1e-4],
  ["q_ex", 1e-4],
  ["v_ex", 1e-4],
  ["a_ex", 1e-3],
  ["theta_ex", 1e-5],
  ["gen_p", 1e-4],
  ["gen_q", 1e-4],
  ["gen_v", 1e-4],
  ["gen_theta", 1e-5],
  ["load_p", 1e-9],
  ["load_q", 1e-9],
  ["load_v", 1e-4],
  ["load_theta", 1e-5],
  ["line_status", 0],
  ["topo_vect", 0],
  ["timestep_overflow", 0],
  ["time_before_cooldown_line", 0],
  ["time_before_cooldown_sub", 0],
  ["target_dispatch", 0],
  ["actual_dispatch", 0],
];

/** A grid2op observation in the reference files (fields by name). */
type RefObservation = Record<string, unknown>;

/** Checks every observation field of a grid2op step (float32 values) against ours. */
function sameObservation(
  model: GridModel,
  s: EnvState,
  ref: RefObservation,
  where: string,
) {
  const obs = observe(model, s) as unknown as Record<string, ArrayLike<number> | number>;
  for (const [field, tol] of FIELDS) {
    const ours = Array.from(obs[field] as ArrayLike<number>);
    const theirs = (ref[field] as (number | boolean)[]).map(Number);
    const d = maxAbsDiff(ours, theirs);
    assert.ok(d <= tol, `${where} ${field}: |difference| ${d} > ${tol}`);
  }
  assert.equal(obs.current_step, ref.current_step, `${where} current_step`);
  assert.equal(obs.max_step, ref.max_step, `${where} max_step`);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${obs.year}-${pad(obs.month as number)}-${pad(obs.day as number)} ` +
    `${pad(obs.hour_of_day as number)}:${pad(obs.minute_of_hour as number)}`;
  assert.equal(date, ref.datetime, `${where} datetime`);
}

sharedTest(
  "50 do-nothing steps: every observation field, rho and rewards as grid2op",
  DO_NOTHING,
  async () => {
    const env = await sandbox();
    const trace = readRef(DO_NOTHING);
    let s = reset(env.model, env.scenario(0));
    let worstRho = 0, worstReward = 0;
    for (const ref of trace.steps) {
      if (ref.current_step > 0) {
        const r = step(env.model, s, doNothing(env.model.net));
        s = r.state;
        assert.equal(r.done, ref.done);
        assert.equal(r.info.isIllegal, false);
        worstReward = Math.max(
          worstReward,
          Math.abs(r.rewards.L2RPNReward - ref.reward_L2RPNReward),
        );
      }
      assert.equal(s.step, ref.chronic_row_index);
      sameObservation(env.model, s, ref, `step ${ref.current_step}`);
      worstRho = Math.max(worstRho, maxAbsDiff(s.rho, ref.rho));
    }
    assert.ok(worstRho <= 1e-4, `rho ${worstRho}`);
    assert.ok(worstReward <= 1e-3, `reward ${worstReward}`);
    await record("donothing50", { maxRhoDifference: worstRho, maxRewardDifference: worstReward });
  },
);

sharedTest(
  "all 487 actions for one step: done, illegal, the failure's kind, rho and reward as grid2op",
  ALL,
  async () => {
    const env = await sandbox();
    const d = env.discrete();
    const s0 = reset(env.model, env.scenario(0));
    const kind = (messages: string[]) =>
      messages.map((m) =>
        /non connected grid/.test(m)
          ? "island"
          : /AC powerflow/.test(m)
          ? "ac"
          : /[Ii]llegal|more than/.test(m)
          ? "illegal"
          : "other"
      ).join(",");
    const counts = { continued: 0, gameOver: 0, illegal: 0, tripped: 0 };
    let worstRho = 0, worstReward = 0;
    for (const ref of readRef(ALL).results) {
      const r = d.step(s0, ref.idx);
      const s = r.state;
      const where = `action ${ref.idx}`;
      assert.deepEqual(actionToDict(env.model.index, d.actions[ref.idx]), ref.action, where);
      assert.equal(r.done, ref.done, `${where} done`);
      assert.equal(s.info.isIllegal, ref.is_illegal, `${where} illegal`);
      assert.equal(kind([...s.info.exception]), kind(ref.exception), `${where} exception`);
      assert.ok(Math.abs(r.reward - ref.reward_L2RPNReward) <= 1e-3, `${where} reward`);
      if (ref.done) {
        counts.gameOver++;
        continue;
      }
      counts.continued++;
      counts.illegal += ref.is_illegal ? 1 : 0;
      counts.tripped += s.info.tripped.some((p) => p >= 0) ? 1 : 0;
      assert.ok(maxAbsDiff(s.rho, ref.rho) <= 1e-4, `${where} rho`);
      worstRho = Math.max(worstRho, maxAbsDiff(s.rho, ref.rho));
      worstReward = Math.max(worstReward, Math.abs(r.reward - ref.reward_L2RPNReward));
      assert.ok(maxAbsDiff(s.flow.pOr, ref.p_or) <= 1e-3, `${where} p_or`);
      assert.ok(maxAbsDiff(s.flow.genP, ref.gen_p) <= 1e-3, `${where} gen_p`);
      assert.deepEqual(Array.from(s.topoVect), ref.topo_vect, `${where} topo_vect`);
      assert.deepEqual(Array.from(s.lineStatus, Boolean), ref.line_status, `${where} line_status`);
    }
    // 71 game overs (61 islands, 10 AC divergences, on the first power flow or in the
    // cascade); 20 steps go on after the cascade tripped line 13 (hard overflow), among them
    // disconnecting line 9 (actions 198 and 396).
    assert.deepEqual(counts, { continued: 416, gameOver: 71, illegal: 80, tripped: 20 });
    await record("all487", {
      ...counts,
      maxRhoDifference: worstRho,
      maxRewardDifference: worstReward,
    });
  },
);

sharedTest("one step of unitary topologies at substations 1, 3, 4, 5, 8, 12", TOPO, async () => {
  const env = await sandbox();
  const s0 = reset(env.model, env.scenario(0));
  const results = Object.entries(readRef(TOPO).results);
  assert.equal(results.length, 13);
  let worstRho = 0;
  // deno-lint-ignore no-explicit-any
  for (const [name, ref] of results as [string, any][]) {
    const action = ref.action === undefined
      ? doNothing(env.model.net)
      : actionFromDict(env.model.index, ref.action);
    const r = step(env.model, s0, action);
    assert.equal(r.done, ref.done, name);
    assert.equal(r.info.isIllegal, ref.is_illegal, name);
    assert.equal(r.info.isAmbiguous, ref.is_ambiguous, name);
    assert.ok(Math.abs(r.rewards.L2RPNReward - ref.reward_L2RPNReward) <= 1e-3, `${name} reward`);
    sameObservation(env.model, r.state, ref, name);
    worstRho = Math.max(worstRho, maxAbsDiff(r.state.rho, ref.rho));
  }
  await record("topologyActions", { cases: results.length, maxRhoDifference: worstRho });
});

sharedTest(
  "the discrete table and the unitary topologies match grid2op's, entry by entry",
  INFO,
  async () => {
    const env = await sandbox();
    const info = readRef(INFO);
    const index = env.model.index;
    const subs = [...Array(info.n_sub).keys()];
    assert.deepEqual(
      subs.map((s) => setTopologies(index, s).length),
      subs.map((s) => info.unitary_topologies_set_per_sub[String(s)]),
    );
    assert.deepEqual(
      subs.map((s) => changeTopologies(index, s).length),
      subs.map((s) => info.unitary_topologies_change_per_sub[String(s)]),
    );
    const table = discreteActions(index);
    assert.equal(table.length, info.DiscreteActSpace_n);
    table.forEach((a, i) => {
      assert.deepEqual(actionToDict(index, a), info.DiscreteActSpace_actions[i], `action ${i}`);
      // And back: grid2op's dictionary gives the same vectors.
      assert.deepEqual(actionFromDict(index, info.DiscreteActSpace_actions[i]), a, `action ${i}`);
    });
    // The observation vector: grid2op's attributes and sizes (those of size 0 left out).
    const layout = observationLayout(env.model);
    const expected = (info.obs_attr_list_vect as string[])
      .map((name, k) => [name, info.obs_shape[k]] as [string, number])
      .filter(([, n]) => n > 0);
    assert.deepEqual(layout.map((e) => [e.name, e.size]), expected);
    assert.equal(env.discrete().observationSize, info.observation_space_size_vect);
  },
);

sharedTest(
  "do-nothing survives the sandbox's three scenarios to the end (575 steps)",
  SANDBOX,
  async () => {
    const env = await loadGrid(sharedPath(SANDBOX));
    assert.deepEqual(env.scenarioIds, ["0000", "0001", "0002"]);
    const d = env.discrete();
    const peaks: number[] = [];
    for (let k = 0; k < 3; k++) {
      let s = d.reset(k);
      let peak = 0, steps = 0;
      while (!s.done) {
        const t = d.step(s, 0);
        s = t.state;
        steps++;
        peak = Math.max(peak, ...s.rho);
        assert.ok(!s.info.tripped.some((p) => p >= 0), `scenario ${k}: a line tripped`);
      }
      assert.equal(s.gameOver, false, `scenario ${k}: ${s.info.exception}`);
      assert.equal(steps, 575);
      assert.equal(s.rewards.L2RPNReward, 0); // grid2op's L2RPNReward is 0 once done
      if (k === 2) assert.ok(Math.abs(peak - 1.0044) < 1e-3, `peak rho ${peak}`);
      peaks.push(peak);
    }
    await record("sandboxDoNothing", { steps: 575, peakRho: peaks });
  },
);
