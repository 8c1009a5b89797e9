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
import type { DiscreteEnv } from "../core/mod.ts";
import { banditEnv, chainEnv, sizedEnv } from "../core/testbeds/mod.ts";
import { type EnvState, observationScaling, scaleObservation } from "../core/grid/env/mod.ts";
import { InputError } from "./errors.ts";
import { type LoadedGrid, loadGrid } from "./grids.ts";
import { closed, decode, NonNegInt, PosInt, Positive, Probability } from "./io/mod.ts";
import { gatedBenchmark } from "./benchmarks/mod.ts";

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
  /** Options whose episodes a run on `options` never plays (held-out evaluation), if any. */
  heldOut?(options: O): O;
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

const GridRewardName = t.keyof({ L2RPNReward: null, CloseToOverflowReward: null });
const ObservationKind = t.keyof({ raw: null, scaled: null });
const NonEmptyString = new t.Type<string, string, unknown>(
  "a grid2op environment folder",
  (u): u is string => typeof u === "string" && u !== "",
  (u, c) => typeof u === "string" && u !== "" ? t.success(u) : t.failure(u, c),
  t.identity,
);
/** Options every grid environment takes: which scenarios, which reward, which observation. */
const gridOptions = {
  scenarios: NonNegInt,
  first: NonNegInt,
  reward: GridRewardName,
  rewardScale: Positive,
  observation: ObservationKind,
};
type GridOptions = t.TypeOf<t.TypeC<typeof gridOptions>>;
const gridDefaults: GridOptions = {
  scenarios: 0,
  first: 0,
  reward: "L2RPNReward",
  rewardScale: 1,
  observation: "raw",
};
const Case14Options = closed(
  { seed: NonNegInt, steps: PosInt, ...gridOptions },
  "case14 options",
);
const Grid2opOptions = closed({ folder: NonEmptyString, ...gridOptions }, "grid2op options");

/** Offset of the scenario seed of case14's held-out episodes. */
export const HELD_OUT_SEED_OFFSET = 1000;

/**
 * A loaded grid environment as the agents see it: episode `e` plays scenario
 * `first + e` (or `first + e mod scenarios` when `scenarios > 0`), with the chosen reward times
 * `rewardScale` and the raw or scaled (`core/grid/env/observation_scale.ts`) observation vector.
 */
function gridEnv(env: LoadedGrid, o: GridOptions): DiscreteEnv<EnvState> {
  const d = env.discrete({ reward: o.reward });
  const scaling = o.observation === "scaled" ? observationScaling(env.model) : null;
  return {
    ...d,
    reset: (e: number) => d.reset(o.first + (o.scenarios > 0 ? e % o.scenarios : e)),
    step: o.rewardScale === 1 ? d.step : (s: EnvState, a: number) => {
      const t = d.step(s, a);
      return { ...t, reward: t.reward * o.rewardScale };
    },
    observe: scaling === null ? d.observe : (s: EnvState) => {
      const x = d.observe(s);
      return scaleObservation(x, scaling, x);
    },
  };
}

/** case14-hard's held-out seed (fixtures/benchmarks/case14-hard.json's `heldOutSeed`). */
const CASE14_HARD_HELD_OUT = 7000;

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
  case14: entry({
    description:
      "the built-in 14-bus grid, 487 actions, scenarios generated from a seed (steps each)",
    options: Case14Options,
    defaults: { seed: 0, steps: 575, ...gridDefaults },
    make: async (o) => gridEnv(await loadGrid("case14", { seed: o.seed, steps: o.steps }), o),
    heldOut: (o) => ({ ...o, seed: o.seed + HELD_OUT_SEED_OFFSET }),
  }),
  grid2op: entry({
    description: "a grid2op environment folder (folder=path): its grid and chronics",
    options: Grid2opOptions,
    defaults: { folder: "", ...gridDefaults },
    make: async (o) => gridEnv(await loadGrid(o.folder), o),
  }),
  "case14-hard": entry({
    description: "case14-hard's training scenarios (seed) as decisions at risk over the " +
      "expert's reduced table (table: a discovery file; rules play in between)",
    options: closed({
      seed: NonNegInt,
      first: NonNegInt,
      table: t.string,
      threshold: Probability,
      revertBelow: Probability,
      actions: NonNegInt,
      observation: t.keyof({ full: null, compact: null }),
    }, "case14-hard options"),
    defaults: {
      seed: 1,
      first: 0,
      table: "",
      threshold: 0.95,
      revertBelow: 0.8,
      actions: 0,
      observation: "full" as "full" | "compact",
    },
    make: (o) => gatedBenchmark({ benchmark: "case14-hard", ...o }),
    heldOut: (o) => ({ ...o, seed: CASE14_HARD_HELD_OUT }),
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

/** Parses `key=value,...` (unchecked: `checkEnvSpec` checks options against an entry). */
export function parseEnvOptions(text: string, source: string): EnvOptions {
  const options: Record<string, number | string | boolean> = {};
  for (const part of text === "" ? [] : text.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new InputError(`${source}: "${part}" is not key=value`);
    options[part.slice(0, eq)] = literal(part.slice(eq + 1));
  }
  return options;
}

/** Parses `name` or `name:key=value,...` (a flag's value). */
export function parseEnvSpec(text: string, source = "--env"): EnvSpec {
  const [name, rest] = text.includes(":")
    ? [text.slice(0, text.indexOf(":")), text.slice(text.indexOf(":") + 1)]
    : [text, ""];
  return checkEnvSpec(name, parseEnvOptions(rest, source), source);
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

/** The held-out counterpart of a spec (undefined when its entry has none). */
export function heldOutSpec(spec: EnvSpec): EnvSpec | undefined {
  const options = lookup(spec.name, "environment").heldOut?.(spec.options);
  return options === undefined ? undefined : { name: spec.name, options };
}

/** `name:key=value,...` of a spec (the inverse of `parseEnvSpec`). */
export const formatEnvSpec = (spec: EnvSpec): string =>
  `${spec.name}:${Object.entries(spec.options).map(([k, v]) => `${k}=${v}`).join(",")}`;
