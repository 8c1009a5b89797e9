/**
 * The `deno task distributed` run (docs/research.md 2): a distributed team (one PPO learner per
 * cluster under the coordinator) and the centralised baseline (the same code with one cluster
 * holding every substation) train on the training scenarios in turn, each in its own worker
 * (or both in the main thread with `workers: 0`: the same records). After every pass over the
 * training scenarios (and at the end) both, the coordinator alone and do-nothing play the
 * held-out scenarios greedily; the records are appended and a checkpoint is written atomically.
 * A run resumed from its folder truncates the records to its checkpoint and goes on exactly as
 * if it had not stopped.
 *
 * @example
 * ```ts
 * import { join } from "node:path";
 * import { PPO_DEFAULTS } from "../../core/agents/mod.ts";
 * import { readDecomposition } from "../io/mod.ts";
 * import { loadGrid } from "../mod.ts";
 * import { DEFAULT_CLUSTERS, type DistributedConfig, readDistributedCheckpoint } from "./mod.ts";
 *
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
 * const folder = await Deno.makeTempDir();
 * const summary = await runDistributed(folder, env, { config }, { workers: 2 });
 * const path = join(folder, "checkpoint.bin");
 * const resumed = await runDistributed(folder, env, await readDistributedCheckpoint(path), {});
 * ```
 * @module
 */
import { join } from "node:path";
import type { LoadedGrid } from "../grids.ts";
import { appendJsonLine, readJsonLines, writeAtomic, writeJson } from "../io/mod.ts";
import { progress } from "../report/mod.ts";
import { dedicatedWorker } from "../workers/mod.ts";
import {
  type DistributedCheckpoint,
  writeDistributedCheckpoint,
} from "./distributed_checkpoint.ts";
import type { DistributedConfig } from "./distributed_config.ts";
import {
  type AgentSummary,
  comparisonLines,
  type EvalRow,
  summarise,
  type TrainRow,
  writeReport,
} from "./distributed_report.ts";
import { makeTeam } from "./team.ts";
import {
  evaluateAgent,
  NO_DRAWS,
  type PassRequest,
  type PassResult,
  TEAMS,
  teamTrainer,
} from "./team_trainer.ts";
import type { TeamWorkerInit } from "./team_worker.ts";

/** The agents compared on held-out scenarios, in the order they are reported. */
export const AGENTS = ["do-nothing", "coordinator only", ...TEAMS] as const;

/** Where a run starts: a fresh config, or a checkpoint. */
export type Start = { readonly config: DistributedConfig } | DistributedCheckpoint;

/** How a run goes. */
export interface RunOptions {
  /** 0: both teams in the main thread; otherwise one worker per team. Same records. */
  readonly workers?: number;
  readonly quiet?: boolean;
  /** Stop after this many evaluations (checkpoints) in this call; resume later. */
  readonly maxEvaluations?: number;
}

/** What a finished run returns. */
export interface RunSummary {
  readonly summary: readonly AgentSummary[];
  readonly lines: readonly string[];
  readonly files: readonly string[];
}

/** A team's trainer as the run sees it: passes that may run elsewhere. */
interface RemoteTrainer {
  pass(request: PassRequest, report: (episodes: number) => void): Promise<PassResult>;
  dispose(): void;
}

/** Keeps the first `n` lines of a JSON-lines file (a kill may have left more). */
async function truncateLines(path: string, n: number): Promise<unknown[]> {
  const rows = (await readJsonLines(path)).slice(0, n);
  await writeAtomic(path, rows.map((r) => JSON.stringify(r) + "\n").join(""));
  return rows;
}

/** Runs (or resumes) a run to its end in `folder`. */
export async function runDistributed(
  folder: string,
  env: LoadedGrid,
  start: Start,
  options: RunOptions = {},
): Promise<RunSummary> {
  const { config } = start;
  const resumed = "teams" in start;
  const paths = {
    train: join(folder, "train.jsonl"),
    eval: join(folder, "eval.jsonl"),
    updates: join(folder, "updates.jsonl"),
    checkpoint: join(folder, "checkpoint.bin"),
  };
  const nTrain = config.train.length;
  let episodes = resumed ? start.episodes : 0;
  let evaluations = resumed ? start.evaluations : 0;
  let updateRecords = resumed ? start.updateRecords : 0;
  const perEvaluation = AGENTS.length * config.heldOut.length;
  const trainRows =
    (resumed ? await truncateLines(paths.train, episodes * TEAMS.length) : []) as TrainRow[];
  const evalRows =
    (resumed ? await truncateLines(paths.eval, evaluations * perEvaluation) : []) as EvalRow[];
  if (resumed) await truncateLines(paths.updates, updateRecords);
  else await writeJson(join(folder, "config.json"), config);

  const trainers: RemoteTrainer[] = TEAMS.map((name, i) => {
    const state = resumed ? start.teams[i] : undefined;
    if ((options.workers ?? 1) === 0) {
      const local = teamTrainer(env, config, name, state);
      return {
        pass: (r, report) => Promise.resolve(local.pass(r, report)),
        dispose: local.dispose,
      };
    }
    const w = dedicatedWorker<TeamWorkerInit, PassRequest, PassResult>(
      new URL("./team_worker.ts", import.meta.url).href,
      `${name} worker`,
      { config, name, state },
    );
    return { pass: (r, report) => w.run(r, report), dispose: w.terminate };
  });
  // Do-nothing and the coordinator alone learn nothing: one evaluation serves every pass.
  const coordinatorOnly = makeTeam(
    "coordinator only",
    env.model,
    config.decomposition,
    null,
    NO_DRAWS,
  );
  const fixed = [
    ...evaluateAgent(env, config, "do-nothing", null, 0, 0),
    ...evaluateAgent(env, config, "coordinator only", coordinatorOnly, 0, 0),
  ];

  const bar = progress(
    "training episodes",
    config.episodes * TEAMS.length,
    options.quiet,
    episodes * TEAMS.length,
  );
  try {
    // Evaluation 0 is of the untrained teams; then one per pass (the last may be shorter).
    let budget = options.maxEvaluations ?? Infinity;
    while ((evaluations === 0 || episodes < config.episodes) && budget-- > 0) {
      const to = evaluations === 0
        ? 0
        : Math.min(config.episodes, (Math.floor(episodes / nTrain) + 1) * nTrain);
      const request = { from: episodes, to, evaluation: evaluations };
      const results = await Promise.all(trainers.map((t) => t.pass(request, (n) => bar.tick(n))));
      const evalsNow = [
        ...fixed.map((r) => ({ ...r, evaluation: evaluations, trained: to })),
        ...results.flatMap((r) => r.eval),
      ];
      const train = results.flatMap((r) => r.train).sort((a, b) => a.episode - b.episode);
      const updates = results.flatMap((r) => r.updates);
      for (const row of train) await appendJsonLine(paths.train, row);
      for (const row of updates) await appendJsonLine(paths.updates, row);
      for (const row of evalsNow) await appendJsonLine(paths.eval, row);
      trainRows.push(...train);
      evalRows.push(...evalsNow);
      episodes = to;
      evaluations++;
      updateRecords += updates.length;
      await writeDistributedCheckpoint(paths.checkpoint, {
        config,
        episodes,
        evaluations,
        updateRecords,
        teams: results.map((r) => r.state),
      });
    }
  } finally {
    for (const t of trainers) t.dispose();
  }
  bar.done();
  const settings = {
    env: env.name,
    steps: config.steps,
    trainScenarios: nTrain,
    heldOut: config.heldOut,
    clusters: config.decomposition.clusters,
    clustersFile: config.clustersFile,
    episodes: config.episodes,
    seed: config.seed,
    reward: config.reward,
    ppo: config.ppo,
  };
  const files = await writeReport(folder, settings, trainRows, evalRows, nTrain);
  const last = evalRows.filter((r) => r.evaluation === evaluations - 1);
  const summary = summarise(last);
  return {
    summary,
    lines: comparisonLines(summary, last[0]?.length ?? 0),
    files: [
      "config.json",
      "checkpoint.bin",
      "train.jsonl",
      "eval.jsonl",
      "updates.jsonl",
      ...files,
    ],
  };
}
