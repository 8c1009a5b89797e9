/**
 * The k-th nearest neighbour distance of every point of a two-dimensional sample in the
 * max-norm, exactly, even when k is in the thousands and the sample is full of ties (discrete
 * atoms), which is what the KSG estimators need. About N log N time when one variable has few
 * distinct values (the grid experiment: an action code against a loading), about N^1.4 when
 * both are continuous (each point then visits about sqrt(N) groups).
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
 * import { genFromSeed } from "../mod.ts";
 * import { gaussianPair } from "./mod.ts";
 *
 * const [x, y] = gaussianPair(genFromSeed(1), 5000, 0.8);
 * const { rho, ties } = kthNeighbours(x, y, 250);
 * // rho[i]: distance from point i to its 250th nearest other point
 * // ties[i]: points equal to point i, itself included
 * ```
 * @module
 */
import { atomIndex, distinctValues, endWithin, firstWithin, sortedCopy } from "./sorted.ts";

/** What the neighbour search returns, indexed like the input points. */
export interface JointNeighbours {
  /** Max-norm distance from each point to its k-th nearest other point. */
  readonly rho: Float64Array;
  /** How many points coincide with each point (itself included). */
  readonly ties: Int32Array;
  /** The point indices in an order where coinciding points are adjacent. */
  readonly order: Int32Array;
  /** x and y sorted ascending (for marginal counts). */
  readonly sortedX: Float64Array;
  readonly sortedY: Float64Array;
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

/** `order` stably re-sorted by an integer key in [0, buckets) (counting sort). */
function sortByKey(order: Int32Array, key: Int32Array, buckets: number): Int32Array {
  const first = new Int32Array(buckets + 1);
  for (let i = 0; i < key.length; i++) first[key[i] + 1]++;
  for (let b = 0; b < buckets; b++) first[b + 1] += first[b];
  const out = new Int32Array(order.length);
  for (const i of order) out[first[key[i]]++] = i;
  return out;
}

/**
 * Cuts the x atoms (ascending) into groups, a large atom alone, small ones together until a
 * group holds about sqrt(N) points, and orders the points by (group, y, x).
 */
function layout(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  xAtoms: Float64Array,
  yAtoms: Float64Array,
): Layout {
  const n = x.length;
  const rx = atomIndex(x, xAtoms), ry = atomIndex(y, yAtoms);
  const size = new Int32Array(xAtoms.length);
  for (let i = 0; i < n; i++) size[rx[i]]++;
  const target = Math.max(32, Math.ceil(Math.sqrt(n)));
  const groupOfAtom = new Int32Array(xAtoms.length);
  let groups = 0, filled = 0;
  for (let a = 0; a < xAtoms.length; a++) {
    if (filled > 0 && (filled >= target || size[a] >= target)) (groups++, filled = 0);
    groupOfAtom[a] = groups;
    filled += size[a];
  }
  groups++;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = groupOfAtom[rx[i]];
  // Least significant key first: x, then y, then the group.
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order = sortByKey(
    sortByKey(sortByKey(order, rx, xAtoms.length), ry, yAtoms.length),
    group,
    groups,
  );
  const start = new Int32Array(groups + 1);
  const xMin = new Float64Array(groups).fill(Infinity),
    xMax = new Float64Array(groups).fill(-Infinity);
  for (let a = 0; a < xAtoms.length; a++) {
    const g = groupOfAtom[a];
    start[g + 1] += size[a];
    if (xAtoms[a] < xMin[g]) xMin[g] = xAtoms[a];
    if (xAtoms[a] > xMax[g]) xMax[g] = xAtoms[a];
  }
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
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
  const sortedX = sortedCopy(x), sortedY = sortedCopy(y);
  const xAtoms = distinctValues(sortedX), yAtoms = distinctValues(sortedY);
  const L = yAtoms.length < xAtoms.length
    ? layout(y, x, yAtoms, xAtoms)
    : layout(x, y, xAtoms, yAtoms);
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
      // k other points coincide with this one: its k-th neighbour is at distance 0.
      let rho = ties[p] > k ? 0 : -1;
      if (rho < 0 && prevRho >= 0) {
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
  return { rho, ties: tiesOut, order: L.order, sortedX, sortedY };
}
