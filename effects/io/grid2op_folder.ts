/**
 * A grid2op environment folder to a gridfold network: the pandapower `grid.json` (required),
 * the `"thermal_limits"` list of `config.py` (amperes, one per line; grid2op's default from the
 * grid when it is `None` or absent), `prods_charac.csv` (generator limits, types, ramps,
 * costs, matched by generator name) and `grid_layout.json` (substation coordinates). Every
 * malformed file is an `InputError` naming the file and the field.
 *
 * @example
 * ```ts
 * const net = await readGrid2opFolder("../shared/data/grid2op/l2rpn_case14_sandbox");
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { decode, parseJson, readText } from "./codec.ts";
import { decodePandapower } from "./pandapower.ts";
import { GenCharac, Network, NetworkError, pandapowerNetwork } from "../../core/grid/mod.ts";

async function optionalText(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** The `"thermal_limits": [...]` list of a grid2op `config.py`; null for `None` or absent. */
export function parseThermalLimits(text: string, source: string): number[] | null {
  const m = /["']thermal_limits["']\s*:\s*(None|\[[^\]]*\])/.exec(text);
  if (m === null || m[1] === "None") return null;
  const items = m[1].slice(1, -1).split(",").map((s) => s.trim()).filter((s) => s !== "");
  return items.map((s, i) => {
    const v = Number(s);
    if (!Number.isFinite(v) || v <= 0) {
      throw new InputError(
        `${source}: thermal_limits[${i}]: expected a positive number, got "${s}"`,
      );
    }
    return v;
  });
}

const CHARAC_COLUMNS: [keyof GenCharac, string][] = [
  ["pMax", "Pmax"],
  ["pMin", "Pmin"],
  ["maxRampUp", "max_ramp_up"],
  ["maxRampDown", "max_ramp_down"],
  ["minUpTime", "min_up_time"],
  ["minDownTime", "min_down_time"],
  ["costPerMW", "marginal_cost"],
  ["startupCost", "start_cost"],
  ["shutdownCost", "shut_down_cost"],
];

/** Rows of grid2op's `prods_charac.csv` by generator name (empty numeric cells are NaN). */
export function parseProdsCharac(text: string, source: string): Map<string, GenCharac> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new InputError(`${source}: empty file`);
  const header = lines[0].split(",").map((h) => h.trim());
  const col = (h: string) => {
    const c = header.indexOf(h);
    if (c < 0) throw new InputError(`${source}: missing column "${h}"`);
    return c;
  };
  const nameCol = col("name");
  const typeCol = col("type");
  const cols = CHARAC_COLUMNS.map(([key, h]) => [key, col(h), h] as const);
  const out = new Map<string, GenCharac>();
  lines.slice(1).forEach((line, r) => {
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== header.length) {
      throw new InputError(
        `${source}: row ${r + 1}: ${cells.length} cells for ${header.length} columns`,
      );
    }
    const row: Record<string, number | string> = { type: cells[typeCol] };
    for (const [key, c, h] of cols) {
      const v = cells[c] === "" ? NaN : Number(cells[c]);
      if (cells[c] !== "" && !Number.isFinite(v)) {
        throw new InputError(`${source}: row ${r + 1}: ${h}: expected a number, got "${cells[c]}"`);
      }
      row[key] = v;
    }
    out.set(cells[nameCol], row as unknown as GenCharac);
  });
  return out;
}

const Layout = t.record(t.string, t.tuple([t.number, t.number]));

/** Reads a grid2op environment folder into a network. */
export async function readGrid2opFolder(folder: string): Promise<Network> {
  const gridPath = join(folder, "grid.json");
  const tables = decodePandapower(parseJson(await readText(gridPath), gridPath), gridPath);
  const configPath = join(folder, "config.py");
  const configText = await optionalText(configPath);
  const limits = configText === null ? null : parseThermalLimits(configText, configPath);
  const nLine = tables.line.fromBus.length + tables.trafo.hvBus.length;
  if (limits !== null && limits.length !== nLine) {
    throw new InputError(
      `${configPath}: thermal_limits: expected ${nLine} values (one per line), got ${limits.length}`,
    );
  }
  const characPath = join(folder, "prods_charac.csv");
  const characText = await optionalText(characPath);
  const layoutPath = join(folder, "grid_layout.json");
  const layoutText = await optionalText(layoutPath);
  const layout = layoutText === null
    ? null
    : new Map(Object.entries(decode(Layout, parseJson(layoutText, layoutPath), layoutPath)));
  try {
    return pandapowerNetwork(tables, {
      name: folder.replace(/\/+$/, "").split("/").pop() ?? "grid2op",
      thermalLimitA: limits,
      layout,
      charac: characText === null ? null : parseProdsCharac(characText, characPath),
    });
  } catch (e) {
    if (e instanceof NetworkError) throw new InputError(`${gridPath}: ${e.message}`);
    throw e;
  }
}
