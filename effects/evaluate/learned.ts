/**
 * Learned agents under evaluation: the greedy play (no exploration noise) of a checkpoint of
 * `deno task muzero` or `deno task distributed`, given as the checkpoint file or its run
 * folder. A checkpoint of another grid is an InputError.
 *
 * @module
 */
import { InputError } from "../cli.ts";
import { GridDiscreteEnv } from "../../core/grid/env/discrete.ts";
import type { EvalAgent } from "./agents.ts";
import type { Benchmark } from "./benchmark.ts";

/**
 * Checks, before anything is written, that `path` is a checkpoint an evaluation on `bench`
 * can load; returns the path. Anything else is an InputError.
 */
export async function checkCheckpoint(path: string, _bench: Benchmark): Promise<string> {
  try {
    await Deno.stat(path);
  } catch {
    throw new InputError(
      `--agents: "${path}" is neither a built-in agent nor a checkpoint file or run folder`,
    );
  }
  throw new InputError(`--agents: ${path}: not a checkpoint gridfold can evaluate`);
}

/** The agent of a checkpoint. */
export function learnedAgent(path: string, _env: GridDiscreteEnv): Promise<EvalAgent> {
  return Promise.reject(new InputError(`${path}: not a checkpoint gridfold can evaluate`));
}
