/**
 * A transition table as the MI matrix sees it: named target columns (what happens next, e.g.
 * s'_i or a line's rho(t+1)) and named input columns (what the agent saw and did, e.g. s_j,
 * a_j or a substation's action code), one row per recorded step. It says nothing about where
 * the rows came from, so synthetic MDPs and the power grid feed the same MI and clustering.
 *
 * @example
 * ```ts
 * const table: TransitionTable = {
 *   targets: [{ name: "s'0", values: Float64Array.from([0, 1, 1]) }],
 *   inputs: [{ name: "a0", values: Float64Array.from([1, 1, 0]) }],
 * };
 * rowCount(table); // 3
 * ```
 * @module
 */

/** One named variable, one value per row. */
export interface Column {
  readonly name: string;
  readonly values: Float64Array;
}

/** Targets and inputs over the same rows. */
export interface TransitionTable {
  readonly targets: readonly Column[];
  readonly inputs: readonly Column[];
}

/** The number of rows; throws when columns disagree or a value is not finite. */
export function rowCount(table: TransitionTable): number {
  const columns = [...table.targets, ...table.inputs];
  if (columns.length === 0) throw new RangeError("transition table: no columns");
  const n = columns[0].values.length;
  for (const c of columns) {
    if (c.values.length !== n) {
      throw new RangeError(
        `transition table: column ${c.name} has ${c.values.length} rows, not ${n}`,
      );
    }
    if (!c.values.every(Number.isFinite)) {
      throw new RangeError(`transition table: column ${c.name} holds a value that is not finite`);
    }
  }
  return n;
}

/** The first `rows` rows of every column (views, no copy). */
export function firstRows(table: TransitionTable, rows: number): TransitionTable {
  const cut = (c: Column): Column => ({ name: c.name, values: c.values.subarray(0, rows) });
  return { targets: table.targets.map(cut), inputs: table.inputs.map(cut) };
}
