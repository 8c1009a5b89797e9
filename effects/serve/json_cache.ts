/**
 * Run files read as JSON, kept while they are unchanged: a page polls every few seconds and a
 * long trace takes a while to parse, so a file is parsed again only when its size or time
 * changed. A malformed file is an `InputError` naming it (the server answers 422).
 *
 * @example
 * ```ts
 * import { readCached, readJsonCached, readJsonLinesCached } from "./json_cache.ts";
 * const scores = await readJsonCached("runs/ev/scores.json", "ev/scores.json");
 * const rows = await readJsonLinesCached("runs/ev/episodes.jsonl");
 * const size = await readCached("size", "runs/ev/scores.csv", async () => (await Deno.readFile("runs/ev/scores.csv")).length);
 * ```
 * @module
 */
import { parseJson, readJsonLines } from "../io/mod.ts";

const LIMIT = 16;
const cache = new Map<string, { stamp: string; value: unknown }>();

/**
 * `parse()` of the file at `path`, reused while the file's size and time are unchanged; `as`
 * tells apart the different readings of one file.
 */
export async function readCached<A>(as: string, path: string, parse: () => Promise<A>): Promise<A> {
  const info = await Deno.stat(path);
  const stamp = `${info.size}:${info.mtime?.getTime()}`;
  const key = `${as}:${path}`;
  const hit = cache.get(key);
  if (hit?.stamp === stamp) return hit.value as A;
  const value = await parse();
  cache.delete(key);
  cache.set(key, { stamp, value });
  // A Map iterates in insertion order: the first key is the least recently read.
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return value;
}

/** The JSON value of `path`; `label` names the file in an error. */
export function readJsonCached(path: string, label: string): Promise<unknown> {
  return readCached("json", path, async () => parseJson(await Deno.readTextFile(path), label));
}

/** The rows of a JSON-lines file that may still be growing (a torn last line is left out). */
export async function readJsonLinesCached(path: string): Promise<unknown[]> {
  return await readCached("lines", path, () => readJsonLines(path));
}
