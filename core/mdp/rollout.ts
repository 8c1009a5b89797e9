/**
 * Running a synthetic MDP under uniformly random actions and recording each step's row
 * `(s', s, a)` as a transition table: targets s'_i, inputs s_j then a_j. Every draw comes in
 * as data (initial state, actions, transition uniforms), so a rollout is a pure function.
 *
 * @example
 * ```ts
 * import { genFromSeed, uniforms } from "../mod.ts";
 * import { buildMdp, drawsPerStep, type MdpSpec } from "./mod.ts";
 *
 * const spec: MdpSpec = {
 *   kind: "copy",
 *   n: 2,
 *   m: 1,
 *   stateValues: 2,
 *   actionValues: 2,
 *   relation: [[1, 0, 1], [0, 1, 0]],
 * };
 * const mdp = buildMdp(spec, genFromSeed(1));
 * const steps = 1000;
 * const [actionUniforms, g] = uniforms(genFromSeed(2), steps * spec.m);
 * const [stepUniforms] = uniforms(g, steps * drawsPerStep(mdp));
 * const { table, last } = rollout(mdp, [0, 0], actionUniforms, stepUniforms, steps);
 * // table: targets s'0, s'1 and inputs s0, s1, a0, 1000 rows each; last: the final state
 * ```
 * @module
 */
import { TransitionTable } from "../mi/mod.ts";
import { drawsPerStep, Mdp, step, Values, valuesFromUniforms } from "./mdp.ts";
import { inputNames, targetNames } from "./spec.ts";

/** The recorded rows and the state after the last step (to continue from). */
export interface Rollout {
  readonly table: TransitionTable;
  readonly last: Values;
}

/**
 * `steps` steps from `initial`: action j of step t is `actionUniforms[t*m + j]` scaled to
 * the action values, and step t consumes `stepUniforms[t*d .. t*d + d - 1]`, d =
 * `drawsPerStep(mdp)`.
 */
export function rollout(
  mdp: Mdp,
  initial: Values,
  actionUniforms: Float64Array,
  stepUniforms: Float64Array,
  steps: number,
): Rollout {
  const { n, m, actionValues } = mdp.spec;
  const d = drawsPerStep(mdp);
  if (actionUniforms.length !== steps * m || stepUniforms.length !== steps * d) {
    throw new RangeError(
      `rollout: ${steps} steps need ${steps * m} action and ${steps * d} transition uniforms`,
    );
  }
  const next = Array.from({ length: n }, () => new Float64Array(steps));
  const inputs = Array.from({ length: n + m }, () => new Float64Array(steps));
  let state = initial;
  for (let t = 0; t < steps; t++) {
    const action = valuesFromUniforms(actionUniforms.subarray(t * m, (t + 1) * m), actionValues);
    const after = step(mdp, state, action, stepUniforms.subarray(t * d, (t + 1) * d));
    for (let i = 0; i < n; i++) {
      next[i][t] = after[i];
      inputs[i][t] = state[i];
    }
    for (let j = 0; j < m; j++) inputs[n + j][t] = action[j];
    state = after;
  }
  const targets = targetNames(mdp.spec).map((name, i) => ({ name, values: next[i] }));
  const columns = inputNames(mdp.spec).map((name, j) => ({ name, values: inputs[j] }));
  return { table: { targets, inputs: columns }, last: state };
}
