/**
 * MuZero's training loss as tfjs ops over a parameter record (docs/research.md section 3):
 * the observation's hidden state is unrolled K steps through the dynamics with the stored
 * actions; at each step the value, reward (from step 1) and policy predictions meet their
 * targets. Loss = sum over steps of the batch means of value loss + reward loss (squared or
 * smooth L1) + policy cross-entropy (where a target exists), plus `weightDecay * sum(theta^2)`.
 * The hidden state's gradient is scaled by `hiddenGradScale` (0.5) at each unroll step.
 *
 * Call it inside `tf.variableGrads` (or `tf.tidy`); it creates only intermediate tensors.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { forwardTf, scaleGradient, type TensorParams } from "../nn/mod.ts";
import type { LearnConfig, LossKind } from "./config.ts";
import type { MuZeroNets } from "./networks.ts";
import type { Batch } from "./buffer.ts";

/** A batch as tensors, step-major like `Batch` (row `k * B + b` is sample b at step k). */
export interface BatchTensors {
  readonly size: number;
  readonly unroll: number;
  readonly observations: tf.Tensor2D;
  /** One `[B]` int32 tensor per unroll step. */
  readonly actions: tf.Tensor1D[];
  /** `[(K+1) B]`. */
  readonly values: tf.Tensor1D;
  /** `[K B]`: the rewards of steps 1..K. */
  readonly rewards: tf.Tensor1D;
  /** `[(K+1) B]`. */
  readonly policyMask: tf.Tensor1D;
  /** `[(K+1) B][numActions]`. */
  readonly policies: tf.Tensor2D;
}

/** The batch's arrays as tensors (dispose them, or create them inside a tidy). */
export function batchTensors(batch: Batch): BatchTensors {
  const { size: B, unroll: K, numActions: A } = batch;
  return {
    size: B,
    unroll: K,
    observations: tf.tensor2d(batch.observations, [B, batch.observationSize]),
    actions: Array.from(
      { length: K },
      (_, k) => tf.tensor1d(batch.actions.subarray(k * B, (k + 1) * B), "int32"),
    ),
    values: tf.tensor1d(batch.values),
    rewards: tf.tensor1d(batch.rewards.subarray(B)),
    policyMask: tf.tensor1d(batch.policyMask),
    policies: tf.tensor2d(batch.policies, [(K + 1) * B, A]),
  };
}

/** Per-sample loss of a prediction against a target: squared error or smooth L1 (beta 1). */
export function scalarLoss(
  kind: LossKind,
  prediction: tf.Tensor1D,
  target: tf.Tensor1D,
): tf.Tensor {
  const d = tf.sub(prediction, target);
  if (kind === "squared") return tf.square(d);
  const a = tf.abs(d);
  const q = tf.minimum(a, 1);
  return tf.add(tf.mul(0.5, tf.square(q)), tf.sub(a, q));
}

/** The loss and its parts (scalars). */
export interface LossParts {
  readonly total: tf.Scalar;
  readonly value: tf.Scalar;
  readonly reward: tf.Scalar;
  readonly policy: tf.Scalar;
}

/**
 * The loss of a batch under `params`. Only the dynamics run step by step; the value and policy
 * heads run once over the K+1 stacked hidden states and the reward head once over the K
 * (state, action) pairs, which gives the same sums with fewer, larger matrix products.
 */
export function muzeroLoss(
  nets: MuZeroNets,
  params: TensorParams,
  batch: BatchTensors,
  config: Pick<LearnConfig, "loss" | "weightDecay" | "hiddenGradScale">,
): LossParts {
  const B = batch.size;
  const states = [forwardTf(nets.representation, params, batch.observations)];
  for (let k = 0; k < batch.unroll; k++) {
    const next = forwardTf(nets.dynamics, params, states[k], batch.actions[k]);
    states.push(scaleGradient(next, config.hiddenGradScale));
  }
  const all = tf.concat(states, 0);
  const perStepMean = (x: tf.Tensor) => tf.div(tf.sum(x), B) as tf.Scalar;
  const valuePred = tf.reshape(forwardTf(nets.value, params, all), [-1]) as tf.Tensor1D;
  const value = perStepMean(scalarLoss(config.loss, valuePred, batch.values));
  let reward = tf.scalar(0);
  if (batch.unroll > 0) {
    const from = tf.concat(states.slice(0, batch.unroll), 0);
    const actions = tf.concat(batch.actions, 0);
    const rewardPred = tf.reshape(forwardTf(nets.reward, params, from, actions), [-1]);
    reward = perStepMean(scalarLoss(config.loss, rewardPred as tf.Tensor1D, batch.rewards));
  }
  const logits = forwardTf(nets.policy, params, all, undefined, { logits: true });
  const crossEntropy = tf.neg(tf.sum(tf.mul(batch.policies, tf.logSoftmax(logits)), -1));
  const policy = perStepMean(tf.mul(crossEntropy, batch.policyMask));
  const l2 = tf.addN(Object.values(params).map((p) => tf.sum(tf.square(p))));
  const total = tf.addN([value, reward, policy, tf.mul(config.weightDecay, l2)]) as tf.Scalar;
  return { total, value, reward, policy };
}
