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
import { ppoLayout, ppoNets } from "../../core/agents/mod.ts";
import type { Params } from "../../core/nn/mod.ts";
import {
  closed,
  NonNegInt,
  PosInt,
  Probability,
  readJson,
  readWeightsFile,
  WeightsManifest,
  writeWeightsFile,
} from "../io/mod.ts";
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
  weightsManifest: WeightsManifest,
});

/** Every cluster's actor-critic in one layout, cluster k's names prefixed `c<k>/`. */
function teamLayout(observationSize: number, hidden: readonly number[], entries: number[][]) {
  return entries.map((e, k) =>
    ppoLayout(ppoNets(observationSize, e.length, hidden)).map((p) => ({
      ...p,
      name: `c${k}/${p.name}`,
    }))
  );
}

/** Writes a team into `folder` (model.json + weights.bin). */
export async function writeTeamWeights(folder: string, w: TeamWeights): Promise<void> {
  const layouts = teamLayout(w.observationSize, w.config.hidden, w.clusters.map((c) => c.entries));
  const params = Object.fromEntries(
    w.params.flatMap((p, k) => Object.entries(p).map(([name, v]) => [`c${k}/${name}`, v])),
  );
  await writeWeightsFile(folder, layouts.flat(), params, {
    format: TEAM_FORMAT,
    team: w.team,
    config: w.config,
    observationSize: w.observationSize,
    clusters: w.clusters,
    gate: w.gate,
  });
}

/** True when `folder` holds a team's weights. */
export async function isTeamFolder(folder: string): Promise<boolean> {
  const text = await Deno.readTextFile(join(folder, "model.json")).catch(() => "");
  return text.includes(`"${TEAM_FORMAT}"`);
}

/** Reads a team's folder; a malformed or mismatched one is an InputError naming it. */
export async function readTeamWeights(folder: string): Promise<TeamWeights> {
  const m = await readJson(join(folder, "model.json"), Manifest);
  const layouts = teamLayout(m.observationSize, m.config.hidden, m.clusters.map((c) => c.entries));
  const all = await readWeightsFile(
    folder,
    layouts.flat(),
    m.weightsManifest,
    "the clusters' networks",
  );
  const params = layouts.map((l, k) =>
    Object.fromEntries(l.map((e) => [e.name.slice(`c${k}/`.length), all[e.name]]))
  );
  return {
    team: m.team,
    config: m.config as unknown as TeamHardConfig,
    observationSize: m.observationSize,
    clusters: m.clusters,
    params,
    gate: m.gate,
  };
}
