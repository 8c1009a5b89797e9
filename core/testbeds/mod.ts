/**
 * Small environments with a known optimum (bandit, chain, sized), on which every
 * learner is checked before the grid.
 *
 * @module
 */
export { banditEnv, decoyPayoff } from "./bandit.ts";
export type { BanditEnv, BanditOptions, BanditState } from "./bandit.ts";
export { chainEnv } from "./chain.ts";
export type { ChainEnv, ChainOptions, ChainState } from "./chain.ts";
export { sizedEnv } from "./sized.ts";
export type { SizedOptions, SizedState } from "./sized.ts";
