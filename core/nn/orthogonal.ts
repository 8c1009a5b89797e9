/**
 * Orthogonal initialisation (Saxe et al. 2014) as PyTorch's `nn.init.orthogonal_` does it, the
 * initialisation stable-baselines3 gives its policies: each dense weight matrix is a random
 * semi-orthogonal matrix (orthonormal columns, or rows when there are fewer inputs than
 * outputs) from the QR factorisation of a Gaussian matrix, signs fixed by R's diagonal, times a
 * gain; biases are 0. Randomness arrives as a `Gen`.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 * import { mlp } from "./mod.ts";
 *
 * const net = mlp("pi", {
 *   input: 8,
 *   layers: [{ size: 64, activation: "tanh" }, { size: 4, activation: "linear" }],
 * });
 * const [params, g] = orthogonalMlp(net, genFromSeed(1), [Math.SQRT2, 0.01]);
 * ```
 * @module
 */
import { type Gen, normals } from "../random.ts";
import type { Mlp } from "./layers.ts";
import type { Params } from "./params.ts";

/**
 * A `rows` x `cols` matrix (row-major) with orthonormal columns when rows >= cols, else
 * orthonormal rows, times `gain`.
 */
export function orthogonalMatrix(
  rows: number,
  cols: number,
  gain: number,
  g: Gen,
): [Float32Array, Gen] {
  const tall = rows >= cols;
  const n = tall ? rows : cols, k = tall ? cols : rows; // factor an n x k matrix
  const [z, next] = normals(g, n * k);
  // Modified Gram-Schmidt on the k columns of z (n x k, column j at z[i * k + j]).
  const q = Float64Array.from(z);
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i * k + p] * q[i * k + j];
      for (let i = 0; i < n; i++) q[i * k + j] -= dot * q[i * k + p];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * k + j] * q[i * k + j];
    norm = Math.sqrt(norm);
    // Gram-Schmidt's R has a positive diagonal: the Q PyTorch gets after fixing the signs of
    // its Householder QR by sign(diag(R)).
    for (let i = 0; i < n; i++) q[i * k + j] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = gain * q[i * k + j];
      if (tall) out[i * cols + j] = v;
      else out[j * cols + i] = v;
    }
  }
  return [out, next];
}

/**
 * Orthogonal weights for every dense layer of `net` (weights `[in][out]`, one gain per dense
 * layer, in order), zero biases, LayerNorm gains 1 and shifts 0.
 */
export function orthogonalMlp(net: Mlp, gen: Gen, gains: readonly number[]): [Params, Gen] {
  const dense = net.layers.filter((l) => l.kind === "dense");
  if (gains.length !== dense.length) {
    throw new RangeError(`${net.name}: ${gains.length} gains for ${dense.length} dense layers`);
  }
  const out: Record<string, Float32Array> = {};
  let g = gen, d = 0;
  for (const l of net.layers) {
    if (l.kind === "dense") {
      const [w, next] = orthogonalMatrix(l.inputs, l.outputs, gains[d++], g);
      g = next;
      out[`${l.name}.w`] = w;
      if (l.oneHot > 0) {
        const [wa, after] = orthogonalMatrix(l.oneHot, l.outputs, gains[d - 1], g);
        g = after;
        out[`${l.name}.wa`] = wa;
      }
      out[`${l.name}.b`] = new Float32Array(l.outputs);
    } else if (l.kind === "layerNorm") {
      out[`${l.name}.gain`] = new Float32Array(l.size).fill(1);
      out[`${l.name}.shift`] = new Float32Array(l.size);
    }
  }
  return [out, g];
}
