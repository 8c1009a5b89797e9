/**
 * The grid decomposition's data (docs/research.md 1d): for each substation with more than 3
 * elements, episodes of the random topology agent (core/agents/random_topology.ts) until the
 * sample budget, spread over a pool of workers (one per core by default; `remote.ts` spreads
 * them over machines). Each episode's rows depend only on its substation, its number and the
 * run seed (collect_runner.ts), and a substation's rows are the first `samples` rows of its
 * episodes in episode order, so the rows do not depend on the number of workers. Fewer rows
 * than the budget when the episodes run out (the research then used all it had).
 *
 * @example
 * ```ts
 * const data = await collectTopologyRows({
 *   env: "case14", load: {}, seed: 29, subs: [1, 3], episodes: 100, samples: 1000, workers: 2,
 * });
 * data[0].rows; // up to 1000
 * ```
 * @module
 */
import { TopologyRows } from "../../core/agents/mod.ts";
import { LoadOptions } from "../grids.ts";
import { runPool } from "../workers/mod.ts";
import type { CollectInit, CollectResult, CollectTask } from "./collect_runner.ts";

/** What to collect. */
export interface CollectOptions {
  /** "case14" or a grid2op folder, loaded by each worker with `load`. */
  readonly env: string;
  readonly load: LoadOptions;
  readonly seed: number;
  /** The substations to play, each on its own. */
  readonly subs: readonly number[];
  /** Episodes per substation, at most. */
  readonly episodes: number;
  /** Rows per substation, at most. */
  readonly samples: number;
  readonly workers: number;
  /** Called after each finished episode task (progress). */
  readonly onEpisode?: () => void;
}

/** One substation's rows (row-major rho arrays, n_line per row) and how they were found. */
export interface SubstationRows {
  readonly sub: number;
  readonly rows: number;
  readonly rho: Float64Array;
  readonly rhoNext: Float64Array;
  readonly code: Float64Array;
  /** Episodes whose rows were used (the last one possibly in part). */
  readonly episodes: number;
  /** Of those, the ones that ended in a game over. */
  readonly gameOvers: number;
  /** Steps played in those episodes. */
  readonly steps: number;
}

/** Collects what `options` asks for (in a worker pool, or over Redis). */
export type Collector = (options: CollectOptions) => Promise<SubstationRows[]>;

/** The first `samples` rows of episodes in order. */
export function firstRowsOf(
  sub: number,
  episodes: TopologyRows[],
  samples: number,
): SubstationRows {
  const some = episodes.find((e) => e.rows > 0);
  const width = some ? some.rho.length / some.rows : 0; // n_line
  let rows = 0, used = 0, gameOvers = 0, steps = 0;
  for (const e of episodes) {
    if (rows >= samples) break;
    rows += Math.min(e.rows, samples - rows);
    used++;
    steps += e.steps;
    if (e.gameOver) gameOvers++;
  }
  const rho = new Float64Array(rows * width), rhoNext = new Float64Array(rows * width);
  const code = new Float64Array(rows);
  let at = 0;
  for (const e of episodes.slice(0, used)) {
    const take = Math.min(e.rows, rows - at);
    rho.set(e.rho.subarray(0, take * width), at * width);
    rhoNext.set(e.rhoNext.subarray(0, take * width), at * width);
    code.set(e.code.subarray(0, take), at);
    at += take;
  }
  return { sub, rows, rho, rhoNext, code, episodes: used, gameOvers, steps };
}

/** Collects every substation's rows in a worker pool. */
export const collectTopologyRows: Collector = async (options) => {
  const { subs, episodes, samples } = options;
  const results = subs.map(() => [] as TopologyRows[]);
  const completed = subs.map(() => 0);
  let nextEpisode = 0;
  // A substation needs more episodes until its finished ones hold the budget; once it has it,
  // it never needs more, so each substation's episodes are 0..D-1 and hold its first rows.
  const needy = () => subs.flatMap((_, i) => (completed[i] < samples ? [i] : []));
  await runPool<CollectInit, CollectTask & { readonly slots: number[] }, CollectResult>({
    url: new URL("./grid_worker.ts", import.meta.url).href,
    label: "collector worker",
    init: { env: options.env, load: options.load, seed: options.seed },
    workers: Math.min(options.workers, episodes),
    next: () => {
      if (nextEpisode >= episodes) return undefined;
      const slots = needy();
      if (slots.length === 0) return undefined;
      return { episode: nextEpisode++, subs: slots.map((i) => subs[i]), slots };
    },
    onResult: (task, rows) => {
      task.slots.forEach((i, k) => {
        results[i][task.episode] = rows[k];
        completed[i] += rows[k].rows;
      });
      options.onEpisode?.();
    },
  });
  return subs.map((sub, i) => firstRowsOf(sub, results[i], samples));
};
