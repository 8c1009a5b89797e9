/**
 * The runs of a runs folder, as the viewer lists them: each folder directly under it, with its
 * kind (told by the files its job writes), when it started and was last written, its status and
 * a one-line summary of its config. A run whose job has not written its last file yet is
 * "running" while it was written in the last minute, "stopped" after that.
 *
 * @example
 * ```ts
 * import { listRuns } from "./run_list.ts";
 * for (const r of await listRuns("runs")) console.log(r.id, r.kind, r.status, r.config);
 * ```
 * @module
 */
import { join } from "node:path";
import { readJsonCached } from "./json_cache.ts";
import { runFolder } from "./paths.ts";

/** What wrote a run: one of the tasks, or something the viewer does not know. */
export type RunKind = "evaluate" | "cluster" | "distributed" | "muzero" | "replay" | "other";

/** One row of the list. */
export interface RunEntry {
  readonly id: string;
  readonly kind: RunKind;
  /** ISO times of the run's oldest and newest file. */
  readonly started: string | null;
  readonly updated: string | null;
  readonly status: "done" | "running" | "stopped";
  /** The config's main settings, `key=value` separated by spaces. */
  readonly config: string;
}

/** A run's page: its row, its files, and what the page can show of it. */
export interface RunDetail extends RunEntry {
  readonly files: readonly string[];
  /** JSON-lines files with learning curves. */
  readonly curves: readonly string[];
  /** Episode traces (relative paths), for the replay. */
  readonly traces: readonly string[];
}

/** Per kind: the file that tells the kind, the last file its job writes, the config to sum up. */
const KINDS: readonly {
  kind: RunKind;
  tells: readonly string[];
  last: string;
  config: string;
  keys: readonly string[];
}[] = [
  {
    kind: "evaluate",
    tells: ["scores.json", "episodes.jsonl"],
    last: "scores.json",
    config: "scores.json",
    keys: ["benchmark", "scenarios", "max_length", "agents"],
  },
  {
    kind: "cluster",
    tells: ["mi.json"],
    last: "clusters.json",
    config: "config.json",
    keys: ["env", "seed", "estimator", "steps", "episodes", "samples", "thresholds"],
  },
  {
    kind: "distributed",
    tells: ["train.jsonl", "comparison.json"],
    last: "comparison.json",
    config: "config.json",
    keys: ["env", "steps", "episodes", "seed", "reward"],
  },
  {
    kind: "muzero",
    tells: ["metrics.jsonl"],
    last: "eval.json",
    config: "config.json",
    keys: ["env", "steps", "seed", "workers"],
  },
  {
    kind: "replay",
    tells: ["trace.json"],
    last: "trace.json",
    config: "trace.json",
    keys: ["env", "scenario_id", "steps_played", "survived"],
  },
];

/** How long a run that has not finished counts as running after its last write. */
const RUNNING_MS = 60_000;

/** A value as it reads in the summary: names of a list of agents, ranges of thresholds. */
function show(v: unknown): string | null {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => (x !== null && typeof x === "object" && "name" in x ? x.name : x));
    if (items.length > 2 && items.every((x) => typeof x === "number")) {
      return `${items[0]}..${items[items.length - 1]}`;
    }
    return items.every((x) => typeof x !== "object") ? items.join(",") : null;
  }
  // A nested object with a name (muzero's env) reads as that name.
  if (v !== null && typeof v === "object" && "name" in v) return show(v.name);
  return null;
}

/** `key=value` of the keys `config` has, in order. */
export function configSummary(config: unknown, keys: readonly string[]): string {
  if (config === null || typeof config !== "object") return "";
  const record = config as Record<string, unknown>;
  return keys.flatMap((k) => {
    const v = k in record ? show(record[k]) : null;
    return v === null ? [] : [`${k}=${v}`];
  }).join(" ");
}

/** The kind a set of file names tells (the first kind whose files are there). */
export function kindOf(files: ReadonlySet<string>): RunKind {
  return KINDS.find((k) => k.tells.some((f) => files.has(f)))?.kind ?? "other";
}

/** Files of a folder with their times, recursing into sub-folders (traces/, grid/). */
async function walk(folder: string, prefix = ""): Promise<{ name: string; mtime: number }[]> {
  const out: { name: string; mtime: number }[] = [];
  for await (const e of Deno.readDir(folder)) {
    if (e.name.startsWith(".")) continue;
    const path = join(folder, e.name);
    if (e.isDirectory) out.push(...await walk(path, `${prefix}${e.name}/`));
    else if (e.isFile) {
      out.push({ name: prefix + e.name, mtime: (await Deno.stat(path)).mtime?.getTime() ?? 0 });
    }
  }
  return out;
}

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** The row and the page of run `id` of `root`, as of `now` (ms). */
export async function runDetail(root: string, id: string, now = Date.now()): Promise<RunDetail> {
  const folder = await runFolder(root, id);
  const files = (await walk(folder)).sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(files.map((f) => f.name));
  const kind = kindOf(names);
  const spec = KINDS.find((k) => k.kind === kind);
  const times = files.map((f) => f.mtime);
  const updated = Math.max(...times);
  const status = spec !== undefined && names.has(spec.last)
    ? "done"
    : now - updated < RUNNING_MS
    ? "running"
    : "stopped";
  let config = "";
  if (spec !== undefined && names.has(spec.config)) {
    // A malformed config leaves the summary empty here; the run's page reports it.
    config = configSummary(
      await readJsonCached(join(folder, spec.config), `${id}/${spec.config}`).catch(() => null),
      spec.keys,
    );
  }
  return {
    id,
    kind,
    started: iso(Math.min(...times)),
    updated: iso(updated),
    status,
    config,
    files: files.map((f) => f.name),
    // An evaluation's episodes.jsonl is per scenario, not a curve: its page shows it as a table.
    curves: kind === "evaluate"
      ? []
      : files.map((f) => f.name).filter((n) => n.endsWith(".jsonl") && !n.includes("/")),
    traces: files.map((f) => f.name).filter((n) =>
      n === "trace.json" || (n.startsWith("traces/") && n.endsWith(".json"))
    ),
  };
}

/** Every run of `root`, newest first. */
export async function listRuns(root: string, now = Date.now()): Promise<RunEntry[]> {
  const out: RunEntry[] = [];
  for await (const e of Deno.readDir(root)) {
    if (!e.isDirectory || e.name.startsWith(".")) continue;
    const { files: _f, curves: _c, traces: _t, ...entry } = await runDetail(root, e.name, now);
    out.push(entry);
  }
  return out.sort((a, b) =>
    (b.updated ?? "").localeCompare(a.updated ?? "") || a.id.localeCompare(b.id)
  );
}
