/**
 * Run folders and atomic writes. Every job writes into one folder (`runs/<job>-<stamp>` by
 * default); files that must survive a kill (checkpoints, configs) are written to a temporary
 * name first and renamed, so a reader never sees half a file.
 *
 * @module
 */
import { dirname, join } from "node:path";

/** Writes bytes or text to `path` atomically (temp file, then rename). */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  if (typeof data === "string") await Deno.writeTextFile(tmp, data);
  else await Deno.writeFile(tmp, data);
  await Deno.rename(tmp, path);
}

/** Writes a value as pretty JSON, atomically. */
export function writeJson(path: string, value: unknown): Promise<void> {
  return writeAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/** Appends one JSON line (metrics logs); a torn last line is skipped by `readJsonLines`. */
export async function appendJsonLine(path: string, value: unknown): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, JSON.stringify(value) + "\n", { append: true });
}

/** Reads a JSON-lines file, ignoring a last line cut short by a kill. */
export async function readJsonLines(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  const rows: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      rows.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  return rows;
}

/** A folder name stamped with the local time, `<job>-YYYYMMDD-HHMMSS`. */
export function stampedName(job: string, now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${job}-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-` +
    `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/** The run folder's path: `out` when given, else `runs/<job>-<stamp>`. */
export function runFolderPath(job: string, out?: string): string {
  return out ?? join("runs", stampedName(job, new Date()));
}

/** Creates the run folder: `out` when given, else `runs/<job>-<stamp>`. */
export async function makeRunFolder(job: string, out?: string): Promise<string> {
  const folder = runFolderPath(job, out);
  await Deno.mkdir(folder, { recursive: true });
  return folder;
}
