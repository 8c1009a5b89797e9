/**
 * Trained weights in tfjs's weights-manifest form, shared by every learner that ships them
 * (effects/muzero/weights.ts, effects/agents/team_weights.ts): `model.json` lists each
 * tensor's name, shape and dtype beside the learner's own fields, `weights.bin` holds the
 * float32 tensors in that order. The learner says which layout its config implies; a
 * manifest or a binary that does not match it is an InputError naming the file.
 *
 * @example
 * ```ts
 * import { readWeightsFile, writeWeightsFile } from "./weights_file.ts";
 * const layout = [{ name: "w", shape: [2] }];
 * await writeWeightsFile("runs/w", layout, { w: new Float32Array([1, 2]) }, { format: "demo" });
 * const manifest = [{ paths: ["weights.bin"], weights: [{ name: "w", shape: [2], dtype: "float32" as const }] }];
 * const params = await readWeightsFile("runs/w", layout, manifest, "the demo's layout");
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import {
  packParams,
  type ParamLayout,
  type Params,
  sizeOf,
  unpackParams,
} from "../../core/nn/mod.ts";
import { InputError } from "../errors.ts";
import { closed } from "./codec.ts";
import { writeAtomic, writeJson } from "./runs.ts";

/** The manifest part of `model.json` (the learner's codec adds its own fields). */
export const WeightsManifest = t.array(closed({
  paths: t.array(t.string),
  weights: t.array(
    closed({ name: t.string, shape: t.array(t.number), dtype: t.literal("float32") }),
  ),
}));

/** Writes `params` (laid out as `layout`) and `model.json` = `fields` + the manifest. */
export async function writeWeightsFile(
  folder: string,
  layout: ParamLayout,
  params: Params,
  fields: Readonly<Record<string, unknown>>,
): Promise<void> {
  const flat = packParams(layout, params);
  await writeAtomic(join(folder, "weights.bin"), new Uint8Array(flat.buffer));
  await writeJson(join(folder, "model.json"), {
    ...fields,
    weightsManifest: [{
      paths: ["weights.bin"],
      weights: layout.map((e) => ({ name: e.name, shape: e.shape, dtype: "float32" })),
    }],
  });
}

/**
 * The weights of `folder` laid out as `layout`, once its `model.json`'s manifest (read by the
 * learner's codec) matches it; `what` names the layout's origin in the error.
 */
export async function readWeightsFile(
  folder: string,
  layout: ParamLayout,
  manifest: t.TypeOf<typeof WeightsManifest>,
  what: string,
): Promise<Params> {
  const file = join(folder, "model.json");
  const listed = manifest.flatMap((g) => g.weights);
  const same = listed.length === layout.length &&
    layout.every((e, i) =>
      e.name === listed[i].name && sizeOf(e.shape) === sizeOf(listed[i].shape)
    );
  if (!same) throw new InputError(`${file}: the manifest does not match ${what}`);
  const bytes = await Deno.readFile(join(folder, "weights.bin"));
  const n = layout.reduce((k, e) => k + sizeOf(e.shape), 0);
  if (bytes.byteLength !== 4 * n) {
    throw new InputError(`${folder}/weights.bin: ${bytes.byteLength} bytes, expected ${4 * n}`);
  }
  return unpackParams(
    layout,
    new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 4 * n)),
  );
}
