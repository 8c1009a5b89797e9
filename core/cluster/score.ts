/**
 * Scoring a clustering against known blocks. Targets and inputs are the items; a clustering
 * labels each item with its cluster. The adjusted Rand index is 1 for identical partitions
 * and about 0 for a random one; "recovered exactly" means the partitions are identical.
 *
 * @example
 * ```ts
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1 (labels do not matter)
 * ```
 * @module
 */
import { Cluster } from "./components.ts";

/** Cluster index of each item: targets 0..rows-1, then inputs 0..cols-1. */
export function clusterLabels(
  clusters: readonly Cluster[],
  rows: number,
  cols: number,
): Int32Array {
  const labels = new Int32Array(rows + cols).fill(-1);
  clusters.forEach((c, k) => {
    for (const t of c.targets) labels[t] = k;
    for (const i of c.inputs) labels[rows + i] = k;
  });
  if (labels.includes(-1)) throw new RangeError("clusterLabels: the clusters miss an item");
  return labels;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * The adjusted Rand index of two labellings of the same items (Hubert and Arabie), with
 * scikit-learn's convention that two identical trivial partitions score 1.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`adjustedRandIndex: ${n} labels against ${b.length}`);
  const joint = new Map<string, number>(), rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rowSums.set(a[i], (rowSums.get(a[i]) ?? 0) + 1);
    colSums.set(b[i], (colSums.get(b[i]) ?? 0) + 1);
  }
  let index = 0, sumA = 0, sumB = 0;
  for (const c of joint.values()) index += pairs(c);
  for (const c of rowSums.values()) sumA += pairs(c);
  for (const c of colSums.values()) sumB += pairs(c);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return samePartition(a, b) ? 1 : 0;
  return (index - expected) / (max - expected);
}

/** Whether two labellings put exactly the same items together (labels may differ). */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  const ab = new Map<number, number>(), ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}
