/**
 * What a synthetic MDP is (docs/research.md 1a): n integer state variables and m integer action
 * variables, and either a relation matrix (copy environment: each next-state variable copies
 * one of its related inputs, chosen uniformly) or blocks of variables (factored environment:
 * each block draws its next state from a random conditional table). The spec is plain data,
 * checked by `specProblem` before any model is built from it.
 *
 * @example
 * ```ts
 * const spec: MdpSpec = {
 *   kind: "copy", n: 2, m: 1, stateValues: 2, actionValues: 2,
 *   relation: [[1, 0, 1], [0, 1, 0]],
 * };
 * specProblem(spec);   // undefined: fine
 * dependencies(spec);  // the relation itself
 * ```
 * @module
 */

/** Fields both kinds share: sizes and value ranges (values are 0 .. count-1). */
interface SpecBase {
  /** Number of state variables. */
  readonly n: number;
  /** Number of action variables. */
  readonly m: number;
  /** Each state variable takes values 0 .. stateValues-1. */
  readonly stateValues: number;
  /** Each action variable takes values 0 .. actionValues-1. */
  readonly actionValues: number;
}

/** Copy environment: `relation[i][j] = 1` when s'_i may copy input j of (s, a). */
export interface CopySpec extends SpecBase {
  readonly kind: "copy";
  readonly relation: readonly (readonly number[])[];
}

/** One block of a factored environment: its state variables and the actions they depend on. */
export interface BlockSpec {
  readonly states: readonly number[];
  readonly actions: readonly number[];
}

/** Factored environment: blocks whose conditional tables are drawn from Dirichlet(alpha). */
export interface FactoredSpec extends SpecBase {
  readonly kind: "factored";
  /** Concentration of each table row's Dirichlet draw (1: uniform over distributions). */
  readonly alpha: number;
  readonly blocks: readonly BlockSpec[];
}

/** Either kind. */
export type MdpSpec = CopySpec | FactoredSpec;

/** The largest conditional table a factored block may have (rows x outcomes). */
export const MAX_TABLE_ENTRIES = 1e7;

/** Names of the next-state variables: s'0, s'1, ... */
export function targetNames(spec: MdpSpec): string[] {
  return Array.from({ length: spec.n }, (_, i) => `s'${i}`);
}

/** Names of the inputs: s0 .. s(n-1), then a0 .. a(m-1). */
export function inputNames(spec: MdpSpec): string[] {
  return [
    ...Array.from({ length: spec.n }, (_, j) => `s${j}`),
    ...Array.from({ length: spec.m }, (_, j) => `a${j}`),
  ];
}

function copyProblem(spec: CopySpec): string | undefined {
  const { n, m, relation } = spec;
  if (relation.length !== n) return `relation: expected n = ${n} rows, got ${relation.length}`;
  for (let i = 0; i < n; i++) {
    const row = relation[i];
    if (row.length !== n + m) {
      return `relation.${i}: expected n + m = ${n + m} entries, got ${row.length}`;
    }
    const bad = row.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) return `relation.${i}.${bad}: expected 0 or 1, got ${row[bad]}`;
    if (!row.includes(1)) return `relation.${i}: s'${i} copies no input (a row of zeros)`;
  }
  const copiesAction = relation.some((row) => row.slice(n).includes(1));
  if (copiesAction && spec.actionValues > spec.stateValues) {
    return `actionValues: ${spec.actionValues} action values cannot be copied into states ` +
      `with ${spec.stateValues} values`;
  }
  return undefined;
}

function indexProblem(
  list: readonly number[],
  size: number,
  what: string,
  path: string,
): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!Number.isInteger(v) || v < 0 || v >= size) {
      return `${path}.${i}: ${v} is out of range for ${what}s (0 .. ${size - 1})`;
    }
    if (list.indexOf(v) !== i) return `${path}.${i}: ${what} ${v} is listed twice`;
  }
  return undefined;
}

function factoredProblem(spec: FactoredSpec): string | undefined {
  const { n, m, blocks } = spec;
  if (!(spec.alpha > 0 && Number.isFinite(spec.alpha))) {
    return `alpha: expected a positive number, got ${spec.alpha}`;
  }
  if (blocks.length === 0) return "blocks: expected at least one block";
  const owner = new Array<number>(n).fill(-1);
  for (let b = 0; b < blocks.length; b++) {
    const { states, actions } = blocks[b];
    if (states.length === 0) return `blocks.${b}.states: a block needs at least one state`;
    const problem = indexProblem(states, n, "state", `blocks.${b}.states`) ??
      indexProblem(actions, m, "action", `blocks.${b}.actions`);
    if (problem) return problem;
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      if (owner[s] >= 0) {
        return `blocks.${b}.states.${i}: state ${s} is already in block ${owner[s]}`;
      }
      owner[s] = b;
    }
    const outcomes = spec.stateValues ** states.length;
    const entries = outcomes * outcomes * spec.actionValues ** actions.length;
    if (entries > MAX_TABLE_ENTRIES) {
      return `blocks.${b}: its conditional table would hold ${entries} entries ` +
        `(at most ${MAX_TABLE_ENTRIES})`;
    }
  }
  const orphan = owner.indexOf(-1);
  if (orphan >= 0) return `blocks: state ${orphan} is in no block`;
  return undefined;
}

/** What is wrong with a spec, as `field.path: message`, or undefined when it is usable. */
export function specProblem(spec: MdpSpec): string | undefined {
  return spec.kind === "copy" ? copyProblem(spec) : factoredProblem(spec);
}

/**
 * The true dependency matrix, n x (n+m): 1 where s'_i depends on input j (the relation for
 * the copy environment; the block's states and actions for the factored one). Its bipartite
 * components are the planted blocks a decomposition should recover.
 */
export function dependencies(spec: MdpSpec): number[][] {
  if (spec.kind === "copy") return spec.relation.map((row) => [...row]);
  const out = Array.from({ length: spec.n }, () => new Array<number>(spec.n + spec.m).fill(0));
  for (const { states, actions } of spec.blocks) {
    for (const i of states) {
      for (const j of states) out[i][j] = 1;
      for (const a of actions) out[i][spec.n + a] = 1;
    }
  }
  return out;
}
