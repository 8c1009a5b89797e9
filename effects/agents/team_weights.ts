/**
 * A team's trained weights on their own, small enough to ship (fixtures/agents/distributed):
 * `model.json` in tfjs's weights-manifest form with the run's config and each cluster's
 * substations and part of the reduced table beside it, `weights.bin` the float32 tensors of
 * every cluster's actor-critic in the manifest's order (names prefixed `c<k>/`).
 *
 * @example
 * ```ts
 * import { readTeamWeights } from "./team_weights.ts";
 * const team = await readTeamWeights("fixtures/agents/distributed");
 * console.log(team.team, team.clusters.length);
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { ppoLayout, ppoNets } from "../../core/agents/ppo.ts";
import type { ParamLayout, Params } from "../../core/nn/params.ts";
import { packParams, sizeOf, unpackParams } from "../../core/nn/params.ts";
import { InputError } from "../cli.ts";
import { closed, NonNegInt, PosInt, Probability, readJson } from "../io/codec.ts";
import { writeAtomic, writeJson } from "../io/runs.ts";
import type { TeamHardConfig, TeamName } from "./team_config.ts";

/** The manifest's format name: how `deno task evaluate` tells a team's folder. */
export const TEAM_FORMAT = "gridfold-team-weights";

/** A trained team. */
export interface TeamWeights {
  readonly team: TeamName;
  readonly config: TeamHardConfig;
  readonly observationSize: number;
  /** Per cluster: its substations and its entries of the reduced table (0 first). */
  readonly clusters: readonly { substations: number[]; entries: number[] }[];
  /** Per cluster, its actor-critic's parameters. */
  readonly params: readonly Params[];
  /** The gated decisions it was trained on: its reduced table (base indices) and gate. */
  readonly gate: {
    readonly table: readonly number[];
    readonly threshold: number;
    readonly revertBelow: number;
    readonly observation: "full" | "compact";
  };
}

const Manifest = closed({
  format: t.literal(TEAM_FORMAT),
  team: t.keyof({ distributed: null, centralised: null }),
  config: t.type({ env: t.string, hidden: t.array(PosInt) }),
  observationSize: PosInt,
  clusters: t.array(closed({ substations: t.array(NonNegInt), entries: t.array(NonNegInt) })),
  gate: closed({
    table: t.array(NonNegInt),
    threshold: Probability,
    revertBelow: Probability,
    observation: t.keyof({ full: null, compact: null }),
  }),
  weightsManifest: t.array(closed({
    paths: t.array(t.string),
    weights: t.array(
      closed({ name: t.string, shape: t.array(t.number), dtype: t.literal("float32") }),
    ),
  })),
});

/** Every cluster's layout, prefixed `c<k>/`, in order. */
function layouts(observationSize: number, hidden: readonly number[], entries: number[][]) {
  return entries.map((e) => ppoLayout(ppoNets(observationSize, e.length, hidden)));
}
const prefixed = (k: number, layout: ParamLayout): ParamLayout =>
  layout.map((e) => ({ ...e, name: `c${k}/${e.name}` }));

/** Writes a team into `folder` (model.json + weights.bin). */
export async function writeTeamWeights(folder: string, w: TeamWeights): Promise<void> {
  const ls = layouts(w.observationSize, w.config.hidden, w.clusters.map((c) => c.entries));
  const flats = ls.map((l, k) => packParams(l, w.params[k]));
  const bytes = new Uint8Array(flats.reduce((n, f) => n + f.byteLength, 0));
  let at = 0;
  for (const f of flats) (bytes.set(new Uint8Array(f.buffer), at), at += f.byteLength);
  await writeAtomic(join(folder, "weights.bin"), bytes);
  await writeJson(join(folder, "model.json"), {
    format: TEAM_FORMAT,
    team: w.team,
    config: w.config,
    observationSize: w.observationSize,
    clusters: w.clusters,
    gate: w.gate,
    weightsManifest: [{
      paths: ["weights.bin"],
      weights: ls.flatMap((l, k) =>
        prefixed(k, l).map((e) => ({ name: e.name, shape: e.shape, dtype: "float32" }))
      ),
    }],
  });
}

/** True when `folder` holds a team's weights. */
export async function isTeamFolder(folder: string): Promise<boolean> {
  const text = await Deno.readTextFile(join(folder, "model.json")).catch(() => "");
  return text.includes(`"${TEAM_FORMAT}"`);
}

/** Reads a team's folder; a malformed or mismatched one is an InputError naming it. */
export async function readTeamWeights(folder: string): Promise<TeamWeights> {
  const file = join(folder, "model.json");
  const m = await readJson(file, Manifest);
  const ls = layouts(m.observationSize, m.config.hidden, m.clusters.map((c) => c.entries));
  const listed = m.weightsManifest.flatMap((g) => g.weights);
  const expected = ls.flatMap((l, k) => prefixed(k, l));
  const same = listed.length === expected.length &&
    expected.every((e, i) =>
      e.name === listed[i].name && sizeOf(e.shape) === sizeOf(listed[i].shape)
    );
  if (!same) throw new InputError(`${file}: the manifest does not match the clusters' networks`);
  const bytes = await Deno.readFile(join(folder, "weights.bin"));
  const n = expected.reduce((k, e) => k + sizeOf(e.shape), 0);
  if (bytes.byteLength !== 4 * n) {
    throw new InputError(`${folder}/weights.bin: ${bytes.byteLength} bytes, expected ${4 * n}`);
  }
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 4 * n));
  let at = 0;
  const params = ls.map((l) => {
    const size = l.reduce((k, e) => k + sizeOf(e.shape), 0);
    const p = unpackParams(l, flat.subarray(at, at + size));
    at += size;
    return p;
  });
  return {
    team: m.team,
    config: m.config as unknown as TeamHardConfig,
    observationSize: m.observationSize,
    clusters: m.clusters,
    params,
    gate: m.gate,
  };
}
