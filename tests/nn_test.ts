import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { setupTf } from "../effects/nn/backend.ts";
import { genFromSeed, uniforms } from "../core/random.ts";
import { initMlp, mlp, mlpLayout, modelLayout } from "../core/nn/layers.ts";
import { forward, mlpRunner } from "../core/nn/infer.ts";
import { forwardTf } from "../core/nn/tf_forward.ts";
import { clipByGlobalNorm, gatherRows, matMul, scaleGradient } from "../core/nn/tf_ops.ts";
import { packParams, paramCount, unpackParams } from "../core/nn/params.ts";

await setupTf();

const tensors = (
  p: Record<string, Float32Array>,
  layout: { name: string; shape: readonly number[] }[],
) => Object.fromEntries(layout.map((e) => [e.name, tf.tensor(p[e.name], [...e.shape])]));

function randomInput(n: number, seed: number, scale = 2): Float32Array {
  const [u] = uniforms(genFromSeed(seed), n);
  return Float32Array.from(u, (x) => (2 * x - 1) * scale);
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

// The research's network shapes (hidden 256, 487 actions, a 467-float observation).
const nets = {
  representation: mlp("repr", {
    input: 467,
    layers: [{ size: 256, norm: true }, { size: 256, norm: true }],
  }),
  policy: mlp("policy", {
    input: 256,
    inputNorm: true,
    layers: [{ size: 512 }, { size: 256 }, { size: 487, activation: "softmax" }],
  }),
  reward: mlp("reward", {
    input: 256,
    oneHot: 487,
    layers: [{ size: 256, norm: true }, { size: 128 }, { size: 1, activation: "linear" }],
  }),
};

Deno.test("the SIMD kernel is the one in use here", () => {
  const [params] = initMlp(nets.reward, genFromSeed(1));
  assert.equal(mlpRunner(nets.reward, params).kernel, "simd");
  assert.equal(mlpRunner(nets.reward, params, { simd: false }).kernel, "js");
});

for (const simd of [true, false]) {
  Deno.test(`Float32Array inference (${simd ? "SIMD" : "JavaScript"} kernel) equals tfjs within 1e-5`, () => {
    for (const [k, net] of Object.entries(nets)) {
      const [params] = initMlp(net, genFromSeed(11));
      const t = tensors(params as Record<string, Float32Array>, [...mlpLayout(net)]);
      for (let s = 0; s < 4; s++) {
        const x = randomInput(net.inputSize, 100 + s);
        const action = (37 * s + 5) % Math.max(1, net.oneHotSize);
        const fast = forward(net, params, x, action, { simd });
        const ref = tf.tidy(() =>
          forwardTf(
            net,
            t,
            tf.tensor2d(x, [1, net.inputSize]),
            net.oneHotSize > 0 ? tf.tensor1d([action], "int32") : undefined,
          ).dataSync()
        );
        const d = maxDiff(fast, ref);
        assert.ok(d < 1e-5, `${k}: max difference ${d}`);
      }
      tf.dispose(Object.values(t));
    }
  });
}

Deno.test("LayerNorm folded into the next dense layer equals tfjs on sparse (post-ReLU) inputs", () => {
  const net = mlp("p", {
    input: 64,
    inputNorm: true,
    layers: [{ size: 40 }, { size: 9, activation: "linear" }],
  });
  const [params] = initMlp(net, genFromSeed(5));
  // Gains and shifts away from 1 and 0, so the fusion's algebra is exercised.
  params["p.ln_in.gain"].set(randomInput(64, 6, 1.5));
  params["p.ln_in.shift"].set(randomInput(64, 7, 0.5));
  const t = tensors(params as Record<string, Float32Array>, [...mlpLayout(net)]);
  for (let s = 0; s < 5; s++) {
    const x = randomInput(64, 20 + s, 3).map((v) => Math.max(0, v));
    const ref = tf.tidy(() => forwardTf(net, t, tf.tensor2d(x, [1, 64])).dataSync());
    for (const simd of [true, false]) {
      const fast = forward(net, params, x, 0, { simd });
      assert.ok(maxDiff(fast, ref) < 1e-5, `difference ${maxDiff(fast, ref)}`);
    }
  }
  tf.dispose(Object.values(t));
});

Deno.test("a runner reads its input at an offset and writes its output at an offset", () => {
  const net = nets.reward;
  const [params] = initMlp(net, genFromSeed(3));
  const x = randomInput(3 * 256, 9);
  const run = mlpRunner(net, params);
  const out = new Float32Array(5);
  run.run(x, 512, 17, out, 2);
  const direct = forward(net, params, x.slice(512), 17);
  assert.equal(out[2], direct[0]);
  assert.equal(out[0], 0);
});

Deno.test("the one-hot rows equal a dense layer over a concatenated one-hot vector", () => {
  const withOneHot = mlp("n", { input: 5, oneHot: 3, layers: [{ size: 4, activation: "linear" }] });
  const plain = mlp("n", { input: 8, layers: [{ size: 4, activation: "linear" }] });
  const [p] = initMlp(withOneHot, genFromSeed(2));
  const w = new Float32Array(8 * 4);
  w.set(p["n.fc0.w"]);
  w.set(p["n.fc0.wa"], 5 * 4);
  const x = randomInput(5, 4);
  const concat = new Float32Array(8);
  concat.set(x);
  concat[5 + 2] = 1;
  const a = forward(withOneHot, p, x, 2);
  const b = forward(plain, { "n.fc0.w": w, "n.fc0.b": p["n.fc0.b"] }, concat);
  assert.ok(maxDiff(a, b) < 1e-6);
});

Deno.test("matMul's custom gradient equals the stock gradient", () => {
  const a = tf.tensor2d(randomInput(6 * 5, 1), [6, 5]);
  const b = tf.tensor2d(randomInput(5 * 3, 2), [5, 3]);
  const w = tf.tensor2d(randomInput(6 * 3, 3), [6, 3]);
  const f = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) =>
    tf.grads((x: tf.Tensor, y: tf.Tensor) =>
      tf.sum(tf.mul(mm(x as tf.Tensor2D, y as tf.Tensor2D), w))
    );
  const [ga, gb] = f(matMul)([a, b]);
  const [sa, sb] = f((x, y) => tf.matMul(x, y))([a, b]);
  assert.ok(maxDiff(ga.dataSync(), sa.dataSync()) < 1e-5);
  assert.ok(maxDiff(gb.dataSync(), sb.dataSync()) < 1e-5);
});

Deno.test("gatherRows' gradient sums the rows of repeated indices", () => {
  const table = tf.tensor2d(randomInput(4 * 2, 5), [4, 2]);
  const idx = tf.tensor1d([1, 3, 1], "int32");
  const w = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t as tf.Tensor2D, idx), w)))(table);
  assert.deepEqual([...g.dataSync()], [0, 0, 6, 8, 0, 0, 3, 4]);
});

Deno.test("scaleGradient is the identity forward and scales the gradient", () => {
  const x = tf.tensor1d([1, -2, 3]);
  const y = scaleGradient(x, 0.5);
  assert.deepEqual([...y.dataSync()], [1, -2, 3]);
  const g = tf.grad((v: tf.Tensor) => tf.sum(tf.square(scaleGradient(v, 0.5))))(x);
  assert.deepEqual([...g.dataSync()], [1, -2, 3]);
});

Deno.test("clipByGlobalNorm bounds the joint norm and leaves small gradients alone", () => {
  const big = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
  const { grads, norm } = clipByGlobalNorm(big, 1);
  assert.ok(Math.abs(norm.dataSync()[0] - 5) < 1e-6);
  assert.ok(maxDiff(grads.a.dataSync(), [0.6, 0]) < 1e-6);
  assert.ok(maxDiff(grads.b.dataSync(), [0, 0.8]) < 1e-6);
  const small = clipByGlobalNorm({ a: tf.tensor1d([0.3, 0.4]) }, 1);
  assert.ok(maxDiff(small.grads.a.dataSync(), [0.3, 0.4]) < 1e-7);
});

Deno.test("params pack into one buffer in layout order and unpack as views", () => {
  const layout = modelLayout([nets.reward, nets.policy]);
  const [p1] = initMlp(nets.reward, genFromSeed(1));
  const [p2] = initMlp(nets.policy, genFromSeed(2));
  const flat = packParams(layout, { ...p1, ...p2 });
  assert.equal(flat.length, paramCount(layout));
  const back = unpackParams(layout, flat);
  for (const { name } of layout) assert.deepEqual(back[name], ({ ...p1, ...p2 })[name]);
  assert.throws(() => packParams(layout, p1), /missing/);
  assert.throws(() => unpackParams(layout, flat.subarray(1)), /layout needs/);
});
