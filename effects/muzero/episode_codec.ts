/**
 * Episodes as bundle arrays (`effects/io/bundle.ts`), the one encoding shared by checkpoints
 * (many episodes in a run's bundle) and by actors sending an episode to a learner (one episode,
 * its own bundle). Observations are not stored: environments are deterministic, so the reader
 * replays the actions from the episode's start (`replayObservations`), which also checks every
 * reward and the episode's end; a mismatch is an `InputError` naming where the episode came from.
 *
 * @example
 * ```ts
 * import { genFromSeed } from "../../core/mod.ts";
 * import {
 *   initMuZero,
 *   muzeroModel,
 *   muzeroNets,
 *   playEpisode,
 *   playOptions,
 *   researchConfig,
 * } from "../../core/muzero/mod.ts";
 * import { chainEnv } from "../../core/testbeds/mod.ts";
 *
 * const env = chainEnv({ length: 5, actions: 3, seed: 1 });
 * const { observationSize, numActions } = env;
 * const nets = muzeroNets({ ...researchConfig, observationSize, numActions });
 * const [params, gen] = initMuZero(nets, genFromSeed(1));
 * const options = playOptions(researchConfig, 1, true);
 * const [episode] = playEpisode(env, muzeroModel(nets, params), 0, options, gen);
 * const bytes = encodeEpisode(episode, { version: 3 });
 * const { episode: same, header } = decodeEpisode(bytes, env, "chain", "stream entry 1-0");
 * ```
 * @module
 */
import * as t from "io-ts";
import type { DiscreteEnv } from "../../core/mod.ts";
import { type Episode, replayObservations } from "../../core/muzero/mod.ts";
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
} from "../io/mod.ts";

/** What a bundle lists of an episode beside its arrays. */
export const EpisodeMeta = closed({ start: NonNegInt, length: PosInt, terminal: t.boolean });
export type EpisodeMeta = t.TypeOf<typeof EpisodeMeta>;

/** The arrays stored per episode (observations are recomputed on reading). */
const episodeFields = [
  "actions",
  "rewards",
  "rootValues",
  "policyStart",
  "policyAction",
  "policyProb",
] as const;

/** An episode's start, length and end. */
export const episodeMeta = (ep: Episode): EpisodeMeta => ({
  start: ep.start,
  length: ep.length,
  terminal: ep.terminal,
});

/** An episode's arrays, named `<prefix><field>`. */
export const episodeEntries = (ep: Episode, prefix: string): BundleEntry[] =>
  episodeFields.map((f) => ({ name: `${prefix}${f}`, data: ep[f] }));

/**
 * Reads the episode `meta` describes from arrays named `<prefix><field>`, replaying it in
 * `env` (called `envName` in errors); `where` names the episode in errors.
 */
export function readEpisode(
  get: ReturnType<typeof arrayReader>,
  prefix: string,
  meta: EpisodeMeta,
  env: DiscreteEnv<unknown>,
  envName: string,
  where: string,
): Episode {
  const { start, length, terminal } = meta;
  const policyStart = get(`${prefix}policyStart`, length + 1, Int32Array);
  const entries = policyStart[length];
  const actions = get(`${prefix}actions`, length, Int32Array);
  const rewards = get(`${prefix}rewards`, length, Float32Array);
  let observations: Float32Array;
  try {
    observations = replayObservations(env, { start, length, actions, rewards, terminal });
  } catch (e) {
    throw new InputError(
      `${where} (start ${start}) does not replay in ${envName}: ${(e as Error).message}`,
    );
  }
  return {
    start,
    length,
    observationSize: env.observationSize,
    numActions: env.numActions,
    terminal,
    observations,
    actions,
    rewards,
    rootValues: get(`${prefix}rootValues`, length, Float32Array),
    policyStart,
    policyAction: get(`${prefix}policyAction`, entries, Int32Array),
    policyProb: get(`${prefix}policyProb`, entries, Float32Array),
  };
}

const format = "gridfold-muzero-episode";

/** One episode as its own bundle, with `extra` (JSON) in its header. */
export const encodeEpisode = (ep: Episode, extra: Readonly<Record<string, unknown>>): Uint8Array =>
  encodeBundle({ format, ...extra, episode: episodeMeta(ep) }, episodeEntries(ep, ""));

/** Decodes `encodeEpisode`'s bytes, replaying the episode in `env`; returns its header too. */
export function decodeEpisode(
  bytes: Uint8Array,
  env: DiscreteEnv<unknown>,
  envName: string,
  source: string,
): { readonly episode: Episode; readonly header: Readonly<Record<string, unknown>> } {
  const { header, arrays } = decodeBundle(bytes, source);
  const h = header as Record<string, unknown> | null;
  if (h === null || typeof h !== "object" || h.format !== format) {
    throw new InputError(`${source}: not a gridfold episode`);
  }
  const meta = decode(EpisodeMeta, h.episode, `${source}: episode`);
  return {
    episode: readEpisode(arrayReader(arrays, source), "", meta, env, envName, source),
    header: h,
  };
}
