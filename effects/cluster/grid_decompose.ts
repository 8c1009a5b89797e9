/**
 * The decomposition of a power grid (docs/research.md 1d), end to end: for each substation with
 * more than 3 elements (and at least one unitary topology), the random topology agent's rows
 * (grid_collect.ts); one table per substation, each line's rho(t+1) against the substation's
 * action code; the Mixed KSG matrix lines x substations with each table's shuffled baseline
 * subtracted (k = floor(rows / 20) per table unless given); the clustering sweep; and the
 * representative threshold's components read as agents' clusters. Then the run folder: the
 * cluster job's usual files plus `decomposition.json` (the clusters file),
 * `collection.json` (what was collected per substation) and `clusters_grid.svg`.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../mod.ts";
 * import { makeRunFolder } from "../io/mod.ts";
 *
 * const config = { env: "case14", seed: 29, episodes: 100, samples: 1000 };
 * const env = await loadGrid("case14");
 * const run = await decomposeGrid(env, {
 *   ...config,
 *   load: {},
 *   thresholds: [0.7],
 *   workers: 2,
 *   estimator: "mixed-ksg",
 * });
 * for (const line of decompositionLines(env, run.decomposition)) console.log(line);
 * const folder = await makeRunFolder("cluster");
 * await writeGridRun(folder, config, env, run);
 * ```
 * @module
 */
import { join } from "node:path";
import { actionableSubstations } from "../../core/agents/mod.ts";
import { gridClusters, GridDecomposition, topologyTable } from "../../core/cluster/mod.ts";
import { unitaryTopologiesSet } from "../../core/grid/env/mod.ts";
import { defaultK, Estimator } from "../../core/mi/mod.ts";
import { InputError } from "../errors.ts";
import { LoadedGrid, LoadOptions } from "../grids.ts";
import { decompositionFile, writeAtomic, writeJson } from "../io/mod.ts";
import { clusterPicture, hasLayout, progress } from "../report/mod.ts";
import { analyseBlocks, Analysis, shufflePermutation } from "./analyse.ts";
import { type Collector, collectTopologyRows, SubstationRows } from "./grid_collect.ts";
import { writeClusterRun } from "./report.ts";

/** How to decompose. */
export interface GridDecomposeOptions {
  /** What the workers load: "case14" or the grid2op folder, with `load`. */
  readonly env: string;
  readonly load: LoadOptions;
  readonly seed: number;
  readonly episodes: number;
  readonly samples: number;
  readonly thresholds: readonly number[];
  readonly workers: number;
  readonly estimator: Estimator;
  /** Neighbours of the KSG estimators (default floor(rows / 20) per substation). */
  readonly k?: number;
  readonly quiet?: boolean;
  /** Who collects the rows (default: a worker pool here; `remote.ts`: workers over Redis). */
  readonly collect?: Collector;
}

/** The result: the rows' summary, the MI analysis and the clusters. */
export interface GridRun {
  readonly subs: readonly number[];
  readonly topologies: readonly number[];
  readonly collected: readonly SubstationRows[];
  readonly ks: readonly number[];
  readonly analysis: Analysis;
  readonly decomposition: GridDecomposition;
}

/** Fewest rows a substation needs (k = floor(rows / 20) must be at least 1). */
const MIN_ROWS = 20;

/** Collects, estimates and clusters. */
export async function decomposeGrid(
  env: LoadedGrid,
  options: GridDecomposeOptions,
): Promise<GridRun> {
  const { net, index } = env.model;
  const subs = actionableSubstations(net).filter((s) => unitaryTopologiesSet(index, s).length > 0);
  if (subs.length === 0) {
    throw new InputError(`${env.name}: no substation has more than 3 elements`);
  }
  const topologies = subs.map((s) => unitaryTopologiesSet(index, s).length);
  const bar = progress("episodes", options.episodes, options.quiet);
  const collect = options.collect ?? collectTopologyRows;
  const collected = await collect({
    env: options.env,
    load: options.load,
    seed: options.seed,
    subs,
    episodes: options.episodes,
    samples: options.samples,
    workers: options.workers,
    onEpisode: () => bar.tick(),
  });
  bar.done();
  for (const c of collected) {
    const least = Math.max(MIN_ROWS, (options.k ?? 0) + 1);
    if (c.rows < least) {
      throw new InputError(
        `--episodes: ${net.sub.name[c.sub]} gave ${c.rows} rows in ${c.episodes} episodes, ` +
          `fewer than the ${least} the estimator needs; play more episodes`,
      );
    }
  }
  const ks = collected.map((c) => options.k ?? defaultK(c.rows));
  const blocks = collected.map((c, i) => ({
    table: topologyTable(net.line.name, net.sub.name[c.sub], c.rows, c.rhoNext, c.code),
    options: { estimator: options.estimator, k: ks[i] },
    permutation: shufflePermutation(options.seed, c.rows, `shuffle:${c.sub}`),
  }));
  const analysis = await analyseBlocks(blocks, options);
  const lines = net.line.name.map((_, l) => l);
  const decomposition = gridClusters(analysis.representative.clusters, lines, subs);
  return { subs, topologies, collected, ks, analysis, decomposition };
}

/** The clusters as printed: one line per cluster, then the lines no cluster watches. */
export function decompositionLines(env: LoadedGrid, d: GridDecomposition): string[] {
  const { net } = env.model;
  const out = d.clusters.map((c, k) =>
    `cluster ${k + 1}: substations ${c.substations.map((s) => net.sub.name[s]).join(", ")}; ` +
    `lines ${c.lines.map((l) => `${l} (${net.line.name[l]})`).join(", ")}`
  );
  if (d.unassignedLines.length > 0) {
    out.push(`lines in no cluster: ${d.unassignedLines.join(", ")}`);
  }
  return out;
}

/** Writes the cluster job's files and the grid's own; returns the file names. */
export async function writeGridRun(
  folder: string,
  config: unknown,
  env: LoadedGrid,
  run: GridRun,
  command?: string,
): Promise<string[]> {
  const { net } = env.model;
  const files = await writeClusterRun(folder, config, run.analysis);
  const threshold = run.analysis.representative.threshold;
  await writeJson(
    join(folder, "decomposition.json"),
    decompositionFile(env.name, net, threshold, run.decomposition, command),
  );
  await writeJson(join(folder, "collection.json"), {
    substations: run.collected.map((c, i) => ({
      substation: c.sub,
      name: net.sub.name[c.sub],
      elements: net.layout.subInfo[c.sub],
      topologies: run.topologies[i],
      rows: c.rows,
      k: run.ks[i],
      episodes: c.episodes,
      gameOvers: c.gameOvers,
      steps: c.steps,
    })),
  });
  files.push("decomposition.json", "collection.json");
  if (hasLayout(net)) {
    const title = `${env.name}: ${run.decomposition.clusters.length} clusters at quantile ` +
      `${threshold}`;
    await writeAtomic(
      join(folder, "clusters_grid.svg"),
      clusterPicture(net, run.decomposition.clusters, title),
    );
    files.push("clusters_grid.svg");
  }
  return files;
}
