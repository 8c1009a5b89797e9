/**
 * The command-line edge shared by every script: flags parsed with `node:util` `parseArgs`
 * (strict: an unknown flag is an error), values checked before anything is written, one place
 * that turns a user's mistake into a one-line message and exit code 2, and `--help` (or `-h`)
 * built from the same flag declarations, so a task's usage cannot drift from what it accepts.
 *
 * @example
 * ```ts
 * const usage = { task: "demo", summary: "Does one thing (README \"Demo\")." };
 * export async function main(args: string[]) {
 *   const { values } = parseFlags(args, {
 *     seed: { type: "string", default: "29", arg: "N", help: "run seed" },
 *   }, usage);
 *   const seed = intFlag(values, "seed", { min: 0 });
 * }
 * if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import { InputError, UnavailableError } from "./errors.ts";

/**
 * `--help` was asked for: `runMain` prints the usage and exits 0. Thrown rather than returned so
 * help wins over every other flag, good or bad, and the script stops before writing anything.
 */
export class HelpRequest extends Error {
  override name = "HelpRequest";
  constructor(readonly usage: string) {
    super("help requested");
  }
}

/** One flag: its `parseArgs` declaration plus what `--help` says about it. */
export interface Flag {
  readonly type: "string" | "boolean";
  readonly default?: string | boolean;
  readonly short?: string;
  readonly multiple?: false;
  /** What the flag does, in one line. */
  readonly help?: string;
  /** The value's placeholder in `--help` (string flags), e.g. `N` or `file.json`. */
  readonly arg?: string;
  /** The default as `--help` shows it, when `default` cannot say it (set later or varying). */
  readonly shownDefault?: string;
}

/** Flag declarations, by name. */
export type FlagSpec = Record<string, Flag>;

/** What `--help` says about a task besides its flags. */
export interface Usage {
  /** The task's name in `deno task <task>`. */
  readonly task: string;
  /** One sentence: what the task does (pointing to its README section for the rest). */
  readonly summary: string;
  /** The positional argument, for a task that takes one. */
  readonly positional?: { readonly name: string; readonly help: string };
  /** Usage lines replacing `deno task <task> [flags]`, for a task with several forms. */
  readonly forms?: readonly string[];
}

/** Flag values as `parseArgs` returns them. */
export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Parses `args` strictly; unknown flags and missing values become an `InputError`. With a
 * `usage`, `--help` or `-h` anywhere before `--` throws a `HelpRequest` instead, and a
 * positional is allowed when the usage names one.
 */
export function parseFlags(
  args: string[],
  spec: FlagSpec,
  usage?: Usage,
): { values: FlagValues; positionals: string[] } {
  const end = args.indexOf("--");
  const head = end < 0 ? args : args.slice(0, end);
  if (usage !== undefined && head.some((a) => a === "--help" || a === "-h")) {
    throw new HelpRequest(usageText(spec, usage));
  }
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, { help: _h, arg: _a, shownDefault: _d, ...decl }]) => [
      name,
      decl,
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      allowPositionals: usage?.positional !== undefined,
      strict: true,
    });
    return { values: values as FlagValues, positionals };
  } catch (e) {
    throw new InputError((e as Error).message.split("\n")[0]);
  }
}

/** The text `--help` prints: usage line(s), the summary, then one row per flag. */
export function usageText(spec: FlagSpec, usage: Usage): string {
  const positional = usage.positional === undefined ? "" : ` <${usage.positional.name}>`;
  const forms = usage.forms ?? [`deno task ${usage.task} [flags]${positional}`];
  const rows: [string, string][] = [
    ...(usage.positional === undefined
      ? []
      : [[`<${usage.positional.name}>`, usage.positional.help] as [string, string]]),
    ...Object.entries(spec).map(([name, f]): [string, string] => {
      const short = f.short === undefined ? "" : `-${f.short}, `;
      const value = f.type === "string" ? ` <${f.arg ?? "value"}>` : "";
      const shown = f.shownDefault ?? (typeof f.default === "string" ? f.default : undefined);
      const help = [f.help, shown === undefined ? "" : `(default ${shown})`].filter((s) => s);
      return [`${short}--${name}${value}`, help.join(" ")];
    }),
    ["-h, --help", "print this help and exit"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    ...forms.map((f, i) => `${i === 0 ? "usage:" : "      "} ${f}`),
    "",
    usage.summary,
    "",
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`.trimEnd()),
  ].join("\n");
}

function stringFlag(values: FlagValues, name: string): string {
  const v = values[name];
  if (typeof v !== "string") throw new InputError(`--${name}: a value is required`);
  return v;
}

/** `v` when it lies in [min, max], else an `InputError` naming the flag. */
function inRange(name: string, v: number, min: number, max: number): number {
  if (v < min || v > max) {
    throw new InputError(`--${name}: ${v} is out of range [${min}, ${max}]`);
  }
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
  return inRange(name, v, min, max);
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
  return inRange(name, v, min, max);
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
 * Runs a script's main and returns its exit code: 0 on success or after printing `--help`'s
 * usage, 2 with one line on stderr for bad input (including a missing permission), 1 with the
 * stack for anything else.
 */
export async function runMain(main: () => Promise<void>): Promise<number> {
  try {
    await main();
    return 0;
  } catch (e) {
    if (e instanceof HelpRequest) {
      console.log(e.usage);
      return 0;
    }
    if (e instanceof InputError || e instanceof UnavailableError) {
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
