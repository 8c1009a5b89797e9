/**
 * Learning curves from a run's JSON-lines log (MuZero's `metrics.jsonl`, the distributed job's
 * `train.jsonl` / `eval.jsonl` / `updates.jsonl`): every numeric field is a curve against the
 * log's progress field (training steps, episode, ...; else the row number), one curve per team
 * or agent when the rows name one.
 *
 * @example
 * ```ts
 * import { curves } from "./curves.ts";
 * const c = curves([{ round: 0, loss: 2 }, { round: 1, loss: 1.5 }]);
 * // c.x === "round", c.series: [{ group: null, field: "loss", x: [0, 1], y: [2, 1.5] }]
 * ```
 * @module
 */

/** One curve: a field of the rows of one group. */
export interface Curve {
  readonly group: string | null;
  readonly field: string;
  readonly x: number[];
  readonly y: (number | null)[];
}

/** Every curve of a log, with the field on the x axis and the one rows are grouped by. */
export interface Curves {
  readonly x: string;
  readonly groupBy: string | null;
  readonly fields: readonly string[];
  readonly series: readonly Curve[];
}

/** Progress fields, the first one the rows have is the x axis. */
const X_FIELDS = ["trainingSteps", "episode", "trained", "round", "evaluation", "step", "scenario"];
/** Fields that name who a row is about. */
const GROUP_FIELDS = ["team", "agent"];

type Row = Record<string, unknown>;
const isRow = (r: unknown): r is Row => r !== null && typeof r === "object" && !Array.isArray(r);

/** The curves of `rows` (rows that are not objects are left out). */
export function curves(rows: readonly unknown[]): Curves {
  const objects = rows.filter(isRow);
  const x = X_FIELDS.find((f) => objects.some((r) => typeof r[f] === "number")) ?? "row";
  const groupBy = GROUP_FIELDS.find((f) => objects.some((r) => typeof r[f] === "string")) ?? null;
  const fields: string[] = [];
  for (const r of objects) {
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "number" && k !== x && !fields.includes(k)) fields.push(k);
    }
  }
  const groups = new Map<string | null, Row[]>();
  objects.forEach((r, i) => {
    const g = groupBy === null ? null : String(r[groupBy] ?? "");
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(x === "row" ? { ...r, row: i } : r);
  });
  const series: Curve[] = [];
  for (const field of fields) {
    for (const [group, members] of groups) {
      const kept = members.filter((r) => typeof r[x] === "number");
      if (!kept.some((r) => typeof r[field] === "number")) continue;
      series.push({
        group,
        field,
        x: kept.map((r) => r[x] as number),
        y: kept.map((
          r,
        ) => (typeof r[field] === "number" && Number.isFinite(r[field])
          ? r[field] as number
          : null)
        ),
      });
    }
  }
  return { x, groupBy, fields, series };
}
