/**
 * A `deno task distributed` run's configuration: the environment and its scenarios (split into
 * training and held-out ones from the seed), the clusters, the training length, the reward and
 * PPO's hyper-parameters. The flags map onto it (`configFromFlags`), one io-ts codec checks it
 * wherever it enters (a checkpoint's header), and everything is resolved before anything runs,
 * so bad input writes nothing.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as t from "io-ts";
import { PPO_DEFAULTS, type PpoConfig } from "../../core/agents/mod.ts";
import type { GridDecomposition } from "../../core/cluster/mod.ts";
import { permutation } from "../../core/mod.ts";
import { choiceFlag, type FlagValues, intFlag, numberFlag, rangeFlag } from "../cli.ts";
import { InputError } from "../errors.ts";
import { BUILT_IN_GRIDS, type LoadedGrid, loadGrid } from "../grids.ts";
import {
  closed,
  NonNeg,
  NonNegInt,
  PosInt,
  Positive,
  Probability,
  readDecomposition,
} from "../io/mod.ts";
import { streams } from "../rng.ts";

/** The rewards a run can train on. */
export const REWARDS = ["CloseToOverflowReward", "L2RPNReward"] as const;

/** Everything a run needs besides its output folder. */
export interface DistributedConfig {
  /** "case14" or a grid2op folder. */
  readonly env: string;
  /** case14: steps per generated scenario; null for a folder. */
  readonly steps: number | null;
  /** Scenario ids: training ones and held-out ones. */
  readonly train: readonly string[];
  readonly heldOut: readonly string[];
  /** Where the clusters came from, and the clusters themselves. */
  readonly clustersFile: string;
  readonly decomposition: GridDecomposition;
  /** Training episodes of each learned team. */
  readonly episodes: number;
  readonly seed: number;
  readonly reward: typeof REWARDS[number];
  readonly ppo: PpoConfig;
}

/** PPO's hyper-parameters' codec. */
const PpoCodec = closed({
  rollout: PosInt,
  batch: PosInt,
  epochs: PosInt,
  learningRate: NonNeg,
  gamma: Probability,
  gaeLambda: Probability,
  clip: Positive,
  entCoef: NonNeg,
  vfCoef: NonNeg,
  maxGradNorm: Positive,
  normalizeAdvantage: t.boolean,
  hidden: t.array(PosInt),
  adamEpsilon: Positive,
}, "PPO config");

/** The run config's codec (a checkpoint's header holds it). */
export const DistributedConfigCodec = closed({
  env: t.string,
  steps: t.union([PosInt, t.null]),
  train: t.array(t.string),
  heldOut: t.array(t.string),
  clustersFile: t.string,
  decomposition: closed({
    clusters: t.array(closed({ substations: t.array(NonNegInt), lines: t.array(NonNegInt) })),
    unassignedLines: t.array(NonNegInt),
  }),
  episodes: PosInt,
  seed: NonNegInt,
  reward: t.keyof({ CloseToOverflowReward: null, L2RPNReward: null }),
  ppo: PpoCodec,
}, "distributed config");

/** The default number of generated case14 scenarios. */
export const DEFAULT_SCENARIOS = 100;
/** The default training length in passes over the training scenarios (the research: 25). */
export const DEFAULT_PASSES = 5;

/** The clusters file used when none is given (made by the command it records). */
export const DEFAULT_CLUSTERS = "fixtures/case14/clusters.json";

/** PPO's hyper-parameters from the flags. */
export function ppoFromFlags(values: FlagValues): PpoConfig {
  const rollout = intFlag(values, "rollout", { min: 1, max: 1e6 });
  const hidden = rangeFlag(values, "hidden", { min: 1, max: 4096 });
  if (!hidden.every(Number.isInteger)) {
    throw new InputError(`--hidden: expected layer widths as integers, got "${values.hidden}"`);
  }
  return {
    rollout,
    batch: intFlag(values, "batch", { min: 1, max: rollout }),
    epochs: intFlag(values, "epochs", { min: 1, max: 1000 }),
    learningRate: numberFlag(values, "lr", { min: 0, max: 1 }),
    gamma: numberFlag(values, "gamma", { min: 0, max: 1 }),
    gaeLambda: numberFlag(values, "gae-lambda", { min: 0, max: 1 }),
    clip: numberFlag(values, "clip", { min: 1e-6, max: 10 }),
    entCoef: numberFlag(values, "ent-coef", { min: 0, max: 10 }),
    vfCoef: numberFlag(values, "vf-coef", { min: 0, max: 10 }),
    maxGradNorm: numberFlag(values, "max-grad-norm", { min: 1e-6, max: 1e6 }),
    normalizeAdvantage: PPO_DEFAULTS.normalizeAdvantage,
    hidden,
    adamEpsilon: PPO_DEFAULTS.adamEpsilon,
  };
}

/** The reward flag. */
export const rewardFromFlags = (values: FlagValues): DistributedConfig["reward"] =>
  choiceFlag(values, "reward", REWARDS);

/**
 * The held-out scenarios: `ceil(validation * n)` of them (at least 1, at most n - 1), drawn by
 * a permutation from the run seed's `split` stream; the rest, in their order, train.
 */
export function splitScenarios(
  ids: readonly string[],
  validation: number,
  seed: number,
): { train: string[]; heldOut: string[] } {
  if (ids.length < 2) {
    throw new InputError(`--scenarios: ${ids.length} scenario; training and held-out need 2`);
  }
  const held = Math.min(ids.length - 1, Math.max(1, Math.ceil(validation * ids.length)));
  const [order] = permutation(streams(seed).gen("split"), ids.length);
  const out = new Set(Array.from(order.subarray(0, held)));
  return {
    train: ids.filter((_, i) => !out.has(i)),
    heldOut: ids.filter((_, i) => out.has(i)),
  };
}

/** The environment a config names (case14 with its scenario length, or the grid2op folder). */
export const environmentOf = (
  c: Pick<DistributedConfig, "env" | "steps">,
): Promise<LoadedGrid> => loadGrid(c.env, c.steps === null ? {} : { steps: c.steps });

/**
 * A fresh run's config from the flags, with its environment: every flag checked, the
 * scenarios listed and split, the clusters file read and checked against the grid.
 */
export async function configFromFlags(
  values: FlagValues,
): Promise<{ config: DistributedConfig; env: LoadedGrid }> {
  const name = values.env as string;
  const builtIn = (BUILT_IN_GRIDS as readonly string[]).includes(name);
  if (!builtIn && values.steps !== undefined) throw new InputError("--steps: only for case14");
  const steps = values.steps === undefined ? null : intFlag(values, "steps", { min: 2, max: 1e6 });
  const seed = intFlag(values, "seed", { min: 0, max: 2 ** 32 - 1 });
  const validation = numberFlag(values, "validation", { min: 0, max: 1 });
  const reward = rewardFromFlags(values);
  const ppo = ppoFromFlags(values);
  const env = await environmentOf({ env: name, steps });
  // case14 generates as many scenarios as asked; a folder has its chronics.
  const available = builtIn ? 1e6 : env.scenarioIds.length;
  const count = values.scenarios === undefined
    ? (builtIn ? DEFAULT_SCENARIOS : available)
    : intFlag(values, "scenarios", { min: 2, max: available });
  const ids = builtIn
    ? Array.from({ length: count }, (_, i) => String(i))
    : env.scenarioIds.slice(0, count);
  const { train, heldOut } = splitScenarios(ids, validation, seed);
  const episodes = values.episodes === undefined
    ? DEFAULT_PASSES * train.length
    : intFlag(values, "episodes", { min: 1, max: 1e7 });
  const given = typeof values.clusters === "string" ? values.clusters : undefined;
  const file = given ?? fileURLToPath(new URL(`../../${DEFAULT_CLUSTERS}`, import.meta.url));
  const path = await Deno.stat(file).then((s) => s.isDirectory, () => false)
    ? join(file, "decomposition.json")
    : file;
  const { decomposition } = await readDecomposition(path, env.model.net);
  if (decomposition.clusters.length === 0) throw new InputError(`${path}: no cluster`);
  return {
    env,
    config: {
      env: name,
      steps,
      train,
      heldOut,
      clustersFile: given === undefined ? DEFAULT_CLUSTERS : path,
      decomposition,
      episodes,
      seed,
      reward,
      ppo,
    },
  };
}
