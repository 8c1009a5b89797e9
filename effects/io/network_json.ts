/**
 * gridfold's own network file: one JSON document per network, every element on one line,
 * parameters in per unit on `baseMVA` (MATPOWER's pi model), powers in MW / MVAr, thermal
 * limits in amperes, unknown values as null. Numbers are written to 12 significant digits:
 * exact for data published with fewer, and free of the float noise of unit conversions, so
 * writing what was read gives the same bytes. Reading checks every field with io-ts and then
 * the model's rules; an error names the file and the field.
 *
 * @example
 * ```ts
 * import { readMatpower } from "./mod.ts";
 *
 * const { net } = await readMatpower("../shared/data/matpower/case14.m");
 * await writeNetwork("runs/x/network.json", net, "MATPOWER case14.m");
 * const same = await readNetwork("runs/x/network.json"); // the same network, read back
 * ```
 * @module
 */
import * as t from "io-ts";
import { InputError } from "../errors.ts";
import { closed, decode, Finite, NonNegInt, parseJson, readText } from "./codec.ts";
import { writeAtomic } from "./runs.ts";
import { makeNetwork, Network, NetworkError } from "../../core/grid/mod.ts";

/** The format tag written in every file. */
export const FORMAT = "gridfold-network";
/** The format version written in every file (a reader accepts this one only). */
export const VERSION = 1;

const Num = Finite;
const MaybeNum = t.union([Finite, t.null]);

const Substation = closed({ name: t.string, vnKv: Num, x: MaybeNum, y: MaybeNum }, "substation");
const Line = closed({
  name: t.string,
  or: NonNegInt,
  ex: NonNegInt,
  trafo: t.boolean,
  r: Num,
  x: Num,
  gOr: Num,
  bOr: Num,
  gEx: Num,
  bEx: Num,
  ratio: Num,
  shiftDeg: Num,
  thermalLimitA: MaybeNum,
  rateMVA: Num,
  inService: t.boolean,
}, "line");
const Gen = closed({
  name: t.string,
  sub: NonNegInt,
  p: Num,
  q: Num,
  vmPu: Num,
  qMin: MaybeNum,
  qMax: MaybeNum,
  pMin: MaybeNum,
  pMax: MaybeNum,
  regulating: t.boolean,
  inService: t.boolean,
  type: t.string,
  maxRampUp: MaybeNum,
  maxRampDown: MaybeNum,
  minUpTime: MaybeNum,
  minDownTime: MaybeNum,
  costPerMW: MaybeNum,
  startupCost: MaybeNum,
  shutdownCost: MaybeNum,
}, "generator");
const Load = closed(
  { name: t.string, sub: NonNegInt, p: Num, q: Num, inService: t.boolean },
  "load",
);
const Shunt = Load;
const Doc = closed({
  format: t.literal(FORMAT),
  version: t.literal(VERSION),
  name: t.string,
  source: t.string,
  baseMVA: Num,
  slackAngleDeg: Num,
  slackGen: t.string,
  substations: t.array(Substation),
  lines: t.array(Line),
  gens: t.array(Gen),
  loads: t.array(Load),
  shunts: t.array(Shunt),
}, "network");

/** A number to 12 significant digits; NaN (unknown) as null. */
function num(v: number): number | null {
  return Number.isNaN(v) ? null : Number(v.toPrecision(12));
}

const nullable = (v: number | null) => (v === null ? NaN : v);

/** The network as a JSON-ready document (`source` says where its data came from). */
export function networkDocument(net: Network, source: string): t.TypeOf<typeof Doc> {
  const { sub, line, gen, load, shunt } = net;
  return {
    format: FORMAT,
    version: VERSION,
    name: net.name,
    source,
    baseMVA: num(net.baseMVA)!,
    slackAngleDeg: num(net.slackAngleDeg)!,
    slackGen: gen.name[net.slackGen],
    substations: sub.name.map((name, s) => ({
      name,
      vnKv: num(sub.vnKv[s])!,
      x: sub.x === null ? null : num(sub.x[s]),
      y: sub.y === null ? null : num(sub.y[s]),
    })),
    lines: line.name.map((name, l) => ({
      name,
      or: line.orSub[l],
      ex: line.exSub[l],
      trafo: line.isTrafo[l] === 1,
      r: num(line.r[l])!,
      x: num(line.x[l])!,
      gOr: num(line.gOr[l])!,
      bOr: num(line.bOr[l])!,
      gEx: num(line.gEx[l])!,
      bEx: num(line.bEx[l])!,
      ratio: num(line.ratio[l])!,
      shiftDeg: num(line.shiftDeg[l])!,
      thermalLimitA: num(line.thermalLimitA[l]),
      rateMVA: num(line.rateMVA[l])!,
      inService: line.inService[l] === 1,
    })),
    gens: gen.name.map((name, g) => ({
      name,
      sub: gen.sub[g],
      p: num(gen.p[g])!,
      q: num(gen.q[g])!,
      vmPu: num(gen.vmPu[g])!,
      qMin: num(gen.qMin[g]),
      qMax: num(gen.qMax[g]),
      pMin: num(gen.pMin[g]),
      pMax: num(gen.pMax[g]),
      regulating: gen.regulating[g] === 1,
      inService: gen.inService[g] === 1,
      type: gen.type[g],
      maxRampUp: num(gen.maxRampUp[g]),
      maxRampDown: num(gen.maxRampDown[g]),
      minUpTime: num(gen.minUpTime[g]),
      minDownTime: num(gen.minDownTime[g]),
      costPerMW: num(gen.costPerMW[g]),
      startupCost: num(gen.startupCost[g]),
      shutdownCost: num(gen.shutdownCost[g]),
    })),
    loads: load.name.map((name, d) => ({
      name,
      sub: load.sub[d],
      p: num(load.p[d])!,
      q: num(load.q[d])!,
      inService: load.inService[d] === 1,
    })),
    shunts: shunt.name.map((name, k) => ({
      name,
      sub: shunt.sub[k],
      p: num(shunt.p[k])!,
      q: num(shunt.q[k])!,
      inService: shunt.inService[k] === 1,
    })),
  };
}

/** The document as text: top-level fields on their own lines, one element per line. */
export function networkText(net: Network, source: string): string {
  const doc = networkDocument(net, source);
  const parts = Object.entries(doc).map(([key, value]) => {
    if (!Array.isArray(value)) return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const rows = value.map((row) => `    ${JSON.stringify(row)}`).join(",\n");
    return `  ${JSON.stringify(key)}: [\n${rows}\n  ]`;
  });
  return `{\n${parts.join(",\n")}\n}\n`;
}

/** Builds a network from a parsed document; `source` names it in errors. */
export function decodeNetwork(json: unknown, source: string): Network {
  const doc = decode(Doc, json, source);
  const f64 = <T>(rows: T[], f: (r: T) => number | null) =>
    Float64Array.from(rows, (r) => nullable(f(r)));
  const i32 = <T>(rows: T[], f: (r: T) => number) => Int32Array.from(rows, f);
  const u8 = <T>(rows: T[], f: (r: T) => boolean) => Uint8Array.from(rows, (r) => (f(r) ? 1 : 0));
  const { substations: S, lines: L, gens: G, loads: D, shunts: K } = doc;
  const slackGen = G.findIndex((g) => g.name === doc.slackGen);
  if (slackGen < 0) {
    throw new InputError(`${source}: slackGen: no generator named "${doc.slackGen}"`);
  }
  const hasLayout = S.some((s) => s.x !== null);
  try {
    return makeNetwork({
      name: doc.name,
      baseMVA: doc.baseMVA,
      slackAngleDeg: doc.slackAngleDeg,
      slackGen,
      sub: {
        name: S.map((s) => s.name),
        vnKv: f64(S, (s) => s.vnKv),
        x: hasLayout ? f64(S, (s) => s.x) : null,
        y: hasLayout ? f64(S, (s) => s.y) : null,
      },
      line: {
        name: L.map((l) => l.name),
        orSub: i32(L, (l) => l.or),
        exSub: i32(L, (l) => l.ex),
        r: f64(L, (l) => l.r),
        x: f64(L, (l) => l.x),
        gOr: f64(L, (l) => l.gOr),
        bOr: f64(L, (l) => l.bOr),
        gEx: f64(L, (l) => l.gEx),
        bEx: f64(L, (l) => l.bEx),
        ratio: f64(L, (l) => l.ratio),
        shiftDeg: f64(L, (l) => l.shiftDeg),
        isTrafo: u8(L, (l) => l.trafo),
        thermalLimitA: f64(L, (l) => l.thermalLimitA),
        rateMVA: f64(L, (l) => l.rateMVA),
        inService: u8(L, (l) => l.inService),
      },
      gen: {
        name: G.map((g) => g.name),
        sub: i32(G, (g) => g.sub),
        p: f64(G, (g) => g.p),
        q: f64(G, (g) => g.q),
        vmPu: f64(G, (g) => g.vmPu),
        qMin: f64(G, (g) => g.qMin),
        qMax: f64(G, (g) => g.qMax),
        pMin: f64(G, (g) => g.pMin),
        pMax: f64(G, (g) => g.pMax),
        regulating: u8(G, (g) => g.regulating),
        inService: u8(G, (g) => g.inService),
        type: G.map((g) => g.type),
        maxRampUp: f64(G, (g) => g.maxRampUp),
        maxRampDown: f64(G, (g) => g.maxRampDown),
        minUpTime: f64(G, (g) => g.minUpTime),
        minDownTime: f64(G, (g) => g.minDownTime),
        costPerMW: f64(G, (g) => g.costPerMW),
        startupCost: f64(G, (g) => g.startupCost),
        shutdownCost: f64(G, (g) => g.shutdownCost),
      },
      load: {
        name: D.map((d) => d.name),
        sub: i32(D, (d) => d.sub),
        p: f64(D, (d) => d.p),
        q: f64(D, (d) => d.q),
        inService: u8(D, (d) => d.inService),
      },
      shunt: {
        name: K.map((k) => k.name),
        sub: i32(K, (k) => k.sub),
        p: f64(K, (k) => k.p),
        q: f64(K, (k) => k.q),
        inService: u8(K, (k) => k.inService),
      },
    });
  } catch (e) {
    if (e instanceof NetworkError) throw new InputError(`${source}: ${e.message}`);
    throw e;
  }
}

/** Reads a network file. */
export async function readNetwork(path: string): Promise<Network> {
  return decodeNetwork(parseJson(await readText(path), path), path);
}

/** Writes a network file atomically. */
export function writeNetwork(path: string, net: Network, source: string): Promise<void> {
  return writeAtomic(path, networkText(net, source));
}
