/**
 * MuZero's inference for tree search on the Float32Array path: the initial inference of an
 * observation (representation, value, policy) and the recurrent inference of a hidden state and
 * an action (dynamics, reward, value), with the policy as a separate call so a search evaluates
 * it only for nodes it descends through. A model owns its scratch; calls allocate nothing
 * except `initial`, which returns a fresh root.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 * import { chainEnv } from "../testbeds/mod.ts";
 * import { initMuZero, muzeroNets, researchConfig } from "./mod.ts";
 *
 * const env = chainEnv({ length: 5, actions: 3, seed: 1 });
 * const { observationSize, numActions } = env;
 * const nets = muzeroNets({ ...researchConfig, observationSize, numActions });
 * const [params] = initMuZero(nets, genFromSeed(1));
 * const model = muzeroModel(nets, params);
 * const root = model.initial(env.observe(env.reset(0))); // { hidden, value, priors }
 * ```
 * @module
 */
import { mlpRunner, type Params } from "../nn/mod.ts";
import type { MuZeroNets } from "./networks.ts";

/** The root of a search: a hidden state, its value and the prior over actions. */
export interface RootOutput {
  readonly hidden: Float32Array;
  readonly value: number;
  readonly priors: Float32Array;
}

/** What a tree search asks of a model (hidden states live in the tree's own buffer). */
export interface SearchModel {
  readonly numActions: number;
  readonly hiddenSize: number;
  /**
   * Writes the state after `action` from the state at `hidden[from..]` to `hidden[to..]`, and
   * `[reward, value]` of that transition and state to `out`.
   */
  recurrent(
    hidden: Float32Array,
    from: number,
    action: number,
    to: number,
    out: Float64Array,
  ): void;
  /** Writes the prior probabilities of the state at `hidden[from..]` to `priors[at..]`. */
  policy(hidden: Float32Array, from: number, priors: Float32Array, at: number): void;
}

/** A search model that can also start a search from an observation. */
export interface MuZeroModel extends SearchModel {
  initial(observation: Float32Array): RootOutput;
}

/** Binds the five networks to a parameter record. */
export function muzeroModel(nets: MuZeroNets, params: Params): MuZeroModel {
  const representation = mlpRunner(nets.representation, params);
  const value = mlpRunner(nets.value, params);
  const policy = mlpRunner(nets.policy, params);
  const reward = mlpRunner(nets.reward, params);
  const dynamics = mlpRunner(nets.dynamics, params);
  const h = nets.shape.hidden;
  const scalar = new Float32Array(1);
  return {
    numActions: nets.shape.numActions,
    hiddenSize: h,
    recurrent(hidden, from, action, to, out) {
      reward.run(hidden, from, action, scalar, 0);
      out[0] = scalar[0];
      dynamics.run(hidden, from, action, hidden, to);
      value.run(hidden, to, 0, scalar, 0);
      out[1] = scalar[0];
    },
    policy(hidden, from, priors, at) {
      policy.run(hidden, from, 0, priors, at);
    },
    initial(observation) {
      if (observation.length !== nets.shape.observationSize) {
        throw new RangeError(
          `observation has ${observation.length} values, the model expects ${nets.shape.observationSize}`,
        );
      }
      const hidden = new Float32Array(h);
      representation.run(observation, 0, 0, hidden, 0);
      value.run(hidden, 0, 0, scalar, 0);
      const priors = new Float32Array(nets.shape.numActions);
      policy.run(hidden, 0, 0, priors, 0);
      return { hidden, value: scalar[0], priors };
    },
  };
}
