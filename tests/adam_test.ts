import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { ParamLayout } from "../core/nn/params.ts";
import { createAdam } from "../effects/nn/adam.ts";
import { readVariables, toVariables } from "../effects/nn/variables.ts";
import { setupTf } from "../effects/nn/backend.ts";

await setupTf();

const layout: ParamLayout = [{ name: "w", shape: [2, 2] }, { name: "b", shape: [2] }];
const start = { w: Float32Array.of(1, -2, 0.5, 3), b: Float32Array.of(0.1, -0.1) };
const target = tf.tensor1d([1, 2]);
const x = tf.tensor2d([[1, 2], [-1, 0.5]]);

/** Gradients of a small least-squares loss at the variables' values. */
function grads(vars: Record<string, tf.Variable>) {
  return tf.variableGrads(
    () =>
      tf.sum(
        tf.square(tf.sub(tf.add(tf.sum(tf.matMul(x, vars.w), 0), vars.b), target)),
      ) as tf.Scalar,
    [vars.w, vars.b],
  ).grads;
}

Deno.test("Adam matches tfjs's Adam step for step", () => {
  const mine = toVariables(layout, start), theirs = toVariables(layout, start);
  const adam = createAdam(layout, mine, { learningRate: 0.05 });
  const ref = tf.train.adam(0.05, 0.9, 0.999, 1e-8);
  for (let i = 0; i < 20; i++) {
    const g = grads(mine);
    adam.apply({ w: g[mine.w.name], b: g[mine.b.name] });
    ref.minimize(() =>
      tf.sum(
        tf.square(tf.sub(tf.add(tf.sum(tf.matMul(x, theirs.w), 0), theirs.b), target)),
      ) as tf.Scalar
    );
  }
  const a = readVariables(layout, mine), b = readVariables(layout, theirs);
  for (const { name } of layout) {
    a[name].forEach((v, i) => assert.ok(Math.abs(v - b[name][i]) < 1e-5, `${name}[${i}]`));
  }
});

Deno.test("Adam's saved state continues bit for bit", () => {
  const run = (split: boolean) => {
    let vars = toVariables(layout, start);
    let adam = createAdam(layout, vars, { learningRate: 0.01 });
    for (let i = 0; i < 10; i++) {
      if (split && i === 4) {
        const params = readVariables(layout, vars), state = adam.state();
        vars = toVariables(layout, params);
        adam = createAdam(layout, vars, { learningRate: 0.01 });
        adam.load(state);
      }
      const g = grads(vars);
      adam.apply({ w: g[vars.w.name], b: g[vars.b.name] });
    }
    return { params: readVariables(layout, vars), state: adam.state() };
  };
  assert.deepEqual(run(true), run(false));
});
