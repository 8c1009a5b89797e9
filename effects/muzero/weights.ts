/**
 * A MuZero run's trained weights on their own, small enough to ship (fixtures/agents/muzero):
 * `model.json` in tfjs's weights-manifest form (each tensor's name, shape and dtype, the
 * binary file that holds them) with the run's config and the environment's sizes beside it,
 * and `weights.bin`, the float32 tensors in the manifest's order. No episode buffer, no Adam
 * moments: a checkpoint holds those (tens of MB), this folder a few.
 *
 * @example
 * ```ts
 * import { readCheckpoint } from "./checkpoint.ts";
 *
 * const { config, shape, params } = await readWeights("fixtures/agents/muzero"); // shipped agent
 * const ckpt = await readCheckpoint("runs/muzero/checkpoint.bin"); // a deno task muzero run's
 * await writeWeights("runs/export", ckpt);
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { muzeroLayout, muzeroNets } from "../../core/muzero/mod.ts";
import type { Params } from "../../core/nn/mod.ts";
import {
  closed,
  PosInt,
  readJson,
  readWeightsFile,
  WeightsManifest,
  writeWeightsFile,
} from "../io/mod.ts";
import type { Checkpoint, EnvSizes } from "./checkpoint.ts";
import { decodeRunConfig, type RunConfig, shapeOf } from "./config.ts";

const Manifest = closed({
  format: t.literal("gridfold-muzero-weights"),
  config: t.unknown,
  shape: closed({ observationSize: PosInt, numActions: PosInt }),
  trainingSteps: t.number,
  weightsManifest: WeightsManifest,
});

/** Writes a checkpoint's weights into `folder` (model.json + weights.bin). */
export async function writeWeights(folder: string, ckpt: Checkpoint): Promise<void> {
  const layout = muzeroLayout(muzeroNets(shapeOf(ckpt.config.muzero, ckpt.shape)));
  await writeWeightsFile(folder, layout, ckpt.state.params, {
    format: "gridfold-muzero-weights",
    config: ckpt.config,
    shape: ckpt.shape,
    trainingSteps: ckpt.state.trainingSteps,
  });
}

/** What an exported folder holds. */
export interface Weights {
  readonly config: RunConfig;
  readonly shape: EnvSizes;
  readonly trainingSteps: number;
  readonly params: Params;
}

/** Reads an exported folder; a malformed or mismatched one is an InputError naming it. */
export async function readWeights(folder: string): Promise<Weights> {
  const file = join(folder, "model.json");
  const m = await readJson(file, Manifest);
  const config = decodeRunConfig(m.config, `${file}: config`);
  const layout = muzeroLayout(muzeroNets(shapeOf(config.muzero, m.shape)));
  const params = await readWeightsFile(folder, layout, m.weightsManifest, "the config's networks");
  return {
    config,
    shape: m.shape,
    trainingSteps: m.trainingSteps,
    params,
  };
}
