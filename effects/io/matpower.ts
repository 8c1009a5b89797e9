/**
 * MATPOWER case files (`.m`, case format version 2) to a gridfold network: the `mpc.baseMVA`,
 * `mpc.bus`, `mpc.gen` and `mpc.branch` matrices are read (other fields are ignored), checked
 * row by row, and converted with MATPOWER's meaning: one substation per bus, a load per bus
 * with Pd or Qd, a shunt per bus with Gs or Bs, generators regulating voltage on PV and
 * reference buses (a generator on a PQ bus injects its fixed Qg), the slack on the first
 * in-service generator of the reference bus, whose angle (`Va`) is kept. The case's own
 * voltages are returned as a start, so a solve begins where MATPOWER's `runpf` does.
 * A malformed file is an `InputError` naming the file, the field and the row.
 *
 * @example
 * ```ts
 * import { caseInjections, defaultTopoVect } from "../../core/grid/mod.ts";
 * import { compileGrid, solveAc } from "../../core/grid/powerflow/mod.ts";
 *
 * const { net, start } = await readMatpower("../shared/data/matpower/case14.m");
 * const r = solveAc(compileGrid(net, defaultTopoVect(net)), caseInjections(net), { init: start });
 * console.log(r.converged, r.busVm); // whether Newton converged, and the bus voltages (pu)
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { readText } from "./codec.ts";
import { WarmStart } from "../../core/grid/powerflow/mod.ts";
import { makeNetwork, Network, NetworkError } from "../../core/grid/mod.ts";

/** A MATPOWER case as a network, with the case's voltages and bus numbers. */
export interface MatpowerCase {
  readonly net: Network;
  /** The case's bus voltages (per global bus), MATPOWER's starting point. */
  readonly start: WarmStart;
  /** MATPOWER bus number of each substation. */
  readonly busNumber: Int32Array;
}

type Matrix = number[][];

/** The `mpc.<field> = [ ... ];` matrices and `mpc.<field> = <number>;` scalars of a file. */
function fields(
  text: string,
  source: string,
): { matrices: Map<string, Matrix>; scalars: Map<string, string> } {
  const code = text.split("\n").map((line) => line.replace(/%.*$/, "")).join("\n");
  const matrices = new Map<string, Matrix>();
  const scalars = new Map<string, string>();
  const re = /mpc\.(\w+)\s*=\s*/g;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    const name = m[1];
    const at = re.lastIndex;
    if (code[at] === "[") {
      const end = code.indexOf("]", at);
      if (end < 0) throw new InputError(`${source}: mpc.${name}: no closing "]"`);
      const rows: Matrix = [];
      for (const [r, row] of code.slice(at + 1, end).split(/[;\n]/).entries()) {
        const tokens = row.trim().split(/[\s,]+/).filter((tk) => tk !== "");
        if (tokens.length === 0) continue;
        rows.push(tokens.map((tk, c) => {
          const v = /^[+-]?inf$/i.test(tk)
            ? (tk.startsWith("-") ? -Infinity : Infinity)
            : Number(tk);
          if (Number.isNaN(v)) {
            throw new InputError(
              `${source}: mpc.${name} line ${r + 1} column ${c + 1}: not a number ("${tk}")`,
            );
          }
          return v;
        }));
      }
      matrices.set(name, rows);
      re.lastIndex = end + 1;
    } else {
      const end = code.indexOf(";", at);
      scalars.set(name, code.slice(at, end < 0 ? undefined : end).trim());
    }
  }
  return { matrices, scalars };
}

function matrix(m: Map<string, Matrix>, name: string, minCols: number, source: string): Matrix {
  const rows = m.get(name);
  if (rows === undefined) throw new InputError(`${source}: mpc.${name}: missing`);
  if (rows.length === 0) throw new InputError(`${source}: mpc.${name}: no rows`);
  rows.forEach((row, i) => {
    if (row.length < minCols) {
      throw new InputError(
        `${source}: mpc.${name} row ${
          i + 1
        }: expected at least ${minCols} columns, got ${row.length}`,
      );
    }
  });
  return rows;
}

/** Parses the text of a MATPOWER case; `source` names it in errors. */
export function parseMatpower(text: string, source: string, name = "case"): MatpowerCase {
  const { matrices, scalars } = fields(text, source);
  const baseText = scalars.get("baseMVA");
  const baseMVA = Number(baseText);
  if (baseText === undefined) throw new InputError(`${source}: mpc.baseMVA: missing`);
  if (!(baseMVA > 0)) {
    throw new InputError(`${source}: mpc.baseMVA: expected a positive number, got ${baseText}`);
  }
  const bus = matrix(matrices, "bus", 13, source);
  const gen = matrix(matrices, "gen", 10, source);
  const branch = matrix(matrices, "branch", 11, source);

  const index = new Map<number, number>();
  bus.forEach((row, i) => {
    const id = row[0];
    if (!Number.isInteger(id) || id <= 0) {
      throw new InputError(
        `${source}: mpc.bus row ${i + 1}: bus number ${id} is not a positive integer`,
      );
    }
    if (index.has(id)) {
      throw new InputError(`${source}: mpc.bus row ${i + 1}: bus ${id} appears twice`);
    }
    if (![1, 2, 3, 4].includes(row[1])) {
      throw new InputError(`${source}: mpc.bus row ${i + 1}: type ${row[1]} is not 1, 2, 3 or 4`);
    }
    index.set(id, i);
  });
  const at = (table: string, row: number, id: number) => {
    const i = index.get(id);
    if (i === undefined) {
      throw new InputError(`${source}: mpc.${table} row ${row + 1}: bus ${id} does not exist`);
    }
    return i;
  };
  const nSub = bus.length;
  const type = bus.map((r) => r[1]);
  const live = (i: number) => type[i] !== 4;

  const genBus = gen.map((r, g) => at("gen", g, r[0]));
  const genOn = gen.map((r, g) => r[7] > 0 && live(genBus[g]));
  const ref = type.findIndex((t) => t === 3);
  if (ref < 0) throw new InputError(`${source}: mpc.bus: no reference bus (type 3)`);
  const slackGen = genBus.findIndex((b, g) => b === ref && genOn[g]);
  if (slackGen < 0) {
    throw new InputError(
      `${source}: mpc.gen: no in-service generator at the reference bus ${bus[ref][0]}`,
    );
  }

  const brOr = branch.map((r, l) => at("branch", l, r[0]));
  const brEx = branch.map((r, l) => at("branch", l, r[1]));
  branch.forEach((r, l) => {
    if (r[2] === 0 && r[3] === 0) {
      throw new InputError(`${source}: mpc.branch row ${l + 1}: zero impedance (r = x = 0)`);
    }
    if (brOr[l] === brEx[l]) {
      throw new InputError(`${source}: mpc.branch row ${l + 1}: both ends on bus ${r[0]}`);
    }
  });

  const loads = bus.flatMap((r, i) => (r[2] !== 0 || r[3] !== 0 ? [i] : []));
  const shunts = bus.flatMap((r, i) => (r[4] !== 0 || r[5] !== 0 ? [i] : []));
  const f64 = (xs: number[]) => Float64Array.from(xs);
  const i32 = (xs: number[]) => Int32Array.from(xs);
  const u8 = (xs: boolean[]) => Uint8Array.from(xs, (b) => (b ? 1 : 0));
  const nan = (n: number) => new Float64Array(n).fill(NaN);
  try {
    const net = makeNetwork({
      name,
      baseMVA,
      slackAngleDeg: bus[ref][8],
      slackGen,
      sub: {
        name: bus.map((r) => `bus_${r[0]}`),
        vnKv: f64(bus.map((r) => r[9])),
        x: null,
        y: null,
      },
      line: {
        name: branch.map((_, l) => `${brOr[l]}_${brEx[l]}_${l}`),
        orSub: i32(brOr),
        exSub: i32(brEx),
        r: f64(branch.map((r) => r[2])),
        x: f64(branch.map((r) => r[3])),
        gOr: new Float64Array(branch.length),
        bOr: f64(branch.map((r) => r[4] / 2)),
        gEx: new Float64Array(branch.length),
        bEx: f64(branch.map((r) => r[4] / 2)),
        ratio: f64(branch.map((r) => (r[8] === 0 || r[8] === undefined ? 1 : r[8]))),
        shiftDeg: f64(branch.map((r) => r[9] ?? 0)),
        isTrafo: u8(branch.map((r) => (r[8] ?? 0) !== 0 || (r[9] ?? 0) !== 0)),
        thermalLimitA: nan(branch.length),
        rateMVA: f64(branch.map((r) => r[5])),
        inService: u8(branch.map((r, l) => r[10] > 0 && live(brOr[l]) && live(brEx[l]))),
      },
      gen: {
        name: gen.map((_, g) => `gen_${genBus[g]}_${g}`),
        sub: i32(genBus),
        p: f64(gen.map((r) => r[1])),
        q: f64(gen.map((r) => r[2])),
        vmPu: f64(gen.map((r) => r[5])),
        qMax: f64(gen.map((r) => r[3])),
        qMin: f64(gen.map((r) => r[4])),
        pMax: f64(gen.map((r) => r[8])),
        pMin: f64(gen.map((r) => r[9])),
        regulating: u8(genBus.map((b) => type[b] === 2 || type[b] === 3)),
        inService: u8(genOn),
        type: gen.map(() => ""),
        maxRampUp: nan(gen.length),
        maxRampDown: nan(gen.length),
        minUpTime: nan(gen.length),
        minDownTime: nan(gen.length),
        costPerMW: nan(gen.length),
        startupCost: nan(gen.length),
        shutdownCost: nan(gen.length),
      },
      load: {
        name: loads.map((b, d) => `load_${b}_${d}`),
        sub: i32(loads),
        p: f64(loads.map((b) => bus[b][2])),
        q: f64(loads.map((b) => bus[b][3])),
        inService: u8(loads.map(live)),
      },
      shunt: {
        name: shunts.map((b, k) => `shunt_${b}_${k}`),
        sub: i32(shunts),
        p: f64(shunts.map((b) => bus[b][4])),
        q: f64(shunts.map((b) => -bus[b][5])),
        inService: u8(shunts.map(live)),
      },
    });
    const busVm = new Float64Array(2 * nSub).fill(NaN);
    const busVa = new Float64Array(2 * nSub).fill(NaN);
    bus.forEach((r, i) => {
      busVm[i] = r[7];
      busVa[i] = r[8];
    });
    return { net, start: { busVm, busVa }, busNumber: i32(bus.map((r) => r[0])) };
  } catch (e) {
    if (e instanceof NetworkError) throw new InputError(`${source}: ${e.message}`);
    throw e;
  }
}

/** Reads and parses a MATPOWER `.m` case file. */
export async function readMatpower(path: string): Promise<MatpowerCase> {
  const base = path.split("/").pop()!.replace(/\.m$/, "");
  return parseMatpower(await readText(path), path, base);
}
