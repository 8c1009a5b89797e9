/**
 * Synthetic factored MDPs (the research's copy and factored environments) and their
 * rollouts as transition tables for the mutual-information matrix.
 *
 * @module
 */
export { buildMdp, drawsPerStep, step, valuesFromUniforms } from "./mdp.ts";
export type { Mdp } from "./mdp.ts";
export { rollout } from "./rollout.ts";
export { dependencies, specProblem } from "./spec.ts";
export type { BlockSpec, CopySpec, FactoredSpec, MdpSpec } from "./spec.ts";
