/**
 * MuZero on case14-hard's gated decisions learns from its demonstrations: after a quick seeded
 * run (a few demonstrations of the expert, a short imitation through MuZero's losses) its
 * search chooses, at the states at risk of the scenarios it was shown, closer to the expert
 * than its own untrained weights do: the simulated max rho of its choice is nearer the
 * expert's (lower regret; a game over counts as rho 3). A test that can fail: untrained
 * weights pick a near-arbitrary action at every risk. (How far this carries to held-out
 * scenarios is what `deno task evaluate` measures; with this little data, it does not.)
 */
import assert from "node:assert/strict";
import { maxRho } from "../core/agents/greedy.ts";
import { mostVisited } from "../core/muzero/act.ts";
import { expertChoice } from "../core/muzero/demonstration.ts";
import { muzeroModel } from "../core/muzero/model.ts";
import { muzeroNets } from "../core/muzero/networks.ts";
import { search } from "../core/muzero/search.ts";
import type { Params } from "../core/nn/params.ts";
import { simulate } from "../core/grid/env/step.ts";
import type { EnvState } from "../core/grid/env/step.ts";
import { gatedBenchmark } from "../effects/benchmarks/gated.ts";
import { defaultRunConfig, runConfigFromFlags, shapeOf } from "../effects/muzero/config.ts";
import { initialParams } from "../effects/muzero/config.ts";
import { trainMuZero } from "../effects/muzero/train.ts";
import { setupTf } from "../effects/nn/backend.ts";
import { testFolder } from "./shared.ts";

await setupTf();

Deno.test("MuZero hard-quick: imitation chooses closer to the expert than untrained weights", async () => {
  const config = runConfigFromFlags({
    workers: "0",
    seed: "3",
    hidden: "64",
    "value-hidden": "64",
    "policy-hidden": "64",
    "reward-hidden": "64",
    batch: "32",
    simulations: "10",
    demonstrations: "6",
    "pretrain-steps": "200",
    steps: "200",
  }, defaultRunConfig("hard-quick"));
  const run = await trainMuZero(config, { folder: await testFolder("muzero-hard"), quiet: true });
  assert.equal(run.state.trainingSteps, 200);
  const nets = muzeroNets(shapeOf(config.muzero, run.shape));
  const shown = await gatedBenchmark({
    benchmark: "case14-hard",
    seed: 1,
    first: 0,
    table: "",
    threshold: 0.95,
    revertBelow: 0.8,
    actions: 0,
    observation: "full",
  });
  // States at risk along the expert's path in the demonstrations' scenarios.
  const states: EnvState[] = [];
  for (let k = 0; k < 6 && states.length < 60; k++) {
    let s = shown.reset(k);
    while (!(s.done || s.step >= 8064) && states.length < 60) {
      states.push(s);
      s = shown.step(s, expertChoice(shown, s)).state;
    }
  }
  const risk = (s: EnvState, a: number) => {
    const r = simulate(shown.base.model, s, shown.base.actions[shown.table[a]]).state;
    return r.gameOver ? 3 : maxRho(r);
  };
  const regret = (params: Params) => {
    const model = muzeroModel(nets, params);
    let total = 0;
    for (const s of states) {
      const legal = shown.legalActions(s);
      const r = search(model.initial(shown.observe(s)), model, config.muzero, {
        noise: null,
        legal,
      });
      total += risk(s, mostVisited(r.visits, legal)) - risk(s, expertChoice(shown, s));
    }
    return total / states.length;
  };
  const before = regret(initialParams(config, nets));
  const after = regret(run.state.params);
  assert.ok(states.length >= 20, `${states.length} states at risk`);
  assert.ok(after < before, `regret trained ${after.toFixed(4)}, untrained ${before.toFixed(4)}`);
});
