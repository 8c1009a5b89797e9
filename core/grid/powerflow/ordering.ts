/**
 * Fill-reducing ordering for sparse LU: the minimum-degree heuristic on the graph of a
 * structurally symmetric matrix. Eliminating a node joins its remaining neighbours into a
 * clique (the fill); always eliminating a node of least degree keeps that fill small. Ties go
 * to the lowest index, so the ordering is deterministic.
 *
 * @example
 * ```ts
 * // a path 0 - 1 - 2: the ends have degree 1 and go first
 * minimumDegree([[1], [0, 2], [1]]); // Int32Array [0, 2, 1]
 * ```
 * @module
 */

/**
 * The elimination order (a permutation: position -> node) of an undirected graph given as
 * neighbour lists. Self-loops and duplicate edges are ignored.
 */
export function minimumDegree(neighbours: readonly (readonly number[])[]): Int32Array {
  const n = neighbours.length;
  const adj = neighbours.map((list, i) => new Set(list.filter((j) => j !== i)));
  for (let i = 0; i < n; i++) for (const j of adj[i]) adj[j].add(i);
  const done = new Uint8Array(n);
  const order = new Int32Array(n);
  for (let step = 0; step < n; step++) {
    let best = -1;
    let bestDegree = Infinity;
    for (let i = 0; i < n; i++) {
      if (!done[i] && adj[i].size < bestDegree) {
        best = i;
        bestDegree = adj[i].size;
      }
    }
    order[step] = best;
    done[best] = 1;
    const clique = [...adj[best]];
    for (const a of clique) {
      adj[a].delete(best);
      for (const b of clique) if (a !== b) adj[a].add(b);
    }
    adj[best].clear();
  }
  return order;
}
