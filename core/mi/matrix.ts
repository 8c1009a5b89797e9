/**
 * The MI matrix of a transition table: `MI[i][j]` = estimated mutual information between
 * target i and input j, optionally minus the same estimate after shuffling the target rows
 * (the research's bias correction, `MI - MI_shuffled`; the shuffle is a permutation given as
 * data). The work is a list of independent tasks, so the shell can spread them over workers
 * and put each result back by its index: the matrix never depends on scheduling.
 *
 * @example
 * ```ts
 * import { genFromSeed, permutation } from "../mod.ts";
 * import { defaultK, gaussianPair, rowCount, type TransitionTable } from "./mod.ts";
 *
 * const [x, y, g] = gaussianPair(genFromSeed(1), 1000, 0.8);
 * const table: TransitionTable = {
 *   targets: [{ name: "s'0", values: x }],
 *   inputs: [{ name: "s0", values: y }],
 * };
 * const options = { estimator: "mixed-ksg", k: defaultK(rowCount(table)) } as const;
 * const mi = miMatrix(table, options); // on this thread
 * const [perm] = permutation(g, rowCount(table));
 * const corrected = miMatrix(table, options, perm); // MI - MI_shuffled
 * ```
 * @module
 */
import { ksg, mixedKsg } from "./ksg.ts";
import { pluginMi } from "./plugin.ts";
import { rowCount, TransitionTable } from "./table.ts";

/** The estimators an MI matrix can use. */
export const estimators = ["mixed-ksg", "ksg", "plugin"] as const;
/** One of `estimators`. */
export type Estimator = typeof estimators[number];

/** How each entry is estimated. `k` is used by the KSG estimators. */
export interface MiOptions {
  readonly estimator: Estimator;
  readonly k: number;
}

/** One entry to compute: target i against input j, on shuffled target rows or not. */
export interface MiTask {
  readonly target: number;
  readonly input: number;
  readonly shuffled: boolean;
}

/** The estimated MI matrix with its labels; `raw` and `shuffled` when corrected by a shuffle. */
export interface MiMatrix {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** What clustering uses: `raw - shuffled` when a shuffle was given, else `raw`. */
  readonly values: readonly (readonly number[])[];
  readonly raw: readonly (readonly number[])[];
  readonly shuffled?: readonly (readonly number[])[];
}

/** The estimate of one pair of samples. */
export function estimate(x: ArrayLike<number>, y: ArrayLike<number>, options: MiOptions): number {
  switch (options.estimator) {
    case "mixed-ksg":
      return mixedKsg(x, y, options.k);
    case "ksg":
      return ksg(x, y, options.k);
    case "plugin":
      return pluginMi(x, y);
  }
}

/** `values` reordered by a permutation: out[r] = values[permutation[r]]. */
export function permuted(values: Float64Array, permutation: ArrayLike<number>): Float64Array {
  if (permutation.length !== values.length) {
    throw new RangeError(`permutation of ${permutation.length} rows for ${values.length} rows`);
  }
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) out[r] = values[permutation[r]];
  return out;
}

/** Every entry of the matrix, row by row, then (with a shuffle) their shuffled twins. */
export function miTasks(table: TransitionTable, shuffle: boolean): MiTask[] {
  const tasks: MiTask[] = [];
  for (const shuffled of shuffle ? [false, true] : [false]) {
    for (let target = 0; target < table.targets.length; target++) {
      for (let input = 0; input < table.inputs.length; input++) {
        tasks.push({ target, input, shuffled });
      }
    }
  }
  return tasks;
}

/** Computes one task; `permutation` is required for shuffled tasks. */
export function runTask(
  table: TransitionTable,
  task: MiTask,
  options: MiOptions,
  permutation?: ArrayLike<number>,
): number {
  const target = table.targets[task.target].values;
  if (task.shuffled && permutation === undefined) {
    throw new RangeError("a shuffled task needs the permutation");
  }
  const x = task.shuffled ? permuted(target, permutation!) : target;
  return estimate(x, table.inputs[task.input].values, options);
}

/** Puts task results (same order as `tasks`) into the labelled matrix. */
export function assembleMatrix(
  table: TransitionTable,
  tasks: readonly MiTask[],
  results: ArrayLike<number>,
): MiMatrix {
  const rows = table.targets.map((c) => c.name), cols = table.inputs.map((c) => c.name);
  const grid = () => rows.map(() => cols.map(() => NaN));
  const raw = grid();
  const shuffled = tasks.some((t) => t.shuffled) ? grid() : undefined;
  tasks.forEach((t, i) => {
    (t.shuffled ? shuffled! : raw)[t.target][t.input] = results[i];
  });
  const values = shuffled ? raw.map((row, i) => row.map((v, j) => v - shuffled[i][j])) : raw;
  return { rows, cols, values, raw, ...(shuffled ? { shuffled } : {}) };
}

/** The whole matrix on this thread (the shell's worker pool computes the same tasks). */
export function miMatrix(
  table: TransitionTable,
  options: MiOptions,
  permutation?: ArrayLike<number>,
): MiMatrix {
  rowCount(table);
  const tasks = miTasks(table, permutation !== undefined);
  return assembleMatrix(table, tasks, tasks.map((t) => runTask(table, t, options, permutation)));
}

/** Matrices over the same targets side by side (their columns concatenated, in order). */
export function joinColumns(matrices: readonly MiMatrix[]): MiMatrix {
  if (matrices.length === 0) throw new RangeError("joinColumns: no matrices");
  const rows = matrices[0].rows;
  for (const m of matrices) {
    if (m.rows.join("\n") !== rows.join("\n")) {
      throw new RangeError(
        `joinColumns: targets ${m.rows.join(",")} differ from ${rows.join(",")}`,
      );
    }
  }
  const join = (pick: (m: MiMatrix) => readonly (readonly number[])[]) =>
    rows.map((_, i) => matrices.flatMap((m) => pick(m)[i]));
  const shuffled = matrices.every((m) => m.shuffled !== undefined);
  if (!shuffled && matrices.some((m) => m.shuffled !== undefined)) {
    throw new RangeError("joinColumns: some matrices have a shuffled baseline and some do not");
  }
  return {
    rows,
    cols: matrices.flatMap((m) => m.cols),
    values: join((m) => m.values),
    raw: join((m) => m.raw),
    ...(shuffled ? { shuffled: join((m) => m.shuffled!) } : {}),
  };
}
