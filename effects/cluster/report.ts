/**
 * The cluster job's run folder: the resolved config, the MI matrix as JSON and CSV (with
 * row and column labels), the clusters at every threshold, and SVG pictures (the MI heat
 * map, the binarised matrix reordered into its blocks at the representative threshold, the
 * number of clusters and the score per threshold). Nothing time-dependent is written, so the
 * same seed gives the same bytes.
 *
 * @example
 * ```ts
 * import { decomposeSynthetic } from "./synthetic.ts";
 * import { makeRunFolder } from "../io/mod.ts";
 * import type { MdpSpec } from "../../core/mdp/mod.ts";
 *
 * const spec: MdpSpec = {
 *   kind: "copy",
 *   n: 2,
 *   m: 1,
 *   stateValues: 2,
 *   actionValues: 2,
 *   relation: [[1, 0, 1], [0, 1, 0]],
 * };
 * const config = { seed: 29, steps: 10000, samples: 10000, estimator: "mixed-ksg", k: 500 } as const;
 * const analysis = await decomposeSynthetic(spec, {
 *   ...config,
 *   thresholds: [0.7, 0.8],
 *   workers: 2,
 *   shuffleBaseline: false,
 * });
 * const folder = await makeRunFolder("cluster");
 * await writeClusterRun(folder, { mdp: spec, ...config }, analysis);
 * console.log(summaryLines(analysis).join("\n"));
 * ```
 * @module
 */
import { join } from "node:path";
import { blockOrder, Cluster, SweepStep } from "../../core/cluster/mod.ts";
import { MiMatrix } from "../../core/mi/mod.ts";
import { writeAtomic, writeJson } from "../io/mod.ts";
import { heatmap, lineChart } from "../report/mod.ts";
import { Analysis } from "./analyse.ts";

/** A cluster with its members' names. */
interface NamedCluster {
  targets: string[];
  inputs: string[];
}

function named(c: Cluster, mi: MiMatrix): NamedCluster {
  return { targets: c.targets.map((i) => mi.rows[i]), inputs: c.inputs.map((j) => mi.cols[j]) };
}

/** The matrix as CSV: a header of input names, one line per target. */
function matrixCsv(mi: MiMatrix, values = mi.values): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [["target", ...mi.cols].map(quote).join(",")];
  values.forEach((row, i) => lines.push([quote(mi.rows[i]), ...row.map(String)].join(",")));
  return lines.join("\n") + "\n";
}

/** `a{b,c}` style text of a cluster, for the summary. */
function clusterText(c: NamedCluster): string {
  return `{${c.targets.join(",")} | ${c.inputs.join(",")}}`;
}

/** Thresholds as ranges of consecutive sweep entries: "0.7..0.74, 0.8". */
function ranges(all: readonly number[], chosen: readonly number[]): string {
  const parts: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length) parts.push(run.length > 1 ? `${run[0]}..${run[run.length - 1]}` : `${run[0]}`);
    run = [];
  };
  for (const t of all) {
    if (chosen.includes(t)) run.push(t);
    else flush();
  }
  flush();
  return parts.join(", ");
}

/** The printed summary: matrix size, recovery range, the representative clustering. */
export function summaryLines(analysis: Analysis): string[] {
  const { mi, steps, representative: rep } = analysis;
  const thresholds = steps.map((s) => s.threshold);
  const lines = [`MI matrix: ${mi.rows.length} targets x ${mi.cols.length} inputs`];
  if (analysis.planted) {
    const planted = analysis.planted.map((c) => clusterText(named(c, mi))).join(" ");
    lines.push(`planted blocks: ${planted}`);
    lines.push(
      analysis.recovered.length
        ? `recovered exactly at thresholds ${ranges(thresholds, analysis.recovered)} ` +
          `(${analysis.recovered.length} of ${steps.length})`
        : `not recovered exactly at any of ${steps.length} thresholds ` +
          `(best adjusted Rand index ${Math.max(...steps.map((s) => s.ari ?? 0)).toFixed(3)})`,
    );
  }
  lines.push(
    `threshold ${rep.threshold}: ${rep.clusters.length} clusters ` +
      rep.clusters.map((c) => clusterText(named(c, mi))).join(" "),
  );
  return lines;
}

/**
 * A clustering's matrix reordered into its blocks, a red line between blocks: the binarised
 * matrix (`blocks.svg`), or with `values` the MI itself, so one sees what the cut kept.
 */
export function blocksPicture(
  mi: Pick<MiMatrix, "rows" | "cols">,
  step: Pick<SweepStep, "threshold" | "binary" | "clusters">,
  values?: readonly (readonly number[])[],
): string {
  const order = blockOrder(step.clusters);
  const source = values ?? step.binary;
  return heatmap({
    title: `${values ? "MI " : ""}binarised at quantile ${step.threshold}, ` +
      `${step.clusters.length} clusters`,
    values: order.rowOrder.map((i) => order.colOrder.map((j) => source[i][j])),
    rows: order.rowOrder.map((i) => mi.rows[i]),
    cols: order.colOrder.map((j) => mi.cols[j]),
    rowBreaks: order.rowBreaks,
    colBreaks: order.colBreaks,
    annotate: false,
    ...(values ? {} : { min: 0, max: 1 }),
  });
}

/** Writes every output file of the job into `folder`; returns their names. */
export async function writeClusterRun(
  folder: string,
  config: unknown,
  analysis: Analysis,
): Promise<string[]> {
  const { mi, steps, planted, representative: rep } = analysis;
  // Text files are written as they are, anything else as JSON.
  const files: [string, unknown][] = [];
  files.push(["config.json", config]);
  files.push(["mi.json", {
    rows: mi.rows,
    cols: mi.cols,
    values: mi.values,
    ...(mi.shuffled ? { raw: mi.raw, shuffled: mi.shuffled } : {}),
  }]);
  files.push(["mi.csv", matrixCsv(mi)]);
  if (mi.shuffled) {
    files.push(["mi_raw.csv", matrixCsv(mi, mi.raw)]);
    files.push(["mi_shuffled.csv", matrixCsv(mi, mi.shuffled)]);
  }
  files.push(["clusters.json", {
    ...(planted
      ? { planted: planted.map((c) => named(c, mi)), recovered: analysis.recovered }
      : {}),
    representative: rep.threshold,
    thresholds: steps.map((s) => ({
      threshold: s.threshold,
      clusters: s.clusters.map((c) => named(c, mi)),
      ...(s.ari !== undefined ? { ari: s.ari, exact: s.exact } : {}),
      binary: s.binary,
    })),
  }]);
  const what = mi.shuffled ? "MI - MI(shuffled targets)" : "MI";
  files.push([
    "mi.svg",
    heatmap({
      title: `${what} (nats): targets x inputs`,
      values: mi.values,
      rows: mi.rows,
      cols: mi.cols,
    }),
  ]);
  files.push(["blocks.svg", blocksPicture(mi, rep)]);
  const x = steps.map((s) => s.threshold);
  files.push([
    "sweep.svg",
    lineChart({
      title: "clusters per threshold",
      xLabel: "quantile threshold",
      yLabel: "clusters",
      series: [
        { name: "clusters found", x, y: steps.map((s) => s.clusters.length) },
        ...(planted ? [{ name: "planted blocks", x, y: x.map(() => planted.length) }] : []),
      ],
    }),
  ]);
  if (planted) {
    files.push([
      "ari.svg",
      lineChart({
        title: "adjusted Rand index against the planted blocks",
        xLabel: "quantile threshold",
        yLabel: "adjusted Rand index",
        series: [{ name: "ARI", x, y: steps.map((s) => s.ari ?? NaN) }],
      }),
    ]);
  }
  for (const [name, content] of files) {
    const path = join(folder, name);
    if (typeof content === "string") await writeAtomic(path, content);
    else await writeJson(path, content);
  }
  return files.map(([name]) => name);
}
