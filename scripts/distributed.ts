/**
 * `deno task distributed`: the research's distributed agents (RESEARCH.md 2). A PPO learner per
 * cluster of a clusters file (`deno task cluster --env ...` makes them) acts under the
 * rule-based coordinator; the centralised baseline is the same code with one cluster. Both
 * train on the training scenarios and, with do-nothing and the coordinator alone, are compared
 * on held-out ones: steps survived, safe steps, reward, reward per cluster. Checkpoints after
 * every pass; `--resume <run folder>` continues a run.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { readDistributedCheckpoint } from "../effects/agents/distributed_checkpoint.ts";
import {
  DEFAULT_PASSES,
  DEFAULT_SCENARIOS,
  DISTRIBUTED_FLAGS,
  type DistributedConfig,
  environmentOf,
  ppoFromFlags,
  rewardFromFlags,
  splitScenarios,
} from "../effects/agents/distributed_config.ts";
import { runDistributed, type Start } from "../effects/agents/distributed_run.ts";
import { InputError, intFlag, numberFlag, parseFlags, runMain } from "../effects/cli.ts";
import { BUILT_IN_ENVIRONMENTS, type GridEnvironment } from "../effects/grid_environment.ts";
import { readDecomposition } from "../effects/io/decomposition_file.ts";
import { makeRunFolder } from "../effects/io/runs.ts";
import { setupTf } from "../effects/tf.ts";

/** The clusters file used when none is given (made by the command it records). */
const DEFAULT_CLUSTERS = "fixtures/case14/clusters.json";

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, DISTRIBUTED_FLAGS);
  const quiet = values.quiet === true;
  // Each learned team trains in its own worker when there are cores for them (same records).
  const workers = values.workers === undefined
    ? (navigator.hardwareConcurrency >= 2 ? 2 : 0)
    : intFlag(values, "workers", { min: 0, max: 2 });
  let folder: string, env: GridEnvironment, start: Start;
  if (typeof values.resume === "string") {
    const given = args.filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")[0]);
    const other = given.find((f) => !["resume", "quiet", "workers"].includes(f));
    if (other !== undefined) {
      throw new InputError(
        `--${other}: a resumed run keeps its own settings (only --workers and --quiet)`,
      );
    }
    folder = values.resume;
    start = await readDistributedCheckpoint(`${folder}/checkpoint.bin`);
    env = await environmentOf(start.config);
  } else {
    const builtIn = (BUILT_IN_ENVIRONMENTS as readonly string[]).includes(values.env as string);
    if (!builtIn && values.steps !== undefined) throw new InputError("--steps: only for case14");
    if (builtIn && values.scenarios === undefined) values.scenarios = String(DEFAULT_SCENARIOS);
    const steps = values.steps === undefined
      ? null
      : intFlag(values, "steps", { min: 2, max: 1e6 });
    const seed = intFlag(values, "seed", { min: 0, max: 2 ** 32 - 1 });
    const validation = numberFlag(values, "validation", { min: 0, max: 1 });
    const reward = rewardFromFlags(values);
    const ppo = ppoFromFlags(values);
    env = await environmentOf({ env: values.env as string, steps });
    const available = builtIn ? Infinity : env.scenarioIds.length;
    const count = values.scenarios === undefined
      ? available
      : intFlag(values, "scenarios", { min: 2, max: Math.min(available, 1e6) });
    const ids = builtIn
      ? Array.from({ length: count }, (_, i) => String(i))
      : env.scenarioIds.slice(0, count);
    const { train, heldOut } = splitScenarios(ids, validation, seed);
    const episodes = values.episodes === undefined
      ? DEFAULT_PASSES * train.length
      : intFlag(values, "episodes", { min: 1, max: 1e7 });
    const clustersFile = typeof values.clusters === "string"
      ? values.clusters
      : fileURLToPath(new URL(`../${DEFAULT_CLUSTERS}`, import.meta.url));
    const path = await Deno.stat(clustersFile).then((s) => s.isDirectory, () => false)
      ? `${clustersFile}/decomposition.json`
      : clustersFile;
    const { decomposition } = await readDecomposition(path, env.model.net);
    if (decomposition.clusters.length === 0) throw new InputError(`${path}: no cluster`);
    const config: DistributedConfig = {
      env: values.env as string,
      steps,
      train,
      heldOut,
      clustersFile: typeof values.clusters === "string" ? path : DEFAULT_CLUSTERS,
      decomposition,
      episodes,
      seed,
      reward,
      ppo,
    };
    const out = values.out as string | undefined;
    if (out !== undefined && await Deno.stat(`${out}/config.json`).then(() => true, () => false)) {
      throw new InputError(`--out: ${out} already holds a run (continue it with --resume ${out})`);
    }
    folder = await makeRunFolder("distributed", out);
    start = { config };
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
