import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { researchConfig } from "../core/muzero/config.ts";
import { batchTensors, muzeroLoss } from "../core/muzero/loss.ts";
import { muzeroLayout, muzeroNets } from "../core/muzero/networks.ts";
import type { Batch } from "../core/muzero/buffer.ts";
import { setupTf } from "../effects/nn/backend.ts";

await setupTf();

const A = 3, B = 2, K = 2;
const nets = muzeroNets({
  observationSize: 4,
  numActions: A,
  hidden: 6,
  valueHidden: [5],
  policyHidden: [5],
  rewardHidden: [5, 4],
});
const layout = muzeroLayout(nets);

/**
 * All weights 0, so every prediction is its output layer's bias: value 0.3, reward -0.2 and
 * policy logits [0, 1, 2], whatever the input. The loss then has a closed form.
 */
function constantParams(): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const { name, shape } of layout) {
    let value = tf.zeros([...shape]);
    if (name.endsWith(".gain")) value = tf.ones([...shape]);
    if (name === "value.fc1.b") value = tf.tensor1d([0.3]);
    if (name === "reward.fc2.b") value = tf.tensor1d([-0.2]);
    if (name === "policy.fc1.b") value = tf.tensor1d([0, 1, 2]);
    out[name] = value;
  }
  return out;
}

const batch: Batch = {
  size: B,
  unroll: K,
  observationSize: 4,
  numActions: A,
  observations: Float32Array.of(1, 2, 3, 4, -1, 0, 2, 5),
  actions: Int32Array.of(0, 2, 1, 1),
  values: Float32Array.of(1, -2, 0.5, 0, 0.25, 3), // [K+1][B]
  rewards: Float32Array.of(0, 0, 1, 0.5, -3, 0),
  policies: Float32Array.of(1, 0, 0, 0, 0.5, 0.5, 0.2, 0.3, 0.5, 0, 0, 0, 0, 0, 1, 0, 0, 0),
  policyMask: Float32Array.of(1, 1, 1, 0, 1, 0),
};

const smoothL1 = (d: number) => Math.abs(d) < 1 ? 0.5 * d * d : Math.abs(d) - 0.5;
const logits = [0, 1, 2];
const logZ = Math.log(logits.reduce((s, l) => s + Math.exp(l), 0));

function expected(kind: "smoothL1" | "squared") {
  const l = kind === "squared" ? (d: number) => d * d : smoothL1;
  let value = 0, reward = 0, policy = 0;
  for (let k = 0; k <= K; k++) {
    for (let b = 0; b < B; b++) {
      const at = k * B + b;
      value += l(0.3 - batch.values[at]) / B;
      if (k > 0) reward += l(-0.2 - batch.rewards[at]) / B;
      let ce = 0;
      for (let a = 0; a < A; a++) ce -= batch.policies[at * A + a] * (logits[a] - logZ);
      policy += batch.policyMask[at] * ce / B;
    }
  }
  const l2 = 1e-4 * (0.3 ** 2 + 0.2 ** 2 + 1 + 4 + layout.filter((e) => e.name.endsWith(".gain"))
    .reduce((n, e) => n + e.shape[0], 0));
  return { value, reward, policy, total: value + reward + policy + l2 };
}

Deno.test("MuZero loss: value, reward and policy parts and L2 in closed form, both loss kinds", () => {
  for (const loss of ["smoothL1", "squared"] as const) {
    const got = tf.tidy(() => {
      const parts = muzeroLoss(nets, constantParams(), batchTensors(batch), {
        ...researchConfig,
        loss,
      });
      return {
        value: parts.value.dataSync()[0],
        reward: parts.reward.dataSync()[0],
        policy: parts.policy.dataSync()[0],
        total: parts.total.dataSync()[0],
      };
    });
    const want = expected(loss);
    for (const k of ["value", "reward", "policy", "total"] as const) {
      assert.ok(Math.abs(got[k] - want[k]) < 1e-5, `${loss} ${k}: ${got[k]} vs ${want[k]}`);
    }
  }
});
