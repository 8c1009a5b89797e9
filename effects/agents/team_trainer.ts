/**
 * One learned team's training, pass by pass, wherever it runs (the main thread or its own
 * worker, `team_worker.ts`): a pass trains episodes `from..to` on the training scenarios in
 * turn, then plays the held-out ones greedily, and returns the records and the team's state
 * (what a checkpoint saves). Each team draws only from its own generator, so the records do not
 * depend on where or beside what it runs.
 *
 * @example
 * ```ts
 * import { PPO_DEFAULTS } from "../../core/agents/mod.ts";
 * import { readDecomposition } from "../io/mod.ts";
 * import { loadGrid } from "../mod.ts";
 * import { setupTf } from "../nn/mod.ts";
 * import { progress } from "../report/mod.ts";
 * import { DEFAULT_CLUSTERS, type DistributedConfig } from "./mod.ts";
 *
 * await setupTf();
 * const env = await loadGrid("case14", { steps: 30 });
 * const { decomposition } = await readDecomposition(DEFAULT_CLUSTERS, env.model.net);
 * const config: DistributedConfig = {
 *   env: "case14",
 *   steps: 30,
 *   train: ["0", "1", "2"],
 *   heldOut: ["3"],
 *   clustersFile: DEFAULT_CLUSTERS,
 *   decomposition,
 *   episodes: 6,
 *   seed: 5,
 *   reward: "CloseToOverflowReward",
 *   ppo: PPO_DEFAULTS,
 * };
 * const trainer = teamTrainer(env, config, "distributed");
 * const bar = progress("distributed", 3);
 * const result = trainer.pass({ from: 0, to: 3, evaluation: 1 }, (n) => bar.tick(n));
 * ```
 * @module
 */
import type { GridModel } from "../../core/grid/env/mod.ts";
import { genFromSeed } from "../../core/mod.ts";
import type { LoadedGrid } from "../grids.ts";
import { streams } from "../rng.ts";
import type { TeamState } from "./distributed_checkpoint.ts";
import type { DistributedConfig } from "./distributed_config.ts";
import type { EvalRow, TrainRow } from "./distributed_report.ts";
import {
  centralised,
  type EpisodeResult,
  makeTeam,
  playEpisode,
  type Team,
  type UpdateRecord,
} from "./team.ts";

/** The learned teams, in the order they are reported. */
export const TEAMS = ["distributed", "centralised"] as const;
/** A learned team's name. */
export type TeamName = typeof TEAMS[number];

/** The generator given where nothing is drawn (greedy play, clusters without learners). */
export const NO_DRAWS = genFromSeed(0);

/** What a pass does. */
export interface PassRequest {
  /** Training episodes `from..to` (none when equal). */
  readonly from: number;
  readonly to: number;
  /** The evaluation's number, for its records. */
  readonly evaluation: number;
}

/** One update's record. */
export interface UpdateRow extends UpdateRecord {
  readonly team: string;
  readonly episode: number;
}

/** What a pass returns. */
export interface PassResult {
  readonly train: TrainRow[];
  readonly updates: UpdateRow[];
  readonly eval: EvalRow[];
  readonly state: TeamState;
}

/** A team that trains pass by pass. */
export interface TeamTrainer {
  pass(request: PassRequest, report?: (episodes: number) => void): PassResult;
  dispose(): void;
}

/** Greedy episodes of `team` (null: do-nothing) on the held-out scenarios, as records. */
export function evaluateAgent(
  env: LoadedGrid,
  config: DistributedConfig,
  agent: string,
  team: Team | null,
  evaluation: number,
  trained: number,
): EvalRow[] {
  return config.heldOut.map((scenario) => {
    const options = { reward: config.reward, train: false };
    const [r]: [EpisodeResult, unknown] = playEpisode(
      env.model,
      env.scenarioById(scenario),
      team,
      options,
      NO_DRAWS,
    );
    return { evaluation, trained, agent, scenario, ...r };
  });
}

/** The decomposition a learned team plays. */
export function teamDecomposition(model: GridModel, config: DistributedConfig, name: TeamName) {
  return name === "distributed" ? config.decomposition : centralised(model);
}

/** A team's trainer, fresh (weights from the run seed's `init:<name>`) or from its state. */
export function teamTrainer(
  env: LoadedGrid,
  config: DistributedConfig,
  name: TeamName,
  state?: TeamState,
): TeamTrainer {
  if (state !== undefined && state.name !== name) {
    throw new RangeError(`team state of ${state.name}, not ${name}`);
  }
  const rng = streams(config.seed);
  const team = makeTeam(
    name,
    env.model,
    teamDecomposition(env.model, config, name),
    config.ppo,
    rng.gen(`init:${name}`),
    state?.clusters,
  );
  let gen = state?.gen ?? rng.gen(`play:${name}`);
  const n = config.train.length;
  return {
    pass({ from, to, evaluation }, report) {
      const train: TrainRow[] = [], updates: UpdateRow[] = [];
      for (let episode = from; episode < to; episode++) {
        const scenario = config.train[episode % n];
        let count = 0;
        const onUpdate = (u: UpdateRecord) => {
          count++;
          updates.push({ team: name, episode, ...u });
        };
        const options = { reward: config.reward, train: true, onUpdate };
        const [r, g] = playEpisode(env.model, env.scenarioById(scenario), team, options, gen);
        gen = g;
        train.push({ team: name, episode, scenario, updates: count, ...r });
        report?.(1);
      }
      return {
        train,
        updates,
        eval: evaluateAgent(env, config, name, team, evaluation, to),
        state: { name, gen, clusters: team.clusters.map((c) => c.agent!.state()) },
      };
    },
    dispose() {
      for (const c of team.clusters) c.agent?.dispose();
    },
  };
}
