/**
 * The maths of PPO (Schulman et al. 2017) as stable-baselines3 implements it, the library the
 * research used: separate policy and value MLPs (tanh, orthogonal initialisation), the rollout
 * buffer, generalised advantage estimation, per-minibatch advantage normalisation, and the
 * clipped surrogate + value + entropy loss. Pure functions (tfjs ops for the loss); the
 * training loop, Adam and gradient clipping live in effects/agents/ppo_agent.ts.
 *
 * Defaults (`PPO_DEFAULTS`): the research's rollout length 16 and batch 4 (docs/research.md 2), the
 * rest stable-baselines3 2.x PPO's: 10 epochs, learning rate 3e-4, gamma 0.99, GAE lambda 0.95,
 * clip range 0.2, no value clipping, entropy coefficient 0, value coefficient 0.5, gradient
 * norm 0.5, advantages normalised, `MlpPolicy` with two hidden layers of 64 (tanh) for each of
 * policy and value, orthogonal initialisation (gain sqrt 2 hidden, 0.01 policy head, 1 value
 * head), Adam with epsilon 1e-5.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 * import { chainEnv } from "../testbeds/mod.ts";
 *
 * const env = chainEnv({ length: 8, actions: 4, seed: 1 });
 * const nets = ppoNets(env.observationSize, env.numActions, PPO_DEFAULTS.hidden);
 * const [params] = ppoInit(nets, genFromSeed(1)); // the networks' initial weights
 * const rollout = {
 *   size: 3,
 *   rewards: Float32Array.from([1, 0, 2]),
 *   values: Float32Array.from([0.5, 0.2, 0.1]),
 *   episodeStarts: Uint8Array.from([1, 0, 1]), // a new episode begins at t = 2
 * };
 * const { advantages, returns } = gae(rollout, 0.7, false, 0.99, 0.95);
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Gen } from "../random.ts";
import {
  forwardTf,
  type Mlp,
  mlp,
  mlpLayout,
  orthogonalMlp,
  type ParamLayout,
  type Params,
  type TensorParams,
} from "../nn/mod.ts";

/** PPO's hyper-parameters, named as stable-baselines3 names them where it can. */
export interface PpoConfig {
  /** `n_steps`: transitions per update. */
  readonly rollout: number;
  /** `batch_size`: transitions per gradient step. */
  readonly batch: number;
  /** `n_epochs`: passes over the rollout per update. */
  readonly epochs: number;
  readonly learningRate: number;
  readonly gamma: number;
  readonly gaeLambda: number;
  /** `clip_range`. */
  readonly clip: number;
  readonly entCoef: number;
  readonly vfCoef: number;
  readonly maxGradNorm: number;
  readonly normalizeAdvantage: boolean;
  /** Hidden layer widths of each of the policy and value networks. */
  readonly hidden: readonly number[];
  readonly adamEpsilon: number;
}

/** The research's rollout and batch sizes, stable-baselines3's defaults for the rest. */
export const PPO_DEFAULTS: PpoConfig = Object.freeze({
  rollout: 16,
  batch: 4,
  epochs: 10,
  learningRate: 3e-4,
  gamma: 0.99,
  gaeLambda: 0.95,
  clip: 0.2,
  entCoef: 0,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  normalizeAdvantage: true,
  hidden: Object.freeze([64, 64]),
  adamEpsilon: 1e-5,
});

/** The two networks of an actor-critic. */
export interface PpoNets {
  /** Observation -> action logits. */
  readonly policy: Mlp;
  /** Observation -> value. */
  readonly value: Mlp;
}

/** `MlpPolicy`'s networks: tanh hidden layers, a linear head each. */
export function ppoNets(obsSize: number, numActions: number, hidden: readonly number[]): PpoNets {
  const layers = (out: number) => [
    ...hidden.map((size) => ({ size, activation: "tanh" as const })),
    { size: out, activation: "linear" as const },
  ];
  return {
    policy: mlp("pi", { input: obsSize, layers: layers(numActions) }),
    value: mlp("vf", { input: obsSize, layers: layers(1) }),
  };
}

/** Both networks' parameters in one layout (one optimizer). */
export const ppoLayout = (nets: PpoNets): ParamLayout => [
  ...mlpLayout(nets.policy),
  ...mlpLayout(nets.value),
];

/** stable-baselines3's initialisation: orthogonal, gain sqrt 2 hidden, 0.01 policy, 1 value. */
export function ppoInit(nets: PpoNets, gen: Gen): [Params, Gen] {
  const gains = (net: Mlp, head: number) => {
    const dense = net.layers.filter((l) => l.kind === "dense");
    return dense.map((_, i) => (i === dense.length - 1 ? head : Math.SQRT2));
  };
  const [pi, g1] = orthogonalMlp(nets.policy, gen, gains(nets.policy, 0.01));
  const [vf, g2] = orthogonalMlp(nets.value, g1, gains(nets.value, 1));
  return [{ ...pi, ...vf }, g2];
}

/** A rollout: `size` transitions of `obsSize` observations (stable-baselines3's buffer). */
export interface Rollout {
  readonly size: number;
  readonly obsSize: number;
  readonly obs: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  /** The value estimate at each observation when it was collected. */
  readonly values: Float32Array;
  readonly logProbs: Float32Array;
  /** 1 where the observation is the first of an episode (for this learner). */
  readonly episodeStarts: Uint8Array;
}

/**
 * Generalised advantage estimation as stable-baselines3's `compute_returns_and_advantage`:
 * `delta_t = r_t + gamma V_{t+1} (1 - start_{t+1}) - V_t`, the last step bootstrapped with
 * `lastValue` unless `lastDone`; advantages accumulate with `gamma * lambda`; returns are
 * advantages + values.
 */
export function gae(
  r: Pick<Rollout, "size" | "rewards" | "values" | "episodeStarts">,
  lastValue: number,
  lastDone: boolean,
  gamma: number,
  lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const advantages = new Float32Array(r.size), returns = new Float32Array(r.size);
  let last = 0;
  for (let t = r.size - 1; t >= 0; t--) {
    const [nonTerminal, nextValue] = t === r.size - 1
      ? [lastDone ? 0 : 1, lastValue]
      : [1 - r.episodeStarts[t + 1], r.values[t + 1]];
    const delta = r.rewards[t] + gamma * nextValue * nonTerminal - r.values[t];
    last = delta + gamma * lambda * nonTerminal * last;
    advantages[t] = last;
    returns[t] = last + r.values[t];
  }
  return { advantages, returns };
}

/**
 * Advantages normalised as stable-baselines3 does per minibatch: `(a - mean) / (std + 1e-8)`
 * with PyTorch's unbiased std; a minibatch of one is left as it is.
 */
export function normalizeAdvantages(a: Float32Array): Float32Array {
  const n = a.length;
  if (n < 2) return a.slice();
  let mean = 0;
  for (const v of a) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of a) ss += (v - mean) * (v - mean);
  const std = Math.sqrt(ss / (n - 1));
  return a.map((v) => (v - mean) / (std + 1e-8));
}

/** The minibatches of one epoch: `permutation` cut into runs of `batch` (the last may be short). */
export function minibatches(permutation: Int32Array, batch: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let start = 0; start < permutation.length; start += batch) {
    out.push(permutation.subarray(start, start + batch));
  }
  return out;
}

/** A minibatch as tensors. */
export interface PpoBatch {
  readonly obs: tf.Tensor2D;
  readonly actions: tf.Tensor1D;
  readonly oldLogProbs: tf.Tensor1D;
  /** Already normalised when the config says so. */
  readonly advantages: tf.Tensor1D;
  readonly returns: tf.Tensor1D;
}

/** The loss and what stable-baselines3 logs about it. */
export interface PpoLoss {
  readonly total: tf.Scalar;
  readonly policy: tf.Scalar;
  readonly value: tf.Scalar;
  readonly entropy: tf.Scalar;
  /** `mean((ratio - 1) - log ratio)`, stable-baselines3's `approx_kl`. */
  readonly approxKl: tf.Scalar;
  /** Share of the batch whose ratio was clipped. */
  readonly clipFraction: tf.Scalar;
}

/**
 * PPO's loss on a minibatch: `-mean(min(A ratio, A clip(ratio, 1 - eps, 1 + eps)))` +
 * `vfCoef * mean((returns - V)^2)` - `entCoef * mean(entropy)`.
 */
export function ppoLoss(
  nets: PpoNets,
  params: TensorParams,
  b: PpoBatch,
  config: Pick<PpoConfig, "clip" | "entCoef" | "vfCoef">,
): PpoLoss {
  const logits = forwardTf(nets.policy, params, b.obs);
  const logP = tf.logSoftmax(logits);
  const numActions = nets.policy.outputSize;
  const logProbs = tf.sum(tf.mul(logP, tf.oneHot(b.actions, numActions)), 1);
  const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), 1))) as tf.Scalar;
  const values = tf.reshape(forwardTf(nets.value, params, b.obs), [-1]);
  const logRatio = tf.sub(logProbs, b.oldLogProbs);
  const ratio = tf.exp(logRatio);
  const clipped = tf.clipByValue(ratio, 1 - config.clip, 1 + config.clip);
  const policy = tf.neg(
    tf.mean(tf.minimum(tf.mul(b.advantages, ratio), tf.mul(b.advantages, clipped))),
  ) as tf.Scalar;
  const value = tf.mean(tf.square(tf.sub(b.returns, values))) as tf.Scalar;
  const total = tf.add(
    tf.add(policy, tf.mul(config.vfCoef, value)),
    tf.mul(-config.entCoef, entropy),
  ) as tf.Scalar;
  const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
  const clipFraction = tf.mean(
    tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), config.clip), "float32"),
  ) as tf.Scalar;
  return { total, policy, value, entropy, approxKl, clipFraction };
}

/** A minibatch of imitation: observations, target distributions over actions, returns. */
export interface ImitationBatch {
  readonly obs: tf.Tensor2D;
  /** Rows summing to 1 (a one-hot row is plain behaviour cloning). */
  readonly targets: tf.Tensor2D;
  readonly returns: tf.Tensor1D;
}

/**
 * Imitation through the actor-critic's own networks, before PPO: the policy's cross-entropy to
 * the targets plus `vfCoef` times the value's squared error to the demonstrations' returns, so
 * both heads start where PPO can take over. Returns the total and its two parts.
 */
export function imitationLoss(
  nets: PpoNets,
  params: TensorParams,
  b: ImitationBatch,
  vfCoef: number,
): { total: tf.Scalar; policy: tf.Scalar; value: tf.Scalar } {
  const logP = tf.logSoftmax(forwardTf(nets.policy, params, b.obs));
  const policy = tf.neg(tf.mean(tf.sum(tf.mul(b.targets, logP), 1))) as tf.Scalar;
  const values = tf.reshape(forwardTf(nets.value, params, b.obs), [-1]);
  const value = tf.mean(tf.square(tf.sub(b.returns, values))) as tf.Scalar;
  return { total: tf.add(policy, tf.mul(vfCoef, value)) as tf.Scalar, policy, value };
}

/** `1 - Var(target - pred) / Var(target)` (stable-baselines3's `explained_variance`; NaN when the target is constant). */
export function explainedVariance(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  const n = target.length;
  const variance = (f: (i: number) => number) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += f(i);
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (f(i) - mean) ** 2;
    return ss / n;
  };
  const vt = variance((i) => target[i]);
  return vt === 0 ? NaN : 1 - variance((i) => target[i] - pred[i]) / vt;
}
