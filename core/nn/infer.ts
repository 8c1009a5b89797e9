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

/**
 * `y[0..nOut) = b + sum_i x[xOff + i] * w[i][.] (+ wa[oneHot][.])`, skipping zero inputs
 * (an empty `b` is zero).
 */
function dense(
  x: ArrayLike<number>,
  xOff: number,
  nIn: number,
  w: Float32Array,
  b: ArrayLike<number>,
  wa: Float32Array | undefined,
  oneHot: number,
  nOut: number,
  y: Float64Array,
  nonZero: Int32Array,
): void {
  let m = 0;
  for (let i = 0; i < nIn; i++) if (x[xOff + i] !== 0) nonZero[m++] = i;
  for (let j = 0; j < nOut; j++) y[j] = b.length > 0 ? b[j] : 0;
  if (wa !== undefined) {
    const r = oneHot * nOut;
    for (let j = 0; j < nOut; j++) y[j] += wa[r + j];
  }
  let k = 0;
  for (; k + 7 < m; k += 8) {
    const i0 = nonZero[k], i1 = nonZero[k + 1], i2 = nonZero[k + 2], i3 = nonZero[k + 3];
    const i4 = nonZero[k + 4], i5 = nonZero[k + 5], i6 = nonZero[k + 6], i7 = nonZero[k + 7];
    const a0 = x[xOff + i0], a1 = x[xOff + i1], a2 = x[xOff + i2], a3 = x[xOff + i3];
    const a4 = x[xOff + i4], a5 = x[xOff + i5], a6 = x[xOff + i6], a7 = x[xOff + i7];
    const r0 = i0 * nOut, r1 = i1 * nOut, r2 = i2 * nOut, r3 = i3 * nOut;
    const r4 = i4 * nOut, r5 = i5 * nOut, r6 = i6 * nOut, r7 = i7 * nOut;
    for (let j = 0; j < nOut; j++) {
      y[j] += a0 * w[r0 + j] + a1 * w[r1 + j] + a2 * w[r2 + j] + a3 * w[r3 + j] +
        a4 * w[r4 + j] + a5 * w[r5 + j] + a6 * w[r6 + j] + a7 * w[r7 + j];
    }
  }
  for (; k < m; k++) {
    const i = nonZero[k];
    const a = x[xOff + i], r = i * nOut;
    for (let j = 0; j < nOut; j++) y[j] += a * w[r + j];
  }
}

/** Softmax of `y[0..n)` in place (max-shifted, so large logits do not overflow). */
export function softmaxInPlace(y: Float64Array | Float32Array, n: number): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (y[j] > max) max = y[j];
  let sum = 0;
  for (let j = 0; j < n; j++) sum += y[j] = Math.exp(y[j] - max);
  for (let j = 0; j < n; j++) y[j] /= sum;
}

/** A layer prepared for evaluation. */
type Step =
  | {
    kind: "dense";
    nIn: number;
    nOut: number;
    w: Float32Array;
    b: Float32Array;
    wa?: Float32Array;
  }
  | {
    kind: "normDense";
    nIn: number;
    nOut: number;
    /** `gain[i] * w[i][j]`. */
    w: Float32Array;
    /** Column sums of `w` above. */
    colSum: Float64Array;
    /** `b[j] + sum_i shift[i] * w[i][j]`. */
    b: Float64Array;
  }
  | { kind: "layerNorm"; n: number; gain: Float32Array; shift: Float32Array }
  | { kind: "relu" }
  | { kind: "softmax" };

const zeros = new Float64Array(0);

/**
 * Prepares the layers. A LayerNorm followed by a dense layer is fused: with `x^ = (x - m) / s`,
 * `W (g x^ + h) + b = (1/s) (gW) x - (m/s) colsum(gW) + (W h + b)`, so the product runs over the
 * input's non-zero entries only (the policy's input, a ReLU output, is about half zeros).
 */
function compile(net: Mlp, params: Params): Step[] {
  const out: Step[] = [];
  const ls = net.layers;
  for (let k = 0; k < ls.length; k++) {
    const l = ls[k], next = ls[k + 1];
    if (l.kind === "layerNorm" && next?.kind === "dense" && next.oneHot === 0) {
      const gain = params[`${l.name}.gain`], shift = params[`${l.name}.shift`];
      const w = params[`${next.name}.w`], b = params[`${next.name}.b`];
      const n = next.outputs;
      const scaled = new Float32Array(w.length);
      const colSum = new Float64Array(n), bias = Float64Array.from(b);
      for (let i = 0; i < next.inputs; i++) {
        for (let j = 0; j < n; j++) {
          scaled[i * n + j] = gain[i] * w[i * n + j];
          colSum[j] += scaled[i * n + j];
          bias[j] += shift[i] * w[i * n + j];
        }
      }
      out.push({ kind: "normDense", nIn: next.inputs, nOut: n, w: scaled, colSum, b: bias });
      k++;
    } else if (l.kind === "dense") {
      out.push({
        kind: "dense",
        nIn: l.inputs,
        nOut: l.outputs,
        w: params[`${l.name}.w`],
        b: params[`${l.name}.b`],
        wa: l.oneHot > 0 ? params[`${l.name}.wa`] : undefined,
      });
    } else if (l.kind === "layerNorm") {
      out.push({
        kind: "layerNorm",
        n: l.size,
        gain: params[`${l.name}.gain`],
        shift: params[`${l.name}.shift`],
      });
    } else {
      out.push({ kind: l.kind });
    }
  }
  return out;
}

/** Writes the mean and `1 / sqrt(variance + eps)` of `x[off .. off + n)` to `out`. */
function moments(x: ArrayLike<number>, off: number, n: number, out: Float64Array): void {
  let mean = 0;
  for (let j = 0; j < n; j++) mean += x[off + j];
  mean /= n;
  let variance = 0;
  for (let j = 0; j < n; j++) variance += (x[off + j] - mean) * (x[off + j] - mean);
  out[0] = mean;
  out[1] = 1 / Math.sqrt(variance / n + layerNormEpsilon);
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
  const steps = compile(net, params);
  const stats = new Float64Array(2);
  return {
    net,
    run(x, xOff, oneHot, out, outOff) {
      // The current vector is src[off .. off + n); scratch buffers alternate.
      let src: ArrayLike<number> = x, off = xOff, n = net.inputSize, cur = -1;
      for (let k = 0; k < steps.length; k++) {
        const s = steps[k];
        if (s.kind === "dense" || s.kind === "normDense") {
          const dst = bufs[cur === 0 ? 1 : 0];
          if (s.kind === "dense") {
            dense(src, off, s.nIn, s.w, s.b, s.wa, oneHot, s.nOut, dst, nonZero);
          } else {
            moments(src, off, s.nIn, stats);
            const mean = stats[0], inv = stats[1];
            dense(src, off, s.nIn, s.w, zeros, undefined, 0, s.nOut, dst, nonZero);
            for (let j = 0; j < s.nOut; j++) {
              dst[j] = dst[j] * inv - mean * inv * s.colSum[j] + s.b[j];
            }
          }
          src = dst, off = 0, n = s.nOut, cur = dst === bufs[0] ? 0 : 1;
          continue;
        }
        if (cur < 0) {
          for (let j = 0; j < n; j++) bufs[0][j] = x[xOff + j];
          src = bufs[0], off = 0, cur = 0;
        }
        const y = bufs[cur];
        if (s.kind === "layerNorm") {
          moments(y, 0, n, stats);
          const mean = stats[0], inv = stats[1];
          for (let j = 0; j < n; j++) y[j] = (y[j] - mean) * inv * s.gain[j] + s.shift[j];
        } else if (s.kind === "relu") {
          for (let j = 0; j < n; j++) y[j] = y[j] > 0 ? y[j] : 0;
        } else {
          softmaxInPlace(y, n);
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
