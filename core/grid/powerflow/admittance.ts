/**
 * The admittance model: each branch's two-port admittances (the pi model with off-nominal
 * ratio and phase shift at the origin, MATPOWER's equations) and the bus admittance matrix
 * Y-bus of a topology, stored row-compressed with its diagonal located.
 *
 * For branch l with series admittance ys = 1 / (r + jx), end shunts h_or and h_ex, ratio t and
 * shift a: y_ff = (ys + h_or) / t^2, y_ft = -ys e^{ja} / t, y_tf = -ys e^{-ja} / t,
 * y_tt = ys + h_ex; the currents are I_or = y_ff V_or + y_ft V_ex and I_ex = y_tf V_or + y_tt V_ex.
 *
 * @example
 * ```ts
 * import { busTopology } from "../topology.ts";
 * import { defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const topo = busTopology(net, defaultTopoVect(net));
 * const y = branchAdmittance(net);
 * const ybus = admittanceMatrix(topo, y);  // over the buses in use
 * ```
 * @module
 */
import { Network } from "../network.ts";
import { BusTopology } from "../topology.ts";

/** Two-port admittances of every branch, per unit (real and imaginary parts). */
export interface BranchAdmittance {
  readonly ffRe: Float64Array;
  readonly ffIm: Float64Array;
  readonly ftRe: Float64Array;
  readonly ftIm: Float64Array;
  readonly tfRe: Float64Array;
  readonly tfIm: Float64Array;
  readonly ttRe: Float64Array;
  readonly ttIm: Float64Array;
}

/** A bus admittance matrix over the buses in use, row-compressed (rows sorted by column). */
export interface AdmittanceMatrix {
  readonly n: number;
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Position of each row's diagonal entry. */
  readonly diag: Int32Array;
}

/** The two-port admittances of every branch of the network. */
export function branchAdmittance(net: Network): BranchAdmittance {
  const n = net.line.name.length;
  const out = {
    ffRe: new Float64Array(n),
    ffIm: new Float64Array(n),
    ftRe: new Float64Array(n),
    ftIm: new Float64Array(n),
    tfRe: new Float64Array(n),
    tfIm: new Float64Array(n),
    ttRe: new Float64Array(n),
    ttIm: new Float64Array(n),
  };
  const { r, x, gOr, bOr, gEx, bEx, ratio, shiftDeg } = net.line;
  for (let l = 0; l < n; l++) {
    const d = r[l] * r[l] + x[l] * x[l];
    const ysRe = r[l] / d;
    const ysIm = -x[l] / d;
    const t = ratio[l];
    const a = (shiftDeg[l] * Math.PI) / 180;
    const c = Math.cos(a);
    const s = Math.sin(a);
    out.ffRe[l] = (ysRe + gOr[l]) / (t * t);
    out.ffIm[l] = (ysIm + bOr[l]) / (t * t);
    // -ys (c + js) / t and -ys (c - js) / t
    out.ftRe[l] = -(ysRe * c - ysIm * s) / t;
    out.ftIm[l] = -(ysRe * s + ysIm * c) / t;
    out.tfRe[l] = -(ysRe * c + ysIm * s) / t;
    out.tfIm[l] = -(ysIm * c - ysRe * s) / t;
    out.ttRe[l] = ysRe + gEx[l];
    out.ttIm[l] = ysIm + bEx[l];
  }
  return out;
}

/**
 * Y-bus of a topology over its buses in use: connected branches and connected shunts
 * (a shunt consuming p + jq at 1 pu adds (p - jq) / baseMVA to its bus's diagonal).
 */
export function admittanceMatrix(topo: BusTopology, y: BranchAdmittance): AdmittanceMatrix {
  const net = topo.net;
  const n = topo.nBus;
  const rows: Map<number, [number, number]>[] = Array.from(
    { length: n },
    (_, i) => new Map([[i, [0, 0]]]),
  );
  const add = (i: number, j: number, re: number, im: number) => {
    const e = rows[i].get(j);
    if (e === undefined) rows[i].set(j, [re, im]);
    else {
      e[0] += re;
      e[1] += im;
    }
  };
  for (let l = 0; l < net.line.name.length; l++) {
    if (!topo.lineStatus[l]) continue;
    const a = topo.busIndex[topo.lineOrBus[l]];
    const b = topo.busIndex[topo.lineExBus[l]];
    add(a, a, y.ffRe[l], y.ffIm[l]);
    add(a, b, y.ftRe[l], y.ftIm[l]);
    add(b, a, y.tfRe[l], y.tfIm[l]);
    add(b, b, y.ttRe[l], y.ttIm[l]);
  }
  for (let s = 0; s < net.shunt.name.length; s++) {
    const bus = topo.shuntBus[s];
    if (bus < 0) continue;
    const i = topo.busIndex[bus];
    add(i, i, net.shunt.p[s] / net.baseMVA, -net.shunt.q[s] / net.baseMVA);
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + rows[i].size;
  const nnz = start[n];
  const col = new Int32Array(nnz);
  const re = new Float64Array(nnz);
  const im = new Float64Array(nnz);
  const diag = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cols = [...rows[i].keys()].sort((p, q) => p - q);
    cols.forEach((j, k) => {
      const at = start[i] + k;
      const [vr, vi] = rows[i].get(j)!;
      col[at] = j;
      re[at] = vr;
      im[at] = vi;
      if (j === i) diag[i] = at;
    });
  }
  return { n, start, col, re, im, diag };
}
