/**
 * Transitions of a synthetic MDP, drawn from a run's named seeded streams: `tables` (the
 * factored kind's conditional tables), `initial` (the first state), `actions` (uniformly
 * random actions) and `transitions` (each step's draws). The rows are the same for the same
 * seed, whatever else the run does. `decomposeSynthetic` takes them through the analysis
 * (analyse.ts), as `deno task cluster` does.
 *
 * @example
 * ```ts
 * import type { MdpSpec } from "../../core/mdp/mod.ts";
 *
 * const spec: MdpSpec = {
 *   kind: "copy",
 *   n: 2,
 *   m: 1,
 *   stateValues: 2,
 *   actionValues: 2,
 *   relation: [[1, 0, 1], [0, 1, 0]],
 * };
 * const { table, planted } = syntheticTransitions(spec, 29, 10000); // rows and true blocks
 * const analysis = await decomposeSynthetic(spec, {
 *   seed: 29,
 *   steps: 10000,
 *   samples: 10000,
 *   estimator: "mixed-ksg",
 *   k: 500,
 *   thresholds: [0.7, 0.8],
 *   workers: 2,
 *   shuffleBaseline: false,
 * });
 * console.log(analysis.recovered); // thresholds where `planted` came back exactly
 * ```
 * @module
 */
import { Cluster, components } from "../../core/cluster/mod.ts";
import {
  buildMdp,
  dependencies,
  drawsPerStep,
  MdpSpec,
  rollout,
  valuesFromUniforms,
} from "../../core/mdp/mod.ts";
import { firstRows, MiOptions, rowCount, TransitionTable } from "../../core/mi/mod.ts";
import { drawUniforms, streams } from "../rng.ts";
import { analyseTable, Analysis, shufflePermutation, SweepOptions } from "./analyse.ts";

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

/** How a synthetic MDP is run and decomposed. */
export interface SyntheticOptions extends MiOptions, Omit<SweepOptions, "planted"> {
  readonly seed: number;
  readonly steps: number;
  /** The MI is estimated on the first `samples` rows (at most `steps`). */
  readonly samples: number;
  /** Subtract the MI of shuffled target rows (the run seed's `shuffle` stream). */
  readonly shuffleBaseline: boolean;
}

/** The MDP's rows, their MI matrix and the clustering sweep scored against its blocks. */
export function decomposeSynthetic(spec: MdpSpec, options: SyntheticOptions): Promise<Analysis> {
  const { seed, steps, samples, estimator, k, shuffleBaseline } = options;
  const { table, planted } = syntheticTransitions(spec, seed, steps);
  const rows = firstRows(table, samples);
  return analyseTable(rows, {
    estimator,
    k,
    thresholds: options.thresholds,
    workers: options.workers,
    shuffle: shuffleBaseline ? shufflePermutation(seed, rowCount(rows)) : undefined,
    planted,
    quiet: options.quiet,
  });
}
