/**
 * An evaluation run (`deno task evaluate`) for the viewer: the ranking (from `scores.json`,
 * once the job has written it) and the survival of every agent on every scenario (from
 * `episodes.jsonl`, which grows while the job runs).
 *
 * @example
 * ```ts
 * import { evaluationView } from "./evaluation.ts";
 * const view = await evaluationView("runs/ev", "ev");
 * view.ranking?.[0].name; // the best agent
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { decode } from "../io/mod.ts";
import { rankAgents } from "../evaluate/mod.ts";
import { readJsonCached, readJsonLinesCached } from "./json_cache.ts";

const Agent = t.type({
  name: t.string,
  scenarios: t.number,
  completed: t.number,
  survival: t.number,
  score: t.number,
});
const Scores = t.type({
  benchmark: t.string,
  version: t.number,
  scenarios: t.number,
  max_length: t.number,
  agents: t.array(Agent),
});
const Episode = t.intersection([
  t.type({
    agent: t.string,
    scenario: t.number,
    steps: t.number,
    max_steps: t.number,
    completed: t.boolean,
  }),
  t.partial({ scenario_id: t.string, score: t.number, game_over: t.union([t.string, t.null]) }),
]);

/** What the evaluation page shows. */
export interface EvaluationView {
  /** The header of `scores.json`, null while the job is still running. */
  readonly benchmark:
    | { name: string; version: number; scenarios: number; max_length: number }
    | null;
  /** The agents best first, with every field of `scores.json`; null while running. */
  readonly ranking: readonly t.TypeOf<typeof Agent>[] | null;
  /** Every episode played so far. */
  readonly episodes: readonly t.TypeOf<typeof Episode>[];
}

/** Reads the evaluation of run folder `folder` (named `id` in errors). */
export async function evaluationView(folder: string, id: string): Promise<EvaluationView> {
  const rows = await readJsonLinesCached(join(folder, "episodes.jsonl"));
  const episodes = rows.map((r, i) => decode(Episode, r, `${id}/episodes.jsonl: row ${i + 1}`));
  let scores: t.TypeOf<typeof Scores> | null = null;
  try {
    const label = `${id}/scores.json`;
    scores = decode(Scores, await readJsonCached(join(folder, "scores.json"), label), label);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return {
    benchmark: scores && {
      name: scores.benchmark,
      version: scores.version,
      scenarios: scores.scenarios,
      max_length: scores.max_length,
    },
    ranking: scores && rankAgents(scores.agents),
    episodes,
  };
}
