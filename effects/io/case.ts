/**
 * One entry point for every network source a job can name: the built-in `case14` (the
 * project's own 14-bus grid of `l2rpn_case14_sandbox`, shipped in fixtures/ so no external data
 * is needed), a MATPOWER `.m` file, a gridfold network `.json`, or a grid2op environment folder.
 *
 * @example
 * ```ts
 * const { net, start } = await readCase("case14");
 * const mp = await readCase("../shared/data/matpower/case118.m"); // mp.start: the case's voltages
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { isFolder } from "./codec.ts";
import { readGrid2opFolder } from "./grid2op_folder.ts";
import { readMatpower } from "./matpower.ts";
import { readNetwork } from "./network_json.ts";
import { WarmStart } from "../../core/grid/powerflow/mod.ts";
import { Network } from "../../core/grid/mod.ts";

/** Names of the networks built into gridfold, and their files. */
export const BUILT_IN: Readonly<Record<string, string>> = {
  case14: fileURLToPath(new URL("../../fixtures/case14/network.json", import.meta.url)),
};

/** A network read from some source, with the source's own starting voltages when it has them. */
export interface LoadedCase {
  readonly net: Network;
  readonly kind: "built-in" | "matpower" | "network" | "grid2op";
  /** MATPOWER cases carry voltages to start from (runpf's default start). */
  readonly start: WarmStart | null;
}

/** Reads a network by built-in name, `.m` file, `.json` network file or grid2op folder. */
export async function readCase(spec: string): Promise<LoadedCase> {
  if (spec in BUILT_IN) {
    return { net: await readNetwork(BUILT_IN[spec]), kind: "built-in", start: null };
  }
  if (spec.endsWith(".m")) {
    const mp = await readMatpower(spec);
    return { net: mp.net, kind: "matpower", start: mp.start };
  }
  if (spec.endsWith(".json")) return { net: await readNetwork(spec), kind: "network", start: null };
  if (await isFolder(spec)) {
    try {
      await Deno.stat(join(spec, "grid.json"));
    } catch {
      throw new InputError(`${spec}: not a grid2op environment folder (no grid.json)`);
    }
    return { net: await readGrid2opFolder(spec), kind: "grid2op", start: null };
  }
  throw new InputError(
    `unknown case "${spec}": expected ${Object.keys(BUILT_IN).join(", ")}, a MATPOWER .m file, ` +
      `a network .json file or a grid2op environment folder`,
  );
}
