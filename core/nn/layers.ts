/**
 * Layer specs and the multi-layer perceptron they build: dense (weights `[in][out]` plus bias),
 * LayerNorm (gain and shift), ReLU, tanh and softmax. An `Mlp` is plain data: the tfjs forward pass
 * (`tf_forward.ts`), the Float32Array inference path (`infer.ts`) and the initialiser all read
 * the same spec, so training and search can never disagree on the architecture.
 *
 * A network may take a one-hot input after its vector input (MuZero's dynamics and reward take
 * `[hidden, one-hot action]`). It is never materialised: the first dense layer keeps the one-hot
 * rows in a separate parameter `<layer>.wa` (`[oneHot][out]`), and a forward pass adds the row of
 * the index instead of multiplying by a vector of zeros.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../mod.ts";
 *
 * // MuZero's reward network: [hidden, one-hot] -> 256 (LayerNorm, ReLU) -> 128 (ReLU) -> 1
 * const reward = mlp("reward", {
 *   input: 256, oneHot: 487,
 *   layers: [{ size: 256, norm: true }, { size: 128 }, { size: 1, activation: "linear" }],
 * });
 * const [params, gen1] = initMlp(reward, genFromSeed(1));
 * ```
 * @module
 */
import { type Gen, uniforms } from "../random.ts";
import type { ParamLayout, Params } from "./params.ts";

/** What follows a dense layer (after its optional LayerNorm). */
export type Activation = "relu" | "tanh" | "linear" | "softmax";

/** One layer of a network. Parameter names derive from `name`. */
export type Layer =
  | {
    readonly kind: "dense";
    readonly name: string;
    readonly inputs: number;
    readonly outputs: number;
    /** Size of a one-hot input after the vector input (first layer only), else 0. */
    readonly oneHot: number;
  }
  | { readonly kind: "layerNorm"; readonly name: string; readonly size: number }
  | { readonly kind: "relu" }
  | { readonly kind: "tanh" }
  | { readonly kind: "softmax" };

/** A feed-forward network: a vector input (and optionally a one-hot index) to a vector. */
export interface Mlp {
  readonly name: string;
  readonly inputSize: number;
  readonly oneHotSize: number;
  readonly outputSize: number;
  readonly layers: readonly Layer[];
}

/** One dense layer of an `MlpSpec`: its width, LayerNorm after it, and its activation. */
export interface DenseSpec {
  readonly size: number;
  /** LayerNorm between the dense layer and its activation. */
  readonly norm?: boolean;
  /** Default `relu`. */
  readonly activation?: Activation;
}

/** What `mlp` builds from. */
export interface MlpSpec {
  readonly input: number;
  /** Size of a one-hot input appended to the vector input (given as an index). */
  readonly oneHot?: number;
  /** LayerNorm over the input before the first dense layer. */
  readonly inputNorm?: boolean;
  readonly layers: readonly DenseSpec[];
}

/** LayerNorm's epsilon (PyTorch's default). */
export const layerNormEpsilon = 1e-5;

/** Builds a network spec; parameters are named `<name>.fc<k>.{w,wa,b}`, `<name>.ln<k>.{gain,shift}`. */
export function mlp(name: string, spec: MlpSpec): Mlp {
  const oneHot = spec.oneHot ?? 0;
  if (spec.layers.length === 0) throw new RangeError(`mlp ${name}: no layers`);
  if (oneHot > 0 && spec.inputNorm) {
    throw new RangeError(`mlp ${name}: a one-hot input cannot be layer-normalised`);
  }
  const layers: Layer[] = [];
  if (spec.inputNorm) layers.push({ kind: "layerNorm", name: `${name}.ln_in`, size: spec.input });
  let width = spec.input;
  spec.layers.forEach((d, k) => {
    if (!(Number.isInteger(d.size) && d.size > 0)) {
      throw new RangeError(`mlp ${name}: layer ${k} has size ${d.size}`);
    }
    layers.push({
      kind: "dense",
      name: `${name}.fc${k}`,
      inputs: width,
      outputs: d.size,
      oneHot: k === 0 ? oneHot : 0,
    });
    if (d.norm) layers.push({ kind: "layerNorm", name: `${name}.ln${k}`, size: d.size });
    const act = d.activation ?? "relu";
    if (act === "relu") layers.push({ kind: "relu" });
    if (act === "tanh") layers.push({ kind: "tanh" });
    if (act === "softmax") layers.push({ kind: "softmax" });
    width = d.size;
  });
  return { name, inputSize: spec.input, oneHotSize: oneHot, outputSize: width, layers };
}

/** The parameters of a network, in a fixed order. */
export function mlpLayout(net: Mlp): ParamLayout {
  const out: { name: string; shape: number[] }[] = [];
  for (const l of net.layers) {
    if (l.kind === "dense") {
      out.push({ name: `${l.name}.w`, shape: [l.inputs, l.outputs] });
      if (l.oneHot > 0) out.push({ name: `${l.name}.wa`, shape: [l.oneHot, l.outputs] });
      out.push({ name: `${l.name}.b`, shape: [l.outputs] });
    } else if (l.kind === "layerNorm") {
      out.push({ name: `${l.name}.gain`, shape: [l.size] }, {
        name: `${l.name}.shift`,
        shape: [l.size],
      });
    }
  }
  return out;
}

/** The layout of several networks side by side (one model, one optimizer). */
export const modelLayout = (nets: readonly Mlp[]): ParamLayout => nets.flatMap(mlpLayout);

/**
 * Fresh parameters as PyTorch initialises `nn.Linear` and `nn.LayerNorm`: weights and biases
 * uniform in +-1/sqrt(fan_in) (fan_in counts the one-hot inputs), gains 1, shifts 0.
 */
export function initMlp(net: Mlp, gen: Gen): [Params, Gen] {
  const out: Record<string, Float32Array> = {};
  let g = gen;
  const draw = (n: number, bound: number) => {
    const [u, next] = uniforms(g, n);
    g = next;
    return Float32Array.from(u, (x) => (2 * x - 1) * bound);
  };
  for (const l of net.layers) {
    if (l.kind === "dense") {
      const bound = 1 / Math.sqrt(l.inputs + l.oneHot);
      out[`${l.name}.w`] = draw(l.inputs * l.outputs, bound);
      if (l.oneHot > 0) out[`${l.name}.wa`] = draw(l.oneHot * l.outputs, bound);
      out[`${l.name}.b`] = draw(l.outputs, bound);
    } else if (l.kind === "layerNorm") {
      out[`${l.name}.gain`] = new Float32Array(l.size).fill(1);
      out[`${l.name}.shift`] = new Float32Array(l.size);
    }
  }
  return [out, g];
}
