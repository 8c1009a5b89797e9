/**
 * The clusters file: what `deno task cluster --env <grid>` finds and `deno task distributed`
 * reads. It lists each cluster's substations and lines by index (with their names, so a file
 * made on one grid is refused on another), the lines no cluster watches, the environment, the
 * threshold and the command it came from. Reading decodes it with io-ts and checks it against the grid;
 * any problem is one `InputError` naming the file and the field.
 *
 * @example
 * ```ts
 * import { readCase, writeJson } from "./mod.ts";
 *
 * const { net } = await readCase("case14");
 * // Substations 1 and 2 watch lines 0 and 2; line 5 belongs to no cluster.
 * const d = { clusters: [{ substations: [1, 2], lines: [0, 2] }], unassignedLines: [5] };
 * await writeJson("runs/c/decomposition.json", decompositionFile("case14", net, null, d));
 * const { decomposition } = await readDecomposition("runs/c/decomposition.json", net); // d again
 * ```
 * @module
 */
import * as t from "io-ts";
import { decompositionProblem, GridDecomposition } from "../../core/cluster/mod.ts";
import { Network } from "../../core/grid/mod.ts";
import { InputError } from "../errors.ts";
import { closed, decode, Finite, NonNegInt, parseJson, readText } from "./codec.ts";

const Ids = t.array(NonNegInt);
const Names = t.array(t.string);

/** The file's format. */
const DecompositionCodec = closed({
  env: t.string,
  command: t.union([t.string, t.undefined]),
  threshold: t.union([Finite, t.null]),
  clusters: t.array(closed({
    substations: Ids,
    lines: Ids,
    substationNames: t.union([Names, t.undefined]),
    lineNames: t.union([Names, t.undefined]),
  })),
  unassignedLines: Ids,
}, "clusters file");

/** The file's content. */
export type DecompositionFile = t.TypeOf<typeof DecompositionCodec>;

/**
 * The file of a decomposition found on `env` at quantile `threshold` (null: made by hand) by
 * `command` (the settings that reproduce it).
 */
export function decompositionFile(
  env: string,
  net: Network,
  threshold: number | null,
  d: GridDecomposition,
  command?: string,
): DecompositionFile {
  return {
    env,
    command,
    threshold,
    clusters: d.clusters.map((c) => ({
      substations: [...c.substations],
      lines: [...c.lines],
      substationNames: c.substations.map((s) => net.sub.name[s]),
      lineNames: c.lines.map((l) => net.line.name[l]),
    })),
    unassignedLines: [...d.unassignedLines],
  };
}

/** Decodes a clusters file's JSON and checks it against `net`; `source` names it in errors. */
export function decodeDecomposition(
  value: unknown,
  source: string,
  net: Network,
): { file: DecompositionFile; decomposition: GridDecomposition } {
  const file = decode(DecompositionCodec, value, source);
  const decomposition = {
    clusters: file.clusters.map((c) => ({ substations: c.substations, lines: c.lines })),
    unassignedLines: file.unassignedLines,
  };
  const problem = decompositionProblem(
    decomposition,
    net.sub.name.length,
    net.line.name.length,
  );
  if (problem !== null) throw new InputError(`${source}: ${problem}`);
  for (const [k, c] of file.clusters.entries()) {
    const check = (
      field: string,
      ids: readonly number[],
      names: readonly string[] | undefined,
      all: readonly string[],
    ) => {
      if (names === undefined) return;
      const expected = ids.map((i) => all[i]);
      if (names.join("\n") !== expected.join("\n")) {
        throw new InputError(
          `${source}: clusters.${k}.${field}: ${JSON.stringify(names)} are not this grid's ` +
            `${JSON.stringify(expected)} (a file made on another grid?)`,
        );
      }
    };
    check("substationNames", c.substations, c.substationNames, net.sub.name);
    check("lineNames", c.lines, c.lineNames, net.line.name);
  }
  return { file, decomposition };
}

/** Reads a clusters file and checks it against `net`. */
export async function readDecomposition(
  path: string,
  net: Network,
): Promise<{ file: DecompositionFile; decomposition: GridDecomposition }> {
  return decodeDecomposition(parseJson(await readText(path), path), path, net);
}
