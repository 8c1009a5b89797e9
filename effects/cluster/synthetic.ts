/**
 * Transitions of a synthetic MDP, drawn from a run's named seeded streams: `tables` (the
 * factored kind's conditional tables), `initial` (the first state), `actions` (uniformly
 * random actions) and `transitions` (each step's draws). The rows are the same for the same
 * seed, whatever else the run does.
 *
 * @example
 * ```ts
 * const { table, planted } = syntheticTransitions(spec, 29, 100000);
 * ```
 * @module
 */
import { Cluster, components } from "../../core/cluster/components.ts";
import { buildMdp, drawsPerStep, valuesFromUniforms } from "../../core/mdp/mdp.ts";
import { rollout } from "../../core/mdp/rollout.ts";
import { dependencies, MdpSpec } from "../../core/mdp/spec.ts";
import { TransitionTable } from "../../core/mi/table.ts";
import { drawUniforms, streams } from "../rng.ts";

/** The recorded rows and the blocks the MDP was built with. */
export interface SyntheticRun {
  readonly table: TransitionTable;
  /** Components of the true dependency matrix: what a decomposition should find. */
  readonly planted: Cluster[];
}

/** `steps` steps of the MDP under uniformly random actions, seeded by `seed`. */
export function syntheticTransitions(spec: MdpSpec, seed: number, steps: number): SyntheticRun {
  const rng = streams(seed);
  const mdp = buildMdp(spec, rng.gen("tables"));
  const initial = valuesFromUniforms(drawUniforms(rng.stream("initial"), spec.n), spec.stateValues);
  const actions = drawUniforms(rng.stream("actions"), steps * spec.m);
  const draws = drawUniforms(rng.stream("transitions"), steps * drawsPerStep(mdp));
  const { table } = rollout(mdp, initial, actions, draws, steps);
  return { table, planted: components(dependencies(spec)) };
}
