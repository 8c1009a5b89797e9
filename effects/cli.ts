/**
 * The command-line edge shared by every script: flags parsed with `node:util` `parseArgs`
 * (strict: an unknown flag is an error), values checked before anything is written, and one
 * place that turns a user's mistake into a one-line message and exit code 2.
 *
 * @example
 * ```ts
 * export async function main(args: string[]) {
 *   const { values } = parseFlags(args, { seed: { type: "string", default: "29" } });
 *   const seed = intFlag(values, "seed", { min: 0 });
 * }
 * if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
 * ```
 * @module
 */
import { parseArgs } from "node:util";

/** A mistake in what the user gave (flag, file, config): reported in one line, exit code 2. */
export class InputError extends Error {
  override name = "InputError";
}

/** Flag declarations in `parseArgs` form. */
export type FlagSpec = Record<
  string,
  { type: "string" | "boolean"; default?: string | boolean; short?: string; multiple?: false }
>;

/** Flag values as `parseArgs` returns them. */
export type FlagValues = Record<string, string | boolean | undefined>;

/** Parses `args` strictly; unknown flags and missing values become an `InputError`. */
export function parseFlags(
  args: string[],
  options: FlagSpec,
  allowPositionals = false,
): { values: FlagValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as FlagValues, positionals };
  } catch (e) {
    throw new InputError((e as Error).message.split("\n")[0]);
  }
}

function stringFlag(values: FlagValues, name: string): string {
  const v = values[name];
  if (typeof v !== "string") throw new InputError(`--${name}: a value is required`);
  return v;
}

/** An integer flag within bounds. */
export function intFlag(
  values: FlagValues,
  name: string,
  { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {},
): number {
  const text = stringFlag(values, name);
  const v = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(v)) {
    throw new InputError(`--${name}: expected an integer, got "${text}"`);
  }
  if (v < min || v > max) {
    throw new InputError(`--${name}: ${v} is out of range [${min}, ${max}]`);
  }
  return v;
}

/** A finite number flag within bounds. */
export function numberFlag(
  values: FlagValues,
  name: string,
  { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {},
): number {
  const text = stringFlag(values, name);
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) {
    throw new InputError(`--${name}: expected a number, got "${text}"`);
  }
  if (v < min || v > max) {
    throw new InputError(`--${name}: ${v} is out of range [${min}, ${max}]`);
  }
  return v;
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(
  values: FlagValues,
  name: string,
  choices: readonly T[],
): T {
  const v = stringFlag(values, name);
  if (!(choices as readonly string[]).includes(v)) {
    throw new InputError(`--${name}: expected one of ${choices.join("|")}, got "${v}"`);
  }
  return v as T;
}

/**
 * A numeric range or list flag: `0.7:0.94:0.01` (start:stop:step, inclusive) or `0.7,0.8`.
 * Steps are rounded to 1e-9 so a sweep does not drift.
 */
export function rangeFlag(
  values: FlagValues,
  name: string,
  bounds: { min?: number; max?: number } = {},
): number[] {
  const text = stringFlag(values, name);
  const num = (s: string) => numberFlag({ [name]: s }, name, bounds);
  const parts = text.split(":");
  if (parts.length === 3) {
    const [start, stop, step] = parts.map(num);
    if (!(step > 0) || stop < start) {
      throw new InputError(`--${name}: "${text}" is not start:stop:step with step > 0`);
    }
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    return Array.from({ length: count }, (_, i) => Math.round((start + i * step) * 1e9) / 1e9);
  }
  if (parts.length !== 1) throw new InputError(`--${name}: "${text}" is not a list or range`);
  return text.split(",").map(num);
}

/**
 * Runs a script's main and returns its exit code: 0 on success, 2 with one line on stderr
 * for bad input (including a missing permission), 1 with the stack for anything else.
 */
export async function runMain(main: () => Promise<void>): Promise<number> {
  try {
    await main();
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
      console.error(`error: ${(e as Error).message.split("\n")[0]}`);
      return 2;
    }
    console.error(e);
    return 1;
  }
}
