/**
 * The plain inference path: an `Mlp` evaluated one input at a time without tfjs, for tree
 * search and rollouts, where a batch of one is the common case and tfjs's per-op overhead
 * dominates. Checked equal to the tfjs forward pass within 1e-5 (tests/nn_test.ts).
 *
 * A runner copies its weights once into an arena (a `WebAssembly.Memory` when SIMD is
 * available) with rows padded to a multiple of 4 floats. A dense layer lists the inputs that
 * are not zero (after a ReLU about half are) with their weight rows, adds the one-hot input as
 * one more row of multiplier 1 (never a product with zeros), and hands the list to a kernel:
 * WebAssembly SIMD (`simd.ts`), or the same loop in JavaScript. A LayerNorm followed by a dense
 * layer is folded into it (see `compile`) so the product still skips the zeros. Calls allocate
 * nothing.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 * import { initMlp, mlp } from "./mod.ts";
 *
 * const net = mlp("reward", { input: 4, oneHot: 3, layers: [{ size: 8 }, { size: 1, activation: "linear" }] });
 * const [params] = initMlp(net, genFromSeed(1));
 * const run = mlpRunner(net, params);
 * const hiddenStates = new Float32Array(4 * 4); // four hidden states of 4 floats, side by side
 * const out = new Float32Array(net.outputSize);
 * run.run(hiddenStates, 3 * 4, 2, out, 0); // the 4th state (offset 12), one-hot index 2
 * ```
 * @module
 */
import { layerNormEpsilon, type Mlp, mlpLayout } from "./layers.ts";
import { checkParams, type Params } from "./params.ts";
import { type DenseKernel, kernelRows, simdKernel } from "./simd.ts";

/** A network bound to its parameters, with buffers of its own. */
export interface MlpRunner {
  readonly net: Mlp;
  /** The kernel in use. */
  readonly kernel: "simd" | "js";
  /**
   * Evaluates the network on `x[xOff .. xOff + inputSize)` (and the one-hot index `oneHot`,
   * ignored when the network has none) and writes the output to `out` from `outOff`.
   */
  run(x: Float32Array, xOff: number, oneHot: number, out: Float32Array, outOff: number): void;
}

/** How to bind a runner. */
export interface RunnerOptions {
  /** Use the WebAssembly SIMD kernel when the platform has it (default true). */
  readonly simd?: boolean;
}

/** Softmax of `y[0..n)` in place (max-shifted, so large logits do not overflow). */
export function softmaxInPlace(y: Float64Array | Float32Array, n: number, at = 0): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (y[at + j] > max) max = y[at + j];
  let sum = 0;
  for (let j = 0; j < n; j++) sum += y[at + j] = Math.exp(y[at + j] - max);
  for (let j = 0; j < n; j++) y[at + j] /= sum;
}

/** The kernel's loop in JavaScript (4 rows at a time; lists are padded to `kernelRows`). */
function jsKernel(f32: Float32Array, i32: Int32Array): DenseKernel {
  return (a, rows, m, y, nBytes) => {
    const ao = a >> 2, ro = rows >> 2, yo = y >> 2, n = nBytes >> 2;
    for (let k = 0; k < m; k += 4) {
      const a0 = f32[ao + k], a1 = f32[ao + k + 1], a2 = f32[ao + k + 2], a3 = f32[ao + k + 3];
      const r0 = i32[ro + k] >> 2, r1 = i32[ro + k + 1] >> 2;
      const r2 = i32[ro + k + 2] >> 2, r3 = i32[ro + k + 3] >> 2;
      for (let j = 0; j < n; j++) {
        f32[yo + j] += a0 * f32[r0 + j] + a1 * f32[r1 + j] + a2 * f32[r2 + j] + a3 * f32[r3 + j];
      }
    }
  };
}

/** A layer prepared for evaluation; `w`, `wa` are float offsets of padded rows in the arena. */
type Step =
  | {
    kind: "dense";
    nIn: number;
    nOut: number;
    pad: number;
    w: number;
    wa: number;
    /** The bias, padded to `pad`. */
    b: Float32Array;
  }
  | {
    kind: "normDense";
    nIn: number;
    nOut: number;
    pad: number;
    /** Rows of `gain[i] * w[i][j]`. */
    w: number;
    /** Column sums of those rows. */
    colSum: Float64Array;
    /** `b[j] + sum_i shift[i] * w[i][j]`. */
    b: Float64Array;
  }
  | { kind: "layerNorm"; n: number; gain: Float32Array; shift: Float32Array }
  | { kind: "relu" }
  | { kind: "tanh" }
  | { kind: "softmax" };

const up4 = (n: number) => Math.ceil(n / 4) * 4;

/**
 * Lays out the weights and prepares the layers. A LayerNorm followed by a dense layer is
 * folded into it: with `x^ = (x - m) / s`, `W (g x^ + h) + b = (1/s) (gW) x - (m/s) colsum(gW)
 * + (W h + b)`, so the product runs over the input's non-zero entries only (the policy's input,
 * a ReLU output, is about half zeros).
 */
function compile(net: Mlp, params: Params) {
  const rows: { at: number; data: Float32Array; n: number; pad: number }[] = [];
  let top = 0;
  const place = (data: Float32Array, nRows: number, n: number) => {
    const pad = up4(n), at = top;
    rows.push({ at, data, n, pad });
    top += nRows * pad;
    return at;
  };
  const steps: Step[] = [];
  const ls = net.layers;
  for (let k = 0; k < ls.length; k++) {
    const l = ls[k], next = ls[k + 1];
    if (l.kind === "layerNorm" && next?.kind === "dense" && next.oneHot === 0) {
      const gain = params[`${l.name}.gain`], shift = params[`${l.name}.shift`];
      const w = params[`${next.name}.w`], n = next.outputs;
      const scaled = new Float32Array(w.length);
      const colSum = new Float64Array(n), b = Float64Array.from(params[`${next.name}.b`]);
      for (let i = 0; i < next.inputs; i++) {
        for (let j = 0; j < n; j++) {
          scaled[i * n + j] = gain[i] * w[i * n + j];
          colSum[j] += scaled[i * n + j];
          b[j] += shift[i] * w[i * n + j];
        }
      }
      const at = place(scaled, next.inputs, n);
      steps.push({ kind: "normDense", nIn: next.inputs, nOut: n, pad: up4(n), w: at, colSum, b });
      k++;
    } else if (l.kind === "dense") {
      const pad = up4(l.outputs);
      const b = new Float32Array(pad);
      b.set(params[`${l.name}.b`]);
      const w = place(params[`${l.name}.w`], l.inputs, l.outputs);
      const wa = l.oneHot > 0 ? place(params[`${l.name}.wa`], l.oneHot, l.outputs) : -1;
      steps.push({ kind: "dense", nIn: l.inputs, nOut: l.outputs, pad, w, wa, b });
    } else if (l.kind === "layerNorm") {
      const [gain, shift] = [params[`${l.name}.gain`], params[`${l.name}.shift`]];
      steps.push({ kind: "layerNorm", n: l.size, gain, shift });
    } else {
      steps.push({ kind: l.kind });
    }
  }
  const width = up4(Math.max(net.inputSize, ...ls.map((l) => l.kind === "dense" ? l.outputs : 0)));
  const ys = [top, top + width];
  const list = top + 2 * width, listLength = up4(width + 1 + kernelRows);
  const rowList = list + listLength;
  return { steps, rows, width, ys, list, rowList, floats: rowList + listLength };
}

/** Writes the mean and `1 / sqrt(variance + eps)` of `x[off .. off + n)` to `out`. */
function moments(x: Float32Array, off: number, n: number, out: Float64Array): void {
  let mean = 0;
  for (let j = 0; j < n; j++) mean += x[off + j];
  mean /= n;
  let variance = 0;
  for (let j = 0; j < n; j++) variance += (x[off + j] - mean) * (x[off + j] - mean);
  out[0] = mean;
  out[1] = 1 / Math.sqrt(variance / n + layerNormEpsilon);
}

/** Binds a network to its parameters (checked against the network's layout). */
export function mlpRunner(net: Mlp, params: Params, options: RunnerOptions = {}): MlpRunner {
  checkParams(mlpLayout(net), pick(net, params));
  const { steps, rows, ys, list, rowList, floats } = compile(net, params);
  let simd: DenseKernel | null = null, f32: Float32Array = new Float32Array(0);
  if (options.simd !== false && typeof WebAssembly === "object") {
    const memory = new WebAssembly.Memory({ initial: Math.ceil((4 * floats) / 65536) + 1 });
    simd = simdKernel(memory);
    if (simd !== null) f32 = new Float32Array(memory.buffer);
  }
  if (simd === null) f32 = new Float32Array(floats);
  const i32 = new Int32Array(f32.buffer);
  const kernel = simd ?? jsKernel(f32, i32);
  for (const r of rows) {
    for (let i = 0; i < r.data.length / r.n; i++) {
      f32.set(r.data.subarray(i * r.n, (i + 1) * r.n), r.at + i * r.pad);
    }
  }
  const stats = new Float64Array(2);
  /** Lists the non-zero inputs of `src[off .. off + nIn)` with their rows; returns the length. */
  const listInputs = (src: Float32Array, off: number, nIn: number, w: number, pad: number) => {
    let m = 0;
    for (let i = 0; i < nIn; i++) {
      const v = src[off + i];
      if (v !== 0) (f32[list + m] = v, i32[rowList + m] = (w + i * pad) << 2, m++);
    }
    return m;
  };
  return {
    net,
    kernel: simd ? "simd" : "js",
    run(x, xOff, oneHot, out, outOff) {
      // The current vector is src[off .. off + n); the two output buffers alternate.
      let src = x, off = xOff, n = net.inputSize, cur = -1;
      for (let k = 0; k < steps.length; k++) {
        const s = steps[k];
        if (s.kind === "dense" || s.kind === "normDense") {
          const next = cur === 0 ? 1 : 0, y = ys[next];
          let m = listInputs(src, off, s.nIn, s.w, s.pad);
          if (s.kind === "dense" && s.wa >= 0) {
            f32[list + m] = 1, i32[rowList + m] = (s.wa + oneHot * s.pad) << 2, m++;
          }
          while (m % kernelRows !== 0) f32[list + m] = 0, i32[rowList + m] = s.w << 2, m++;
          if (s.kind === "dense") f32.set(s.b, y);
          else f32.fill(0, y, y + s.pad);
          kernel(list << 2, rowList << 2, m, y << 2, s.pad << 2);
          if (s.kind === "normDense") {
            moments(src, off, s.nIn, stats);
            const mean = stats[0], inv = stats[1];
            for (let j = 0; j < s.nOut; j++) {
              f32[y + j] = f32[y + j] * inv - mean * inv * s.colSum[j] + s.b[j];
            }
          }
          src = f32, off = y, n = s.nOut, cur = next;
          continue;
        }
        if (cur < 0) {
          f32.set(x.subarray(xOff, xOff + n), ys[0]);
          src = f32, off = ys[0], cur = 0;
        }
        if (s.kind === "layerNorm") {
          moments(f32, off, n, stats);
          const mean = stats[0], inv = stats[1];
          for (let j = 0; j < n; j++) {
            f32[off + j] = (f32[off + j] - mean) * inv * s.gain[j] + s.shift[j];
          }
        } else if (s.kind === "relu") {
          for (let j = 0; j < n; j++) if (!(f32[off + j] > 0)) f32[off + j] = 0;
        } else if (s.kind === "tanh") {
          for (let j = 0; j < n; j++) f32[off + j] = Math.tanh(f32[off + j]);
        } else {
          softmaxInPlace(f32, n, off);
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
export function forward(
  net: Mlp,
  params: Params,
  x: Float32Array,
  oneHot = 0,
  options: RunnerOptions = {},
): Float32Array {
  const out = new Float32Array(net.outputSize);
  mlpRunner(net, params, options).run(x, 0, oneHot, out, 0);
  return out;
}
