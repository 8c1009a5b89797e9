/**
 * Synthetic MDPs as values: a model built once from a checked spec (the factored kind draws
 * its conditional tables from a pure generator), immutable states, and a step that takes its
 * uniform draws explicitly, so the same draws always give the same transition.
 *
 * @example
 * ```ts
 * import { genFromSeed, uniforms } from "../mod.ts";
 * import type { FactoredSpec } from "./mod.ts";
 *
 * const spec: FactoredSpec = {
 *   kind: "factored",
 *   n: 5,
 *   m: 3,
 *   stateValues: 2,
 *   actionValues: 2,
 *   alpha: 1,
 *   blocks: [{ states: [0, 2, 4], actions: [0, 1] }, { states: [1, 3], actions: [2] }],
 * };
 * const mdp = buildMdp(spec, genFromSeed(1));
 * const s0 = [0, 1, 0, 1, 0];
 * const [u] = uniforms(genFromSeed(2), drawsPerStep(mdp)); // one uniform per block
 * const s1 = step(mdp, s0, [1, 0, 1], u); // s0 unchanged
 * ```
 * @module
 */
import { categorical, dirichlet, Gen } from "../random.ts";
import { CopySpec, FactoredSpec, MdpSpec, specProblem } from "./spec.ts";

/** A state (or an action): one integer per variable. Never mutated. */
export type Values = readonly number[];

/** The copy environment with, for each next-state variable, the inputs it may copy. */
export interface CopyMdp {
  readonly kind: "copy";
  readonly spec: CopySpec;
  readonly sources: readonly (readonly number[])[];
}

/** The factored environment with one conditional table per block. */
export interface FactoredMdp {
  readonly kind: "factored";
  readonly spec: FactoredSpec;
  /**
   * Block b's table, row-major: row = mixed-radix code of (block states, block actions),
   * column = code of the block's next states; each row sums to 1.
   */
  readonly tables: readonly Float64Array[];
}

/** Either kind of synthetic MDP. */
export type Mdp = CopyMdp | FactoredMdp;

/** Builds the model; `gen` draws the factored tables (unused for the copy kind). */
export function buildMdp(spec: MdpSpec, gen: Gen): Mdp {
  const problem = specProblem(spec);
  if (problem) throw new RangeError(`synthetic MDP: ${problem}`);
  if (spec.kind === "copy") {
    const sources = spec.relation.map((row) => row.flatMap((v, j) => (v === 1 ? [j] : [])));
    return { kind: "copy", spec, sources };
  }
  const tables = spec.blocks.map((block) => {
    const outcomes = spec.stateValues ** block.states.length;
    const rows = outcomes * spec.actionValues ** block.actions.length;
    const table = new Float64Array(rows * outcomes);
    for (let r = 0; r < rows; r++) {
      const [p, next] = dirichlet(gen, spec.alpha, outcomes);
      table.set(p, r * outcomes);
      gen = next;
    }
    return table;
  });
  return { kind: "factored", spec, tables };
}

/** How many uniforms one step consumes: one per next-state variable, or one per block. */
export function drawsPerStep(mdp: Mdp): number {
  return mdp.kind === "copy" ? mdp.spec.n : mdp.spec.blocks.length;
}

/** Values 0 .. count-1 from uniforms in [0, 1). */
export function valuesFromUniforms(u: ArrayLike<number>, count: number): number[] {
  return Array.from(u, (v) => Math.min(count - 1, Math.floor(v * count)));
}

function copyStep(mdp: CopyMdp, state: Values, action: Values, u: ArrayLike<number>): number[] {
  const n = mdp.spec.n;
  return mdp.sources.map((sources, i) => {
    const j = sources[Math.min(sources.length - 1, Math.floor(u[i] * sources.length))];
    return j < n ? state[j] : action[j - n];
  });
}

function factoredStep(
  mdp: FactoredMdp,
  state: Values,
  action: Values,
  u: ArrayLike<number>,
): number[] {
  const { blocks, stateValues, actionValues } = mdp.spec;
  const next = new Array<number>(mdp.spec.n);
  blocks.forEach((block, b) => {
    let row = 0;
    for (const s of block.states) row = row * stateValues + state[s];
    for (const a of block.actions) row = row * actionValues + action[a];
    const outcomes = stateValues ** block.states.length;
    let code = categorical(mdp.tables[b].subarray(row * outcomes, (row + 1) * outcomes), u[b]);
    for (let t = block.states.length - 1; t >= 0; t--) {
      next[block.states[t]] = code % stateValues;
      code = Math.floor(code / stateValues);
    }
  });
  return next;
}

/** The next state from (state, action) and `drawsPerStep(mdp)` uniforms in [0, 1). */
export function step(mdp: Mdp, state: Values, action: Values, u: ArrayLike<number>): Values {
  return mdp.kind === "copy"
    ? copyStep(mdp, state, action, u)
    : factoredStep(mdp, state, action, u);
}
