/**
 * PPO (core/agents/ppo.ts, effects/agents/ppo_agent.ts): GAE, advantage normalisation and the
 * loss against hand computations, the networks (tanh inference equal to tfjs, orthogonal
 * initialisation), a learner that continues bit for bit from its saved state, and learning
 * on a task with a known optimum: a chain of 8 steps with 4 actions (one paying sequence of
 * 4^8 = 65536) solved greedily, while the same run with a learning rate of 0 is not.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  explainedVariance,
  gae,
  minibatches,
  normalizeAdvantages,
  PPO_DEFAULTS,
  ppoInit,
  ppoLayout,
  ppoLoss,
  ppoNets,
} from "../core/agents/ppo.ts";
import { chainEnv } from "../core/testbeds/chain.ts";
import { forward } from "../core/nn/infer.ts";
import { orthogonalMatrix } from "../core/nn/orthogonal.ts";
import { forwardTf } from "../core/nn/tf_forward.ts";
import { genFromSeed, uniforms } from "../core/random.ts";
import { createPpoAgent } from "../effects/agents/ppo_agent.ts";
import { ppoEpisodes } from "../effects/agents/ppo_episodes.ts";
import { setupTf } from "../effects/nn/backend.ts";

await setupTf();

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

Deno.test("GAE as stable-baselines3: bootstrapped, cut at episode starts", () => {
  const r = {
    size: 3,
    rewards: Float32Array.from([1, 0, 2]),
    values: Float32Array.from([0.5, 0.2, 0.1]),
    episodeStarts: Uint8Array.from([1, 0, 1]), // a new episode begins at t = 2
  };
  const gamma = 0.9, lambda = 0.8;
  const { advantages, returns } = gae(r, 0.7, false, gamma, lambda);
  const d2 = 2 + gamma * 0.7 - 0.1;
  const d1 = 0 + gamma * 0 - 0.2; // next is an episode start: no bootstrap
  const d0 = 1 + gamma * 0.2 - 0.5;
  const a1 = d1, a0 = d0 + gamma * lambda * a1;
  [a0, a1, d2].forEach((v, i) => close(advantages[i], v, 1e-6, `advantage ${i}`));
  [a0 + 0.5, a1 + 0.2, d2 + 0.1].forEach((v, i) => close(returns[i], v, 1e-6, `return ${i}`));
  // Done after the last step: no bootstrap.
  close(gae(r, 0.7, true, gamma, lambda).advantages[2], 2 - 0.1, 1e-6);
});

Deno.test("advantages normalised with the unbiased std; minibatches cut a permutation", () => {
  const a = normalizeAdvantages(Float32Array.from([1, 2, 3, 6]));
  const mean = 3, std = Math.sqrt((4 + 1 + 0 + 9) / 3);
  [1, 2, 3, 6].forEach((v, i) => close(a[i], (v - mean) / (std + 1e-8), 1e-6));
  assert.deepEqual([...normalizeAdvantages(Float32Array.from([5]))], [5]);
  const cut = minibatches(Int32Array.from([3, 0, 2, 1, 4]), 2).map((m) => [...m]);
  assert.deepEqual(cut, [[3, 0], [2, 1], [4]]);
  close(explainedVariance([1, 2, 3], [1, 2, 3]), 1, 1e-12);
  close(explainedVariance([2, 2, 2], [1, 2, 3]), 0, 1e-12);
});

Deno.test("the loss equals a hand computation of the clipped surrogate, value and entropy", () => {
  const nets = ppoNets(3, 4, [5]);
  const [params] = ppoInit(nets, genFromSeed(2));
  // Give the policy head some weight so probabilities are not uniform.
  const [u] = uniforms(genFromSeed(3), params["pi.fc1.w"].length);
  params["pi.fc1.w"].set(u.map((x) => 2 * x - 1));
  const obs = Float32Array.from([0.1, -0.4, 0.8, 1, 0.5, -0.2]);
  const actions = [2, 0], oldLogProbs = [-1.0, -1.6], adv = [1.5, -0.7], rets = [0.3, -0.2];
  const cfg = { clip: 0.2, entCoef: 0.01, vfCoef: 0.5 };
  const loss = tf.tidy(() => {
    const t = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tf.tensor(v)]));
    const shaped = Object.fromEntries(
      ppoLayout(nets).map(({ name, shape }) => [name, t[name].reshape([...shape])]),
    );
    const l = ppoLoss(nets, shaped, {
      obs: tf.tensor2d(obs, [2, 3]),
      actions: tf.tensor1d(actions, "int32"),
      oldLogProbs: tf.tensor1d(oldLogProbs),
      advantages: tf.tensor1d(adv),
      returns: tf.tensor1d(rets),
    }, cfg);
    return [l.total, l.policy, l.value, l.entropy].map((s) => s.dataSync()[0]);
  });
  let policy = 0, value = 0, entropy = 0;
  for (let i = 0; i < 2; i++) {
    const x = obs.subarray(3 * i, 3 * i + 3);
    const logits = forward(nets.policy, params, x);
    const m = Math.max(...logits);
    const z = logits.reduce((s, l) => s + Math.exp(l - m), 0);
    const logp = [...logits].map((l) => l - m - Math.log(z));
    entropy -= logp.reduce((s, lp) => s + Math.exp(lp) * lp, 0) / 2;
    const ratio = Math.exp(logp[actions[i]] - oldLogProbs[i]);
    const clipped = Math.min(Math.max(ratio, 0.8), 1.2);
    policy -= Math.min(adv[i] * ratio, adv[i] * clipped) / 2;
    value += (rets[i] - forward(nets.value, params, x)[0]) ** 2 / 2;
  }
  close(loss[1], policy, 1e-5, "policy");
  close(loss[2], value, 1e-5, "value");
  close(loss[3], entropy, 1e-5, "entropy");
  close(loss[0], policy + 0.5 * value - 0.01 * entropy, 1e-5, "total");
});

Deno.test("tanh networks: Float32Array inference equals tfjs; orthogonal weights are orthonormal", () => {
  const nets = ppoNets(7, 5, [16, 16]);
  const [params] = ppoInit(nets, genFromSeed(4));
  const [u] = uniforms(genFromSeed(5), 7);
  const x = Float32Array.from(u, (v) => 4 * v - 2);
  for (const net of [nets.policy, nets.value]) {
    const fast = forward(net, params, x);
    const ref = tf.tidy(() => {
      const t = Object.fromEntries(
        ppoLayout(nets).map(({ name, shape }) => [name, tf.tensor(params[name], [...shape])]),
      );
      return forwardTf(net, t, tf.tensor2d(x, [1, 7])).dataSync();
    });
    fast.forEach((v, i) => close(v, ref[i], 1e-5, `${net.name}[${i}]`));
  }
  for (const [rows, cols] of [[7, 16], [16, 16], [16, 5]]) {
    const [w] = orthogonalMatrix(rows, cols, 2, genFromSeed(rows * cols));
    // W^T W = 4 I for tall matrices, W W^T = 4 I for wide ones.
    const k = Math.min(rows, cols);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let dot = 0;
        for (let i = 0; i < Math.max(rows, cols); i++) {
          dot += rows >= cols
            ? w[i * cols + a] * w[i * cols + b]
            : w[a * cols + i] * w[b * cols + i];
        }
        close(dot, a === b ? 4 : 0, 1e-5, `${rows}x${cols} (${a},${b})`);
      }
    }
  }
  // The policy head's gain 0.01 makes the first policy nearly uniform.
  const logits = forward(nets.policy, params, x);
  assert.ok(Math.max(...logits) - Math.min(...logits) < 0.1, `${[...logits]}`);
  assert.ok(params["pi.fc0.b"].every((b) => b === 0));
});

/** A learner on the chain, and the chain. */
function chainLearner(learningRate: number) {
  const env = chainEnv({ length: 8, actions: 4, seed: 1 });
  const nets = ppoNets(env.observationSize, env.numActions, PPO_DEFAULTS.hidden);
  const [params, g] = ppoInit(nets, genFromSeed(5));
  return { env, agent: createPpoAgent(nets, { ...PPO_DEFAULTS, learningRate }, params), g };
}

Deno.test("PPO learns an 8-step chain with 4 actions to its optimum; with no learning it does not", () => {
  const { env, agent, g: g0 } = chainLearner(PPO_DEFAULTS.learningRate);
  let g = g0, solved = -1, updates = 0;
  for (let round = 0; round < 10 && solved < 0; round++) {
    [, g] = ppoEpisodes(env, agent, { episodes: 50, train: true, onUpdate: () => updates++ }, g);
    const [greedy] = ppoEpisodes(env, agent, { episodes: 1, train: false }, g);
    if (greedy[0] === env.optimalReturn) solved = 50 * (round + 1);
  }
  assert.ok(solved > 0, `not solved in 500 episodes (${updates} updates)`);
  agent.dispose();
  const still = chainLearner(0);
  [, g] = ppoEpisodes(still.env, still.agent, { episodes: 100, train: true }, still.g);
  const [greedy] = ppoEpisodes(still.env, still.agent, { episodes: 1, train: false }, g);
  assert.ok(greedy[0] < still.env.optimalReturn, `solved without learning: ${greedy[0]}`);
  still.agent.dispose();
});

Deno.test("a learner restored from its state continues bit for bit", () => {
  const a = chainLearner(1e-3);
  const [, g] = ppoEpisodes(a.env, a.agent, { episodes: 23, train: true }, a.g);
  const saved = a.agent.state();
  assert.ok(saved.buffer.count > 0 && saved.buffer.count < 16, `${saved.buffer.count}`);
  const b = createPpoAgent(a.agent.nets, a.agent.config, saved.params, saved);
  const [ra, ga] = ppoEpisodes(a.env, a.agent, { episodes: 30, train: true, first: 23 }, g);
  const [rb, gb] = ppoEpisodes(a.env, b, { episodes: 30, train: true, first: 23 }, g);
  assert.deepEqual(rb, ra);
  assert.deepEqual(gb, ga);
  assert.deepEqual(b.state(), a.agent.state());
  a.agent.dispose();
  b.dispose();
});
