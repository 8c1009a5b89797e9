/**
 * Where the benchmarks find ../shared's grid2op environments, and whether a file is there:
 * sections that need them measure what they can and say what they skipped when absent.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** ../shared/data/grid2op/ beside the checkout, with a trailing slash. */
export const SHARED_GRID2OP: string = fileURLToPath(
  new URL("../../shared/data/grid2op/", import.meta.url),
);

/** True when `path` exists. */
export async function present(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
