/**
 * Bench section "muzero": tree search at the research's sizes (467 observation floats, 487
 * actions, hidden 256, 50 simulations) on the Float32Array path, self-play moves per second
 * with 1 and 2 workers on `sized` (the grid's sizes, no structure) and on case14 (the grid),
 * and one training step (batch 128, 5 unroll steps) on tfjs. Weights are freshly initialised,
 * so the figures measure the machinery, not a trained agent.
 *
 * @module
 */
import {
  addEpisodes,
  demonstrationEpisode,
  drawsPerBatch,
  emptyBuffer,
  EpisodeRecorder,
  initMuZero,
  muzeroLayout,
  muzeroModel,
  muzeroNets,
  playOptions,
  researchConfig,
  sampleBatch,
  search,
} from "../core/muzero/mod.ts";
import { sizedEnv } from "../core/testbeds/mod.ts";
import { dirichlet, genFromSeed, uniforms } from "../core/mod.ts";
import { packParams } from "../core/nn/mod.ts";
import { makeEnv, parseEnvSpec } from "../effects/mod.ts";
import { createLearner, createSelfPlay, defaultRunConfig } from "../effects/muzero/mod.ts";
import { setupTf } from "../effects/nn/mod.ts";
import { type BenchSection, type Report, time } from "./timing.ts";
import type { GatedEnv } from "../core/agents/mod.ts";

const observations = 467, actions = 487;

/** The section. */
export const muzeroBench: BenchSection = {
  name: "muzero",
  async run(report, { quick }) {
    const shape = { observationSize: observations, numActions: actions, ...researchConfig };
    const nets = muzeroNets(shape);
    const [params] = initMuZero(nets, genFromSeed(1));
    const env = sizedEnv({ observations, actions, seed: 1 });
    const minSeconds = quick ? 0.3 : 2;

    // Search: a fresh observation and noise vector each move, as in self-play.
    const base = muzeroModel(nets, params);
    let policyCalls = 0;
    const model = {
      ...base,
      policy: (...a: Parameters<typeof base.policy>) => (policyCalls++, base.policy(...a)),
    };
    const noises = Array.from({ length: 16 }, (_, i) => dirichlet(genFromSeed(i), 0.3, actions)[0]);
    let move = 0, searches = 0;
    const t = await time(() => {
      const obs = env.observe({ t: move });
      search(model.initial(obs), model, researchConfig, { noise: noises[move++ % 16] });
      searches++;
    }, { warmup: 5, minSeconds });
    report(
      "search per move (50 simulations, 487 actions)",
      t.median * 1e3,
      "ms",
      `${t.runs} moves`,
    );
    report("simulations per second, one core", researchConfig.simulations / t.median, "sims/s");
    report("policy evaluations per search (lazy priors)", policyCalls / searches, "count", "of 50");

    const h = new Float32Array(2 * 256);
    h.set(model.initial(env.observe({ t: 1 })).hidden);
    const out = new Float64Array(2), priors = new Float32Array(actions);
    const rec = await time(() => base.recurrent(h, 0, move++ % actions, 256, out), {
      minSeconds: minSeconds / 2,
      minRuns: 200,
    });
    report("recurrent inference (dynamics, reward, value)", rec.median * 1e6, "us");
    const pol = await time(() => base.policy(h, 0, priors, 0), {
      minSeconds: minSeconds / 2,
      minRuns: 200,
    });
    report("policy evaluation", pol.median * 1e6, "us");

    // Self-play with workers (each plays whole episodes on the same weights): on `sized` (no
    // structure) with root noise as in training, and on case14 (the grid: its step, legal mask
    // and observation besides the search) without noise: with fresh weights and noise most
    // case14 episodes end in a game over within 3 moves (resets and per-call costs dominate),
    // while the greedy moves of these weights keep the grid up, so episodes run to the cap.
    const weights = packParams(muzeroLayout(nets), params);
    // Calls of 4 episodes of up to 40 moves per worker, after one untimed call (JIT warm-up).
    const maxLength = quick ? 5 : 40;
    const cases = [
      { env: "sized", options: { ...playOptions(researchConfig, 1, true), maxLength } },
      { env: "case14", options: { ...playOptions(researchConfig, 0, false), maxLength } },
    ];
    for (const { env: envName, options } of cases) {
      for (const workers of [1, 2]) {
        const pool = await createSelfPlay(workers, parseEnvSpec(envName), shape);
        try {
          const jobs = Array.from({ length: 4 * workers }, (_, i) => ({ start: i, seed: i }));
          let moves = 0;
          const played = await time(async () => {
            moves = (await pool.play(weights, options, jobs)).reduce((n, e) => n + e.length, 0);
          }, { warmup: 1, minRuns: quick ? 1 : 3, minSeconds: 0 });
          report(
            `self-play moves per second, ${envName}, ${workers} worker${workers > 1 ? "s" : ""}`,
            moves / played.median,
            "moves/s",
            `${(moves / jobs.length).toFixed(1)} moves per episode${
              options.noise ? "" : ", no noise"
            }`,
          );
        } finally {
          pool.close();
        }
      }
    }

    // One training step at batch 128, unroll 5 on synthetic episodes of the grid's sizes.
    await setupTf();
    let buffer = emptyBuffer(100);
    for (let e = 0; e < 8; e++) {
      const recorder = new EpisodeRecorder(observations, actions, e);
      const [u] = uniforms(genFromSeed(100 + e), 50 * 4);
      for (let s = 0; s < 50; s++) {
        const policy = new Float32Array(actions);
        for (let k = 0; k < 3; k++) policy[Math.floor(u[4 * s + k] * actions)] += 1 / 3;
        recorder.step(
          env.observe({ t: 1000 * e + s }),
          Math.floor(u[4 * s + 3] * actions),
          u[4 * s],
          u[4 * s + 1],
          policy,
        );
      }
      buffer = addEpisodes(buffer, [recorder.finish(false)]);
    }
    const learner = createLearner(nets, researchConfig, params);
    try {
      let step = 0;
      const trained = await time(() => {
        const [draws] = uniforms(genFromSeed(step++), drawsPerBatch(researchConfig));
        learner.trainStep(sampleBatch(buffer, researchConfig, draws));
      }, { warmup: 2, minRuns: quick ? 3 : 10, minSeconds: 0 });
      report(
        "training step (batch 128, unroll 5, Adam, clip)",
        trained.median * 1e3,
        "ms",
        `wasm, ${trained.runs} steps`,
      );
    } finally {
      learner.dispose();
    }
    await hardPreset(report, quick);
  },
};

/**
 * Where the `hard` preset's time goes besides the training steps, on its own environment
 * (compact observation, 20 actions): the gated environment (the
 * rules playing every grid step between two decisions) and the demonstrations (the expert's
 * soft target simulates every legal reduced action at each decision).
 */
async function hardPreset(report: Report, quick: boolean): Promise<void> {
  const env = await makeEnv(defaultRunConfig("hard").env) as GatedEnv;
  const episodes = quick ? 1 : 3;
  let decisions = 0, gridSteps = 0;
  const t0 = performance.now();
  for (let e = 0; e < episodes; e++) {
    let s = env.reset(e);
    while (!(s.done || s.step >= 8064)) (s = env.step(s, 0).state, decisions++);
    gridSteps += s.step;
  }
  const plain = (performance.now() - t0) / 1000;
  report(
    "case14-hard gated episodes: grid steps per second",
    gridSteps / plain,
    "steps/s",
    `${(decisions / episodes).toFixed(0)} decisions per episode, do-nothing at risk`,
  );
  const o = { discount: 0.9, maxLength: 400, softness: 0.02, explore: 0 };
  const t1 = performance.now();
  let labelled = 0;
  for (let e = 0; e < episodes; e++) labelled += demonstrationEpisode(env, e, o).length;
  const demo = (performance.now() - t1) / 1000;
  report("demonstrations: expert-labelled decisions per second", labelled / demo, "decisions/s");
}
