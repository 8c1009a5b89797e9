/**
 * Decoding at the edge with io-ts: every file or config that enters gridfold goes through a
 * codec here, and a failure names the source and the field (`config.json: steps: expected a
 * non-negative integer, got -3`), as one line.
 *
 * @example
 * ```ts
 * import * as t from "io-ts";
 *
 * const Config = closed({ steps: NonNegInt, k: t.union([PosInt, t.null]) });
 * const inline = decode(Config, { steps: 100, k: null }, "flags"); // { steps: 100, k: null }
 * const config = await readJson("run.json", Config); // an InputError if run.json does not fit
 * ```
 * @module
 */
import * as t from "io-ts";
import { isLeft } from "fp-ts/lib/Either.js";
import { InputError } from "../errors.ts";

const refine = <A>(base: t.Type<A>, name: string, ok: (a: A) => boolean) =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => base.is(u) && ok(u) ? t.success(u) : t.failure(u, c),
    t.identity,
  );

/** A finite number (rejects NaN and infinities, which JSON cannot hold but callers can). */
export const Finite = refine(t.number, "a finite number", Number.isFinite);
/** An integer >= 0. */
export const NonNegInt = refine(
  t.number,
  "a non-negative integer",
  (n) => Number.isSafeInteger(n) && n >= 0,
);
/** An integer >= 1. */
export const PosInt = refine(
  t.number,
  "a positive integer",
  (n) => Number.isSafeInteger(n) && n >= 1,
);
/** A finite number > 0. */
export const Positive = refine(t.number, "a positive number", (n) => Number.isFinite(n) && n > 0);
/** A finite number >= 0. */
export const NonNeg = refine(
  t.number,
  "a non-negative number",
  (n) => Number.isFinite(n) && n >= 0,
);
/** A number in [0, 1]. */
export const Probability = refine(t.number, "a number in [0, 1]", (n) => n >= 0 && n <= 1);

/** A struct that also rejects fields it does not declare (a typo is an error, not a no-op). */
export function closed<P extends t.Props>(props: P, name?: string): t.Type<t.TypeOf<t.TypeC<P>>> {
  const base = t.type(props);
  const known = new Set(Object.keys(props));
  return new t.Type(
    name ?? base.name,
    (u): u is t.TypeOf<t.TypeC<P>> => base.is(u),
    (u, c) => {
      if (typeof u === "object" && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).find((key) => !known.has(key));
        if (extra !== undefined) {
          return t.failure(u, t.appendContext(c, extra, t.never, undefined), "unknown field");
        }
      }
      return base.validate(u, c);
    },
    t.identity,
  );
}

/** The first error of a failed decode as `field.path: expected X, got Y`. */
function describe(errors: t.Errors): string {
  const e = errors[0];
  const path = e.context.slice(1).map((c) => c.key).filter((k) => k !== "").join(".");
  const last = e.context[e.context.length - 1];
  const got = JSON.stringify(e.value)?.slice(0, 60) ?? String(e.value);
  const what = e.message ?? `expected ${last?.type.name ?? "a value"}, got ${got}`;
  return `${path || "(root)"}: ${what}`;
}

/** Decodes `value` or throws an `InputError` that names `source` and the field. */
export function decode<A>(codec: t.Type<A, unknown, unknown>, value: unknown, source: string): A {
  const result = codec.decode(value);
  if (isLeft(result)) throw new InputError(`${source}: ${describe(result.left)}`);
  return result.right;
}

/** Parses JSON text, turning a syntax error into an `InputError` naming `source`. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${source}: not valid JSON (${(e as Error).message})`);
  }
}

/** Reads a file's bytes; a missing file (or a folder) is an `InputError` naming it. */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new InputError(`${path}: no such file`);
    if (e instanceof Deno.errors.IsADirectory) throw new InputError(`${path}: is a folder`);
    throw e;
  }
}

/** True when `path` is a folder; false when nothing is there (other errors are thrown). */
export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Reads a text file; a missing file is an `InputError` naming it. */
export async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(path));
}

/** Reads and decodes a JSON file. */
export async function readJson<A>(path: string, codec: t.Type<A, unknown, unknown>): Promise<A> {
  return decode(codec, parseJson(await readText(path), path), path);
}
