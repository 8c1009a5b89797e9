/**
 * Bench section "distributed": the grid decomposition's data collection (random topology
 * agents on the built-in case14's substations with more than 3 elements, episodes seeded per
 * episode) in environment steps per second with 1 and 2 workers (worker start-up included, as
 * a run pays it); one PPO update (the research's rollout 16, batch 4, stable-baselines3's 10
 * epochs: 40 gradient steps) for the two clusters of `fixtures/case14/clusters.json` and for the
 * centralised agent; and one action of a cluster's policy (masked observation, policy and
 * value, on the Float32Array inference path).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  actionableSubstations,
  clusterActions,
  clusterMask,
  maskedObservation,
  PPO_DEFAULTS,
  ppoInit,
  ppoNets,
} from "../core/agents/mod.ts";
import type { GridCluster } from "../core/cluster/mod.ts";
import { observe, reset } from "../core/grid/env/mod.ts";
import { type Gen, genFromSeed, uniforms } from "../core/mod.ts";
import {
  centralised,
  createPpoAgent,
  TEAM_PRESETS,
  TEAMS,
  trainTeams,
} from "../effects/agents/mod.ts";
import { collectTopologyRows } from "../effects/cluster/mod.ts";
import { loadGrid } from "../effects/mod.ts";
import { readDecomposition } from "../effects/io/mod.ts";
import { setupTf } from "../effects/nn/mod.ts";
import { type BenchSection, type Report, time } from "./timing.ts";

const CLUSTERS = new URL("../fixtures/case14/clusters.json", import.meta.url);

/** The bench section. */
export const distributedBench: BenchSection = {
  name: "distributed",
  async run(report, { quick }) {
    const env = await loadGrid("case14");
    const { model } = env;
    const subs = actionableSubstations(model.net);
    const episodes = quick ? 8 : 150;
    for (const workers of [1, 2]) {
      const t0 = performance.now();
      const rows = await collectTopologyRows({
        env: "case14",
        load: {},
        seed: 29,
        subs,
        episodes,
        samples: 1e9,
        workers,
      });
      const seconds = (performance.now() - t0) / 1000;
      const steps = rows.reduce((n, r) => n + r.steps, 0);
      report(
        `data collection, ${workers} worker${workers > 1 ? "s" : ""} (${steps} steps)`,
        steps / seconds,
        "steps/s",
        `${episodes} episodes x ${subs.length} substations, start-up included`,
      );
    }

    await setupTf();
    const { decomposition } = await readDecomposition(fileURLToPath(CLUSTERS), model.net);
    const clusters: [string, GridCluster][] = [
      ...decomposition.clusters.map((c, k) => [`cluster ${k + 1}`, c] as [string, GridCluster]),
      ["centralised", centralised(model).clusters[0]],
    ];
    const state = reset(model, env.scenario(0));
    const obs = observe(model, state);
    for (const [name, cluster] of clusters) {
      const mask = clusterMask(model.net, cluster);
      const actions = clusterActions(model.index, cluster.substations).length;
      const nets = ppoNets(mask.size, actions, PPO_DEFAULTS.hidden);
      const [params] = ppoInit(nets, genFromSeed(1));
      const agent = createPpoAgent(nets, PPO_DEFAULTS, params);
      const [u] = uniforms(genFromSeed(2), PPO_DEFAULTS.rollout);
      const x = maskedObservation(mask, obs);
      let g: Gen = genFromSeed(3);
      const fill = () => {
        for (let i = 0; i < PPO_DEFAULTS.rollout; i++) {
          const a = agent.act(x, u[i]);
          agent.store({ obs: x, ...a, reward: 1, episodeStart: i === 0 });
        }
      };
      const update = await time(() => {
        fill();
        [, g] = agent.update(0.5, false, g);
      }, { minRuns: quick ? 3 : 10, minSeconds: quick ? 0.5 : 2 });
      report(
        `PPO update, ${name} (${mask.size} inputs, ${actions} actions)`,
        update.median * 1000,
        "ms",
        `16 transitions, 10 epochs x 4 minibatches; fastest ${(update.min * 1000).toFixed(0)} ms`,
      );
      const act = await time(() => {
        for (let i = 0; i < 1000; i++) agent.act(maskedObservation(mask, obs), 0.5);
      }, { minRuns: 3 });
      report(`one action, ${name} (mask, policy, value)`, act.median * 1000, "us");
      agent.dispose();
    }
    await hardPreset(report, quick);
  },
};

/**
 * `--preset hard`'s throughput and where its time goes: the expert's demonstrations (every
 * legal reduced action simulated at each decision) against the imitation's gradient steps.
 * Runs `hard-quick` (or fewer demonstrations with --quick) in a scratch folder under runs/.
 */
async function hardPreset(report: Report, quick: boolean): Promise<void> {
  const folder = await Deno.makeTempDir({ dir: await ensureRuns(), prefix: "bench-team-" });
  try {
    const c = { ...TEAM_PRESETS["hard-quick"], demonstrations: quick ? 4 : 24 };
    const t0 = performance.now();
    const { metrics, decisions, demonstrationSeconds } = await trainTeams(c, folder, true);
    const total = (performance.now() - t0) / 1000;
    const steps = TEAMS.reduce(
      (n, t) => n + metrics.filter((m) => m.team === t).at(-1)!.gradientSteps,
      0,
    );
    const training = metrics.reduce((n, m) => n + m.seconds, 0);
    report(
      "hard preset: demonstrations, expert-labelled decisions per second",
      decisions / demonstrationSeconds,
      "decisions/s",
      `${c.demonstrations} episodes, ${decisions} decisions`,
    );
    report(
      "hard preset: imitation gradient steps per second",
      steps / training,
      "steps/s",
      `batch ${c.batch}, both teams; ${(100 * demonstrationSeconds / total).toFixed(0)}% of the ` +
        `run in the demonstrations`,
    );
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

/** The runs folder (the bench may write only there). */
async function ensureRuns(): Promise<string> {
  await Deno.mkdir("runs", { recursive: true });
  return "runs";
}
