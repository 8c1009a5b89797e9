/**
 * A Web Worker of the grid data collector (see grid_collect.ts): it loads the environment once,
 * then plays episode after episode of the random topology agent, one per requested substation,
 * and sends the rows back (their buffers moved, not copied).
 *
 * @module
 */
import { randomTopologyEpisode, TopologyRows } from "../../core/agents/random_topology.ts";
import { unitaryTopologiesSet } from "../../core/grid/env/unitary.ts";
import { maxStep } from "../../core/grid/scenario.ts";
import { genFromSeed, uniforms } from "../../core/random.ts";
import { loadEnvironment, LoadOptions } from "../grid_environment.ts";
import { serveTasks } from "../workers/serve.ts";
import { episodeSeed } from "./grid_collect.ts";

/** What every episode needs: the environment and the run seed. */
export interface CollectInit {
  readonly env: string;
  readonly load: LoadOptions;
  readonly seed: number;
}

/** One episode, played once per substation listed. */
export interface CollectTask {
  readonly episode: number;
  readonly subs: readonly number[];
}

/** The rows of each substation's episode, in the task's order. */
export type CollectResult = readonly TopologyRows[];

serveTasks<CollectInit, CollectTask, CollectResult>(
  async ({ env, load, seed }) => {
    const { model, scenario } = await loadEnvironment(env, load);
    const actions = new Map<number, ReturnType<typeof unitaryTopologiesSet>>();
    const actionsOf = (sub: number) => {
      if (!actions.has(sub)) actions.set(sub, unitaryTopologiesSet(model.index, sub));
      return actions.get(sub)!;
    };
    return ({ episode, subs }) => {
      const s = scenario(episode);
      return subs.map((sub) => {
        const [draws] = uniforms(genFromSeed(episodeSeed(seed, sub, episode)), maxStep(s));
        return randomTopologyEpisode(model, s, actionsOf(sub), draws);
      });
    };
  },
  (rows) => rows.flatMap((r) => [r.rho, r.rhoNext, r.code].map((a) => a.buffer as ArrayBuffer)),
);
