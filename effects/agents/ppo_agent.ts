/**
 * One PPO learner (core/agents/ppo.ts for the maths): it acts with the plain Float32Array
 * inference path (a sampled action, its log-probability and the value estimate), stores
 * transitions in its rollout buffer, and when asked trains on the full buffer as
 * stable-baselines3's `PPO.train` does: `epochs` passes, each over a fresh random permutation
 * cut into minibatches of `batch`, advantages normalised per minibatch, the loss's gradients
 * clipped to a global norm and applied by Adam (epsilon 1e-5). The weights live in one flat
 * tfjs variable sliced into the networks' tensors inside the gradient: with 12 small tensors,
 * Adam's and the clipping's per-tensor ops cost more than the networks (3.4 ms per gradient step
 * instead of 4.6 on wasm). Its whole state (weights,
 * Adam's moments and step, the partly filled buffer) is readable and restorable, so a resumed
 * run continues bit for bit.
 *
 * @example
 * ```ts
 * import { PPO_DEFAULTS, ppoInit, ppoNets } from "../../core/agents/mod.ts";
 * import { genFromSeed, uniform } from "../../core/mod.ts";
 * import { chainEnv } from "../../core/testbeds/mod.ts";
 * import { setupTf } from "../nn/mod.ts";
 *
 * await setupTf();
 * const env = chainEnv({ length: 4, actions: 3, seed: 1 });
 * const nets = ppoNets(env.observationSize, env.numActions, PPO_DEFAULTS.hidden);
 * const [params, g0] = ppoInit(nets, genFromSeed(5));
 * const agent = createPpoAgent(nets, PPO_DEFAULTS, params);
 * const s = env.reset(0), obs = env.observe(s);
 * const [u, g1] = uniform(g0);
 * const { action, logProb, value } = agent.act(obs, u);
 * const { state, reward, done } = env.step(s, action);
 * if (agent.store({ obs, action, reward, value, logProb, episodeStart: true })) {
 *   const [stats, g2] = agent.update(agent.value(env.observe(state)), done, g1);
 * }
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import {
  explainedVariance,
  gae,
  imitationLoss,
  minibatches,
  normalizeAdvantages,
  type PpoConfig,
  ppoLayout,
  ppoLoss,
  type PpoNets,
  type Rollout,
} from "../../core/agents/mod.ts";
import {
  clipByGlobalNorm,
  mlpRunner,
  packParams,
  paramCount,
  type ParamLayout,
  type Params,
  sizeOf,
  unpackParams,
} from "../../core/nn/mod.ts";
import { categorical, type Gen, permutation } from "../../core/mod.ts";
import { type AdamState, createAdam } from "../nn/mod.ts";

/** One stored transition. */
export interface Transition {
  readonly obs: Float32Array;
  readonly action: number;
  readonly reward: number;
  readonly value: number;
  readonly logProb: number;
  readonly episodeStart: boolean;
}

/** What acting returns. */
export interface Act {
  readonly action: number;
  readonly logProb: number;
  readonly value: number;
}

/** What an update reports (means over its gradient steps, as stable-baselines3 logs them). */
export interface UpdateStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  readonly clipFraction: number;
  readonly explainedVariance: number;
}

/** A learner's whole state. */
export interface PpoAgentState {
  readonly params: Params;
  /** Adam's moments are over the flat vector (`flatLayout`'s one entry). */
  readonly adam: AdamState;
  /** The buffer's arrays (capacity `rollout`) and how many transitions it holds. */
  readonly buffer: Rollout & { readonly count: number };
  readonly updates: number;
}

/** A PPO learner. */
export interface PpoAgent {
  readonly nets: PpoNets;
  readonly config: PpoConfig;
  /** An action drawn with the uniform `u`, or the most likely one when `u` is null. */
  act(obs: Float32Array, u: number | null): Act;
  value(obs: Float32Array): number;
  /** The policy's logits at `obs` (a fresh array). */
  logits(obs: Float32Array): Float32Array;
  /** Stores a transition; true when the buffer is full (time to `update`). */
  store(t: Transition): boolean;
  /**
   * Trains on the buffer (bootstrapped with `lastValue` unless `lastDone`) and empties it;
   * the epochs' permutations come from `gen`.
   */
  update(lastValue: number, lastDone: boolean, gen: Gen): [UpdateStats, Gen];
  /**
   * One Adam step per minibatch of imitation (`imitationLoss`, the gradient clipped as PPO's);
   * the mean policy and value losses.
   */
  imitate(batches: readonly ImitationData[]): { policyLoss: number; valueLoss: number };
  state(): PpoAgentState;
  dispose(): void;
}

/** A minibatch of imitation as arrays: `n` observations, target rows and returns. */
export interface ImitationData {
  readonly n: number;
  readonly obs: Float32Array;
  readonly targets: Float32Array;
  readonly returns: Float32Array;
}

/** The name of the one flat parameter Adam sees. */
const FLAT = "flat";

/** The one-entry layout of all the weights as one vector. */
export const flatLayout = (layout: ParamLayout): ParamLayout => [
  { name: FLAT, shape: [paramCount(layout)] },
];

/** The networks' tensors as slices of the flat variable (differentiable). */
function sliced(layout: ParamLayout, flat: tf.Tensor1D): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  let offset = 0;
  for (const { name, shape } of layout) {
    const n = sizeOf(shape);
    out[name] = tf.reshape(tf.slice(flat, offset, n), [...shape]);
    offset += n;
  }
  return out;
}

/** An empty buffer of `capacity` transitions. */
function emptyBuffer(capacity: number, obsSize: number): Rollout & { count: number } {
  return {
    size: capacity,
    obsSize,
    count: 0,
    obs: new Float32Array(capacity * obsSize),
    actions: new Int32Array(capacity),
    rewards: new Float32Array(capacity),
    values: new Float32Array(capacity),
    logProbs: new Float32Array(capacity),
    episodeStarts: new Uint8Array(capacity),
  };
}

/** A buffer of `from`'s capacity holding a copy of its transitions. */
function copyBuffer(from: Rollout & { readonly count: number }): Rollout & { count: number } {
  const to = emptyBuffer(from.size, from.obsSize);
  for (const k of ["obs", "actions", "rewards", "values", "logProbs", "episodeStarts"] as const) {
    to[k].set(from[k]);
  }
  to.count = from.count;
  return to;
}

/** A learner from `params` (and, when resuming, the rest of its state). */
export function createPpoAgent(
  nets: PpoNets,
  config: PpoConfig,
  params: Params,
  resume?: Omit<PpoAgentState, "params">,
): PpoAgent {
  const layout = ppoLayout(nets);
  const flat = tf.variable(tf.tensor1d(packParams(layout, params)), true);
  const adam = createAdam(flatLayout(layout), { [FLAT]: flat }, {
    learningRate: config.learningRate,
    epsilon: config.adamEpsilon,
  });
  if (resume) adam.load(resume.adam);
  const obsSize = nets.policy.inputSize, numActions = nets.policy.outputSize;
  const saved = resume?.buffer;
  if (saved && (saved.size !== config.rollout || saved.obsSize !== obsSize)) {
    throw new RangeError(
      `ppo: a buffer of ${saved.size} x ${saved.obsSize} for ${config.rollout} x ${obsSize}`,
    );
  }
  const buffer = saved ? copyBuffer(saved) : emptyBuffer(config.rollout, obsSize);
  let updates = resume?.updates ?? 0;
  const read = () => unpackParams(layout, (flat.dataSync() as Float32Array).slice());
  let runners = bind(read());
  function bind(p: Params) {
    return { policy: mlpRunner(nets.policy, p), value: mlpRunner(nets.value, p) };
  }
  const logits = new Float32Array(numActions), probs = new Float64Array(numActions);
  const one = new Float32Array(1);

  const value = (obs: Float32Array) => {
    runners.value.run(obs, 0, 0, one, 0);
    return one[0];
  };
  return {
    nets,
    config,
    act(obs, u) {
      runners.policy.run(obs, 0, 0, logits, 0);
      let max = -Infinity;
      for (const l of logits) if (l > max) max = l;
      let sum = 0;
      for (let a = 0; a < numActions; a++) sum += probs[a] = Math.exp(logits[a] - max);
      let action = 0;
      if (u === null) {
        for (let a = 1; a < numActions; a++) if (probs[a] > probs[action]) action = a;
      } else action = categorical(probs, u);
      return { action, logProb: logits[action] - max - Math.log(sum), value: value(obs) };
    },
    value,
    logits(obs) {
      const out = new Float32Array(numActions);
      runners.policy.run(obs, 0, 0, out, 0);
      return out;
    },
    store(t) {
      if (buffer.count >= config.rollout) {
        throw new RangeError("ppo: the buffer is full; update first");
      }
      const i = buffer.count++;
      buffer.obs.set(t.obs, i * obsSize);
      buffer.actions[i] = t.action;
      buffer.rewards[i] = t.reward;
      buffer.values[i] = t.value;
      buffer.logProbs[i] = t.logProb;
      buffer.episodeStarts[i] = t.episodeStart ? 1 : 0;
      return buffer.count === config.rollout;
    },
    update(lastValue, lastDone, gen) {
      if (buffer.count !== config.rollout) {
        throw new RangeError("ppo: update before the buffer is full");
      }
      const { advantages, returns } = gae(
        buffer,
        lastValue,
        lastDone,
        config.gamma,
        config.gaeLambda,
      );
      const sums = { policy: 0, value: 0, entropy: 0, approxKl: 0, clipFraction: 0 };
      let steps = 0, g = gen;
      for (let epoch = 0; epoch < config.epochs; epoch++) {
        const [order, next] = permutation(g, config.rollout);
        g = next;
        for (const idx of minibatches(order, config.batch)) {
          const n = idx.length;
          const pick = <A extends Float32Array | Int32Array>(src: A, make: (n: number) => A) => {
            const out = make(n);
            idx.forEach((j, k) => (out[k] = src[j]));
            return out;
          };
          const obs = new Float32Array(n * obsSize);
          idx.forEach((j, k) =>
            obs.set(buffer.obs.subarray(j * obsSize, (j + 1) * obsSize), k * obsSize)
          );
          let adv = pick(advantages, (m) => new Float32Array(m));
          if (config.normalizeAdvantage) adv = normalizeAdvantages(adv);
          const parts = tf.tidy(() => {
            const batch = {
              obs: tf.tensor2d(obs, [n, obsSize]),
              actions: tf.tensor1d(pick(buffer.actions, (m) => new Int32Array(m)), "int32"),
              oldLogProbs: tf.tensor1d(pick(buffer.logProbs, (m) => new Float32Array(m))),
              advantages: tf.tensor1d(adv),
              returns: tf.tensor1d(pick(returns, (m) => new Float32Array(m))),
            };
            let kept: tf.Scalar[] = [];
            const { grads } = tf.variableGrads(() => {
              const loss = ppoLoss(nets, sliced(layout, flat), batch, config);
              kept = [loss.policy, loss.value, loss.entropy, loss.approxKl, loss.clipFraction]
                .map((s) => tf.keep(s));
              return loss.total;
            }, [flat]);
            adam.apply(clipByGlobalNorm({ [FLAT]: grads[flat.name] }, config.maxGradNorm).grads);
            return kept;
          });
          const [p, v, e, kl, cf] = parts.map((s) => s.dataSync()[0]);
          tf.dispose(parts);
          sums.policy += p;
          sums.value += v;
          sums.entropy += e;
          sums.approxKl += kl;
          sums.clipFraction += cf;
          steps++;
        }
      }
      runners = bind(read());
      buffer.count = 0;
      updates++;
      const stats: UpdateStats = {
        policyLoss: sums.policy / steps,
        valueLoss: sums.value / steps,
        entropy: sums.entropy / steps,
        approxKl: sums.approxKl / steps,
        clipFraction: sums.clipFraction / steps,
        explainedVariance: explainedVariance(buffer.values, returns),
      };
      return [stats, g];
    },
    imitate(batches) {
      let policyLoss = 0, valueLoss = 0;
      for (const d of batches) {
        const parts = tf.tidy(() => {
          const batch = {
            obs: tf.tensor2d(d.obs, [d.n, obsSize]),
            targets: tf.tensor2d(d.targets, [d.n, numActions]),
            returns: tf.tensor1d(d.returns),
          };
          let kept: tf.Scalar[] = [];
          const { grads } = tf.variableGrads(() => {
            const loss = imitationLoss(nets, sliced(layout, flat), batch, config.vfCoef);
            kept = [tf.keep(loss.policy), tf.keep(loss.value)];
            return loss.total;
          }, [flat]);
          adam.apply(clipByGlobalNorm({ [FLAT]: grads[flat.name] }, config.maxGradNorm).grads);
          return kept;
        });
        const [p, v] = parts.map((x) => x.dataSync()[0]);
        tf.dispose(parts);
        policyLoss += p;
        valueLoss += v;
      }
      runners = bind(read());
      const n = Math.max(1, batches.length);
      return { policyLoss: policyLoss / n, valueLoss: valueLoss / n };
    },
    state() {
      return { params: read(), adam: adam.state(), buffer: copyBuffer(buffer), updates };
    },
    dispose() {
      adam.dispose();
      flat.dispose();
    },
  };
}
