/**
 * Adam as PyTorch defines it (`m`, `v`, bias corrections from the step count), over a record of
 * tfjs variables, with its whole state readable and restorable. tfjs's own Adam keeps
 * `beta^t` as a running product that `setWeights` recomputes with `pow`, so a restored
 * optimizer drifts from an uninterrupted one in the last bits; here the corrections are computed
 * from the integer step count every time, so a resumed run is bit for bit the same run.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import type { ParamLayout } from "../../core/nn/mod.ts";
 * import { setupTf, toVariables } from "./mod.ts";
 *
 * await setupTf();
 * const layout: ParamLayout = [{ name: "b", shape: [2] }];
 * const vars = toVariables(layout, { b: Float32Array.of(0.1, -0.1) });
 * const adam = createAdam(layout, vars, { learningRate: 1e-4 });
 * adam.apply({ b: tf.tensor1d([0.5, -0.5]) }); // one step
 * const saved = adam.state(); // { step: 1, m, v } as Float32Array records
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type ParamLayout, type Params, sizeOf } from "../../core/nn/mod.ts";
import { assignVariables, readVariables, toVariables, type Variables } from "./variables.ts";

/** Adam's hyper-parameters (PyTorch's defaults for the betas and epsilon). */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** Everything needed to continue: the step count and both moment estimates. */
export interface AdamState {
  readonly step: number;
  readonly m: Params;
  readonly v: Params;
}

/** An optimizer bound to its variables. */
export interface Adam {
  /** One update from gradients by parameter name (missing names are left alone). */
  apply(grads: Readonly<Record<string, tf.Tensor>>): void;
  state(): AdamState;
  load(state: AdamState): void;
  dispose(): void;
}

const zerosLike = (layout: ParamLayout): Params =>
  Object.fromEntries(
    layout.map(({ name, shape }) => [name, new Float32Array(sizeOf(shape))]),
  );

/** Adam over `vars` (whose layout is `layout`). */
export function createAdam(layout: ParamLayout, vars: Variables, options: AdamOptions): Adam {
  const { learningRate: lr, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  const m = toVariables(layout, zerosLike(layout));
  const v = toVariables(layout, zerosLike(layout));
  let step = 0;
  return {
    apply(grads) {
      step += 1;
      const c1 = 1 - Math.pow(beta1, step), c2 = Math.sqrt(1 - Math.pow(beta2, step));
      tf.tidy(() => {
        for (const { name } of layout) {
          const g = grads[name];
          if (g === undefined) continue;
          const m1 = tf.add(tf.mul(m[name], beta1), tf.mul(g, 1 - beta1));
          const v1 = tf.add(tf.mul(v[name], beta2), tf.mul(tf.square(g), 1 - beta2));
          m[name].assign(m1);
          v[name].assign(v1);
          const denom = tf.add(tf.div(tf.sqrt(v1), c2), epsilon);
          vars[name].assign(tf.sub(vars[name], tf.mul(tf.div(m1, denom), lr / c1)));
        }
      });
    },
    state: () => ({ step, m: readVariables(layout, m), v: readVariables(layout, v) }),
    load(state) {
      assignVariables(layout, m, state.m);
      assignVariables(layout, v, state.v);
      step = state.step;
    },
    dispose() {
      tf.dispose([...Object.values(m), ...Object.values(v)]);
    },
  };
}
