/**
 * A MuZero run's trained weights on their own, small enough to ship (fixtures/agents/muzero):
 * `model.json` in tfjs's weights-manifest form (each tensor's name, shape and dtype, the
 * binary file that holds them) with the run's config and the environment's sizes beside it,
 * and `weights.bin`, the float32 tensors in the manifest's order. No replay buffer, no Adam
 * moments: a checkpoint holds those (tens of MB), this folder a few.
 *
 * @example
 * ```ts
 * import { readWeights, writeWeights } from "./weights.ts";
 * declare const ckpt: import("./checkpoint.ts").Checkpoint;
 * await writeWeights("runs/export", ckpt);
 * const { config, shape, params } = await readWeights("runs/export");
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { muzeroLayout, muzeroNets } from "../../core/muzero/networks.ts";
import { packParams, type Params, sizeOf, unpackParams } from "../../core/nn/params.ts";
import { InputError } from "../cli.ts";
import { closed, PosInt, readJson } from "../io/codec.ts";
import { writeAtomic, writeJson } from "../io/runs.ts";
import type { Checkpoint, EnvSizes } from "./checkpoint.ts";
import { decodeRunConfig, type RunConfig, shapeOf } from "./config.ts";

const Manifest = closed({
  format: t.literal("gridfold-muzero-weights"),
  config: t.unknown,
  shape: closed({ observationSize: PosInt, numActions: PosInt }),
  trainingSteps: t.number,
  weightsManifest: t.array(closed({
    paths: t.array(t.string),
    weights: t.array(
      closed({ name: t.string, shape: t.array(t.number), dtype: t.literal("float32") }),
    ),
  })),
});

/** Writes a checkpoint's weights into `folder` (model.json + weights.bin). */
export async function writeWeights(folder: string, ckpt: Checkpoint): Promise<void> {
  const layout = muzeroLayout(muzeroNets(shapeOf(ckpt.config.muzero, ckpt.shape)));
  const flat = packParams(layout, ckpt.state.params);
  await writeAtomic(join(folder, "weights.bin"), new Uint8Array(flat.buffer));
  await writeJson(join(folder, "model.json"), {
    format: "gridfold-muzero-weights",
    config: ckpt.config,
    shape: ckpt.shape,
    trainingSteps: ckpt.state.trainingSteps,
    weightsManifest: [{
      paths: ["weights.bin"],
      weights: layout.map((e) => ({ name: e.name, shape: e.shape, dtype: "float32" })),
    }],
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
  const listed = m.weightsManifest.flatMap((g) => g.weights);
  const same = listed.length === layout.length &&
    layout.every((e, i) =>
      e.name === listed[i].name && sizeOf(e.shape) === sizeOf(listed[i].shape)
    );
  if (!same) throw new InputError(`${file}: the manifest does not match the config's networks`);
  const bytes = await Deno.readFile(join(folder, "weights.bin"));
  const n = layout.reduce((k, e) => k + sizeOf(e.shape), 0);
  if (bytes.byteLength !== 4 * n) {
    throw new InputError(`${folder}/weights.bin: ${bytes.byteLength} bytes, expected ${4 * n}`);
  }
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 4 * n));
  return {
    config,
    shape: m.shape,
    trainingSteps: m.trainingSteps,
    params: unpackParams(layout, flat),
  };
}
