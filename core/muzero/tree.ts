/**
 * The search tree as a struct of arrays (the shape of DeepMind's mctx): node `n`'s statistics
 * are entries `n` of flat typed arrays, its children and priors are row `n` of
 * `[node][action]` tables, its hidden state is row `n` of `[node][hidden]`. A tree is allocated
 * once per search with room for every node the search can create, so simulations allocate
 * nothing.
 *
 * Node 0 is the root. A node exists once a simulation has expanded it: `children` holds -1
 * (`UNVISITED`) for actions not expanded yet; the expanded children also form a list per node
 * (`firstChild`, `nextSibling`) so selection visits them without scanning every action. Values follow the research: `valueSum / visits`
 * is a node's value V, and `r + discount * V` is what the parent's selection sees.
 *
 * @module
 */

/** Index of the root node. */
export const ROOT = 0;
/** Marks a child not expanded yet, and the root's parent. */
export const UNVISITED = -1;

/** A search tree: node statistics, the child table, lazily filled priors, hidden states. */
export interface Tree {
  readonly numActions: number;
  readonly hiddenSize: number;
  readonly capacity: number;
  /** Number of nodes in use. */
  size: number;
  readonly visits: Int32Array;
  readonly valueSum: Float64Array;
  /** Predicted reward of the transition into the node (0 at the root). */
  readonly reward: Float64Array;
  /** The network's value of the node's state. */
  readonly rawValue: Float64Array;
  readonly parent: Int32Array;
  readonly actionFromParent: Int32Array;
  /** `[node][action]`: the child's node index, or `UNVISITED`. */
  readonly children: Int32Array;
  /** A node's expanded children as a list: its first child, then each child's next sibling. */
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /**
   * The unexpanded (and, at the root, legal) action with the largest prior (the lowest index
   * among equals), `UNVISITED` when none is left: the only unexpanded action selection needs
   * to look at, since all unexpanded actions score `c * prior`.
   */
  readonly bestUnexpanded: Int32Array;
  /** `[node][action]`: prior probabilities, valid where `hasPriors[node]` is 1. */
  readonly priors: Float32Array;
  readonly hasPriors: Uint8Array;
  /** `[node][hiddenSize]`: hidden states. */
  readonly hidden: Float32Array;
  /** 1 for actions the root may take (all when null); inner nodes have no mask. */
  readonly rootLegal: Uint8Array | null;
  /** `[min, max]` of `r + discount * V` over the nodes backed up so far. */
  readonly minMax: Float64Array;
}

/** An empty tree with room for `capacity` nodes. */
export function createTree(
  capacity: number,
  numActions: number,
  hiddenSize: number,
  rootLegal: Uint8Array | null = null,
): Tree {
  if (rootLegal !== null && rootLegal.length !== numActions) {
    throw new RangeError(`legal mask has ${rootLegal.length} entries, expected ${numActions}`);
  }
  return {
    numActions,
    hiddenSize,
    capacity,
    size: 0,
    visits: new Int32Array(capacity),
    valueSum: new Float64Array(capacity),
    reward: new Float64Array(capacity),
    rawValue: new Float64Array(capacity),
    parent: new Int32Array(capacity).fill(UNVISITED),
    actionFromParent: new Int32Array(capacity).fill(UNVISITED),
    children: new Int32Array(capacity * numActions).fill(UNVISITED),
    firstChild: new Int32Array(capacity).fill(UNVISITED),
    nextSibling: new Int32Array(capacity).fill(UNVISITED),
    bestUnexpanded: new Int32Array(capacity).fill(UNVISITED),
    priors: new Float32Array(capacity * numActions),
    hasPriors: new Uint8Array(capacity),
    hidden: new Float32Array(capacity * hiddenSize),
    rootLegal,
    minMax: Float64Array.of(Infinity, -Infinity),
  };
}

/** A node's value V (0 before its first visit). */
export const nodeValue = (tree: Tree, node: number): number =>
  tree.visits[node] > 0 ? tree.valueSum[node] / tree.visits[node] : 0;

/** Visit counts of the root's children, by action. */
export function rootVisits(tree: Tree): Int32Array {
  const out = new Int32Array(tree.numActions);
  for (let a = 0; a < tree.numActions; a++) {
    const c = tree.children[ROOT * tree.numActions + a];
    if (c !== UNVISITED) out[a] = tree.visits[c];
  }
  return out;
}

/** Recomputes `bestUnexpanded[node]` from its priors (legal actions only at the root). */
export function findBestUnexpanded(tree: Tree, node: number): void {
  const n = tree.numActions, row = node * n;
  const legal = node === ROOT ? tree.rootLegal : null;
  let best = UNVISITED, bestPrior = -Infinity;
  for (let a = 0; a < n; a++) {
    if (tree.children[row + a] !== UNVISITED || (legal !== null && !legal[a])) continue;
    if (tree.priors[row + a] > bestPrior) (best = a, bestPrior = tree.priors[row + a]);
  }
  tree.bestUnexpanded[node] = best;
}
