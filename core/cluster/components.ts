/**
 * Clusters of a binary target x input matrix: the connected components of its bipartite
 * graph (rows = targets, columns = inputs, an edge per 1). Every row and column lands in
 * exactly one cluster (a lone row or column is a cluster of its own), in a canonical order,
 * and `blockOrder` lays rows and columns out cluster by cluster to show the block-diagonal
 * form.
 *
 * @example
 * ```ts
 * components([[1, 0], [0, 1]]); // [{ targets: [0], inputs: [0] }, { targets: [1], inputs: [1] }]
 * ```
 * @module
 */

/** One cluster: target (row) and input (column) indices, ascending. */
export interface Cluster {
  readonly targets: readonly number[];
  readonly inputs: readonly number[];
}

/**
 * Connected components by union-find over rows 0..R-1 and columns R..R+C-1, ordered by their
 * first row (clusters without rows after, by their first column).
 */
export function components(binary: readonly (readonly number[])[], cols?: number): Cluster[] {
  const rows = binary.length;
  const width = cols ?? (rows > 0 ? binary[0].length : 0);
  const parent = Int32Array.from({ length: rows + width }, (_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < width; j++) {
      if (binary[i][j] !== 0) {
        const a = find(i), b = find(rows + j);
        // The smaller index becomes the root, so roots are each component's first node.
        if (a < b) parent[b] = a;
        else if (b < a) parent[a] = b;
      }
    }
  }
  const byRoot = new Map<number, { targets: number[]; inputs: number[] }>();
  for (let node = 0; node < rows + width; node++) {
    const root = find(node);
    let cluster = byRoot.get(root);
    if (!cluster) byRoot.set(root, cluster = { targets: [], inputs: [] });
    if (node < rows) cluster.targets.push(node);
    else cluster.inputs.push(node - rows);
  }
  return [...byRoot.values()];
}

/** Rows and columns reordered cluster by cluster, with the last index of each block. */
export interface BlockOrder {
  readonly rowOrder: readonly number[];
  readonly colOrder: readonly number[];
  /** Positions (in the new order) after which a block of rows / columns ends. */
  readonly rowBreaks: readonly number[];
  readonly colBreaks: readonly number[];
}

/** The block-diagonal layout of a clustering. */
export function blockOrder(clusters: readonly Cluster[]): BlockOrder {
  const rowOrder = clusters.flatMap((c) => c.targets);
  const colOrder = clusters.flatMap((c) => c.inputs);
  const breaks = (sizes: number[]) => {
    const total = sizes.reduce((a, b) => a + b, 0);
    const out: number[] = [];
    let end = -1;
    for (const size of sizes) {
      end += size;
      if (size > 0 && end < total - 1) out.push(end);
    }
    return out;
  };
  return {
    rowOrder,
    colOrder,
    rowBreaks: breaks(clusters.map((c) => c.targets.length)),
    colBreaks: breaks(clusters.map((c) => c.inputs.length)),
  };
}
