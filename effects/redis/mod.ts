/**
 * Redis for runs past one machine: the client with its failure policy, jobs
 * (tasks, results, workers) and the shared `--redis` flags.
 *
 * @module
 */
export { awaitKey, connectRedis, redisAddress, sleep } from "./client.ts";
export type { Redis, StreamEntry } from "./client.ts";
export { redisFlag, redisFromFlags, redisWaitFlag, redisWaitSeconds } from "./flags.ts";
export { coordinateJob, jobKeys, modulePlayers, workOnJob } from "./jobs.ts";
export type { JobKind } from "./jobs.ts";
