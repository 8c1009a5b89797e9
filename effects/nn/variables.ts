/**
 * A parameter record as tfjs variables, and back: the learner trains variables; search,
 * workers and checkpoints use the Float32Array record. Variables get tfjs's generated names
 * (unique in the process), so several models can live side by side.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { checkParams, type ParamLayout, type Params } from "../../core/nn/mod.ts";

/** Trainable variables by parameter name. */
export type Variables = Readonly<Record<string, tf.Variable>>;

/** New variables holding copies of `params`. */
export function toVariables(layout: ParamLayout, params: Params): Variables {
  checkParams(layout, params);
  const out: Record<string, tf.Variable> = {};
  for (const { name, shape } of layout) {
    out[name] = tf.tidy(() => tf.variable(tf.tensor(params[name], [...shape]), true));
  }
  return out;
}

/** A copy of the variables' current values as a parameter record. */
export function readVariables(layout: ParamLayout, vars: Variables): Params {
  const out: Record<string, Float32Array> = {};
  for (const { name } of layout) out[name] = vars[name].dataSync() as Float32Array;
  return out;
}

/** Overwrites the variables with `params`. */
export function assignVariables(layout: ParamLayout, vars: Variables, params: Params): void {
  checkParams(layout, params);
  for (const { name, shape } of layout) {
    tf.tidy(() => vars[name].assign(tf.tensor(params[name], [...shape])));
  }
}

/** Frees the variables. */
export const disposeVariables = (vars: Variables): void => tf.dispose(Object.values(vars));
