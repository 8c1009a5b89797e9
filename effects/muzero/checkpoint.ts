/**
 * MuZero checkpoints: everything needed to continue a run with nothing lost, in one bundle
 * (`effects/io/bundle.ts`) written atomically: the run config, the environment's sizes, the
 * counters (rounds done, training steps done), the weights, Adam's moments and step count, and
 * the episode buffer's episodes. Every random draw of a run is derived from (seed, round,
 * episode, training step), so these counters are the whole random state.
 *
 * Episodes are stored without their observations: start, actions, rewards, root values and
 * search policies. Environments are deterministic, so reading a checkpoint rebuilds the run's
 * environment and replays each episode's actions to recompute its observations
 * (`replayObservations`), checking every reward and the episode's end on the way; a mismatch
 * (another environment, a changed simulator) is an error naming the file and the episode. On
 * case14 this makes a full buffer (1000 episodes of 100 steps) about 12 times smaller.
 *
 * @example
 * ```ts
 * import { join } from "node:path";
 * import { emptyBuffer, muzeroNets } from "../../core/muzero/mod.ts";
 * import { makeEnv } from "../mod.ts";
 * import { setupTf } from "../nn/mod.ts";
 * import { createLearner, defaultRunConfig, initialParams, shapeOf } from "./mod.ts";
 *
 * await setupTf();
 * const config = defaultRunConfig(); // case14
 * const env = await makeEnv(config.env);
 * const shape = { observationSize: env.observationSize, numActions: env.numActions };
 * const nets = muzeroNets(shapeOf(config.muzero, shape));
 * const learner = createLearner(nets, config.muzero, initialParams(config, nets));
 * const state = { round: 0, trainingSteps: 0, ...learner.state(), buffer: emptyBuffer(10) };
 * const file = join(await Deno.makeTempDir(), checkpointFile);
 * await writeCheckpoint(file, { config, shape, state });
 * const restored = await readCheckpoint(file); // the same config, sizes and state
 * ```
 * @module
 */
import { join } from "node:path";
import * as t from "io-ts";
import { type EpisodeBuffer, muzeroLayout, muzeroNets } from "../../core/muzero/mod.ts";
import { type Params, sizeOf } from "../../core/nn/mod.ts";
import { InputError } from "../errors.ts";
import { makeEnv } from "../env_registry.ts";
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
import { episodeEntries, EpisodeMeta, episodeMeta, readEpisode } from "./episode_codec.ts";
import type { AdamState } from "../nn/mod.ts";
import { decodeRunConfig, type RunConfig, shapeOf } from "./config.ts";

/** The state of a run between two rounds. */
export interface RunState {
  /** Rounds finished. */
  readonly round: number;
  readonly trainingSteps: number;
  readonly params: Params;
  readonly adam: AdamState;
  readonly buffer: EpisodeBuffer;
  /**
   * Runs fed by Redis (`effects/muzero/remote.ts`): the id of the last stream entry whose
   * episode is in the buffer (or was dropped as stale); entries after it are not in the buffer.
   */
  readonly stream?: string;
}

/** The environment's sizes (the networks' input and output). */
export interface EnvSizes {
  readonly observationSize: number;
  readonly numActions: number;
}

/** What a checkpoint holds. */
export interface Checkpoint {
  readonly config: RunConfig;
  readonly shape: EnvSizes;
  readonly state: RunState;
}

const format = "gridfold-muzero-checkpoint";

const Header = closed({
  format: t.literal(format),
  version: t.literal(2),
  config: t.unknown,
  shape: closed({ observationSize: PosInt, numActions: PosInt }),
  round: NonNegInt,
  trainingSteps: NonNegInt,
  adamStep: NonNegInt,
  buffer: closed({
    window: PosInt,
    added: NonNegInt,
    episodes: t.array(EpisodeMeta),
  }),
  stream: t.union([t.string, t.undefined]),
});

/** A checkpoint as bytes. */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const layout = muzeroLayout(muzeroNets(shapeOf(c.config.muzero, c.shape)));
  const { state } = c;
  const entries: BundleEntry[] = [];
  for (const { name } of layout) {
    entries.push({ name: `param:${name}`, data: state.params[name] });
    entries.push({ name: `adam.m:${name}`, data: state.adam.m[name] });
    entries.push({ name: `adam.v:${name}`, data: state.adam.v[name] });
  }
  state.buffer.episodes.forEach((ep, i) => entries.push(...episodeEntries(ep, `episode${i}.`)));
  const header = {
    format,
    version: 2,
    config: c.config,
    shape: c.shape,
    round: state.round,
    trainingSteps: state.trainingSteps,
    adamStep: state.adam.step,
    buffer: {
      window: state.buffer.window,
      added: state.buffer.added,
      episodes: state.buffer.episodes.map(episodeMeta),
    },
    ...(state.stream === undefined ? {} : { stream: state.stream }),
  };
  return encodeBundle(header, entries);
}

/**
 * Decodes a checkpoint, replaying its episodes in the run's environment; anything missing,
 * malformed or not replayable is an `InputError` naming `source`.
 */
export async function decodeCheckpoint(bytes: Uint8Array, source: string): Promise<Checkpoint> {
  const { header: raw, arrays } = decodeBundle(bytes, source);
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version !== 2) {
    throw new InputError(`${source}: checkpoint version ${version}; this gridfold reads version 2`);
  }
  const h = decode(Header, raw, source);
  const config = decodeRunConfig(h.config, `${source}: config`);
  const layout = muzeroLayout(muzeroNets(shapeOf(config.muzero, h.shape)));
  const get = arrayReader(arrays, source);
  const params: Record<string, Float32Array> = {};
  const m: Record<string, Float32Array> = {};
  const v: Record<string, Float32Array> = {};
  for (const { name, shape } of layout) {
    const n = sizeOf(shape);
    params[name] = get(`param:${name}`, n, Float32Array);
    m[name] = get(`adam.m:${name}`, n, Float32Array);
    v[name] = get(`adam.v:${name}`, n, Float32Array);
  }
  const { observationSize: obs, numActions: A } = h.shape;
  const env = h.buffer.episodes.length > 0 ? await makeEnv(config.env) : null;
  if (env !== null && (env.observationSize !== obs || env.numActions !== A)) {
    throw new InputError(
      `${source}: shape: the environment has ${env.observationSize} observations and ` +
        `${env.numActions} actions, the checkpoint ${obs} and ${A}`,
    );
  }
  const episodes = h.buffer.episodes.map((meta, i) =>
    readEpisode(get, `episode${i}.`, meta, env!, config.env.name, `${source}: episode ${i}`)
  );
  return {
    config,
    shape: h.shape,
    state: {
      round: h.round,
      trainingSteps: h.trainingSteps,
      params,
      adam: { step: h.adamStep, m, v },
      buffer: { window: h.buffer.window, added: h.buffer.added, episodes },
      ...(h.stream === undefined ? {} : { stream: h.stream }),
    },
  };
}

/** Writes a checkpoint atomically; returns its size. */
export async function writeCheckpoint(path: string, c: Checkpoint): Promise<CheckpointSize> {
  const bytes = encodeCheckpoint(c);
  await writeAtomic(path, bytes);
  const observations = c.state.buffer.episodes.reduce((n, e) => n + e.observations.byteLength, 0);
  return { bytes: bytes.length, observationBytes: observations };
}

/** A written checkpoint's size, and what storing the observations would have added. */
export interface CheckpointSize {
  readonly bytes: number;
  /** Bytes of the buffer's observations (recomputed on reading, so not in the file). */
  readonly observationBytes: number;
}

/** Reads a checkpoint file. */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  return await decodeCheckpoint(await readBytes(path), path);
}

/** A checkpoint's file name inside its run folder. */
export const checkpointFile = "checkpoint.bin";

/**
 * Reads the checkpoint `path` names: a checkpoint file, or a run folder (its `checkpoint.bin`).
 * A missing path is an `InputError` naming `flag`. Returns the file read and its checkpoint.
 */
export async function readCheckpointAt(
  path: string,
  flag: string,
): Promise<{ readonly file: string; readonly checkpoint: Checkpoint }> {
  const stat = await Deno.stat(path).catch(() => null);
  if (stat === null) throw new InputError(`--${flag}: ${path}: no such file or folder`);
  const file = stat.isDirectory ? join(path, checkpointFile) : path;
  return { file, checkpoint: await readCheckpoint(file) };
}
