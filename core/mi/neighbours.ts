/**
 * The k-th nearest neighbour distance of every point of a two-dimensional sample in the
 * max-norm, exactly, in about N log N time even when k is in the thousands and the sample is
 * full of ties (discrete atoms), which is what the KSG estimators need.
 *
 * How: points are sorted by one coordinate ("x", the one with fewer distinct values) and cut
 * into groups, each sorted by the other ("y"). A group is one x value (an atom) or a short run
 * of x values. The k-th neighbour distance rho is 1-Lipschitz in the point (max-norm), so
 * visiting the points group by group in a snake order, each point's rho lies within
 * `[rho_prev - d, rho_prev + d]` of the previous point's, d their distance. Binary searches in
 * the groups count the points strictly inside that bracket and collect the few whose distance
 * falls in it; the rank that is still missing picks rho among them. Counts are verified, so a
 * bracket spoiled by rounding falls back to the whole sample instead of giving a wrong answer.
 * Identical points share their result, so a fully discrete sample costs one search per atom.
 *
 * @example
 * ```ts
 * const { rho, ties } = kthNeighbours(x, y, 250);
 * // rho[i]: distance from point i to its 250th nearest other point
 * // ties[i]: points equal to point i, itself included
 * ```
 * @module
 */
import { distinctCount, endWithin, firstWithin, sortedCopy } from "./sorted.ts";

/** What the neighbour search returns, indexed like the input points. */
export interface JointNeighbours {
  /** Max-norm distance from each point to its k-th nearest other point. */
  readonly rho: Float64Array;
  /** How many points coincide with each point (itself included). */
  readonly ties: Int32Array;
}

/** The points in group order, with their groups. */
interface Layout {
  /** Original index of each position. */
  readonly order: Int32Array;
  /** Grouping coordinate and in-group sorting coordinate, by position. */
  readonly gx: Float64Array;
  readonly gy: Float64Array;
  /** Group g holds positions start[g] .. start[g+1]-1, with x in [xMin[g], xMax[g]]. */
  readonly start: Int32Array;
  readonly xMin: Float64Array;
  readonly xMax: Float64Array;
}

/** Sorts the points by (x, y), cuts them into groups and sorts mixed groups by (y, x). */
function layout(x: ArrayLike<number>, y: ArrayLike<number>): Layout {
  const n = x.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const target = Math.max(32, Math.ceil(Math.sqrt(n)));
  const starts: number[] = [0];
  let runStart = 0;
  for (let p = 1; p <= n; p++) {
    if (p < n && x[order[p]] === x[order[p - 1]]) continue;
    // [runStart, p) is one x value: a large one gets a group of its own.
    const groupStart = starts[starts.length - 1];
    if (p - runStart >= target && runStart > groupStart) starts.push(runStart);
    if (p - starts[starts.length - 1] >= target && p < n) starts.push(p);
    runStart = p;
  }
  starts.push(n);
  const groups = starts.length - 1;
  const start = Int32Array.from(starts);
  const xMin = new Float64Array(groups), xMax = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const s = start[g], e = start[g + 1];
    xMin[g] = x[order[s]];
    xMax[g] = x[order[e - 1]];
    if (xMin[g] !== xMax[g]) {
      order.subarray(s, e).sort((a, b) => y[a] - y[b] || x[a] - x[b]);
    }
  }
  const gx = new Float64Array(n), gy = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    gx[p] = x[order[p]];
    gy[p] = y[order[p]];
  }
  return { order, gx, gy, start, xMin, xMax };
}

/** Scratch space for one search: distances collected in the bracket. */
interface Scratch {
  readonly unit: Float64Array;
  readonly weightValue: Float64Array;
  readonly weight: Int32Array;
}

/**
 * The `need`-th smallest distance from point (xi, yi) (itself included, at distance 0),
 * provided it lies in [lo, hi]; -1 when it does not (the bracket was wrong).
 */
function selectInBracket(
  L: Layout,
  scratch: Scratch,
  own: number,
  xi: number,
  yi: number,
  need: number,
  lo: number,
  hi: number,
): number {
  const { gx, gy, start, xMin, xMax } = L;
  const { unit, weightValue, weight } = scratch;
  const groups = start.length - 1;
  let below = 0, units = 0, weighted = 0, total = 0;
  for (let dir = 0; dir < 2; dir++) {
    for (let h = dir === 0 ? own : own + 1; h >= 0 && h < groups; h += dir === 0 ? -1 : 1) {
      const lowEnd = xi - xMin[h], highEnd = xMax[h] - xi;
      const near = h < own ? xi - xMax[h] : h > own ? xMin[h] - xi : 0;
      if (near > hi) break;
      const far = lowEnd > highEnd ? lowEnd : highEnd;
      const s = start[h], e = start[h + 1];
      const aH = firstWithin(gy, s, e, yi, hi, false);
      const bH = endWithin(gy, aH, e, yi, hi, false);
      if (far < lo) {
        // Every x of the group is closer than lo: the distance is below lo iff |dy| is,
        // and is |dy| otherwise.
        const aL = firstWithin(gy, aH, bH, yi, lo, true);
        const bL = endWithin(gy, aL, bH, yi, lo, true);
        below += bL - aL;
        for (let q = aH; q < aL; q++) unit[units++] = yi - gy[q];
        for (let q = bL; q < bH; q++) unit[units++] = gy[q] - yi;
      } else if (xMin[h] === xMax[h]) {
        // One x value at distance dx >= lo: the distance is max(dx, |dy|).
        const dx = far;
        const aD = firstWithin(gy, aH, bH, yi, dx, false);
        const bD = endWithin(gy, aD, bH, yi, dx, false);
        if (bD > aD) {
          weightValue[weighted] = dx;
          weight[weighted++] = bD - aD;
          total += bD - aD;
        }
        for (let q = aH; q < aD; q++) unit[units++] = yi - gy[q];
        for (let q = bD; q < bH; q++) unit[units++] = gy[q] - yi;
      } else {
        for (let q = aH; q < bH; q++) {
          const v = gx[q];
          const dx = v >= xi ? v - xi : xi - v;
          if (dx > hi) continue;
          const w = gy[q];
          const dy = w >= yi ? w - yi : yi - w;
          const m = dx > dy ? dx : dy;
          if (m < lo) below++;
          else unit[units++] = m;
        }
      }
    }
  }
  total += below + units;
  if (below >= need || total < need) return -1;
  const rank = need - below;
  if (weighted === 0) return selectRank(unit, units, rank);
  return selectWeighted(unit, units, weightValue, weight, weighted, rank);
}

/** The rank-th smallest (1-based) of values[0..count-1], by quickselect (reorders them). */
function selectRank(values: Float64Array, count: number, rank: number): number {
  let lo = 0, hi = count - 1;
  const want = rank - 1;
  while (hi > lo) {
    // Median of three as pivot, then a Hoare partition.
    const mid = (lo + hi) >>> 1;
    const a = values[lo], b = values[mid], c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return values[want];
  }
  return values[want];
}

/** The rank-th smallest of unit values and weighted values (each counted `weight` times). */
function selectWeighted(
  unit: Float64Array,
  units: number,
  weightValue: Float64Array,
  weight: Int32Array,
  weighted: number,
  rank: number,
): number {
  const values = unit.subarray(0, units).sort();
  // Insertion sort of the few weighted entries (at most one per group).
  for (let a = 1; a < weighted; a++) {
    const v = weightValue[a], w = weight[a];
    let b = a - 1;
    for (; b >= 0 && weightValue[b] > v; b--) {
      weightValue[b + 1] = weightValue[b];
      weight[b + 1] = weight[b];
    }
    weightValue[b + 1] = v;
    weight[b + 1] = w;
  }
  let i = 0, j = 0;
  for (;;) {
    if (j < weighted && (i >= units || weightValue[j] <= values[i])) {
      rank -= weight[j];
      if (rank <= 0) return weightValue[j];
      j++;
    } else {
      rank -= 1;
      if (rank <= 0) return values[i];
      i++;
    }
  }
}

/** Number of points that coincide with each position (runs of equal (x, y) in group order). */
function tieRuns(L: Layout): Int32Array {
  const n = L.gx.length;
  const ties = new Int32Array(n);
  for (let p = 0; p < n;) {
    let q = p + 1;
    while (q < n && L.gx[q] === L.gx[p] && L.gy[q] === L.gy[p]) q++;
    ties.fill(q - p, p, q);
    p = q;
  }
  return ties;
}

/**
 * The max-norm distance from every point (x[i], y[i]) to its k-th nearest other point, and
 * how many points coincide with it. Requires 1 <= k < N and finite coordinates.
 */
export function kthNeighbours(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  k: number,
): JointNeighbours {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`kthNeighbours: ${n} x values but ${y.length} y values`);
  if (!(Number.isInteger(k) && k >= 1 && k < n)) {
    throw new RangeError(`kthNeighbours: k must be an integer in [1, ${n - 1}], got ${k}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new RangeError(`kthNeighbours: point ${i} is not finite`);
    }
  }
  // The structure is symmetric in x and y: group by the coordinate with fewer values.
  const swap = distinctCount(sortedCopy(y)) < distinctCount(sortedCopy(x));
  const L = swap ? layout(y, x) : layout(x, y);
  const ties = tieRuns(L);
  const groups = L.start.length - 1;
  const scratch: Scratch = {
    unit: new Float64Array(n),
    weightValue: new Float64Array(groups),
    weight: new Int32Array(groups),
  };
  const rhoAt = new Float64Array(n);
  let prevX = 0, prevY = 0, prevRho = -1;
  for (let g = 0; g < groups; g++) {
    const s = L.start[g], e = L.start[g + 1];
    const up = g % 2 === 0;
    for (let t = s; t < e; t++) {
      const p = up ? t : s + e - 1 - t;
      const xi = L.gx[p], yi = L.gy[p];
      if (prevRho >= 0 && xi === prevX && yi === prevY) {
        rhoAt[p] = prevRho;
        continue;
      }
      let rho = -1;
      if (prevRho >= 0) {
        const dx = Math.abs(xi - prevX), dy = Math.abs(yi - prevY);
        const d = dx > dy ? dx : dy;
        const slack = 1e-12 * (prevRho + d);
        rho = selectInBracket(
          L,
          scratch,
          g,
          xi,
          yi,
          k + 1,
          prevRho - d - slack,
          prevRho + d + slack,
        );
      }
      if (rho < 0) rho = selectInBracket(L, scratch, g, xi, yi, k + 1, 0, Infinity);
      rhoAt[p] = rho;
      prevX = xi;
      prevY = yi;
      prevRho = rho;
    }
  }
  const rho = new Float64Array(n), tiesOut = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    rho[L.order[p]] = rhoAt[p];
    tiesOut[L.order[p]] = ties[p];
  }
  return { rho, ties: tiesOut };
}
