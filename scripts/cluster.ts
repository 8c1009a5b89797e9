/**
 * `deno task cluster`: MDP decomposition by mutual information (RESEARCH.md 1). Runs a
 * synthetic MDP under random actions, estimates the MI matrix of next-state variables
 * against state and action variables, clusters it over a sweep of quantile thresholds and
 * writes a run folder. With no flags: the copy environment of the research (n = 5, m = 3),
 * 100000 steps, seed 29, Mixed KSG with k = N/20, thresholds 0.70..0.94.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { firstRows, rowCount } from "../core/mi/table.ts";
import { defaultK } from "../core/mi/ksg.ts";
import { estimators } from "../core/mi/matrix.ts";
import { analyseTable, shufflePermutation } from "../effects/cluster/analyse.ts";
import { defaultWorkers } from "../effects/cluster/mi_pool.ts";
import { summaryLines, writeClusterRun } from "../effects/cluster/report.ts";
import { syntheticTransitions } from "../effects/cluster/synthetic.ts";
import { choiceFlag, InputError, intFlag, parseFlags, rangeFlag, runMain } from "../effects/cli.ts";
import { readMdpSpec } from "../effects/io/mdp_config.ts";
import { makeRunFolder } from "../effects/io/runs.ts";

const kinds = ["copy", "factored"] as const;

/** The most values (rows x columns) a run may record. */
const MAX_VALUES = 1e8;

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    env: { type: "string" },
    config: { type: "string" },
    seed: { type: "string", default: "29" },
    steps: { type: "string", default: "100000" },
    samples: { type: "string" },
    k: { type: "string" },
    estimator: { type: "string", default: "mixed-ksg" },
    thresholds: { type: "string", default: "0.7:0.94:0.01" },
    "shuffle-baseline": { type: "boolean", default: false },
    workers: { type: "string" },
    out: { type: "string" },
    quiet: { type: "boolean", default: false },
  });
  // Check every flag and the config before anything is written.
  const env = values.env === undefined ? undefined : choiceFlag(values, "env", kinds);
  const seed = intFlag(values, "seed", { min: 0, max: 2 ** 32 - 1 });
  const steps = intFlag(values, "steps", { min: 2 });
  const samples = values.samples === undefined
    ? steps
    : intFlag(values, "samples", { min: 2, max: steps });
  const k = values.k === undefined
    ? defaultK(samples)
    : intFlag(values, "k", { min: 1, max: samples - 1 });
  const estimator = choiceFlag(values, "estimator", estimators);
  const thresholds = rangeFlag(values, "thresholds", { min: 0, max: 1 });
  const workers = values.workers === undefined
    ? defaultWorkers()
    : intFlag(values, "workers", { min: 1, max: 256 });
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
  const { table, planted } = syntheticTransitions(mdp, seed, steps);
  const rows = firstRows(table, samples);
  const analysis = await analyseTable(rows, {
    estimator,
    k,
    thresholds,
    workers,
    shuffle: shuffleBaseline ? shufflePermutation(seed, rowCount(rows)) : undefined,
    planted,
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
