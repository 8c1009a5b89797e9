/**
 * Decoding a pandapower network saved as JSON (`pandapower.to_json`, the `grid.json` of every
 * grid2op environment): the outer object is checked with io-ts, each element table (a pandas
 * DataFrame in "split" orientation, itself a JSON string) is read column by column, and a
 * missing column, a wrong type or an element pandapower would simulate but gridfold does not
 * model (static generators, storage, switches, ...) is an `InputError` naming the file, the
 * table, the column and the row.
 *
 * @example
 * ```ts
 * const path = "../shared/data/grid2op/l2rpn_case14_sandbox/grid.json";
 * const tables = decodePandapower(JSON.parse(await Deno.readTextFile(path)), path);
 * const nLine = tables.line.fromBus.length; // the grid's power lines (transformers apart)
 * ```
 * @module
 */
import * as t from "io-ts";
import { InputError } from "../errors.ts";
import { decode, Finite } from "./codec.ts";
import { PandapowerTables } from "../../core/grid/mod.ts";

const Frame = t.type({ _object: t.union([t.string, t.UnknownRecord]) });
const Split = t.type({
  columns: t.array(t.string),
  index: t.array(t.unknown),
  data: t.array(t.array(t.unknown)),
});
const Net = t.type({ _object: t.UnknownRecord });

/** Tables gridfold does not model: present and non-empty, they are an error. */
const UNSUPPORTED = [
  "sgen",
  "storage",
  "switch",
  "trafo3w",
  "impedance",
  "dcline",
  "ward",
  "xward",
  "motor",
  "asymmetric_load",
  "asymmetric_sgen",
];

/** One DataFrame: its rows and a typed column reader that names what is wrong. */
class Table {
  constructor(
    readonly source: string,
    readonly name: string,
    readonly columns: string[],
    readonly index: unknown[],
    readonly data: unknown[][],
  ) {}

  get length(): number {
    return this.data.length;
  }

  private column(col: string, fallback?: unknown): unknown[] {
    const c = this.columns.indexOf(col);
    if (c < 0) {
      if (fallback !== undefined) return this.data.map(() => fallback);
      throw new InputError(`${this.source}: ${this.name}.${col}: missing column`);
    }
    return this.data.map((row) => row[c]);
  }

  private fail(col: string, row: number, what: string, got: unknown): never {
    const shown = JSON.stringify(got)?.slice(0, 40) ?? String(got);
    throw new InputError(
      `${this.source}: ${this.name}.${col} row ${row}: expected ${what}, got ${shown}`,
    );
  }

  /** A numeric column; null is NaN when `nullable`, an error otherwise. */
  numbers(col: string, opts: { fallback?: number; nullable?: boolean } = {}): number[] {
    return this.column(col, opts.fallback).map((v, i) => {
      if (typeof v === "number" && (Number.isFinite(v) || opts.nullable)) return v;
      if (v === null && opts.nullable) return NaN;
      return this.fail(col, i, "a number", v);
    });
  }

  booleans(col: string, fallback?: boolean): boolean[] {
    return this.column(col, fallback).map((v, i) =>
      typeof v === "boolean" ? v : this.fail(col, i, "true or false", v)
    );
  }

  /** Text or null (pandapower's missing value); `loose` also reads other values as null. */
  texts(col: string, loose = false): (string | null)[] {
    return this.column(col, null).map((v, i) => {
      if (v === null || typeof v === "string") return v;
      if (typeof v === "number") return String(v);
      return loose ? null : this.fail(col, i, "a name", v);
    });
  }
}

function table(net: Record<string, unknown>, name: string, source: string): Table {
  if (net[name] === undefined) throw new InputError(`${source}: ${name}: missing table`);
  const frame = decode(Frame, net[name], `${source}: ${name}`);
  let body: unknown = frame._object;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch (e) {
      throw new InputError(`${source}: ${name}: not valid JSON (${(e as Error).message})`);
    }
  }
  const split = decode(Split, body, `${source}: ${name}`);
  split.data.forEach((row, i) => {
    if (row.length !== split.columns.length) {
      throw new InputError(
        `${source}: ${name} row ${i}: ${row.length} values for ${split.columns.length} columns`,
      );
    }
  });
  return new Table(source, name, split.columns, split.index, split.data);
}

/** Decodes the parsed JSON of a pandapower network into the tables gridfold reads. */
export function decodePandapower(json: unknown, source: string): PandapowerTables {
  const net = decode(Net, json, source)._object as Record<string, unknown>;
  for (const name of UNSUPPORTED) {
    if (net[name] !== undefined && table(net, name, source).length > 0) {
      throw new InputError(
        `${source}: ${name}: ${
          table(net, name, source).length
        } rows, but gridfold does not model "${name}" elements`,
      );
    }
  }
  const bus = table(net, "bus", source);
  const labels = bus.index.map((v, i) => {
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new InputError(`${source}: bus index ${i}: expected an integer label`);
    }
    return v;
  });
  const known = new Set(labels);
  const busRef = (tab: Table, col: string): number[] =>
    tab.numbers(col).map((b, i) => {
      if (!known.has(b)) {
        throw new InputError(`${source}: ${tab.name}.${col} row ${i}: bus ${b} does not exist`);
      }
      return b;
    });
  const line = table(net, "line", source);
  const trafo = table(net, "trafo", source);
  const gen = table(net, "gen", source);
  const load = table(net, "load", source);
  const shunt = net.shunt === undefined ? null : table(net, "shunt", source);
  const ext = net.ext_grid === undefined ? null : table(net, "ext_grid", source);
  for (const col of ["const_z_percent", "const_i_percent"]) {
    load.numbers(col, { fallback: 0 }).forEach((v, i) => {
      if (v !== 0) {
        throw new InputError(
          `${source}: load.${col} row ${i}: voltage-dependent loads are not modelled`,
        );
      }
    });
  }
  const scaled = (tab: Table, col: string) => {
    const s = tab.numbers("scaling", { fallback: 1 });
    return tab.numbers(col).map((v, i) => v * s[i]);
  };
  const shuntStep = shunt?.numbers("step", { fallback: 1 }) ?? [];
  const positive = (v: unknown, field: string) => {
    const n = decode(Finite, v, `${source}: ${field}`);
    if (n <= 0) throw new InputError(`${source}: ${field}: expected a positive number, got ${n}`);
    return n;
  };
  return {
    fHz: positive(net.f_hz, "f_hz"),
    snMva: positive(net.sn_mva, "sn_mva"),
    bus: { index: labels, vnKv: bus.numbers("vn_kv") },
    line: {
      name: line.texts("name"),
      fromBus: busRef(line, "from_bus"),
      toBus: busRef(line, "to_bus"),
      lengthKm: line.numbers("length_km"),
      rOhmPerKm: line.numbers("r_ohm_per_km"),
      xOhmPerKm: line.numbers("x_ohm_per_km"),
      cNfPerKm: line.numbers("c_nf_per_km", { fallback: 0 }),
      gUsPerKm: line.numbers("g_us_per_km", { fallback: 0 }),
      maxIKa: line.numbers("max_i_ka", { nullable: true }),
      parallel: line.numbers("parallel", { fallback: 1 }),
      inService: line.booleans("in_service"),
    },
    trafo: {
      name: trafo.texts("name"),
      hvBus: busRef(trafo, "hv_bus"),
      lvBus: busRef(trafo, "lv_bus"),
      snMva: trafo.numbers("sn_mva"),
      vnHvKv: trafo.numbers("vn_hv_kv"),
      vnLvKv: trafo.numbers("vn_lv_kv"),
      vkPercent: trafo.numbers("vk_percent"),
      vkrPercent: trafo.numbers("vkr_percent"),
      pfeKw: trafo.numbers("pfe_kw", { fallback: 0 }),
      i0Percent: trafo.numbers("i0_percent", { fallback: 0 }),
      shiftDegree: trafo.numbers("shift_degree", { fallback: 0, nullable: true }),
      tapSide: trafo.texts("tap_side", true).map((s) => (s === "hv" || s === "lv" ? s : null)),
      tapNeutral: trafo.numbers("tap_neutral", { nullable: true, fallback: NaN }),
      tapPos: trafo.numbers("tap_pos", { nullable: true, fallback: NaN }),
      tapStepPercent: trafo.numbers("tap_step_percent", { nullable: true, fallback: NaN }),
      tapStepDegree: trafo.numbers("tap_step_degree", { nullable: true, fallback: NaN }),
      tapPhaseShifter: trafo.booleans("tap_phase_shifter", false),
      parallel: trafo.numbers("parallel", { fallback: 1 }),
      inService: trafo.booleans("in_service"),
    },
    gen: {
      name: gen.texts("name"),
      bus: busRef(gen, "bus"),
      pMw: scaled(gen, "p_mw"),
      vmPu: gen.numbers("vm_pu"),
      minQMvar: gen.numbers("min_q_mvar", { nullable: true, fallback: NaN }),
      maxQMvar: gen.numbers("max_q_mvar", { nullable: true, fallback: NaN }),
      minPMw: gen.numbers("min_p_mw", { nullable: true, fallback: NaN }),
      maxPMw: gen.numbers("max_p_mw", { nullable: true, fallback: NaN }),
      slack: gen.booleans("slack", false),
      inService: gen.booleans("in_service"),
    },
    load: {
      name: load.texts("name"),
      bus: busRef(load, "bus"),
      pMw: scaled(load, "p_mw"),
      qMvar: scaled(load, "q_mvar"),
      inService: load.booleans("in_service"),
    },
    shunt: shunt === null ? { bus: [], pMw: [], qMvar: [], inService: [] } : {
      bus: busRef(shunt, "bus"),
      pMw: shunt.numbers("p_mw").map((v, i) => v * shuntStep[i]),
      qMvar: shunt.numbers("q_mvar").map((v, i) => v * shuntStep[i]),
      inService: shunt.booleans("in_service"),
    },
    extGrid: ext === null ? { bus: [], vmPu: [], inService: [] } : {
      bus: busRef(ext, "bus"),
      vmPu: ext.numbers("vm_pu"),
      inService: ext.booleans("in_service"),
    },
  };
}
