/**
 * What `deno task distributed` writes besides its checkpoint: the per-episode records
 * (`train.jsonl`, `eval.jsonl`, `updates.jsonl`, appended as the run goes), the comparison of
 * the agents on the held-out scenarios at the last evaluation (`comparison.json`,
 * `comparison.csv`, `heldout_episodes.csv`, and the table as printed), and the curves:
 * `training.svg` and `training_reward.svg` (each learned team's steps survived and reward per
 * training episode, moving averages over a pass), `heldout.svg` and `heldout_reward.svg` (each
 * agent's mean steps survived and reward on the held-out scenarios at every evaluation).
 *
 * @module
 */
import { join } from "node:path";
import { mean } from "../../core/mod.ts";
import { writeAtomic, writeJson } from "../io/mod.ts";
import { lineChart } from "../report/mod.ts";
import type { EpisodeResult } from "./team.ts";

/** One training episode of one team. */
export interface TrainRow extends EpisodeResult {
  readonly team: string;
  readonly episode: number;
  readonly scenario: string;
  readonly updates: number;
}

/** One held-out episode of one agent at one evaluation. */
export interface EvalRow extends EpisodeResult {
  readonly evaluation: number;
  /** Training episodes each team had done. */
  readonly trained: number;
  readonly agent: string;
  readonly scenario: string;
}

/** One agent's line of the comparison. */
export interface AgentSummary {
  readonly agent: string;
  readonly episodes: number;
  readonly survived: number;
  readonly safeSteps: number;
  readonly reward: number;
  /** Held-out scenarios played to their end. */
  readonly completed: number;
  /** Mean reward of the steps each cluster acted at. */
  readonly clusterRewards: readonly number[];
}

/** Each agent's means over its rows, in the order agents first appear. */
export function summarise(rows: readonly EvalRow[]): AgentSummary[] {
  const agents = [...new Set(rows.map((r) => r.agent))];
  return agents.map((agent) => {
    const mine = rows.filter((r) => r.agent === agent);
    const k = Math.max(0, ...mine.map((r) => r.clusterRewards.length));
    return {
      agent,
      episodes: mine.length,
      survived: mean(mine.map((r) => r.survived)),
      safeSteps: mean(mine.map((r) => r.safeSteps)),
      reward: mean(mine.map((r) => r.reward)),
      completed: mine.filter((r) => !r.gameOver).length,
      clusterRewards: Array.from(
        { length: k },
        (_, c) => mean(mine.map((r) => r.clusterRewards[c] ?? 0)),
      ),
    };
  });
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-");

/** The comparison as printed: one line per agent. */
export function comparisonLines(summary: readonly AgentSummary[], length: number): string[] {
  const head = [
    "agent",
    "episodes",
    "survived",
    "safe steps",
    "reward",
    "completed",
    "reward per cluster",
  ];
  const rows = summary.map((s) => [
    s.agent,
    String(s.episodes),
    f1(s.survived),
    f1(s.safeSteps),
    f1(s.reward),
    `${s.completed}/${s.episodes}`,
    s.clusterRewards.map(f1).join(" / ") || "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [
    `held-out scenarios (${length} steps each, means per episode):`,
    line(head),
    ...rows.map(line),
  ];
}

/** A moving average over `window` points (the first points average what there is). */
function movingAverage(y: readonly number[], window: number): number[] {
  let sum = 0;
  return y.map((v, i) => {
    sum += v - (i >= window ? y[i - window] : 0);
    return sum / Math.min(i + 1, window);
  });
}

/** Writes the comparison files and the curves; returns their names. */
export async function writeReport(
  folder: string,
  settings: unknown,
  train: readonly TrainRow[],
  evals: readonly EvalRow[],
  pass: number,
): Promise<string[]> {
  const last = evals.length ? Math.max(...evals.map((r) => r.evaluation)) : -1;
  const final = evals.filter((r) => r.evaluation === last);
  const summary = summarise(final);
  const files: [string, string | unknown][] = [];
  files.push(["comparison.json", {
    settings,
    evaluation: last,
    trained: final[0]?.trained ?? 0,
    agents: summary,
  }]);
  files.push([
    "comparison.csv",
    "agent,episodes,mean_survived,mean_safe_steps,mean_reward,completed,mean_reward_per_cluster\n" +
    summary.map((s) =>
      [
        s.agent,
        s.episodes,
        f3(s.survived),
        f3(s.safeSteps),
        f3(s.reward),
        s.completed,
        s.clusterRewards.map(f3).join(";"),
      ]
        .join(",")
    ).join("\n") + "\n",
  ]);
  files.push([
    "heldout_episodes.csv",
    "agent,scenario,survived,safe_steps,reward,reward_per_cluster,acts_per_cluster,reconnections,game_over\n" +
    final.map((r) =>
      [
        r.agent,
        r.scenario,
        r.survived,
        r.safeSteps,
        f3(r.reward),
        r.clusterRewards.map(f3).join(";"),
        r.clusterActs.join(";"),
        r.reconnections,
        r.gameOver,
      ]
        .join(",")
    ).join("\n") + "\n",
  ]);
  const teams = [...new Set(train.map((r) => r.team))];
  const curve = (pick: (r: TrainRow) => number) =>
    teams.map((team) => {
      const rows = train.filter((r) => r.team === team);
      return {
        name: team,
        x: rows.map((r) => r.episode + 1),
        y: movingAverage(rows.map(pick), pass),
      };
    });
  files.push([
    "training.svg",
    lineChart({
      title: `training: steps survived (moving average over ${pass} episodes)`,
      xLabel: "training episode",
      yLabel: "steps survived",
      series: curve((r) => r.survived),
    }),
  ]);
  files.push([
    "training_reward.svg",
    lineChart({
      title: `training: reward per episode (moving average over ${pass} episodes)`,
      xLabel: "training episode",
      yLabel: "total reward",
      series: curve((r) => r.reward),
    }),
  ]);
  const agents = [...new Set(evals.map((r) => r.agent))];
  const held = (pick: (s: AgentSummary) => number) =>
    agents.map((agent) => {
      const points = [...new Set(evals.map((r) => r.evaluation))].map((e) => {
        const rows = evals.filter((r) => r.evaluation === e && r.agent === agent);
        return { x: rows[0]?.trained ?? 0, y: pick(summarise(rows)[0]) };
      });
      return { name: agent, x: points.map((p) => p.x), y: points.map((p) => p.y) };
    });
  files.push([
    "heldout.svg",
    lineChart({
      title: "held-out scenarios: mean steps survived",
      xLabel: "training episodes per team",
      yLabel: "steps survived",
      series: held((s) => s.survived),
    }),
  ]);
  files.push([
    "heldout_reward.svg",
    lineChart({
      title: "held-out scenarios: mean reward per episode",
      xLabel: "training episodes per team",
      yLabel: "total reward",
      series: held((s) => s.reward),
    }),
  ]);
  for (const [name, content] of files) {
    const path = join(folder, name);
    if (typeof content === "string") await writeAtomic(path, content);
    else await writeJson(path, content);
  }
  return files.map(([name]) => name);
}
