/**
 * MuZero's five networks as `Mlp` specs over one parameter record (docs/research.md
 * section 3), with the action as a one-hot input given by its index:
 * - representation `obs -> hidden (LayerNorm, ReLU) -> hidden (LayerNorm, ReLU)`
 * - value `hidden -> 128 (ReLU) -> 1`
 * - policy `LayerNorm -> 512 (ReLU) -> 256 (ReLU) -> actions (softmax)`
 * - reward `[hidden, one-hot] -> 256 (LayerNorm, ReLU) -> 128 (ReLU) -> 1`
 * - dynamics `[hidden, one-hot] -> hidden (ReLU) -> hidden (ReLU)`
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 * import { paramCount } from "../nn/mod.ts";
 * import { researchConfig } from "./mod.ts";
 *
 * const nets = muzeroNets({ observationSize: 467, numActions: 487, ...researchConfig });
 * const [params] = initMuZero(nets, genFromSeed(1));
 * paramCount(muzeroLayout(nets)); // 1088489 parameters
 * ```
 * @module
 */
import type { Gen } from "../random.ts";
import { initMlp, type Mlp, mlp, modelLayout, type ParamLayout, type Params } from "../nn/mod.ts";
import type { NetworkSizes } from "./config.ts";

/** Sizes of an environment and of the networks. */
export interface MuZeroShape extends NetworkSizes {
  readonly observationSize: number;
  readonly numActions: number;
}

/** The five networks. */
export interface MuZeroNets {
  readonly shape: MuZeroShape;
  readonly representation: Mlp;
  readonly value: Mlp;
  readonly policy: Mlp;
  readonly reward: Mlp;
  readonly dynamics: Mlp;
}

const hiddenLayers = (sizes: readonly number[], firstNorm = false) =>
  sizes.map((size, k) => ({ size, norm: firstNorm && k === 0 }));

/** The networks of a shape. */
export function muzeroNets(shape: MuZeroShape): MuZeroNets {
  const { hidden: h, numActions: a } = shape;
  const scalar = { size: 1, activation: "linear" } as const;
  return {
    shape,
    representation: mlp("representation", {
      input: shape.observationSize,
      layers: [{ size: h, norm: true }, { size: h, norm: true }],
    }),
    value: mlp("value", { input: h, layers: [...hiddenLayers(shape.valueHidden), scalar] }),
    policy: mlp("policy", {
      input: h,
      inputNorm: true,
      layers: [...hiddenLayers(shape.policyHidden), { size: a, activation: "softmax" }],
    }),
    reward: mlp("reward", {
      input: h,
      oneHot: a,
      layers: [...hiddenLayers(shape.rewardHidden, true), scalar],
    }),
    dynamics: mlp("dynamics", { input: h, oneHot: a, layers: [{ size: h }, { size: h }] }),
  };
}

/** The networks in a fixed order (the order of the parameter layout). */
export const netList = (n: MuZeroNets): Mlp[] => [
  n.representation,
  n.value,
  n.policy,
  n.reward,
  n.dynamics,
];

/** The parameter layout of the whole model. */
export const muzeroLayout = (n: MuZeroNets): ParamLayout => modelLayout(netList(n));

/** Fresh parameters for all five networks. */
export function initMuZero(n: MuZeroNets, gen: Gen): [Params, Gen] {
  let g = gen;
  const out: Record<string, Float32Array> = {};
  for (const net of netList(n)) {
    const [p, next] = initMlp(net, g);
    Object.assign(out, p);
    g = next;
  }
  return [out, g];
}
