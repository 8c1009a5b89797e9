/**
 * `deno task cluster`: MDP decomposition by mutual information (docs/research.md 1). On a synthetic
 * MDP (`--env copy|factored`, or `--config`): runs it under random actions, estimates the MI
 * matrix of next-state variables against state and action variables, clusters it over a sweep
 * of quantile thresholds and writes a run folder. With no flags: the copy environment of the
 * research (n = 5, m = 3), 100000 steps, seed 29, Mixed KSG with k = N/20, thresholds
 * 0.70..0.94. On a power grid (`--env case14` or a grid2op folder, docs/research.md 1d): random
 * topology agents per substation, each line's next rho against each substation's action minus
 * the shuffled baseline, quantile 0.7, and the clusters file `deno task distributed` reads.
 * With `--redis`, a grid's episodes are jobs over Redis played by `deno task worker` anywhere
 * (docs/redis.md).
 *
 * @module
 */
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultK, estimators } from "../core/mi/mod.ts";
import {
  collectOverRedis,
  decomposeGrid,
  decomposeSynthetic,
  decompositionLines,
  defaultWorkers,
  summaryLines,
  writeClusterRun,
  writeGridRun,
} from "../effects/cluster/mod.ts";
import {
  BUILT_IN_GRIDS,
  choiceFlag,
  type FlagSpec,
  FlagValues,
  InputError,
  intFlag,
  loadGrid,
  parseFlags,
  rangeFlag,
  runMain,
} from "../effects/mod.ts";
import { makeRunFolder, readMdpSpec, runFolderPath } from "../effects/io/mod.ts";
import { redisFlag, redisFromFlags, redisWaitFlag } from "../effects/redis/mod.ts";

const kinds = ["copy", "factored"] as const;

/** The most values (rows x columns) a synthetic run may record. */
const MAX_VALUES = 1e8;

/** Grid defaults: the research's published settings (docs/research.md 1d). */
const GRID_DEFAULTS = { episodes: "1000", samples: "50000", thresholds: "0.7" };
/** Synthetic defaults: the research's copy environment run (docs/research.md 1a). */
const SYNTHETIC_DEFAULTS = { steps: "100000", thresholds: "0.7:0.94:0.01" };

/** Flags that only one kind of run reads. */
const SYNTHETIC_ONLY = ["config", "steps", "shuffle-baseline"];
const GRID_ONLY = ["episodes", "redis", "redis-wait"];

const usage = {
  task: "cluster",
  summary: "Decomposes a synthetic MDP or a grid by mutual information " +
    '(README "MDP decomposition" and "Decomposing the grid").',
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  env: {
    type: "string",
    arg: `${kinds.join("|")}|${BUILT_IN_GRIDS.join("|")}|folder`,
    help: "a synthetic MDP, or a grid: built in or a grid2op folder",
    shownDefault: "copy",
  },
  config: { type: "string", arg: "file.json", help: "synthetic: the MDP's spec file" },
  seed: { type: "string", default: "29", arg: "N", help: "run seed" },
  steps: {
    type: "string",
    arg: "N",
    help: "synthetic: steps under random actions",
    shownDefault: SYNTHETIC_DEFAULTS.steps,
  },
  episodes: {
    type: "string",
    arg: "N",
    help: "grid: episodes of random topology agents per substation",
    shownDefault: GRID_DEFAULTS.episodes,
  },
  samples: {
    type: "string",
    arg: "N",
    help: "rows the MI is estimated on",
    shownDefault: `every step; grid ${GRID_DEFAULTS.samples} per substation`,
  },
  k: {
    type: "string",
    arg: "N",
    help: "neighbours of the KSG estimators",
    shownDefault: "rows/20",
  },
  estimator: {
    type: "string",
    default: "mixed-ksg",
    arg: estimators.join("|"),
    help: "MI estimator",
  },
  thresholds: {
    type: "string",
    arg: "start:stop:step|a,b",
    help: "quantile thresholds of the clustering",
    shownDefault: `${SYNTHETIC_DEFAULTS.thresholds}; grid ${GRID_DEFAULTS.thresholds}`,
  },
  "shuffle-baseline": {
    type: "boolean",
    help: "synthetic: subtract the MI of shuffled rows (a grid always does)",
  },
  workers: { type: "string", arg: "N", help: "worker threads", shownDefault: "one per core" },
  redis: redisFlag("grid: play the episodes as jobs (deno task worker)"),
  "redis-wait": redisWaitFlag,
  out: { type: "string", arg: "folder", help: "run folder", shownDefault: "runs/cluster-<time>" },
  quiet: { type: "boolean", default: false, help: "no progress bars" },
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  const env = values.env;
  const grid = typeof env === "string" && !(kinds as readonly string[]).includes(env);
  const misplaced = (grid ? SYNTHETIC_ONLY : GRID_ONLY).find((f) => values[f] !== undefined);
  if (misplaced !== undefined) {
    throw new InputError(
      `--${misplaced}: only for ${grid ? "synthetic MDPs (--env copy|factored)" : "grids"}`,
    );
  }
  if (grid) await gridRun(env as string, values);
  else await syntheticRun(values);
}

/** The grid's decomposition (docs/research.md 1d). */
async function gridRun(env: string, values: FlagValues): Promise<void> {
  if (
    !(BUILT_IN_GRIDS as readonly string[]).includes(env) &&
    !(await Deno.stat(env).then((s) => s.isDirectory, () => false))
  ) {
    throw new InputError(
      `--env: "${env}" is not ${kinds.join(", ")}, ${BUILT_IN_GRIDS.join(", ")} ` +
        `or a grid2op environment folder`,
    );
  }
  const flags = { ...GRID_DEFAULTS, ...values } as FlagValues;
  const seed = intFlag(flags, "seed", { min: 0, max: 2 ** 32 - 1 });
  const episodes = intFlag(flags, "episodes", { min: 1, max: 1e6 });
  const samples = intFlag(flags, "samples", { min: 20, max: 1e6 });
  const k = values.k === undefined ? undefined : intFlag(flags, "k", { min: 1, max: samples - 1 });
  const estimator = choiceFlag(flags, "estimator", estimators);
  const thresholds = rangeFlag(flags, "thresholds", { min: 0, max: 1 });
  const workers = values.workers === undefined
    ? defaultWorkers()
    : intFlag(flags, "workers", { min: 1, max: 256 });
  const quiet = values.quiet === true;
  const environment = await loadGrid(env);
  // Named now, created only once collected: a budget too small for the estimator is found then.
  const out = runFolderPath("cluster", values.out as string | undefined);
  const redis = await redisFromFlags(values);
  const job = basename(out);
  if (redis !== null) {
    console.log(
      `job ${job} on Redis ${redis.address}: start workers with ` +
        `deno task worker --redis ${values.redis} --job ${job}`,
    );
  }

  const run = await decomposeGrid(environment, {
    env,
    load: {},
    seed,
    episodes,
    samples,
    thresholds,
    workers,
    estimator,
    k,
    quiet,
    ...(redis !== null && { collect: collectOverRedis(redis, job) }),
  }).finally(() => redis?.close());
  const config = {
    job: "cluster",
    env: environment.name,
    source: env,
    seed,
    episodes,
    samples,
    k: k ?? "floor(rows / 20) per substation",
    estimator,
    thresholds,
    shuffleBaseline: true,
    substations: run.subs.map((s) => environment.model.net.sub.name[s]),
  };
  const command = `deno task cluster --env ${env} --seed ${seed} --episodes ${episodes} ` +
    `--samples ${samples}${k === undefined ? "" : ` --k ${k}`} --estimator ${estimator} ` +
    `--thresholds ${run.analysis.representative.threshold}`;
  const folder = await makeRunFolder("cluster", out);
  const files = await writeGridRun(folder, config, environment, run, command);
  console.log(
    `cluster: ${environment.name}, random topology agents on ${run.subs.length} substations, ` +
      `${episodes} episodes and ${samples} rows at most each, seed ${seed}; ${estimator} minus ` +
      `the shuffled baseline, ${workers} workers`,
  );
  for (const c of run.collected) {
    console.log(
      `  ${environment.model.net.sub.name[c.sub]}: ${c.rows} rows from ${c.episodes} episodes ` +
        `(${c.gameOvers} ended in a game over)`,
    );
  }
  for (const line of summaryLines(run.analysis)) console.log(line);
  for (const line of decompositionLines(environment, run.decomposition)) console.log(line);
  console.log(`wrote ${files.length} files to ${folder} (clusters file: decomposition.json)`);
}

/** A synthetic MDP's decomposition (docs/research.md 1a-1c). */
async function syntheticRun(values: FlagValues): Promise<void> {
  const flags = { ...SYNTHETIC_DEFAULTS, ...values } as FlagValues;
  const env = values.env === undefined ? undefined : choiceFlag(values, "env", kinds);
  const seed = intFlag(flags, "seed", { min: 0, max: 2 ** 32 - 1 });
  const steps = intFlag(flags, "steps", { min: 2 });
  const samples = values.samples === undefined
    ? steps
    : intFlag(flags, "samples", { min: 2, max: steps });
  const k = values.k === undefined
    ? defaultK(samples)
    : intFlag(flags, "k", { min: 1, max: samples - 1 });
  const estimator = choiceFlag(flags, "estimator", estimators);
  const thresholds = rangeFlag(flags, "thresholds", { min: 0, max: 1 });
  const workers = values.workers === undefined
    ? defaultWorkers()
    : intFlag(flags, "workers", { min: 1, max: 256 });
  const source = typeof values.config === "string"
    ? values.config
    : `fixtures/cluster/${env ?? "copy"}.json`;
  const path = typeof values.config === "string"
    ? values.config
    : fileURLToPath(new URL(`../${source}`, import.meta.url));
  const mdp = await readMdpSpec(path);
  if (env !== undefined && mdp.kind !== env) {
    throw new InputError(`--env ${env} disagrees with ${source}, a ${mdp.kind} MDP`);
  }
  const columns = 2 * mdp.n + mdp.m;
  if (steps * columns > MAX_VALUES) {
    throw new InputError(
      `--steps: ${steps} steps of ${columns} columns exceed ${MAX_VALUES} values`,
    );
  }
  const shuffleBaseline = values["shuffle-baseline"] === true;
  const quiet = values.quiet === true;

  const folder = await makeRunFolder("cluster", values.out as string | undefined);
  const analysis = await decomposeSynthetic(mdp, {
    seed,
    steps,
    samples,
    estimator,
    k,
    thresholds,
    workers,
    shuffleBaseline,
    quiet,
  });
  const config = {
    job: "cluster",
    env: mdp.kind,
    source,
    mdp,
    seed,
    steps,
    samples,
    k,
    estimator,
    thresholds,
    shuffleBaseline,
  };
  const files = await writeClusterRun(folder, config, analysis);
  console.log(
    `cluster: ${mdp.kind} MDP (${source}), ${steps} steps, seed ${seed}; ${estimator} on ` +
      `${samples} rows, k = ${k}${shuffleBaseline ? ", minus the shuffled baseline" : ""}, ` +
      `${workers} workers`,
  );
  for (const line of summaryLines(analysis)) console.log(line);
  console.log(`wrote ${files.length} files to ${folder}`);
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
