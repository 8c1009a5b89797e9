/**
 * Paths a request may name, kept inside the runs folder: a run is one folder directly under it,
 * a file is a relative path inside a run. `..`, absolute paths, empty or hidden segments and
 * symbolic links that lead out are refused before anything is read.
 *
 * @example
 * ```ts
 * import { runFile } from "./paths.ts";
 * const file = await runFile("runs", "ev", "traces/expert/0.json"); // runs/ev/traces/expert/0.json
 * ```
 * @module
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { HttpError } from "./http_error.ts";

/** Splits a relative path into segments, refusing anything that could leave its folder. */
export function safeSegments(path: string, what: string): string[] {
  const parts = path.split(/[\\/]/);
  if (isAbsolute(path) || path.includes("\0") || parts.some((p) => p === "" || p.startsWith("."))) {
    throw new HttpError(403, `${what} "${path}": outside the runs folder`);
  }
  return parts;
}

/** True when `inner` is `outer` or lies inside it. */
const inside = (outer: string, inner: string) => {
  const r = relative(outer, inner);
  return r === "" || (!r.startsWith(".." + sep) && r !== ".." && !isAbsolute(r));
};

/** The real path of `path`, which must exist (404) and stay inside `root` once links are followed. */
async function contained(root: string, path: string, what: string): Promise<string> {
  let real: string;
  try {
    real = await Deno.realPath(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new HttpError(404, `no ${what}`);
    throw e;
  }
  if (!inside(await Deno.realPath(root), real)) {
    throw new HttpError(403, `${what}: outside the runs folder`);
  }
  return real;
}

/** The folder of run `id` (one folder name under `root`); 404 when there is no such run. */
export async function runFolder(root: string, id: string): Promise<string> {
  const parts = safeSegments(id, "run");
  if (parts.length !== 1) {
    throw new HttpError(403, `run "${id}": a run is a folder of the runs folder`);
  }
  const folder = await contained(root, join(root, id), `run named "${id}"`);
  if (!(await Deno.stat(folder)).isDirectory) throw new HttpError(404, `no run named "${id}"`);
  return folder;
}

/** The file `rel` of run `id`; 404 when it is missing, 403 when it would leave the run. */
export async function runFile(root: string, id: string, rel: string): Promise<string> {
  const folder = await runFolder(root, id);
  const path = resolve(folder, ...safeSegments(rel, "file"));
  const real = await contained(folder, path, `file "${rel}" in run "${id}"`);
  if (!(await Deno.stat(real)).isFile) {
    throw new HttpError(404, `"${rel}" in run "${id}" is not a file`);
  }
  return real;
}
