/**
 * `deno task evaluate`: the agents under evaluation (built-in and learned), their
 * episodes in workers or over Redis, scores and the ranking picture.
 *
 * @module
 */
export { BUILT_IN_AGENTS, isBuiltIn } from "./agents.ts";
export type { AgentSpec } from "./agents.ts";
export { checkCheckpoint } from "./learned.ts";
export { evaluateJob, evaluateOverRedis } from "./remote.ts";
export { rankAgents } from "./report.ts";
export { evaluate } from "./run.ts";
export type { EvaluateOptions } from "./run.ts";
export type { AgentScore, EvaluateSummary } from "./summary.ts";
