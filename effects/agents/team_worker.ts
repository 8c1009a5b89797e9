/**
 * A Web Worker holding one learned team (see team_trainer.ts): it loads the environment and
 * sets up tfjs once, then answers pass after pass, reporting each training episode as it
 * ends.
 *
 * @module
 */
import { setupTf } from "../nn/mod.ts";
import { serveTasks } from "../workers/mod.ts";
import type { TeamState } from "./distributed_checkpoint.ts";
import { type DistributedConfig, environmentOf } from "./distributed_config.ts";
import { type PassRequest, type PassResult, type TeamName, teamTrainer } from "./team_trainer.ts";

/** What the worker is built from. */
export interface TeamWorkerInit {
  readonly config: DistributedConfig;
  readonly name: TeamName;
  readonly state?: TeamState;
}

serveTasks<TeamWorkerInit, PassRequest, PassResult>(async ({ config, name, state }) => {
  await setupTf();
  const env = await environmentOf(config);
  const trainer = teamTrainer(env, config, name, state);
  return (request, report) => trainer.pass(request, report);
});
