/**
 * Reading a synthetic MDP spec from JSON (`fixtures/cluster/*.json` or a user's file): io-ts
 * decodes the shape field by field (unknown fields are errors), then the spec's own checks
 * (matrix sizes, block indices) run; either failure is one `InputError` naming the file and
 * the field.
 *
 * @example
 * ```ts
 * const spec = await readMdpSpec("fixtures/cluster/copy.json");
 * ```
 * @module
 */
import * as t from "io-ts";
import { MdpSpec, specProblem } from "../../core/mdp/mod.ts";
import { InputError } from "../errors.ts";
import { closed, decode, Finite, NonNegInt, parseJson, PosInt, readText } from "./codec.ts";

const Bit = t.union([t.literal(0), t.literal(1)], "0 or 1");

const sizes = { n: PosInt, m: NonNegInt, stateValues: PosInt, actionValues: PosInt };

/** The copy environment's file format. */
const CopyConfig = closed({
  kind: t.literal("copy"),
  ...sizes,
  relation: t.array(t.array(Bit)),
}, "copy MDP");

/** The factored environment's file format. */
const FactoredConfig = closed({
  kind: t.literal("factored"),
  ...sizes,
  alpha: Finite,
  blocks: t.array(closed({ states: t.array(NonNegInt), actions: t.array(NonNegInt) })),
}, "factored MDP");

const Kind = t.type({ kind: t.keyof({ copy: null, factored: null }, '"copy" or "factored"') });

/** Decodes and checks a spec; `source` names it in errors. */
export function decodeMdpSpec(value: unknown, source: string): MdpSpec {
  const { kind } = decode(Kind, value, source);
  const spec: MdpSpec = kind === "copy"
    ? decode(CopyConfig, value, source)
    : decode(FactoredConfig, value, source);
  const problem = specProblem(spec);
  if (problem) throw new InputError(`${source}: ${problem}`);
  return spec;
}

/** Reads, decodes and checks a spec file. */
export async function readMdpSpec(path: string): Promise<MdpSpec> {
  return decodeMdpSpec(parseJson(await readText(path), path), path);
}
