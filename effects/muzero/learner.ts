/**
 * The MuZero learner: the model's parameters as tfjs variables, one Adam optimizer for the
 * whole run, and a training step = loss gradients (`core/muzero/loss.ts`), clipped to a global
 * norm, applied by Adam. Its state (weights and Adam's moments and step count) is what a
 * checkpoint saves.
 *
 * @example
 * ```ts
 * import { genFromSeed, uniforms } from "../../core/mod.ts";
 * import {
 *   addEpisodes,
 *   drawsPerBatch,
 *   emptyBuffer,
 *   initMuZero,
 *   muzeroModel,
 *   muzeroNets,
 *   playEpisode,
 *   playOptions,
 *   researchConfig,
 *   sampleBatch,
 * } from "../../core/muzero/mod.ts";
 * import { chainEnv } from "../../core/testbeds/mod.ts";
 * import { setupTf } from "../nn/mod.ts";
 *
 * await setupTf();
 * const env = chainEnv({ length: 5, actions: 3, seed: 1 });
 * const config = { ...researchConfig, batchSize: 4 };
 * const { observationSize, numActions } = env;
 * const nets = muzeroNets({ ...config, observationSize, numActions });
 * const [params, gen] = initMuZero(nets, genFromSeed(1));
 * const options = playOptions(config, 1, true);
 * const [episode] = playEpisode(env, muzeroModel(nets, params), 0, options, gen);
 * const buffer = addEpisodes(emptyBuffer(config.window), [episode]);
 * const [draws] = uniforms(genFromSeed(2), drawsPerBatch(config));
 * const learner = createLearner(nets, config, params);
 * const losses = learner.trainStep(sampleBatch(buffer, config, draws));
 * // losses: { total, value, reward, policy, gradNorm }
 * const weights = learner.params(); // Float32Array record for the workers
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import {
  type Batch,
  batchTensors,
  type LearnConfig,
  muzeroLayout,
  muzeroLoss,
  type MuZeroNets,
} from "../../core/muzero/mod.ts";
import { clipByGlobalNorm, type Params } from "../../core/nn/mod.ts";
import {
  type Adam,
  type AdamState,
  createAdam,
  disposeVariables,
  readVariables,
  toVariables,
} from "../nn/mod.ts";

/** What one training step reports. */
export interface StepLosses {
  readonly total: number;
  readonly value: number;
  readonly reward: number;
  readonly policy: number;
  /** The gradients' global norm before clipping. */
  readonly gradNorm: number;
}

/** A learner's full state. */
export interface LearnerState {
  readonly params: Params;
  readonly adam: AdamState;
}

/** Trains the model. */
export interface Learner {
  trainStep(batch: Batch): StepLosses;
  /** A copy of the current weights. */
  params(): Params;
  state(): LearnerState;
  dispose(): void;
}

/** A learner starting from `params` (and Adam's state, when resuming). */
export function createLearner(
  nets: MuZeroNets,
  config: LearnConfig,
  params: Params,
  adamState?: AdamState,
): Learner {
  const layout = muzeroLayout(nets);
  const vars = toVariables(layout, params);
  const adam: Adam = createAdam(layout, vars, { learningRate: config.learningRate });
  if (adamState !== undefined) adam.load(adamState);
  const varList = layout.map(({ name }) => vars[name]);
  const nameOf = new Map(layout.map(({ name }) => [vars[name].name, name]));
  return {
    trainStep(batch) {
      return tf.tidy(() => {
        const tensors = batchTensors(batch);
        let parts: tf.Scalar[] = [];
        const { grads } = tf.variableGrads(() => {
          const loss = muzeroLoss(nets, vars, tensors, config);
          parts = [loss.total, loss.value, loss.reward, loss.policy].map((t) => tf.keep(t));
          return loss.total;
        }, varList);
        const named: Record<string, tf.Tensor> = {};
        for (const [varName, g] of Object.entries(grads)) named[nameOf.get(varName)!] = g;
        const { grads: clipped, norm } = clipByGlobalNorm(named, config.gradClip);
        adam.apply(clipped);
        const [total, value, reward, policy] = parts.map((t) => t.dataSync()[0]);
        tf.dispose(parts);
        return {
          total,
          value,
          reward,
          policy,
          gradNorm: norm.dataSync()[0],
        };
      });
    },
    params: () => readVariables(layout, vars),
    state: () => ({ params: readVariables(layout, vars), adam: adam.state() }),
    dispose() {
      adam.dispose();
      disposeVariables(vars);
    },
  };
}
