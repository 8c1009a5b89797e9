/**
 * The shell's shared pieces: the command line (flags, `--help`, one-line errors),
 * the grids a job can name, the environment registry, seeded streams, the machine's details,
 * episode replays and numbered scenarios.
 *
 * @module
 */
export { choiceFlag, intFlag, numberFlag, parseFlags, rangeFlag, runMain } from "./cli.ts";
export type { FlagSpec, FlagValues } from "./cli.ts";
export {
  checkEnvSpec,
  decodeEnvSpec,
  formatEnvSpec,
  HELD_OUT_SEED_OFFSET,
  heldOutSpec,
  makeEnv,
  optimalReturn,
  parseEnvOptions,
  parseEnvSpec,
  registry,
} from "./env_registry.ts";
export type { EnvEntry, EnvOptions, EnvSpec } from "./env_registry.ts";
export { InputError } from "./errors.ts";
export { BUILT_IN_GRIDS, CASE14_STEPS, loadGrid } from "./grids.ts";
export type { LoadedGrid, LoadOptions } from "./grids.ts";
export { machine, machineLine } from "./machine.ts";
export { readActions, replayEpisode, traceDocument, writeReplay } from "./replay.ts";
export type { ReplayStep } from "./replay.ts";
export { streams } from "./rng.ts";
export type { Stream, Streams } from "./rng.ts";
export { seededScenario } from "./scenarios.ts";
