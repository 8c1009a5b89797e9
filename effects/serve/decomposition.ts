/**
 * A decomposition run (`deno task cluster`) at any quantile threshold, for the viewer's slider:
 * the MI matrix of `mi.json` binarised and cut into clusters by the same core functions the job
 * used, its block pictures, and for a grid run the clusters drawn on the grid's layout.
 *
 * @example
 * ```ts
 * import { decompositionAt, readDecompositionRun } from "./decomposition.ts";
 * const run = await readDecompositionRun("runs/cl", "cl");
 * const view = decompositionAt(run, 0.8); // clusters at quantile 0.8
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { decode, readCase } from "../io/mod.ts";
import { blocksPicture } from "../cluster/mod.ts";
import { clusterPicture, hasLayout } from "../report/mod.ts";
import { gridClusters, GridDecomposition, sweep, SweepStep } from "../../core/cluster/mod.ts";
import { Network } from "../../core/grid/mod.ts";
import { readJsonCached } from "./json_cache.ts";
import { HttpError } from "./http_error.ts";

const MiFile = t.type({
  rows: t.array(t.string),
  cols: t.array(t.string),
  values: t.array(t.array(t.number)),
});
const ClustersFile = t.type({
  representative: t.number,
  thresholds: t.array(t.type({ threshold: t.number })),
});
const ConfigFile = t.partial({ env: t.string, source: t.string });

/** What the viewer needs of a decomposition run. */
export interface DecompositionRun {
  readonly mi: t.TypeOf<typeof MiFile>;
  /** The thresholds the job swept and the one it pictured. */
  readonly thresholds: readonly number[];
  readonly representative: number;
  /** A grid run's network (with a layout), with each MI row's line and column's substation. */
  readonly grid: { net: Network; lineOf: number[]; subOf: number[] } | null;
}

/** Reads `mi.json`, `clusters.json` and, for a grid run, its network. */
export async function readDecompositionRun(folder: string, id: string): Promise<DecompositionRun> {
  const read = async <A>(name: string, codec: t.Type<A, unknown, unknown>) =>
    decode(codec, await readJsonCached(join(folder, name), `${id}/${name}`), `${id}/${name}`);
  const mi = await read("mi.json", MiFile);
  mi.values.forEach((row, i) => {
    if (row.length !== mi.cols.length) {
      throw new InputError(
        `${id}/mi.json: values.${i}: ${row.length} values for ${mi.cols.length} cols`,
      );
    }
  });
  if (mi.values.length !== mi.rows.length) {
    throw new InputError(
      `${id}/mi.json: ${mi.values.length} rows of values for ${mi.rows.length} rows`,
    );
  }
  const clusters = await read("clusters.json", ClustersFile);
  let grid: DecompositionRun["grid"] = null;
  const config = await read("config.json", ConfigFile).catch(
    () => ({} as t.TypeOf<typeof ConfigFile>),
  );
  const source = config.source ?? config.env;
  if (source !== undefined) {
    // Synthetic MDPs (copy, factored) are no network: readCase refuses them and there is no grid.
    const net = await readCase(source).then((c) => c.net, () => null);
    if (net !== null && hasLayout(net)) {
      const lineOf = mi.rows.map((r) => net.line.name.indexOf(r));
      const subOf = mi.cols.map((c) => net.sub.name.indexOf(c));
      if (!lineOf.includes(-1) && !subOf.includes(-1)) grid = { net, lineOf, subOf };
    }
  }
  return {
    mi,
    thresholds: clusters.thresholds.map((s) => s.threshold),
    representative: clusters.representative,
    grid,
  };
}

/** The clustering at quantile `q`, named, with the grid's clusters for a grid run. */
export interface DecompositionView {
  readonly threshold: number;
  readonly step: SweepStep;
  readonly clusters: readonly { targets: string[]; inputs: string[] }[];
  readonly grid: GridDecomposition | null;
}

/** Parses a threshold from a query (default: the run's representative one). */
export function thresholdParam(value: string | null, run: DecompositionRun): number {
  if (value === null) return run.representative;
  const q = Number(value);
  if (value.trim() === "" || !(q >= 0 && q <= 1)) {
    throw new HttpError(400, `threshold "${value}": expected a number in [0, 1]`);
  }
  return q;
}

/** The decomposition at quantile `q`. */
export function decompositionAt(run: DecompositionRun, q: number): DecompositionView {
  const [step] = sweep(run.mi.values, [q]);
  return {
    threshold: q,
    step,
    clusters: step.clusters.map((c) => ({
      targets: c.targets.map((i) => run.mi.rows[i]),
      inputs: c.inputs.map((j) => run.mi.cols[j]),
    })),
    grid: run.grid && gridClusters(step.clusters, run.grid.lineOf, run.grid.subOf),
  };
}

/** The MI matrix (or with `binary` the binarised one) in the blocks of `view`. */
export function blocksSvg(run: DecompositionRun, view: DecompositionView, binary: boolean): string {
  return blocksPicture(run.mi, view.step, binary ? undefined : run.mi.values);
}

/** The clusters of `view` on the grid's layout; 404 for a run that is not on a grid. */
export function clustersSvg(run: DecompositionRun, view: DecompositionView): string {
  if (run.grid === null || view.grid === null) {
    throw new HttpError(404, "not a grid decomposition: no clusters to draw on a grid");
  }
  return clusterPicture(
    run.grid.net,
    view.grid.clusters,
    `${run.grid.net.name}: ${view.grid.clusters.length} clusters at quantile ${view.threshold}`,
  );
}
