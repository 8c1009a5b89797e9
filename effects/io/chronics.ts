/**
 * Reading grid2op chronics: a `chronics/<id>/` folder holds `load_p`, `load_q`, `prod_p` and
 * `prod_v` as `;`-separated CSV (`.csv`, or `.csv.bz2` when there is no `.csv`, as grid2op looks
 * them up), each with a header of element names in an order of its own, plus
 * `start_datetime.info` (`YYYY-MM-DD HH:MM` or `YYYY-MM-DD`) and `time_interval.info` (`HH:MM`
 * or `MM`). Columns are matched by name to the grid's order, values become float32 as in
 * grid2op, and the missing `.info` files take grid2op's defaults (2019-01-01 00:00, 5 minutes).
 * With the options, `maintenance` (0/1 per line and row, grid2op's planned outages; absent
 * means none) and the forecasts (`load_p_forecasted`, ...: row `t` forecasts row `t + 1`;
 * without `prod_v_forecasted` the real voltages) are read too. Hazards are not read.
 *
 * Every problem is an `InputError` naming the file and the column or line: a missing or
 * unknown or repeated column, a field that is not a finite number, a line with too few or too
 * many fields, files of different lengths, a bad date.
 *
 * @example
 * ```ts
 * import { readGrid2opFolder } from "./mod.ts";
 *
 * const env = "../shared/data/grid2op/l2rpn_case14_sandbox";
 * const net = await readGrid2opFolder(env);
 * const ids = await listScenarios(`${env}/chronics`); // ["0000", "0001", "0002"]
 * const names = { name_load: net.load.name, name_gen: net.gen.name };
 * const s = await readChronics(`${env}/chronics/${ids[0]}`, names); // scenario "0000"
 * ```
 * @module
 */
import { basename, join } from "node:path";
import { InputError } from "../errors.ts";
import { bunzip2 } from "./bzip2.ts";
import { DateTime, isValidDateTime, makeScenario, Scenario } from "../../core/grid/scenario/mod.ts";

/** The grid's element names, in its order: the columns a scenario is arranged in. */
export interface ElementNames {
  readonly name_load: readonly string[];
  readonly name_gen: readonly string[];
  /** The lines: when given, `maintenance.csv(.bz2)` is read if present. */
  readonly name_line?: readonly string[];
}

/** What else `readChronics` reads. */
export interface ChronicsOptions {
  /** Read the `*_forecasted` files when present (default false). */
  readonly forecasts?: boolean;
}

/** grid2op's `start_datetime` when a folder has no `start_datetime.info`. */
const DEFAULT_START: DateTime = { year: 2019, month: 1, day: 1, hour: 0, minute: 0 };
/** grid2op's `time_interval` when a folder has no `time_interval.info`. */
const DEFAULT_STEP_MINUTES = 5;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** A table of one chronics file: its values in the grid's column order. */
interface Table {
  readonly file: string;
  readonly rows: number;
  readonly values: Float32Array;
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * Parses a `;`-separated table whose header names the columns, placing column `name` at the
 * position of `name` in `names`. Blank lines are skipped, as pandas skips them.
 */
function parseChronicsCsv(
  text: string,
  file: string,
  names: readonly string[],
  kind: string,
): Table {
  const lines = text.split("\n");
  let at = 0;
  while (at < lines.length && lines[at].trim() === "") at++;
  if (at === lines.length) throw new InputError(`${file}: the file is empty`);
  const header = lines[at].replace(/\r$/, "").split(";").map((h) => h.replace(/^"(.*)"$/, "$1"));
  const position = new Map(names.map((name, i) => [name, i]));
  const target = new Int32Array(header.length);
  const seen = new Set<string>();
  header.forEach((name, c) => {
    const i = position.get(name);
    if (i === undefined) {
      throw new InputError(`${file}: column "${name}" is not a ${kind} of the grid`);
    }
    if (seen.has(name)) throw new InputError(`${file}: column "${name}" appears twice`);
    seen.add(name);
    target[c] = i;
  });
  const missing = names.find((name) => !seen.has(name));
  if (missing !== undefined) throw new InputError(`${file}: no column for ${kind} "${missing}"`);

  const n = names.length;
  let values = new Float32Array(n * 1024);
  let rows = 0;
  for (let l = at + 1; l < lines.length; l++) {
    const line = lines[l].replace(/\r$/, "");
    if (line.trim() === "") continue;
    const fields = line.split(";");
    if (fields.length !== header.length) {
      throw new InputError(
        `${file}: line ${l + 1} has ${fields.length} fields, the header has ${header.length}`,
      );
    }
    if ((rows + 1) * n > values.length) {
      const bigger = new Float32Array(values.length * 2);
      bigger.set(values);
      values = bigger;
    }
    const base = rows * n;
    for (let c = 0; c < fields.length; c++) {
      const field = fields[c];
      const v = NUMBER.test(field) ? Number(field) : NaN;
      if (!Number.isFinite(v)) {
        throw new InputError(
          `${file}: line ${l + 1}, column "${header[c]}": "${field}" is not a finite number`,
        );
      }
      values[base + target[c]] = v;
    }
    rows++;
  }
  return { file, rows, values: values.slice(0, rows * n) };
}

/** The path of `<name>.csv`, else `<name>.csv.bz2`, in `folder`. */
async function tableFile(folder: string, name: string): Promise<string> {
  for (const ext of [".csv", ".csv.bz2"]) {
    const path = join(folder, name + ext);
    if (await exists(path)) return path;
  }
  throw new InputError(`${folder}: no ${name}.csv or ${name}.csv.bz2`);
}

async function hasTable(folder: string, name: string): Promise<boolean> {
  return await exists(join(folder, name + ".csv")) || await exists(join(folder, name + ".csv.bz2"));
}

async function readTable(
  folder: string,
  name: string,
  names: readonly string[],
  kind: string,
): Promise<Table> {
  const path = await tableFile(folder, name);
  const bytes = await Deno.readFile(path);
  const text = new TextDecoder().decode(path.endsWith(".bz2") ? bunzip2(bytes, path) : bytes);
  return parseChronicsCsv(text, path, names, kind);
}

/** Reads an `.info` file's one line, or `undefined` when the file is absent. */
async function readInfo(folder: string, name: string): Promise<[string, string] | undefined> {
  const path = join(folder, name);
  if (!(await exists(path))) return undefined;
  return [path, (await Deno.readTextFile(path)).trim()];
}

/** Parses `start_datetime.info`'s `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD`, at midnight). */
function parseStartDateTime(text: string, file: string): DateTime {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{1,2}))?$/.exec(text);
  const dt = m && {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
  };
  if (!dt || !isValidDateTime(dt)) {
    throw new InputError(`${file}: "${text}" is not a date "YYYY-MM-DD HH:MM"`);
  }
  return dt;
}

/** Parses `time_interval.info`'s `HH:MM` (or `MM`) into minutes (at least 1). */
function parseTimeInterval(text: string, file: string): number {
  const m = /^(?:(\d{1,2}):)?(\d{1,2})$/.exec(text);
  const hours = Number(m?.[1] ?? 0);
  const minutes = Number(m?.[2]);
  if (!m || hours > 23 || minutes > 59 || hours * 60 + minutes < 1) {
    throw new InputError(`${file}: "${text}" is not a time interval "HH:MM" of at least 1 minute`);
  }
  return hours * 60 + minutes;
}

/**
 * Reads the scenario in a grid2op chronics folder, its columns arranged in the grid's order
 * given by `names`. The scenario's id is the folder's name.
 */
export async function readChronics(
  folder: string,
  names: ElementNames,
  options: ChronicsOptions = {},
): Promise<Scenario> {
  if (!(await exists(folder))) throw new InputError(`${folder}: no such chronics folder`);
  // One file after the other, so the error reported for a bad folder is always the same one.
  const loadP = await readTable(folder, "load_p", names.name_load, "load");
  const loadQ = await readTable(folder, "load_q", names.name_load, "load");
  const prodP = await readTable(folder, "prod_p", names.name_gen, "generator");
  const prodV = await readTable(folder, "prod_v", names.name_gen, "generator");
  for (const table of [loadQ, prodP, prodV]) {
    if (table.rows !== loadP.rows) {
      throw new InputError(
        `${table.file}: ${table.rows} rows, but ${basename(loadP.file)} has ${loadP.rows}`,
      );
    }
  }
  if (loadP.rows < 2) {
    throw new InputError(`${loadP.file}: ${loadP.rows} rows; a scenario needs at least 2`);
  }
  const sameRows = (table: Table) => {
    if (table.rows !== loadP.rows) {
      throw new InputError(`${table.file}: ${table.rows} rows, but load_p has ${loadP.rows}`);
    }
    return table.values;
  };
  const optional = async (name: string, columns: readonly string[], kind: string) =>
    await hasTable(folder, name) ? sameRows(await readTable(folder, name, columns, kind)) : null;
  let maintenance: Uint8Array | undefined;
  if (names.name_line !== undefined) {
    const m = await optional("maintenance", names.name_line, "line");
    if (m !== null) maintenance = Uint8Array.from(m, (v) => (v !== 0 ? 1 : 0));
  }
  let forecast: Scenario["forecast"];
  const fp = options.forecasts
    ? await optional("load_p_forecasted", names.name_load, "load")
    : null;
  if (fp !== null) {
    const need = async (name: string, columns: readonly string[], kind: string) =>
      sameRows(await readTable(folder, name, columns, kind));
    forecast = {
      load_p: fp,
      load_q: await need("load_q_forecasted", names.name_load, "load"),
      prod_p: await need("prod_p_forecasted", names.name_gen, "generator"),
      prod_v: await optional("prod_v_forecasted", names.name_gen, "generator") ?? prodV.values,
    };
  }
  const start = await readInfo(folder, "start_datetime.info");
  const interval = await readInfo(folder, "time_interval.info");
  return makeScenario({
    id: basename(folder),
    name_load: [...names.name_load],
    name_gen: [...names.name_gen],
    start: start ? parseStartDateTime(start[1], start[0]) : DEFAULT_START,
    stepMinutes: interval ? parseTimeInterval(interval[1], interval[0]) : DEFAULT_STEP_MINUTES,
    rows: loadP.rows,
    load_p: loadP.values,
    load_q: loadQ.values,
    prod_p: prodP.values,
    prod_v: prodV.values,
    ...(maintenance && { maintenance }),
    ...(forecast && { forecast }),
  });
}

/**
 * The scenario ids of a `chronics/` folder: its sub-folders, sorted, without hidden ones and
 * `__pycache__` (grid2op's `Multifolder` order, so index `k` is grid2op's time series `k`).
 */
export async function listScenarios(chronicsFolder: string): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const entry of Deno.readDir(chronicsFolder)) {
      if (entry.isDirectory && !entry.name.startsWith(".") && entry.name !== "__pycache__") {
        ids.push(entry.name);
      }
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) {
      throw new InputError(`${chronicsFolder}: no such chronics folder`);
    }
    throw e;
  }
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
