/**
 * tfjs ops with the gradients training needs on the wasm backend (pure tensor functions, no
 * variables or optimizers):
 * - `matMul`: tfjs's stock gradient uses `matMul` with `transposeA`/`transposeB`, 12-23x
 *   slower on wasm than `transpose` then `matMul` (../shared/TOOLCHAIN.md); this one's
 *   gradient is `[dy . b^T, a^T . dy]` with explicit transposes.
 * - `gatherRows`: the rows of a table picked by indices (a one-hot input times a weight
 *   matrix, without the matrix product); its gradient scatters `dy` back with `scatterND`
 *   (which sums duplicate indices), because the stock gradient needs `UnsortedSegmentSum`,
 *   which the wasm backend lacks.
 * - `scaleGradient`: the identity forward, the gradient times `scale` backward (MuZero scales
 *   the hidden state's gradient by 0.5 at each unroll step).
 * - `clipByGlobalNorm`: gradients rescaled so their joint L2 norm is at most `maxNorm`.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** The gradient part of a custom op: the output's gradient to one gradient per input. */
type GradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/**
 * A tensor function with a hand-written gradient: `value` runs forward; `grad` receives the
 * output's gradient and the inputs and returns one gradient per input.
 */
function customOp<T extends tf.Tensor>(
  value: (...inputs: tf.Tensor[]) => T,
  grad: (dy: T, inputs: tf.Tensor[]) => tf.Tensor | tf.Tensor[],
): (...inputs: tf.Tensor[]) => T {
  return tf.customGrad<T>((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const inputs = args.slice(0, -1) as tf.Tensor[];
    save(inputs);
    const gradFunc: GradFunc = (dy, saved) => grad(dy as T, saved);
    return { value: value(...inputs), gradFunc };
  });
}

const matMulOp = customOp<tf.Tensor2D>(
  (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
  (dy, [a, b]) => [tf.matMul(dy, tf.transpose(b)), tf.matMul(tf.transpose(a), dy)],
);

/** `a . b` for 2-D tensors, with a gradient that avoids the transposed matMul forms. */
export const matMul = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D => matMulOp(a, b);

const gatherRowsOp = customOp<tf.Tensor2D>(
  (t, indices) => tf.gather(t as tf.Tensor2D, indices),
  (dy, [t, indices]) => [
    tf.scatterND(tf.expandDims(indices, 1), dy, t.shape),
    tf.zerosLike(indices),
  ],
);

/** `table[indices[k]]` for each k (a one-hot input times `table`); gradient by `scatterND`. */
export const gatherRows = (table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D =>
  gatherRowsOp(table, indices);

/** The identity, with the gradient multiplied by `scale` on the way back. */
export function scaleGradient<T extends tf.Tensor>(x: T, scale: number): T {
  return customOp<T>((v) => tf.clone(v) as T, (dy) => tf.mul(dy, scale))(x);
}

/** Gradients rescaled by `min(1, maxNorm / norm)`; also returns the norm before clipping. */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))) as tf.Scalar;
  const factor = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
  const out: Record<string, tf.Tensor> = {};
  for (const n of names) out[n] = tf.mul(grads[n], factor);
  return { grads: out, norm };
}
