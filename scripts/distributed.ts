/**
 * `deno task distributed`: the research's distributed agents (docs/research.md 2). A PPO learner
 * per cluster of a clusters file (`deno task cluster --env ...` makes them) acts under the
 * rule-based coordinator; the centralised baseline is the same code with one cluster. Both
 * train on the training scenarios and, with do-nothing and the coordinator alone, are compared
 * on held-out ones: steps survived, safe steps, reward, reward per cluster. Checkpoints after
 * every pass; `--resume <run folder>` continues a run.
 *
 * @module
 */
import {
  configFromFlags,
  DEFAULT_CLUSTERS,
  DEFAULT_PASSES,
  DEFAULT_SCENARIOS,
  environmentOf,
  readDistributedCheckpoint,
  REWARDS,
  runDistributed,
  type Start,
  TEAM_PRESETS,
  TEAMS,
  trainTeams,
} from "../effects/agents/mod.ts";
import { PPO_DEFAULTS } from "../core/agents/mod.ts";
import {
  CASE14_STEPS,
  type FlagSpec,
  type FlagValues,
  InputError,
  intFlag,
  type LoadedGrid,
  parseFlags,
  runMain,
} from "../effects/mod.ts";
import { makeRunFolder } from "../effects/io/mod.ts";
import { setupTf } from "../effects/nn/mod.ts";

const usage = {
  task: "distributed",
  summary: "Trains one PPO agent per cluster under the coordinator and compares it with the " +
    'centralised agent and the baselines (README "Distributed agents").',
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  env: { type: "string", default: "case14", arg: "case14|folder", help: "the environment" },
  clusters: {
    type: "string",
    arg: "file.json|folder",
    help: "clusters file or cluster run folder",
    shownDefault: DEFAULT_CLUSTERS,
  },
  scenarios: {
    type: "string",
    arg: "N",
    help: "scenarios used",
    shownDefault: `${DEFAULT_SCENARIOS} on case14; all of a folder's chronics`,
  },
  steps: {
    type: "string",
    arg: "N",
    help: "case14: steps per scenario",
    shownDefault: String(CASE14_STEPS),
  },
  validation: {
    type: "string",
    default: "0.1",
    arg: "fraction",
    help: "share of the scenarios held out",
  },
  episodes: {
    type: "string",
    arg: "N",
    help: "training episodes per team",
    shownDefault: `${DEFAULT_PASSES} passes over the training scenarios`,
  },
  seed: { type: "string", default: "0", arg: "N", help: "run seed" },
  reward: {
    type: "string",
    default: "CloseToOverflowReward",
    arg: REWARDS.join("|"),
    help: "the reward trained on",
  },
  rollout: {
    type: "string",
    default: String(PPO_DEFAULTS.rollout),
    arg: "N",
    help: "PPO: steps per update",
  },
  batch: { type: "string", default: String(PPO_DEFAULTS.batch), arg: "N", help: "PPO: minibatch" },
  epochs: {
    type: "string",
    default: String(PPO_DEFAULTS.epochs),
    arg: "N",
    help: "PPO: epochs per update",
  },
  lr: {
    type: "string",
    default: String(PPO_DEFAULTS.learningRate),
    arg: "x",
    help: "PPO: Adam learning rate",
  },
  gamma: { type: "string", default: String(PPO_DEFAULTS.gamma), arg: "x", help: "PPO: discount" },
  "gae-lambda": {
    type: "string",
    default: String(PPO_DEFAULTS.gaeLambda),
    arg: "x",
    help: "PPO: GAE lambda",
  },
  clip: { type: "string", default: String(PPO_DEFAULTS.clip), arg: "x", help: "PPO: ratio clip" },
  "ent-coef": {
    type: "string",
    default: String(PPO_DEFAULTS.entCoef),
    arg: "x",
    help: "PPO: entropy coefficient",
  },
  "vf-coef": {
    type: "string",
    default: String(PPO_DEFAULTS.vfCoef),
    arg: "x",
    help: "PPO: value loss coefficient",
  },
  "max-grad-norm": {
    type: "string",
    default: String(PPO_DEFAULTS.maxGradNorm),
    arg: "x",
    help: "PPO: gradient norm clip",
  },
  hidden: {
    type: "string",
    default: PPO_DEFAULTS.hidden.join(","),
    arg: "n,...",
    help: "PPO: hidden layer widths",
  },
  workers: {
    type: "string",
    arg: "0-2",
    help: "worker threads training the teams",
    shownDefault: "2 with at least 2 cores, else 0",
  },
  preset: {
    type: "string",
    arg: "hard|hard-quick",
    help: "instead, both teams on case14-hard's gated decisions, by imitation of the expert " +
      "(docs/agents.md; only --seed, --demonstrations, --out and --quiet may be given)",
  },
  demonstrations: {
    type: "string",
    arg: "N",
    help: "--preset: expert episodes to learn from",
    shownDefault: "240 (hard), 12 (hard-quick)",
  },
  resume: {
    type: "string",
    arg: "folder",
    help: "continue a run (only --workers and --quiet may be given)",
  },
  out: {
    type: "string",
    arg: "folder",
    help: "run folder",
    shownDefault: "runs/distributed-<time>",
  },
  quiet: { type: "boolean", default: false, help: "no progress bars" },
};

/** Flags a resumed run accepts (it keeps every other setting). */
const RESUME_FLAGS = ["resume", "quiet", "workers"];
/** Flags a preset's run accepts. */
const PRESET_FLAGS = ["preset", "seed", "demonstrations", "out", "quiet"];

/** `--preset`: both teams by imitation on case14-hard (effects/agents/team_hard.ts). */
async function presetRun(args: string[], values: FlagValues): Promise<void> {
  const other = givenFlags(args).find((f) => !PRESET_FLAGS.includes(f));
  if (other !== undefined) throw new InputError(`--${other}: not a flag of --preset runs`);
  const name = values.preset as string;
  if (name !== "hard" && name !== "hard-quick") {
    throw new InputError(`--preset: expected hard or hard-quick, got "${name}"`);
  }
  const config = {
    ...TEAM_PRESETS[name],
    seed: intFlag(values, "seed", { min: 0 }),
    ...(values.demonstrations === undefined
      ? {}
      : { demonstrations: intFlag(values, "demonstrations", { min: 2, max: 100000 }) }),
  };
  const out = values.out as string | undefined;
  if (out !== undefined && await Deno.stat(`${out}/config.json`).then(() => true, () => false)) {
    throw new InputError(`--out: ${out} already holds a run`);
  }
  const folder = await makeRunFolder("distributed-hard", out);
  const backend = await setupTf();
  const quiet = values.quiet === true;
  console.log(
    `distributed --preset ${name}: ${config.env}, clusters of ${config.clustersFile}, ` +
      `${config.demonstrations} demonstrations, seed ${config.seed}; tfjs ${backend}`,
  );
  const t0 = performance.now();
  const { metrics } = await trainTeams(config, folder, quiet);
  for (const team of TEAMS) {
    const last = metrics.filter((m) => m.team === team).at(-1)!;
    console.log(
      `  ${team}: policy loss ${last.policyLoss?.toFixed(3)}, the expert's choice on ` +
        `${(100 * last.trainAgreement).toFixed(1)}% of training and ` +
        `${(100 * last.validationAgreement).toFixed(1)}% of validation decisions`,
    );
  }
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s; wrote ${folder}`);
}

const givenFlags = (args: string[]) =>
  args.filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")[0]);

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  if (values.preset !== undefined) return await presetRun(args, values);
  const quiet = values.quiet === true;
  // Each learned team trains in its own worker when there are cores for them (same records).
  const workers = values.workers === undefined
    ? (navigator.hardwareConcurrency >= 2 ? 2 : 0)
    : intFlag(values, "workers", { min: 0, max: 2 });
  let folder: string, env: LoadedGrid, start: Start;
  if (typeof values.resume === "string") {
    const other = givenFlags(args).find((f) => !RESUME_FLAGS.includes(f));
    if (other !== undefined) {
      throw new InputError(
        `--${other}: a resumed run keeps its own settings (only --workers and --quiet)`,
      );
    }
    folder = values.resume;
    start = await readDistributedCheckpoint(`${folder}/checkpoint.bin`);
    env = await environmentOf(start.config);
  } else {
    const fresh = await configFromFlags(values);
    const out = values.out as string | undefined;
    if (out !== undefined && await Deno.stat(`${out}/config.json`).then(() => true, () => false)) {
      throw new InputError(`--out: ${out} already holds a run (continue it with --resume ${out})`);
    }
    folder = await makeRunFolder("distributed", out);
    env = fresh.env;
    start = { config: fresh.config };
  }
  const backend = await setupTf();
  const c = start.config;
  console.log(
    `distributed: ${env.name}${c.steps === null ? "" : ` (${c.steps} steps per scenario)`}, ` +
      `${c.decomposition.clusters.length} clusters from ${c.clustersFile}; ${c.train.length} ` +
      `training and ${c.heldOut.length} held-out scenarios; ${c.episodes} training episodes per ` +
      `team${"teams" in start ? ` (resuming after ${start.episodes})` : ""}; ${c.reward}; ` +
      `seed ${c.seed}; tfjs ${backend}, ${workers === 0 ? "no workers" : "a worker per team"}`,
  );
  const result = await runDistributed(folder, env, start, { quiet, workers });
  for (const line of result.lines) console.log(line);
  console.log(`wrote ${result.files.length} files to ${folder}`);
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
