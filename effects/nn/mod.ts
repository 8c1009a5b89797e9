/**
 * tfjs for training: the backend set-up, variables and the Adam optimiser.
 *
 * @module
 */
export { createAdam } from "./adam.ts";
export type { Adam, AdamOptions, AdamState } from "./adam.ts";
export { setupTf } from "./backend.ts";
export { assignVariables, disposeVariables, readVariables, toVariables } from "./variables.ts";
export type { Variables } from "./variables.ts";
