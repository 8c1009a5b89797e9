/**
 * `deno task distributed` checkpoints: everything needed to continue a run with nothing lost,
 * in one bundle (`effects/io/bundle.ts`) written atomically after every pass over the training
 * scenarios: the run config, how far it got (episodes trained, evaluations and update records
 * written), and per learned team its random generator and, per cluster, the networks' sizes,
 * the weights, Adam's moments and step count, and the partly filled rollout buffer.
 *
 * @example
 * ```ts
 * import { join } from "node:path";
 *
 * const folder = "runs/distributed"; // from `deno task distributed --out runs/distributed`
 * const checkpoint = await readDistributedCheckpoint(join(folder, "checkpoint.bin"));
 * await writeDistributedCheckpoint(join(folder, "copy.bin"), checkpoint);
 * const again = await readDistributedCheckpoint(join(folder, "copy.bin")); // the same checkpoint
 * ```
 * @module
 */
import * as t from "io-ts";
import { ppoLayout, ppoNets } from "../../core/agents/mod.ts";
import { paramCount, sizeOf } from "../../core/nn/mod.ts";
import type { Gen } from "../../core/mod.ts";
import { InputError } from "../errors.ts";
import {
  arrayReader,
  type BundleEntry,
  closed,
  decode,
  decodeBundle,
  encodeBundle,
  NonNegInt,
  PosInt,
  readBytes,
  writeAtomic,
} from "../io/mod.ts";
import { type DistributedConfig, DistributedConfigCodec } from "./distributed_config.ts";
import { flatLayout, type PpoAgentState } from "./ppo_agent.ts";

/** A learned team's state. */
export interface TeamState {
  readonly name: string;
  readonly gen: Gen;
  readonly clusters: readonly PpoAgentState[];
}

/** What a checkpoint holds. */
export interface DistributedCheckpoint {
  readonly config: DistributedConfig;
  /** Training episodes done by each team. */
  readonly episodes: number;
  /** Evaluations done (one per checkpoint). */
  readonly evaluations: number;
  /** Lines written to updates.jsonl. */
  readonly updateRecords: number;
  readonly teams: readonly TeamState[];
}

const format = "gridfold-distributed-checkpoint";
const Word = NonNegInt;

const Header = closed({
  format: t.literal(format),
  version: t.literal(1),
  config: t.unknown,
  episodes: NonNegInt,
  evaluations: NonNegInt,
  updateRecords: NonNegInt,
  teams: t.array(closed({
    name: t.string,
    gen: t.tuple([Word, Word, Word, Word]),
    clusters: t.array(closed({
      obsSize: PosInt,
      numActions: PosInt,
      updates: NonNegInt,
      count: NonNegInt,
      adamStep: NonNegInt,
    })),
  })),
});

const floatFields = ["obs", "rewards", "values", "logProbs"] as const;

/** A checkpoint as bytes. */
export function encodeDistributedCheckpoint(c: DistributedCheckpoint): Uint8Array {
  // The policy head's bias has one entry per action (see `ppoNets`).
  const headBias = `pi.fc${c.config.ppo.hidden.length}.b`;
  const entries: BundleEntry[] = [];
  c.teams.forEach((team, i) => {
    team.clusters.forEach((s, k) => {
      const p = `team${i}.cluster${k}.`;
      for (const [name, data] of Object.entries(s.params)) {
        entries.push({ name: `${p}param:${name}`, data });
      }
      for (const [name, data] of Object.entries(s.adam.m)) {
        entries.push({ name: `${p}adam.m:${name}`, data });
      }
      for (const [name, data] of Object.entries(s.adam.v)) {
        entries.push({ name: `${p}adam.v:${name}`, data });
      }
      for (const f of floatFields) entries.push({ name: `${p}buffer.${f}`, data: s.buffer[f] });
      entries.push({ name: `${p}buffer.actions`, data: s.buffer.actions });
      entries.push({
        name: `${p}buffer.episodeStarts`,
        data: Int32Array.from(s.buffer.episodeStarts),
      });
    });
  });
  return encodeBundle({
    format,
    version: 1,
    config: c.config,
    episodes: c.episodes,
    evaluations: c.evaluations,
    updateRecords: c.updateRecords,
    teams: c.teams.map((team) => ({
      name: team.name,
      gen: [...team.gen],
      clusters: team.clusters.map((s) => ({
        obsSize: s.buffer.obsSize,
        numActions: s.params[headBias].length,
        updates: s.updates,
        count: s.buffer.count,
        adamStep: s.adam.step,
      })),
    })),
  }, entries);
}

/** Decodes a checkpoint; anything missing or malformed is an `InputError` naming `source`. */
export function decodeDistributedCheckpoint(
  bytes: Uint8Array,
  source: string,
): DistributedCheckpoint {
  const { header, arrays } = decodeBundle(bytes, source);
  const h = decode(Header, header, source);
  const config = decode(DistributedConfigCodec, h.config, `${source}: config`);
  const get = arrayReader(arrays, source);
  const R = config.ppo.rollout;
  const teams = h.teams.map((team, i): TeamState => ({
    name: team.name,
    gen: team.gen,
    clusters: team.clusters.map((s, k): PpoAgentState => {
      const layout = ppoLayout(ppoNets(s.obsSize, s.numActions, config.ppo.hidden));
      const p = `team${i}.cluster${k}.`;
      const params = Object.fromEntries(
        layout.map(({ name, shape }) => [
          name,
          get(`${p}param:${name}`, sizeOf(shape), Float32Array),
        ]),
      );
      const moments = (which: "m" | "v") =>
        Object.fromEntries(
          flatLayout(layout).map(({ name }) => [
            name,
            get(`${p}adam.${which}:${name}`, paramCount(layout), Float32Array),
          ]),
        );
      if (s.count > R) throw new InputError(`${source}: a buffer holds ${s.count} of ${R}`);
      return {
        params,
        adam: { step: s.adamStep, m: moments("m"), v: moments("v") },
        buffer: {
          size: R,
          obsSize: s.obsSize,
          count: s.count,
          obs: get(`${p}buffer.obs`, R * s.obsSize, Float32Array),
          actions: get(`${p}buffer.actions`, R, Int32Array),
          rewards: get(`${p}buffer.rewards`, R, Float32Array),
          values: get(`${p}buffer.values`, R, Float32Array),
          logProbs: get(`${p}buffer.logProbs`, R, Float32Array),
          episodeStarts: Uint8Array.from(get(`${p}buffer.episodeStarts`, R, Int32Array)),
        },
        updates: s.updates,
      };
    }),
  }));
  return {
    config,
    episodes: h.episodes,
    evaluations: h.evaluations,
    updateRecords: h.updateRecords,
    teams,
  };
}

/** Writes a checkpoint atomically. */
export const writeDistributedCheckpoint = (
  path: string,
  c: DistributedCheckpoint,
): Promise<void> => writeAtomic(path, encodeDistributedCheckpoint(c));

/** Reads a checkpoint file. */
export async function readDistributedCheckpoint(path: string): Promise<DistributedCheckpoint> {
  return decodeDistributedCheckpoint(await readBytes(path), path);
}
