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
import { readDistributedCheckpoint } from "../effects/agents/distributed_checkpoint.ts";
import {
  configFromFlags,
  DISTRIBUTED_FLAGS,
  environmentOf,
} from "../effects/agents/distributed_config.ts";
import { runDistributed, type Start } from "../effects/agents/distributed_run.ts";
import { type FlagValues, InputError, intFlag, parseFlags, runMain } from "../effects/cli.ts";
import { TEAM_PRESETS, TEAMS } from "../effects/agents/team_config.ts";
import { trainTeams } from "../effects/agents/team_hard.ts";
import type { LoadedGrid } from "../effects/grids.ts";
import { makeRunFolder } from "../effects/io/runs.ts";
import { setupTf } from "../effects/nn/backend.ts";

const usage = {
  task: "distributed",
  summary: "Trains one PPO agent per cluster under the coordinator and compares it with the " +
    'centralised agent and the baselines (README "Distributed agents").',
};

/** Flags a resumed run accepts (it keeps every other setting). */
const RESUME_FLAGS = ["resume", "quiet", "workers"];
/** Flags a preset's run accepts. */
const PRESET_FLAGS = ["preset", "seed", "demonstrations", "out", "quiet"];

/** `--preset hard|hard-quick`: both teams by imitation on case14-hard (effects/agents/team_hard.ts). */
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
  const { values } = parseFlags(args, DISTRIBUTED_FLAGS, usage);
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
