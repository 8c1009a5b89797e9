/**
 * The plain Float32Array inference path: an `Mlp` evaluated one input at a time without tfjs,
 * for tree search and rollouts where a batch of one is the common case and tfjs's per-op
 * overhead dominates. Accumulates in float64; checked equal to the tfjs forward pass within
 * 1e-5 (tests/nn_test.ts).
 *
 * Speed comes from the `[in][out]` layout: a dense layer adds `x[i] * row(i)` for the inputs
 * that are not zero (after a ReLU about half are), four rows at a time, and a one-hot input adds
 * one row. A runner owns its scratch buffers, so a call allocates nothing.
 *
 * @example
 * ```ts
 * const run = mlpRunner(net, params);
 * const out = new Float32Array(net.outputSize);
 * run.run(hiddenStates, 3 * 256, action, out, 0); // input at offset 768, one-hot index `action`
 * ```
 * @module
 */
import { layerNormEpsilon, type Mlp } from "./layers.ts";
import { checkParams, type Params } from "./params.ts";
import { mlpLayout } from "./layers.ts";

/** A network bound to its parameters, with scratch buffers of its own. */
export interface MlpRunner {
  readonly net: Mlp;
  /**
   * Evaluates the network on `x[xOff .. xOff + inputSize)` (and the one-hot index `oneHot`,
   * ignored when the network has none) and writes the output to `out` from `outOff`.
   */
  run(x: Float32Array, xOff: number, oneHot: number, out: Float32Array, outOff: number): void;
}

/** `y[0..nOut) = b + sum_i x[xOff + i] * w[i][.] (+ wa[oneHot][.])`, skipping zero inputs. */
function dense(
  x: ArrayLike<number>,
  xOff: number,
  nIn: number,
  w: Float32Array,
  b: Float32Array,
  wa: Float32Array | undefined,
  oneHot: number,
  nOut: number,
  y: Float64Array,
  nonZero: Int32Array,
): void {
  let m = 0;
  for (let i = 0; i < nIn; i++) if (x[xOff + i] !== 0) nonZero[m++] = i;
  for (let j = 0; j < nOut; j++) y[j] = b[j];
  if (wa !== undefined) {
    const r = oneHot * nOut;
    for (let j = 0; j < nOut; j++) y[j] += wa[r + j];
  }
  let k = 0;
  for (; k + 3 < m; k += 4) {
    const i0 = nonZero[k], i1 = nonZero[k + 1], i2 = nonZero[k + 2], i3 = nonZero[k + 3];
    const a0 = x[xOff + i0], a1 = x[xOff + i1], a2 = x[xOff + i2], a3 = x[xOff + i3];
    const r0 = i0 * nOut, r1 = i1 * nOut, r2 = i2 * nOut, r3 = i3 * nOut;
    for (let j = 0; j < nOut; j++) {
      y[j] += a0 * w[r0 + j] + a1 * w[r1 + j] + a2 * w[r2 + j] + a3 * w[r3 + j];
    }
  }
  for (; k < m; k++) {
    const i = nonZero[k];
    const a = x[xOff + i], r = i * nOut;
    for (let j = 0; j < nOut; j++) y[j] += a * w[r + j];
  }
}

function layerNorm(y: Float64Array, n: number, gain: Float32Array, shift: Float32Array): void {
  let mean = 0;
  for (let j = 0; j < n; j++) mean += y[j];
  mean /= n;
  let variance = 0;
  for (let j = 0; j < n; j++) variance += (y[j] - mean) * (y[j] - mean);
  const scale = 1 / Math.sqrt(variance / n + layerNormEpsilon);
  for (let j = 0; j < n; j++) y[j] = (y[j] - mean) * scale * gain[j] + shift[j];
}

/** Softmax of `y[0..n)` in place (max-shifted, so large logits do not overflow). */
export function softmaxInPlace(y: Float64Array | Float32Array, n: number): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (y[j] > max) max = y[j];
  let sum = 0;
  for (let j = 0; j < n; j++) sum += y[j] = Math.exp(y[j] - max);
  for (let j = 0; j < n; j++) y[j] /= sum;
}

/** Binds a network to its parameters (checked against the network's layout). */
export function mlpRunner(net: Mlp, params: Params): MlpRunner {
  checkParams(mlpLayout(net), pick(net, params));
  const width = Math.max(
    net.inputSize,
    ...net.layers.map((l) => l.kind === "dense" ? l.outputs : 0),
  );
  const bufs = [new Float64Array(width), new Float64Array(width)];
  const nonZero = new Int32Array(width);
  const steps = net.layers.map((l) => {
    if (l.kind === "dense") {
      return {
        l,
        w: params[`${l.name}.w`],
        b: params[`${l.name}.b`],
        wa: l.oneHot > 0 ? params[`${l.name}.wa`] : undefined,
      };
    }
    if (l.kind === "layerNorm") {
      return { l, w: params[`${l.name}.gain`], b: params[`${l.name}.shift`], wa: undefined };
    }
    return { l, w: undefined, b: undefined, wa: undefined };
  });
  return {
    net,
    run(x, xOff, oneHot, out, outOff) {
      let src: ArrayLike<number> = x, off = xOff, n = net.inputSize, cur = 0;
      const toScratch = () => {
        if (src === x) {
          for (let j = 0; j < n; j++) bufs[0][j] = x[xOff + j];
          src = bufs[0], off = 0, cur = 0;
        }
      };
      for (const s of steps) {
        const l = s.l;
        if (l.kind === "dense") {
          const dst = src === x ? bufs[0] : bufs[1 - cur];
          dense(src, off, l.inputs, s.w!, s.b!, s.wa, oneHot, l.outputs, dst, nonZero);
          src = dst, off = 0, n = l.outputs, cur = dst === bufs[0] ? 0 : 1;
        } else {
          toScratch();
          const y = bufs[cur];
          if (l.kind === "layerNorm") layerNorm(y, n, s.w!, s.b!);
          else if (l.kind === "relu") { for (let j = 0; j < n; j++) y[j] = y[j] > 0 ? y[j] : 0; }
          else softmaxInPlace(y, n);
        }
      }
      for (let j = 0; j < n; j++) out[outOff + j] = src[off + j];
    },
  };
}

/** The entries of `params` that belong to `net`. */
function pick(net: Mlp, params: Params): Params {
  const out: Record<string, Float32Array> = {};
  for (const { name } of mlpLayout(net)) if (name in params) out[name] = params[name];
  return out;
}

/** One forward pass, allocating its output (for tests and one-off use; search uses a runner). */
export function forward(net: Mlp, params: Params, x: Float32Array, oneHot = 0): Float32Array {
  const out = new Float32Array(net.outputSize);
  mlpRunner(net, params).run(x, 0, oneHot, out, 0);
  return out;
}
