/**
 * MuZero on case14-hard's gated decisions: a quick seeded run (a few demonstrations of the
 * expert, a short imitation through MuZero's losses) keeps the held-out grid alive longer than
 * its own untrained weights, both played greedily with search by `deno task evaluate`'s agent.
 * A test that can fail: the untrained weights pick topologies at random at every risk.
 */
import assert from "node:assert/strict";
import { muzeroNets } from "../core/muzero/networks.ts";
import { benchmarkEnvironment, readBenchmark } from "../effects/evaluate/benchmark.ts";
import { playEvaluation } from "../effects/evaluate/episode.ts";
import { learnedAgent } from "../effects/evaluate/learned.ts";
import { defaultRunConfig, runConfigFromFlags, shapeOf } from "../effects/muzero/config.ts";
import { initialParams, trainMuZero } from "../effects/muzero/train.ts";
import { writeWeights } from "../effects/muzero/weights.ts";
import { setupTf } from "../effects/tf.ts";
import { testFolder } from "./shared.ts";

await setupTf();

Deno.test("MuZero hard-quick: imitation keeps held-out case14-hard alive longer than untrained", async () => {
  const config = runConfigFromFlags({
    workers: "0",
    seed: "3",
    hidden: "64",
    "value-hidden": "64",
    "policy-hidden": "64",
    "reward-hidden": "64",
    batch: "32",
    simulations: "20",
    demonstrations: "4",
    "pretrain-steps": "150",
    steps: "150",
  }, defaultRunConfig("hard-quick"));
  const folder = await testFolder("muzero-hard");
  const run = await trainMuZero(config, { folder, quiet: true });
  assert.equal(run.state.trainingSteps, 150);
  const untrained = initialParams(config, muzeroNets(shapeOf(config.muzero, run.shape)));
  await writeWeights(`${folder}/trained`, run);
  await writeWeights(`${folder}/untrained`, { ...run, state: { ...run.state, params: untrained } });
  const bench = await readBenchmark("case14-hard");
  const env = (await benchmarkEnvironment(bench)).discrete();
  const survived = async (weights: string) => {
    const agent = await learnedAgent(weights, env);
    let total = 0;
    for (let k = 0; k < 3; k++) {
      const s = (await benchmarkEnvironment(bench)).scenario(k);
      total += playEvaluation(env, agent, s, k, 2000, 1).survived;
    }
    return total;
  };
  const [before, after] = [
    await survived(`${folder}/untrained`),
    await survived(`${folder}/trained`),
  ];
  assert.ok(after > before, `trained ${after} steps survived, untrained ${before}`);
});
