/**
 * A MuZero run's configuration: the research's hyper-parameters (`core/muzero/config.ts`), the
 * environment and the run's own settings (seed, workers, rounds). One io-ts codec checks it
 * wherever it enters (flags, `config.json`, a checkpoint's header), and the flags map one to one
 * onto its fields, so `deno task muzero --help`-style docs and the README table stay in step.
 *
 * @module
 */
import * as t from "io-ts";
import {
  initMuZero,
  type MuZeroConfig,
  type MuZeroNets,
  type MuZeroShape,
  researchConfig,
} from "../../core/muzero/mod.ts";
import type { Params } from "../../core/nn/mod.ts";
import { streams } from "../rng.ts";
import {
  choiceFlag,
  type FlagSpec,
  type FlagValues,
  intFlag,
  numberFlag,
  rangeFlag,
} from "../cli.ts";
import { InputError } from "../errors.ts";
import { type EnvSpec, formatEnvSpec, parseEnvSpec } from "../env_registry.ts";
import { closed, decode, NonNeg, NonNegInt, PosInt, Positive, Probability } from "../io/mod.ts";

/** Everything a run needs besides its output folder. */
export interface RunConfig {
  readonly env: EnvSpec;
  readonly seed: number;
  /** Self-play workers (0 plays in the main thread). Does not change the results. */
  readonly workers: number;
  /** Training steps of the whole run. */
  readonly steps: number;
  /** Self-play episodes per round. */
  readonly episodesPerRound: number;
  /** Training steps per round, once the buffer holds `trainAfter` episodes. */
  readonly stepsPerRound: number;
  /** A checkpoint every this many rounds (and at the end). */
  readonly checkpointEvery: number;
  /**
   * Before self-play, episodes of the expert on a gated environment (core/muzero/
   * demonstration.ts) and training steps on them: round 0 of the run. Absent: none.
   */
  readonly demonstrations?: number;
  readonly pretrainSteps?: number;
  /** The demonstrations' policy targets: 0 one-hot, else the softness of core/muzero/demonstration.ts. */
  readonly demonstrationSoftness?: number;
  /** How often a demonstrator plays an action drawn from its target instead of its best. */
  readonly demonstrationExplore?: number;
  readonly muzero: MuZeroConfig;
}

/** The hyper-parameters' codec. */
export const MuZeroConfigCodec = closed({
  simulations: PosInt,
  cBase: Positive,
  cInit: NonNeg,
  discount: Probability,
  dirichletAlpha: Positive,
  explorationFraction: Probability,
  temperatures: t.array(NonNeg),
  temperatureSteps: t.array(NonNegInt),
  visitPolicy: t.keyof({ softmax: null, power: null }),
  maxEpisodeLength: PosInt,
  tdSteps: NonNegInt,
  unrollSteps: NonNegInt,
  batchSize: PosInt,
  learningRate: Positive,
  weightDecay: NonNeg,
  loss: t.keyof({ smoothL1: null, squared: null }),
  gradClip: Positive,
  hiddenGradScale: Probability,
  window: PosInt,
  trainAfter: PosInt,
  sampling: t.keyof({ episodes: null, positions: null }),
  hidden: PosInt,
  valueHidden: t.array(PosInt),
  policyHidden: t.array(PosInt),
  rewardHidden: t.array(PosInt),
}, "MuZero config");

const EnvSpecCodec = t.type({
  name: t.string,
  options: t.record(t.string, t.union([t.number, t.string, t.boolean])),
});

/** The run config's codec. */
export const RunConfigCodec = closed({
  env: EnvSpecCodec,
  seed: NonNegInt,
  workers: NonNegInt,
  steps: NonNegInt,
  episodesPerRound: PosInt,
  stepsPerRound: PosInt,
  checkpointEvery: PosInt,
  demonstrations: t.union([NonNegInt, t.undefined]),
  pretrainSteps: t.union([NonNegInt, t.undefined]),
  demonstrationSoftness: t.union([NonNeg, t.undefined]),
  demonstrationExplore: t.union([Probability, t.undefined]),
  muzero: MuZeroConfigCodec,
}, "run config");

/**
 * Checks what codecs cannot: the temperature schedule's shape and that training can start.
 * `where(field)` names a field in an error (a file and field, or a flag).
 */
export function checkRunConfig(c: RunConfig, where: (field: string) => string): RunConfig {
  const m = c.muzero;
  if (m.temperatures.length !== m.temperatureSteps.length + 1) {
    throw new InputError(
      `${where("temperatures")}: needs one value more than ${where("temperatureSteps")} ` +
        `(${m.temperatures.length} vs ${m.temperatureSteps.length})`,
    );
  }
  if (m.temperatureSteps.some((s, k) => k > 0 && s <= m.temperatureSteps[k - 1])) {
    throw new InputError(`${where("temperatureSteps")}: must increase`);
  }
  if (m.trainAfter > m.window) {
    throw new InputError(
      `${where("trainAfter")}: ${m.trainAfter} exceeds ${where("window")} ${m.window}`,
    );
  }
  return c;
}

/** Decodes and checks a run config from JSON (a config file or a checkpoint header). */
export const decodeRunConfig = (value: unknown, source: string): RunConfig =>
  checkRunConfig(
    decode(RunConfigCodec, value, source) as RunConfig,
    (field) => `${source}: muzero.${field}`,
  );

/** The network shape of a run, once the environment's sizes are known. */
export const shapeOf = (
  m: MuZeroConfig,
  env: { observationSize: number; numActions: number },
): MuZeroShape => ({
  observationSize: env.observationSize,
  numActions: env.numActions,
  hidden: m.hidden,
  valueHidden: m.valueHidden,
  policyHidden: m.policyHidden,
  rewardHidden: m.rewardHidden,
});

/**
 * Where a run starts before its flags: `case14` (the default) trains on the grid, `research`
 * is the research's values on the same grid (`--research`). They differ in settings that are
 * each a flag: the research's raw observations and L2RPNReward (`--env case14`) become scaled
 * observations and rewards times 0.05 (`case14:observation=scaled,rewardScale=0.05`: per step
 * in [0, 1] instead of [0, 20]), its learning rate 1e-4 becomes 1e-3, its batches draw
 * positions uniformly (`--sample positions`) instead of an episode, then a position, and
 * episodes run the whole 575-step scenario (`--max-episode-length 575`, 4 per round) instead
 * of 100 steps. With the research's values self-play collapses onto an action that ends the
 * episode at once (README "MuZero on case14").
 */
export type Preset = "case14" | "research" | "hard" | "hard-quick";

/** A preset's run config, the environment as a spec string. */
type PresetRun = Omit<RunConfig, "env"> & { env: string };

const runDefaults = {
  seed: 1,
  workers: navigator.hardwareConcurrency,
  steps: 300,
  episodesPerRound: 8,
  stepsPerRound: 20,
  checkpointEvery: 5,
};

/** The presets, short runs (a few minutes here). */
export const presets: Readonly<Record<Preset, PresetRun>> = {
  case14: {
    ...runDefaults,
    env: "case14:observation=scaled,rewardScale=0.05",
    episodesPerRound: 4,
    muzero: {
      ...researchConfig,
      learningRate: 1e-3,
      sampling: "positions",
      maxEpisodeLength: 575,
    },
  },
  research: { ...runDefaults, env: "case14", muzero: researchConfig },
  hard: {
    ...runDefaults,
    env: "case14-hard:observation=compact,actions=20",
    steps: 2000,
    episodesPerRound: 4,
    stepsPerRound: 50,
    demonstrations: 240,
    pretrainSteps: 2000,
    demonstrationSoftness: 0.02,
    demonstrationExplore: 0.25,
    muzero: {
      ...researchConfig,
      learningRate: 1e-3,
      sampling: "positions",
      maxEpisodeLength: 400,
      trainAfter: 8,
      window: 200,
    },
  },
  "hard-quick": {
    ...runDefaults,
    env: "case14-hard",
    steps: 240,
    episodesPerRound: 2,
    stepsPerRound: 20,
    demonstrations: 6,
    pretrainSteps: 200,
    muzero: {
      ...researchConfig,
      learningRate: 1e-3,
      sampling: "positions",
      maxEpisodeLength: 400,
      trainAfter: 4,
      window: 100,
      batchSize: 64,
    },
  },
};

/** A preset's run config (default `case14`). */
export const defaultRunConfig = (preset: Preset = "case14"): RunConfig => ({
  ...presets[preset],
  env: parseEnvSpec(presets[preset].env),
});

/** A flag: its name, what it sets, and how to read it. */
interface FlagDef {
  readonly name: string;
  readonly help: string;
  /** The value's placeholder in `--help`. */
  readonly arg: string;
  read(values: FlagValues, name: string): unknown;
  /** The field it sets: a key of `MuZeroConfig` or of `RunConfig`. */
  readonly field: string;
  readonly run?: boolean;
}

/** Readers with their placeholders, so `--help` says what each reader takes. */
type Reader = Pick<FlagDef, "arg" | "read">;
const int = (min = 0): Reader => ({
  arg: "N",
  read: (v, n) => intFlag(v, n, { min }),
});
const num = (min = -Infinity, max = Infinity): Reader => ({
  arg: "x",
  read: (v, n) => numberFlag(v, n, { min, max }),
});
const list = (integer: boolean): Reader => ({
  arg: integer ? "n,..." : "x,...",
  read: (v, n) => {
    const xs = rangeFlag(v, n, { min: 0 });
    if (integer && xs.some((x) => !Number.isInteger(x))) {
      throw new InputError(`--${n}: expected integers, got "${v[n]}"`);
    }
    return xs;
  },
});
const choice = (choices: readonly string[]): Reader => ({
  arg: choices.join("|"),
  read: (v, n) => choiceFlag(v, n, choices),
});

/** Every flag that sets a field of the run config. */
export const configFlags: readonly FlagDef[] = [
  {
    name: "env",
    field: "env",
    run: true,
    help: "environment spec, name[:key=value,...]",
    arg: "spec",
    read: (v, n) => parseEnvSpec(v[n] as string, `--${n}`),
  },
  { name: "seed", field: "seed", run: true, help: "run seed", ...int() },
  {
    name: "workers",
    field: "workers",
    run: true,
    help: "self-play workers (0: main thread)",
    ...int(),
  },
  { name: "steps", field: "steps", run: true, help: "training steps of the run", ...int() },
  {
    name: "demonstrations",
    field: "demonstrations",
    run: true,
    help: "expert episodes before self-play (gated environments)",
    ...int(),
  },
  {
    name: "pretrain-steps",
    field: "pretrainSteps",
    run: true,
    help: "training steps on the demonstrations (part of --steps)",
    ...int(),
  },
  {
    name: "demonstration-softness",
    field: "demonstrationSoftness",
    run: true,
    help: "demonstrations' policy targets: 0 one-hot, else exp(-(rho - best) / softness)",
    ...num(0),
  },
  {
    name: "demonstration-explore",
    field: "demonstrationExplore",
    run: true,
    help: "share of demonstration decisions drawn from the target instead of the best",
    ...num(0, 1),
  },
  {
    name: "episodes-per-round",
    field: "episodesPerRound",
    run: true,
    help: "self-play episodes per round",
    ...int(1),
  },
  {
    name: "steps-per-round",
    field: "stepsPerRound",
    run: true,
    help: "training steps per round",
    ...int(1),
  },
  {
    name: "checkpoint-every",
    field: "checkpointEvery",
    run: true,
    help: "rounds between checkpoints",
    ...int(1),
  },
  {
    name: "simulations",
    field: "simulations",
    help: "tree-search simulations per move",
    ...int(1),
  },
  { name: "c-base", field: "cBase", help: "pUCT c_base", ...num(1e-9) },
  { name: "c-init", field: "cInit", help: "pUCT c_init", ...num(0) },
  { name: "discount", field: "discount", help: "discount", ...num(0, 1) },
  {
    name: "dirichlet-alpha",
    field: "dirichletAlpha",
    help: "root noise concentration",
    ...num(1e-9),
  },
  {
    name: "exploration-fraction",
    field: "explorationFraction",
    help: "root noise weight",
    ...num(0, 1),
  },
  {
    name: "temperatures",
    field: "temperatures",
    help: "move temperatures, e.g. 3,2,1",
    ...list(false),
  },
  {
    name: "temperature-steps",
    field: "temperatureSteps",
    help: "training steps where the temperature moves on",
    ...list(true),
  },
  {
    name: "visit-policy",
    field: "visitPolicy",
    help: "visit policy: softmax (research) or power (paper)",
    ...choice(["softmax", "power"]),
  },
  { name: "max-episode-length", field: "maxEpisodeLength", help: "episode cap", ...int(1) },
  { name: "td-steps", field: "tdSteps", help: "value target horizon", ...int() },
  { name: "unroll-steps", field: "unrollSteps", help: "unroll steps", ...int() },
  { name: "batch", field: "batchSize", help: "batch size", ...int(1) },
  { name: "lr", field: "learningRate", help: "Adam learning rate", ...num(1e-12) },
  { name: "weight-decay", field: "weightDecay", help: "L2 coefficient", ...num(0) },
  {
    name: "loss",
    field: "loss",
    help: "value and reward loss",
    ...choice(["smoothL1", "squared"]),
  },
  { name: "grad-clip", field: "gradClip", help: "gradient norm clip", ...num(1e-12) },
  {
    name: "hidden-grad-scale",
    field: "hiddenGradScale",
    help: "hidden-state gradient factor per unroll step",
    ...num(0, 1),
  },
  { name: "window", field: "window", help: "replay window (episodes)", ...int(1) },
  {
    name: "train-after",
    field: "trainAfter",
    help: "episodes stored before training starts",
    ...int(1),
  },
  {
    name: "sample",
    field: "sampling",
    help: "batch positions: episodes (research: episode, then position) or positions",
    ...choice(["episodes", "positions"]),
  },
  { name: "hidden", field: "hidden", help: "hidden state size", ...int(1) },
  { name: "value-hidden", field: "valueHidden", help: "value network widths", ...list(true) },
  { name: "policy-hidden", field: "policyHidden", help: "policy network widths", ...list(true) },
  { name: "reward-hidden", field: "rewardHidden", help: "reward network widths", ...list(true) },
];

/** A config field's value in a run config (`env` as its spec string). */
const fieldOf = (c: RunConfig, field: string): unknown =>
  field in c.muzero
    ? c.muzero[field as keyof MuZeroConfig]
    : field === "env"
    ? formatEnvSpec(c.env)
    : c[field as keyof RunConfig];

/** What `--help` shows as a field's default: the case14 preset's, and the research's if different. */
function shownDefault(field: string): string {
  const [d, r] = [fieldOf(defaultRunConfig(), field), fieldOf(defaultRunConfig("research"), field)];
  return `${d}${JSON.stringify(d) === JSON.stringify(r) ? "" : `; research ${r}`}`;
}

/**
 * Declarations of the config flags, with the presets' values shown as defaults in `--help`
 * (no parser defaults: unset flags keep the base's).
 */
export const configFlagSpec: FlagSpec = Object.fromEntries(
  configFlags.map((f) => [
    f.name,
    { type: "string" as const, arg: f.arg, help: f.help, shownDefault: shownDefault(f.field) },
  ]),
);

/** Names of the config flags present in `values`. */
export const givenConfigFlags = (values: FlagValues): string[] =>
  configFlags.filter((f) => values[f.name] !== undefined).map((f) => f.name);

/** The run config of `base` with every given flag applied, checked. */
export function runConfigFromFlags(values: FlagValues, base: RunConfig): RunConfig {
  const run: Record<string, unknown> = { ...base };
  const muzero: Record<string, unknown> = { ...base.muzero };
  for (const f of configFlags) {
    if (values[f.name] === undefined) continue;
    (f.run ? run : muzero)[f.field] = f.read(values, f.name);
  }
  const config = decode(RunConfigCodec, { ...run, muzero }, "flags") as RunConfig;
  return checkRunConfig(config, (field) => `--${configFlags.find((f) => f.field === field)!.name}`);
}

/** A run's initial weights (drawn from its seed's `init` stream). */
export const initialParams = (config: RunConfig, nets: MuZeroNets): Params =>
  initMuZero(nets, streams(config.seed).gen("init"))[0];
