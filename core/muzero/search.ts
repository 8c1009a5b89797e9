/**
 * MuZero's tree search (docs/research.md section 3) as small functions over a `Tree`:
 * the root from the initial inference with Dirichlet noise mixed into its priors, pUCT
 * selection with min-max normalised values, expansion by recurrent inference, back-up with the
 * discount. `search` is pure: it allocates its own tree, changes nothing it is given, and the
 * same inputs give the same tree. The helpers change the tree they are handed (the search's
 * own) in place, so simulations allocate nothing.
 *
 * Conventions (the research's code follows muzero-general):
 * - pUCT: `(log((N_p + c_base + 1) / c_base) + c_init) * sqrt(N_p) / (N_c + 1) * prior_c`
 *   plus the value component: `(r_c + g V_c - min) / (max - min)` once max > min,
 *   `r_c + g V_c` while max = min, 0 for an unvisited child.
 * - Back-up walks from the leaf to the root: each node gets `value` added to its sum and one
 *   visit, the min-max statistics see `r + g V` of the node, then `value = r + g value`.
 * - The root starts with no visit (its initial value is not backed up), so its value is the
 *   mean of what the simulations bring back, and on the first simulation every score is 0.
 *   Ties go to the larger prior, then to the lower action: the first simulation follows the
 *   priors. (muzero-general breaks ties at random; this keeps the search a pure function.)
 * - A node's priors are computed the first time a simulation descends through it (a leaf's
 *   priors are never read before that): leaves never descended through cost no policy
 *   evaluation (few are left when the search runs deep, as it does with fresh weights).
 * - Selection compares the expanded children with the best unexpanded action only (every
 *   unexpanded action scores `c * prior`), which is the argmax over all actions.
 * - The legal mask applies at the root: illegal actions get prior 0 and are never selected.
 *
 * @example
 * ```ts
 * import { dirichlet, genFromSeed } from "../mod.ts";
 * import { chainEnv } from "../testbeds/mod.ts";
 * import { initMuZero, muzeroModel, muzeroNets, researchConfig } from "./mod.ts";
 *
 * const env = chainEnv({ length: 5, actions: 3, seed: 1 });
 * const { observationSize, numActions } = env;
 * const nets = muzeroNets({ ...researchConfig, observationSize, numActions });
 * const [params, gen] = initMuZero(nets, genFromSeed(1));
 * const model = muzeroModel(nets, params);
 * const root = model.initial(env.observe(env.reset(0)));
 * const legal = Uint8Array.of(1, 1, 0); // action 2 is illegal at the root
 * const [noise] = dirichlet(gen, researchConfig.dirichletAlpha, 2); // one entry per legal action
 * const { visits, value, policy } = search(root, model, researchConfig, { noise, legal });
 * // visits sum to researchConfig.simulations (50); visits[2] is 0
 * ```
 * @module
 */
import type { SearchConfig } from "./config.ts";
import type { RootOutput, SearchModel } from "./model.ts";
import {
  createTree,
  findBestUnexpanded,
  nodeValue,
  ROOT,
  rootVisits,
  type Tree,
  UNVISITED,
} from "./tree.ts";

/** What a search returns about the root. */
export interface SearchResult {
  readonly tree: Tree;
  /** Visit counts of the root's children (they sum to the number of simulations). */
  readonly visits: Int32Array;
  /** The root's value: the mean of the values the simulations backed up. */
  readonly value: number;
  /** The visit counts normalised: the policy target of this step. */
  readonly policy: Float32Array;
}

/** Noise and mask of one search. */
export interface SearchOptions {
  /** Dirichlet noise, one entry per legal action in action order (none: no noise). */
  readonly noise?: Float64Array | null;
  /** 1 for legal actions at the root (all when null). */
  readonly legal?: Uint8Array | null;
}

/**
 * The root's priors: the policy renormalised over the legal actions (uniform if it gives them
 * no mass), then `(1 - fraction) * prior + fraction * noise` on the legal actions.
 */
export function rootPriors(
  priors: ArrayLike<number>,
  legal: Uint8Array | null,
  noise: Float64Array | null,
  fraction: number,
): Float32Array {
  const n = priors.length;
  let mass = 0, count = 0;
  for (let a = 0; a < n; a++) {
    if (legal === null || legal[a]) (mass += priors[a], count++);
  }
  if (count === 0) throw new RangeError("search: no legal action at the root");
  if (noise !== null && noise.length !== count) {
    throw new RangeError(`search: noise has ${noise.length} entries for ${count} legal actions`);
  }
  const out = new Float32Array(n);
  let k = 0;
  for (let a = 0; a < n; a++) {
    if (legal !== null && !legal[a]) continue;
    const p = mass > 0 ? priors[a] / mass : 1 / count;
    out[a] = noise === null ? p : (1 - fraction) * p + fraction * noise[k++];
  }
  return out;
}

/** A tree holding only the root (no visit yet), ready for `config.simulations` simulations. */
export function initRoot(root: RootOutput, config: SearchConfig, options: SearchOptions): Tree {
  const numActions = root.priors.length, hiddenSize = root.hidden.length;
  const legal = options.legal ?? null;
  const tree = createTree(config.simulations + 1, numActions, hiddenSize, legal);
  tree.size = 1;
  tree.hidden.set(root.hidden, 0);
  tree.rawValue[ROOT] = root.value;
  tree.priors.set(
    rootPriors(root.priors, legal, options.noise ?? null, config.explorationFraction),
    0,
  );
  tree.hasPriors[ROOT] = 1;
  findBestUnexpanded(tree, ROOT);
  return tree;
}

/** The value component of pUCT for an expanded child: its `r + g V`, min-max normalised. */
export function normalisedValue(tree: Tree, child: number, discount: number): number {
  const q = tree.reward[child] + discount * nodeValue(tree, child);
  const min = tree.minMax[0], max = tree.minMax[1];
  return max > min ? (q - min) / (max - min) : q;
}

/** The exploration factor of a node with `visits` visits: `(log(...) + c_init) * sqrt(N_p)`. */
export const exploration = (visits: number, config: SearchConfig): number =>
  (Math.log((visits + config.cBase + 1) / config.cBase) + config.cInit) * Math.sqrt(visits);

/** The score of one action given its node's exploration factor `c`. */
function score(tree: Tree, row: number, action: number, c: number, discount: number): number {
  const child = tree.children[row + action];
  const prior = tree.priors[row + action];
  return child === UNVISITED
    ? c * prior
    : c * prior / (tree.visits[child] + 1) + normalisedValue(tree, child, discount);
}

/** The pUCT score of `action` at `node`. */
export const ucbScore = (tree: Tree, node: number, action: number, config: SearchConfig): number =>
  score(
    tree,
    node * tree.numActions,
    action,
    exploration(tree.visits[node], config),
    config.discount,
  );

/**
 * The action pUCT selects at `node` (legal ones only at the root): the largest score, ties to
 * the larger prior, then to the lower action. Every unexpanded action scores `c * prior`, so
 * only the best of them (`bestUnexpanded`) competes with the expanded children: the result
 * equals an argmax over all actions (tests/muzero_search_test.ts checks this) at a cost that
 * grows with the number of expanded children, not of actions.
 */
export function selectAction(tree: Tree, node: number, config: SearchConfig): number {
  const row = node * tree.numActions;
  const c = exploration(tree.visits[node], config);
  let best = tree.bestUnexpanded[node], bestScore = -Infinity, bestPrior = -Infinity;
  if (best !== UNVISITED) (bestPrior = tree.priors[row + best], bestScore = c * bestPrior);
  for (let child = tree.firstChild[node]; child !== UNVISITED; child = tree.nextSibling[child]) {
    const a = tree.actionFromParent[child];
    const prior = tree.priors[row + a];
    const s = c * prior / (tree.visits[child] + 1) +
      normalisedValue(tree, child, config.discount);
    if (
      s > bestScore ||
      (s === bestScore && (prior > bestPrior || (prior === bestPrior && a < best)))
    ) {
      best = a, bestScore = s, bestPrior = prior;
    }
  }
  return best;
}

/** Makes sure `node` has priors, evaluating the policy at its hidden state once. */
export function ensurePriors(tree: Tree, model: SearchModel, node: number): void {
  if (tree.hasPriors[node]) return;
  model.policy(tree.hidden, node * tree.hiddenSize, tree.priors, node * tree.numActions);
  tree.hasPriors[node] = 1;
  findBestUnexpanded(tree, node);
}

/**
 * Expands `action` at `parent` by recurrent inference into a new node; returns its index.
 * `scratch` receives `[reward, value]`.
 */
export function expand(
  tree: Tree,
  model: SearchModel,
  parent: number,
  action: number,
  scratch: Float64Array,
): number {
  if (tree.size >= tree.capacity) throw new RangeError("search: tree is full");
  const node = tree.size++;
  const h = tree.hiddenSize;
  model.recurrent(tree.hidden, parent * h, action, node * h, scratch);
  tree.reward[node] = scratch[0];
  tree.rawValue[node] = scratch[1];
  tree.parent[node] = parent;
  tree.actionFromParent[node] = action;
  tree.children[parent * tree.numActions + action] = node;
  tree.nextSibling[node] = tree.firstChild[parent];
  tree.firstChild[parent] = node;
  if (tree.bestUnexpanded[parent] === action) findBestUnexpanded(tree, parent);
  return node;
}

/** Backs `value` (the leaf's) up from `leaf` to the root, discounting by `discount`. */
export function backup(tree: Tree, leaf: number, value: number, discount: number): void {
  let v = value;
  for (let node = leaf; node !== UNVISITED; node = tree.parent[node]) {
    tree.valueSum[node] += v;
    tree.visits[node] += 1;
    const q = tree.reward[node] + discount * (tree.valueSum[node] / tree.visits[node]);
    if (q < tree.minMax[0]) tree.minMax[0] = q;
    if (q > tree.minMax[1]) tree.minMax[1] = q;
    v = tree.reward[node] + discount * v;
  }
}

/** One simulation: select down to an unexpanded action, expand it, back its value up. */
export function simulate(
  tree: Tree,
  model: SearchModel,
  config: SearchConfig,
  scratch: Float64Array,
): void {
  let node = ROOT;
  for (;;) {
    ensurePriors(tree, model, node);
    const action = selectAction(tree, node, config);
    const child = tree.children[node * tree.numActions + action];
    if (child === UNVISITED) {
      const leaf = expand(tree, model, node, action, scratch);
      backup(tree, leaf, tree.rawValue[leaf], config.discount);
      return;
    }
    node = child;
  }
}

/** A full search from `root`: `config.simulations` simulations. */
export function search(
  root: RootOutput,
  model: SearchModel,
  config: SearchConfig,
  options: SearchOptions = {},
): SearchResult {
  if (!(Number.isInteger(config.simulations) && config.simulations >= 1)) {
    throw new RangeError(`search: simulations must be >= 1, got ${config.simulations}`);
  }
  if (root.priors.length !== model.numActions || root.hidden.length !== model.hiddenSize) {
    throw new RangeError("search: the root does not match the model's sizes");
  }
  const tree = initRoot(root, config, options);
  const scratch = new Float64Array(2);
  for (let s = 0; s < config.simulations; s++) simulate(tree, model, config, scratch);
  const visits = rootVisits(tree);
  const policy = new Float32Array(visits.length);
  for (let a = 0; a < visits.length; a++) policy[a] = visits[a] / config.simulations;
  return { tree, visits, value: nodeValue(tree, ROOT), policy };
}
