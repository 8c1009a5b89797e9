/**
 * What plays the grid data collector's episodes (grid_collect.ts), wherever they run (a Web
 * Worker, `grid_worker.ts`, or a worker over Redis, `remote.ts`): the environment loaded once,
 * then episodes of the random topology agent, one per requested substation. Substation `sub`'s
 * episode `e` runs on the environment's scenario `e` with its own seed (`topology:<sub>:<e>` of
 * the run seed), so its rows do not depend on where or with what else it was played.
 *
 * @module
 */
import { randomTopologyEpisode, TopologyRows } from "../../core/agents/mod.ts";
import { unitaryTopologiesSet } from "../../core/grid/env/mod.ts";
import { maxStep } from "../../core/grid/scenario/mod.ts";
import { genFromSeed, uniforms } from "../../core/mod.ts";
import { loadGrid, LoadOptions } from "../grids.ts";
import { streams } from "../rng.ts";

/** What every episode needs: the environment and the run seed. */
export interface CollectInit {
  /** "case14" or a grid2op folder, loaded with `load`. */
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

/** The seed of substation `sub`'s episode `episode`: independent of everything else. */
export function episodeSeed(seed: number, sub: number, episode: number): number {
  return streams(seed).childSeed(`topology:${sub}:${episode}`);
}

/** Loads the environment of `init`; returns the episode player. */
export async function collectionRunner(
  { env, load, seed }: CollectInit,
): Promise<(task: CollectTask) => CollectResult> {
  const { model, scenario } = await loadGrid(env, load);
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
}
