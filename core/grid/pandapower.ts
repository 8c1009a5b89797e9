/**
 * pandapower's element tables to a gridfold network, with pandapower's own conversion to per
 * unit (as its `build_branch` does it for the version grid2op 1.10 ships, and as
 * lightsim2grid reproduces it) and grid2op's conventions on top:
 * - lines: r, x on the base of the from bus, b = 2 pi f c, g from `g_us_per_km`, split half
 *   and half between the ends; divided (impedance) or multiplied (admittance) by `parallel`;
 * - transformers: the tap moves the rated voltage of its side (magnitude and angle of
 *   `tap_step_percent` / `tap_step_degree`, or an ideal shift for `tap_phase_shifter`); the
 *   ratio is the tapped rated ratio over the buses' nominal ratio; r, x from `vk(r)_percent`
 *   referred to the low-voltage side; the magnetising branch from `pfe_kw` and `i0_percent`,
 *   folded into the pi model by pandapower's T-to-pi ("t" model) conversion;
 * - names as grid2op gives them when the tables have none (`0_1_0`, `3_6_15` for a
 *   transformer with its two buses sorted as text, `gen_1_0`, `load_1_0`, `sub_0`, `shunt_8_0`);
 * - a network whose generators have no `slack` flag gets one at its external grid, as
 *   grid2op's pandapower backend adds it.
 *
 * @module
 */
import { makeNetwork, Network } from "./network.ts";

/** The pandapower tables gridfold reads (one array per column, rows in file order). */
export interface PandapowerTables {
  readonly fHz: number;
  readonly snMva: number;
  readonly bus: { readonly index: number[]; readonly vnKv: number[] };
  readonly line: {
    readonly name: (string | null)[];
    readonly fromBus: number[];
    readonly toBus: number[];
    readonly lengthKm: number[];
    readonly rOhmPerKm: number[];
    readonly xOhmPerKm: number[];
    readonly cNfPerKm: number[];
    readonly gUsPerKm: number[];
    readonly maxIKa: number[];
    readonly parallel: number[];
    readonly inService: boolean[];
  };
  readonly trafo: {
    readonly name: (string | null)[];
    readonly hvBus: number[];
    readonly lvBus: number[];
    readonly snMva: number[];
    readonly vnHvKv: number[];
    readonly vnLvKv: number[];
    readonly vkPercent: number[];
    readonly vkrPercent: number[];
    readonly pfeKw: number[];
    readonly i0Percent: number[];
    readonly shiftDegree: number[];
    /** "hv", "lv" or null (no tap changer). */
    readonly tapSide: (string | null)[];
    readonly tapNeutral: number[];
    readonly tapPos: number[];
    readonly tapStepPercent: number[];
    readonly tapStepDegree: number[];
    readonly tapPhaseShifter: boolean[];
    readonly parallel: number[];
    readonly inService: boolean[];
  };
  readonly gen: {
    readonly name: (string | null)[];
    readonly bus: number[];
    readonly pMw: number[];
    readonly vmPu: number[];
    readonly minQMvar: number[];
    readonly maxQMvar: number[];
    readonly minPMw: number[];
    readonly maxPMw: number[];
    readonly slack: boolean[];
    readonly inService: boolean[];
  };
  readonly load: {
    readonly name: (string | null)[];
    readonly bus: number[];
    readonly pMw: number[];
    readonly qMvar: number[];
    readonly inService: boolean[];
  };
  readonly shunt: {
    readonly bus: number[];
    readonly pMw: number[];
    readonly qMvar: number[];
    readonly inService: boolean[];
  };
  readonly extGrid: {
    readonly bus: number[];
    readonly vmPu: number[];
    readonly inService: boolean[];
  };
}

/** What grid2op adds to the pandapower grid: thermal limits and generator characteristics. */
export interface Grid2opExtras {
  readonly name: string;
  /** Amperes per line (lines then transformers); null: grid2op's default from the tables. */
  readonly thermalLimitA: readonly number[] | null;
  /** Substation drawing coordinates, by substation name. */
  readonly layout: ReadonlyMap<string, readonly [number, number]> | null;
  /** `prods_charac.csv` rows by generator name. */
  readonly charac: ReadonlyMap<string, GenCharac> | null;
}

/** One row of grid2op's `prods_charac.csv`. */
export interface GenCharac {
  readonly pMax: number;
  readonly pMin: number;
  readonly type: string;
  readonly maxRampUp: number;
  readonly maxRampDown: number;
  readonly minUpTime: number;
  readonly minDownTime: number;
  readonly costPerMW: number;
  readonly startupCost: number;
  readonly shutdownCost: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const orZero = (v: number) => (Number.isFinite(v) ? v : 0);

/** Per-unit model of one transformer: series r, x, magnetising g + jb, ratio and shift. */
export function trafoModel(
  t: PandapowerTables["trafo"],
  k: number,
  vnHvBus: number,
  vnLvBus: number,
  snMva: number,
): { r: number; x: number; g: number; b: number; ratio: number; shiftDeg: number } {
  let vnHv = t.vnHvKv[k];
  let vnLv = t.vnLvKv[k];
  let shift = orZero(t.shiftDegree[k]);
  const side = t.tapSide[k];
  const tapDiff = t.tapPos[k] - orZero(t.tapNeutral[k]);
  if ((side === "hv" || side === "lv") && Number.isFinite(tapDiff)) {
    const dir = side === "hv" ? 1 : -1;
    const vn = side === "hv" ? vnHv : vnLv;
    const stepDeg = orZero(t.tapStepDegree[k]);
    const stepPct = orZero(t.tapStepPercent[k]);
    let tapped = vn;
    if (t.tapPhaseShifter[k]) {
      shift += stepDeg !== 0
        ? dir * tapDiff * stepDeg
        : dir * 2 * (Math.asin((tapDiff * stepPct) / 100 / 2) * 180) / Math.PI;
    } else if (Number.isFinite(t.tapStepPercent[k])) {
      const du = (vn * stepPct * tapDiff) / 100;
      const re = vn + du * Math.cos(rad(stepDeg));
      const im = du * Math.sin(rad(stepDeg));
      tapped = Math.sqrt(re * re + im * im);
      shift += (Math.atan((dir * im) / re) * 180) / Math.PI;
    }
    if (side === "hv") vnHv = tapped;
    else vnLv = tapped;
  }
  const ratio = vnHv / vnLv / (vnHvBus / vnLvBus);
  const parallel = t.parallel[k];
  // Series impedance on the low-voltage side, in per unit of the network base.
  const tapLv = (vnLv / vnLvBus) ** 2 * snMva;
  const z = (t.vkPercent[k] / 100 / t.snMva[k]) * tapLv;
  let r = (t.vkrPercent[k] / 100 / t.snMva[k]) * tapLv;
  let x = Math.sign(z) * Math.sqrt(z * z - r * r);
  r /= parallel;
  x /= parallel;
  // Magnetising admittance: y = -b_real j - b_img sign(i0), scaled as pandapower scales it.
  const baseR = (vnLvBus * vnLvBus) / snMva;
  const ratedLvSq = t.vnLvKv[k] ** 2;
  const pfe = t.pfeKw[k] * 1e-3;
  const bReal = (pfe / ratedLvSq) * baseR;
  const i0 = t.i0Percent[k];
  const bImgSq = ((i0 / 100) * t.snMva[k]) ** 2 - pfe * pfe;
  const bImg = (Math.sqrt(Math.max(bImgSq, 0)) * baseR) / ratedLvSq;
  const scale = parallel / (vnLv / t.vnLvKv[k]) ** 2;
  let yRe = -bImg * Math.sign(i0) * scale;
  let yIm = -bReal * scale;
  if (yRe !== 0 || yIm !== 0) {
    // T to pi: za = (r + jx) / 2, zc = -j / y; zab = (za^2 + 2 za zc) / zc; y = -2j / zbc.
    const zaRe = r / 2, zaIm = x / 2;
    const yy = yRe * yRe + yIm * yIm;
    const zcRe = -yIm / yy, zcIm = -yRe / yy; // -j / y
    const sumRe = zaRe * zaRe - zaIm * zaIm + 2 * (zaRe * zcRe - zaIm * zcIm);
    const sumIm = 2 * zaRe * zaIm + 2 * (zaRe * zcIm + zaIm * zcRe);
    const zc2 = zcRe * zcRe + zcIm * zcIm;
    r = (sumRe * zcRe + sumIm * zcIm) / zc2;
    x = (sumIm * zcRe - sumRe * zcIm) / zc2;
    const za2 = zaRe * zaRe + zaIm * zaIm;
    const zbcRe = (sumRe * zaRe + sumIm * zaIm) / za2;
    const zbcIm = (sumIm * zaRe - sumRe * zaIm) / za2;
    const zbc2 = zbcRe * zbcRe + zbcIm * zbcIm;
    // y = -2j / zbc = -2j conj(zbc) / |zbc|^2
    yRe = (-2 * zbcIm) / zbc2;
    yIm = (-2 * zbcRe) / zbc2;
  }
  // pandapower's branch B is complex: the shunt admittance j B / 2 at each end.
  return { r, x, g: -yIm, b: yRe, ratio, shiftDeg: shift };
}

/** grid2op's names for a table when any is missing. */
function namesOr(given: (string | null)[], fallback: (i: number) => string): string[] {
  return given.some((n) => n === null || n === "")
    ? given.map((_, i) => fallback(i))
    : given as string[];
}

/** The network of a pandapower grid as grid2op's pandapower / lightsim2grid backends see it. */
export function pandapowerNetwork(pp: PandapowerTables, extras: Grid2opExtras): Network {
  const pos = new Map(pp.bus.index.map((label, i) => [label, i]));
  const at = (label: number) => pos.get(label)!;
  const vn = (label: number) => pp.bus.vnKv[at(label)];
  const { line, trafo } = pp;
  const nL = line.fromBus.length;
  const nT = trafo.hvBus.length;
  const nBr = nL + nT;
  const br = {
    r: new Float64Array(nBr),
    x: new Float64Array(nBr),
    g: new Float64Array(nBr),
    b: new Float64Array(nBr),
    ratio: new Float64Array(nBr).fill(1),
    shiftDeg: new Float64Array(nBr),
  };
  for (let l = 0; l < nL; l++) {
    const baseR = vn(line.fromBus[l]) ** 2 / pp.snMva;
    const len = line.lengthKm[l];
    const par = line.parallel[l];
    br.r[l] = (line.rOhmPerKm[l] * len) / baseR / par;
    br.x[l] = (line.xOhmPerKm[l] * len) / baseR / par;
    br.b[l] = 2 * pp.fHz * Math.PI * line.cNfPerKm[l] * 1e-9 * baseR * len * par;
    br.g[l] = line.gUsPerKm[l] * 1e-6 * baseR * len * par;
  }
  for (let k = 0; k < nT; k++) {
    const m = trafoModel(trafo, k, vn(trafo.hvBus[k]), vn(trafo.lvBus[k]), pp.snMva);
    const l = nL + k;
    br.r[l] = m.r;
    br.x[l] = m.x;
    br.g[l] = m.g;
    br.b[l] = m.b;
    br.ratio[l] = m.ratio;
    br.shiftDeg[l] = m.shiftDeg;
  }
  const defaultLimit = [
    ...line.maxIKa.map((i) => 1000 * i),
    ...trafo.snMva.map((s, k) => (1000 * s) / (Math.sqrt(3) * trafo.vnHvKv[k])),
  ];
  const limits = extras.thermalLimitA ?? defaultLimit;

  // Generators, with grid2op's slack generator added at the external grid when none is flagged.
  const gen = {
    name: [...pp.gen.name],
    bus: [...pp.gen.bus],
    p: [...pp.gen.pMw],
    vm: [...pp.gen.vmPu],
    qMin: [...pp.gen.minQMvar],
    qMax: [...pp.gen.maxQMvar],
    pMin: [...pp.gen.minPMw],
    pMax: [...pp.gen.maxPMw],
    on: [...pp.gen.inService],
  };
  let slackGen = pp.gen.slack.findIndex((s, g) => s && pp.gen.inService[g]);
  if (slackGen < 0) {
    const e = pp.extGrid.inService.findIndex((on) => on);
    if (e >= 0) {
      slackGen = gen.name.length;
      gen.name.push(null);
      gen.bus.push(pp.extGrid.bus[e]);
      gen.p.push(0);
      gen.vm.push(pp.extGrid.vmPu[e]);
      gen.qMin.push(-9999);
      gen.qMax.push(9999);
      gen.pMin.push(NaN);
      gen.pMax.push(NaN);
      gen.on.push(true);
    }
  }
  const nG = gen.name.length;
  const genNames = namesOr(gen.name, (g) => `gen_${gen.bus[g]}_${g}`);
  const charac = genNames.map((n) => extras.charac?.get(n));
  const ch = (f: keyof GenCharac) =>
    Float64Array.from(charac, (c) => (c === undefined ? NaN : c[f] as number));
  const sorted = (a: number, b: number) => [String(a), String(b)].sort().join("_");
  const subNames = pp.bus.index.map((label) => `sub_${label}`);
  const layout = extras.layout;
  return makeNetwork({
    name: extras.name,
    baseMVA: pp.snMva,
    slackAngleDeg: 0,
    slackGen,
    sub: {
      name: subNames,
      vnKv: Float64Array.from(pp.bus.vnKv),
      x: layout === null ? null : Float64Array.from(subNames, (n) => layout.get(n)?.[0] ?? NaN),
      y: layout === null ? null : Float64Array.from(subNames, (n) => layout.get(n)?.[1] ?? NaN),
    },
    line: {
      name: [
        ...namesOr(line.name, (l) => `${line.fromBus[l]}_${line.toBus[l]}_${l}`),
        ...namesOr(trafo.name, (k) => `${sorted(trafo.hvBus[k], trafo.lvBus[k])}_${k + nL}`),
      ],
      orSub: Int32Array.from([...line.fromBus, ...trafo.hvBus], at),
      exSub: Int32Array.from([...line.toBus, ...trafo.lvBus], at),
      r: br.r,
      x: br.x,
      gOr: br.g.map((g) => g / 2),
      bOr: br.b.map((b) => b / 2),
      gEx: br.g.map((g) => g / 2),
      bEx: br.b.map((b) => b / 2),
      ratio: br.ratio,
      shiftDeg: br.shiftDeg,
      isTrafo: Uint8Array.from({ length: nBr }, (_, l) => (l >= nL ? 1 : 0)),
      thermalLimitA: Float64Array.from(limits),
      rateMVA: new Float64Array(nBr),
      inService: Uint8Array.from([...line.inService, ...trafo.inService], (b) => (b ? 1 : 0)),
    },
    gen: {
      name: genNames,
      sub: Int32Array.from(gen.bus, at),
      p: Float64Array.from(gen.p),
      q: new Float64Array(nG),
      vmPu: Float64Array.from(gen.vm),
      qMin: Float64Array.from(gen.qMin),
      qMax: Float64Array.from(gen.qMax),
      pMin: Float64Array.from(charac, (c, g) => c?.pMin ?? gen.pMin[g]),
      pMax: Float64Array.from(charac, (c, g) => c?.pMax ?? gen.pMax[g]),
      regulating: new Uint8Array(nG).fill(1),
      inService: Uint8Array.from(gen.on, (b) => (b ? 1 : 0)),
      type: charac.map((c) => c?.type ?? ""),
      maxRampUp: ch("maxRampUp"),
      maxRampDown: ch("maxRampDown"),
      minUpTime: ch("minUpTime"),
      minDownTime: ch("minDownTime"),
      costPerMW: ch("costPerMW"),
      startupCost: ch("startupCost"),
      shutdownCost: ch("shutdownCost"),
    },
    load: {
      name: namesOr(pp.load.name, (d) => `load_${pp.load.bus[d]}_${d}`),
      sub: Int32Array.from(pp.load.bus, at),
      p: Float64Array.from(pp.load.pMw),
      q: Float64Array.from(pp.load.qMvar),
      inService: Uint8Array.from(pp.load.inService, (b) => (b ? 1 : 0)),
    },
    shunt: {
      name: pp.shunt.bus.map((b, k) => `shunt_${b}_${k}`),
      sub: Int32Array.from(pp.shunt.bus, at),
      p: Float64Array.from(pp.shunt.pMw),
      q: Float64Array.from(pp.shunt.qMvar),
      inService: Uint8Array.from(pp.shunt.inService, (b) => (b ? 1 : 0)),
    },
  });
}
