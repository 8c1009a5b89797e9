/**
 * Neural-network building blocks: parameter records, layers, the Float32Array
 * inference path, and the tfjs forward passes and ops used in training.
 *
 * @module
 */
export { forward, mlpRunner, softmaxInPlace } from "./infer.ts";
export type { MlpRunner } from "./infer.ts";
export { initMlp, layerNormEpsilon, mlp, mlpLayout, modelLayout } from "./layers.ts";
export type { Activation, DenseSpec, Layer, Mlp, MlpSpec } from "./layers.ts";
export { orthogonalMatrix, orthogonalMlp } from "./orthogonal.ts";
export { checkParams, packParams, paramCount, sizeOf, unpackParams } from "./params.ts";
export type { ParamEntry, ParamLayout, Params } from "./params.ts";
export { forwardTf, layerNormTf } from "./tf_forward.ts";
export type { TensorParams } from "./tf_forward.ts";
export { clipByGlobalNorm, gatherRows, matMul, scaleGradient } from "./tf_ops.ts";
