/**
 * The environment registry: a serialisable `EnvSpec` (a name and options, plain JSON) to a
 * `DiscreteEnv`. Specs travel where environments cannot: into configs, checkpoints and
 * workers, which rebuild the environment with `makeEnv`. On the command line a spec reads
 * `name` or `name:key=value,key=value` (`--env chain:length=6,actions=3`); options not given
 * take the entry's defaults, and every option is checked by the entry's codec.
 *
 * To add an environment, add an entry to `registry`: a description, an io-ts codec of its
 * options (use `closed`, so a misspelt option is an error), defaults, and `make` (which may be
 * async, e.g. to read a grid from disk); `optimalReturn` when it is known.
 *
 * @example
 * ```ts
 * const spec = parseEnvSpec("chain:length=6");  // { name: "chain", options: { length: 6, actions: 3, seed: 1 } }
 * const env = await makeEnv(spec);              // in the main thread or in a worker
 * ```
 * @module
 */
import * as t from "io-ts";
import type { DiscreteEnv } from "../core/env.ts";
import { banditEnv } from "../core/envs/bandit.ts";
import { chainEnv } from "../core/envs/chain.ts";
import { sizedEnv } from "../core/envs/sized.ts";
import { InputError } from "./cli.ts";
import { closed, decode, NonNegInt, PosInt } from "./io/codec.ts";

/** Option values an environment accepts. */
export type EnvOptions = Readonly<Record<string, number | string | boolean>>;

/** A serialisable environment description. */
export interface EnvSpec {
  readonly name: string;
  readonly options: EnvOptions;
}

/** One registered environment. */
export interface EnvEntry<O extends EnvOptions = EnvOptions> {
  readonly description: string;
  readonly options: t.Type<O, unknown, unknown>;
  readonly defaults: O;
  make(options: O): DiscreteEnv<unknown> | Promise<DiscreteEnv<unknown>>;
  /** The best undiscounted return of an episode, when known. */
  optimalReturn?(options: O): number;
}

const entry = <O extends EnvOptions>(e: EnvEntry<O>) => e as unknown as EnvEntry;

/** An integer of at least `min`. */
const IntAtLeast = (min: number) =>
  new t.Type<number, number, unknown>(
    `an integer >= ${min}`,
    (u): u is number => PosInt.is(u) && u >= min,
    (u, c) => PosInt.is(u) && u >= min ? t.success(u) : t.failure(u, c),
    t.identity,
  );

const ChainOptions = closed(
  { length: PosInt, actions: IntAtLeast(2), seed: NonNegInt },
  "chain options",
);
const BanditOptions = closed({ actions: IntAtLeast(3), seed: NonNegInt }, "bandit options");
const SizedOptions = closed(
  { observations: PosInt, actions: PosInt, seed: NonNegInt },
  "sized options",
);

/** The environments gridfold knows, by name. */
export const registry: Readonly<Record<string, EnvEntry>> = {
  chain: entry({
    description: "deterministic chain: one action per position pays 1, others end the episode",
    options: ChainOptions,
    defaults: { length: 5, actions: 3, seed: 1 },
    make: (o) => chainEnv(o),
    optimalReturn: (o) => o.length,
  }),
  bandit: entry({
    description: "two-level bandit with a decoy row: only one pair of arms pays 1",
    options: BanditOptions,
    defaults: { actions: 4, seed: 1 },
    make: (o) => banditEnv(o),
    optimalReturn: () => 1,
  }),
  sized: entry({
    description: "no structure, any size (default: the grid's 467 observations, 487 actions)",
    options: SizedOptions,
    defaults: { observations: 467, actions: 487, seed: 1 },
    make: (o) => sizedEnv(o),
  }),
};

function lookup(name: string, source: string): EnvEntry {
  const e = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (e === undefined) {
    throw new InputError(
      `${source}: unknown environment "${name}" (known: ${Object.keys(registry).join(", ")})`,
    );
  }
  return e;
}

/** Checks a spec's options against its entry (defaults filled in); errors name `source`. */
export function checkEnvSpec(name: string, options: EnvOptions, source: string): EnvSpec {
  const e = lookup(name, source);
  const full = decode(e.options, { ...e.defaults, ...options }, `${source} (${name})`);
  return { name, options: full };
}

const literal = (v: string): number | string | boolean =>
  v === "true"
    ? true
    : v === "false"
    ? false
    : v.trim() !== "" && Number.isFinite(Number(v))
    ? Number(v)
    : v;

/** Parses `name` or `name:key=value,...` (a flag's value). */
export function parseEnvSpec(text: string, source = "--env"): EnvSpec {
  const [name, rest] = text.includes(":")
    ? [text.slice(0, text.indexOf(":")), text.slice(text.indexOf(":") + 1)]
    : [text, ""];
  const options: Record<string, number | string | boolean> = {};
  for (const part of rest === "" ? [] : rest.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new InputError(`${source}: "${part}" is not key=value`);
    options[part.slice(0, eq)] = literal(part.slice(eq + 1));
  }
  return checkEnvSpec(name, options, source);
}

/** Decodes a spec read from a file or a message. */
export function decodeEnvSpec(value: unknown, source: string): EnvSpec {
  const shape = decode(
    t.type({
      name: t.string,
      options: t.record(t.string, t.union([t.number, t.string, t.boolean])),
    }),
    value,
    source,
  );
  return checkEnvSpec(shape.name, shape.options, source);
}

/** The environment a spec describes. */
export async function makeEnv(spec: EnvSpec): Promise<DiscreteEnv<unknown>> {
  const checked = checkEnvSpec(spec.name, spec.options, "environment");
  return await lookup(spec.name, "environment").make(checked.options);
}

/** The best return of the spec's environment, when known. */
export function optimalReturn(spec: EnvSpec): number | undefined {
  return lookup(spec.name, "environment").optimalReturn?.(spec.options);
}

/** `name:key=value,...` of a spec (the inverse of `parseEnvSpec`). */
export const formatEnvSpec = (spec: EnvSpec): string =>
  `${spec.name}:${Object.entries(spec.options).map(([k, v]) => `${k}=${v}`).join(",")}`;
