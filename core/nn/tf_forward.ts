/**
 * The tfjs forward pass of an `Mlp` over tensors of its parameters: batched, differentiable,
 * for training. Dense layers use `matMul` from `tf_ops.ts` (the wasm-fast gradient) and add the
 * one-hot input's weight rows with `gatherRows`; LayerNorm is computed from its moments with
 * the same epsilon as the Float32Array path.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { genFromSeed } from "../mod.ts";
 * import { initMlp, mlp, mlpLayout } from "./mod.ts";
 *
 * const policy = mlp("policy", { input: 4, layers: [{ size: 8 }, { size: 3, activation: "softmax" }] });
 * const [params] = initMlp(policy, genFromSeed(1));
 * const tensors: TensorParams = Object.fromEntries(
 *   mlpLayout(policy).map((e) => [e.name, tf.tensor(params[e.name], [...e.shape])]),
 * );
 * const hidden = tf.tensor2d(new Float32Array(2 * 4), [2, 4]); // a batch of two inputs
 * const logits = forwardTf(policy, tensors, hidden, undefined, { logits: true }); // [2, 3]
 * const probs = forwardTf(policy, tensors, hidden); // [2, 3], each row sums to 1
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { layerNormEpsilon, type Mlp } from "./layers.ts";
import { gatherRows, matMul } from "./tf_ops.ts";

/** A model's parameters as tensors (or variables), by name. */
export type TensorParams = Readonly<Record<string, tf.Tensor>>;

/** LayerNorm over the last axis. */
export function layerNormTf(x: tf.Tensor2D, gain: tf.Tensor, shift: tf.Tensor): tf.Tensor2D {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, layerNormEpsilon))), gain), shift);
}

/**
 * The network on a batch `x` (`[batch, inputSize]`), with the one-hot indices `oneHot`
 * (`[batch]`, int32) when the network takes them. With `logits`, a final softmax is left out
 * (for a stable log-softmax in losses).
 */
export function forwardTf(
  net: Mlp,
  params: TensorParams,
  x: tf.Tensor2D,
  oneHot?: tf.Tensor1D,
  options: { logits?: boolean } = {},
): tf.Tensor2D {
  if (net.oneHotSize > 0 && oneHot === undefined) {
    throw new RangeError(`${net.name}: one-hot indices are required`);
  }
  let y = x;
  net.layers.forEach((l, k) => {
    if (l.kind === "dense") {
      let z = matMul(y, params[`${l.name}.w`] as tf.Tensor2D);
      if (l.oneHot > 0) z = tf.add(z, gatherRows(params[`${l.name}.wa`] as tf.Tensor2D, oneHot!));
      y = tf.add(z, params[`${l.name}.b`]);
    } else if (l.kind === "layerNorm") {
      y = layerNormTf(y, params[`${l.name}.gain`], params[`${l.name}.shift`]);
    } else if (l.kind === "relu") {
      y = tf.relu(y);
    } else if (l.kind === "tanh") {
      y = tf.tanh(y);
    } else if (!(options.logits && k === net.layers.length - 1)) {
      y = tf.softmax(y);
    }
  });
  return y;
}
