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
import { InputError, intFlag, parseFlags, runMain } from "../effects/cli.ts";
import type { GridEnvironment } from "../effects/grid_environment.ts";
import { makeRunFolder } from "../effects/io/runs.ts";
import { setupTf } from "../effects/tf.ts";

const usage = {
  task: "distributed",
  summary: "Trains one PPO agent per cluster under the coordinator and compares it with the " +
    'centralised agent and the baselines (README "Distributed agents").',
};

/** Flags a resumed run accepts (it keeps every other setting). */
const RESUME_FLAGS = ["resume", "quiet", "workers"];

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, DISTRIBUTED_FLAGS, usage);
  const quiet = values.quiet === true;
  // Each learned team trains in its own worker when there are cores for them (same records).
  const workers = values.workers === undefined
    ? (navigator.hardwareConcurrency >= 2 ? 2 : 0)
    : intFlag(values, "workers", { min: 0, max: 2 });
  let folder: string, env: GridEnvironment, start: Start;
  if (typeof values.resume === "string") {
    const given = args.filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")[0]);
    const other = given.find((f) => !RESUME_FLAGS.includes(f));
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
