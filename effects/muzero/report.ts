/**
 * What a MuZero run logs and draws: one metrics row per round (JSON lines) and SVG learning
 * curves from those rows: the loss and its three parts against training steps, and the
 * self-play episodes' return and survival against episodes played. For evaluations: the
 * episodes of one or several agents as CSV, and the survival curves of a comparison (the
 * share of episodes still running at each step); `writeEvaluation` and `writeComparison` put
 * them in a folder.
 *
 * @module
 */
import { type Episode, episodeReturn } from "../../core/muzero/mod.ts";
import { join } from "node:path";
import { mean } from "../../core/mod.ts";
import { writeAtomic, writeJson } from "../io/mod.ts";
import { lineChart } from "../report/mod.ts";
import type { AgentResult, Comparison, EvalSummary } from "./evaluate.ts";
import type { StepLosses } from "./learner.ts";

/** One round's metrics. */
export interface RoundMetrics {
  readonly round: number;
  /** Training steps done at the end of the round. */
  readonly trainingSteps: number;
  /** Training steps of the weights the round's episodes were played with. */
  readonly weightsStep: number;
  readonly temperature: number;
  /** Episodes played so far. */
  readonly episodes: number;
  /** Means over the round's training steps (null before training starts). */
  readonly loss: number | null;
  readonly valueLoss: number | null;
  readonly rewardLoss: number | null;
  readonly policyLoss: number | null;
  readonly gradNorm: number | null;
  /** Means over the round's episodes (null in imitation rounds, which play none). */
  readonly episodeReturn: number | null;
  readonly episodeLength: number | null;
  /** Episode length / maximum length. */
  readonly survival: number | null;
  readonly bufferEpisodes: number;
  /** Wall time of the round (the only field that differs between identical runs). */
  readonly seconds: number;
}

/** The mean of a list, 0 for an empty one (a round that trained no step). */
const meanOr0 = (xs: readonly number[]): number => mean(xs, 0);

/** Mean return, length and survival (length / `maxLength`) of some episodes. */
export function episodeStats(
  episodes: readonly Episode[],
  maxLength: number,
): Pick<RoundMetrics, "episodeReturn" | "episodeLength" | "survival"> {
  const length = meanOr0(episodes.map((e) => e.length));
  return {
    episodeReturn: meanOr0(episodes.map(episodeReturn)),
    episodeLength: length,
    survival: length / maxLength,
  };
}

/** The means of a round's training losses (nulls when there were none). */
export function meanLosses(
  losses: readonly StepLosses[],
): Pick<RoundMetrics, "loss" | "valueLoss" | "rewardLoss" | "policyLoss" | "gradNorm"> {
  if (losses.length === 0) {
    return { loss: null, valueLoss: null, rewardLoss: null, policyLoss: null, gradNorm: null };
  }
  return {
    loss: meanOr0(losses.map((l) => l.total)),
    valueLoss: meanOr0(losses.map((l) => l.value)),
    rewardLoss: meanOr0(losses.map((l) => l.reward)),
    policyLoss: meanOr0(losses.map((l) => l.policy)),
    gradNorm: meanOr0(losses.map((l) => l.gradNorm)),
  };
}

/** The learning curves of a run: `{ "loss.svg": ..., "episodes.svg": ... }`. */
export function learningCurves(
  rows: readonly RoundMetrics[],
  title: string,
): Record<string, string> {
  const trained = rows.filter((r) => r.loss !== null);
  const x = trained.map((r) => r.trainingSteps);
  const series = (name: string, key: "loss" | "valueLoss" | "rewardLoss" | "policyLoss") => ({
    name,
    x,
    y: trained.map((r) => r[key] as number),
  });
  const played = rows.filter((r) => r.survival !== null);
  const ex = played.map((r) => r.episodes);
  return {
    "loss.svg": lineChart({
      title: `${title}: training loss`,
      xLabel: "training steps",
      yLabel: "loss (mean per round)",
      series: [
        series("total", "loss"),
        series("value", "valueLoss"),
        series("reward", "rewardLoss"),
        series("policy", "policyLoss"),
      ],
    }),
    "episodes.svg": lineChart({
      title: `${title}: self-play episodes`,
      xLabel: "episodes played",
      yLabel: "mean per round",
      series: [
        { name: "return", x: ex, y: played.map((r) => r.episodeReturn as number) },
        { name: "survival", x: ex, y: played.map((r) => r.survival as number) },
      ],
    }),
  };
}

/** Agents' evaluation episodes as CSV: `agent,start,return,length,survival,terminal`. */
export const evalCsv = (results: readonly AgentResult[]): string =>
  "agent,start,return,length,survival,terminal\n" +
  results.flatMap((r) =>
    r.episodes.map((e) =>
      `${r.agent},${e.start},${e.return},${e.length},${e.survival},${e.terminal}`
    )
  ).join("\n") + "\n";

/** Survival curves of a comparison: per agent, the share of episodes running after t steps. */
export function survivalChart(c: Comparison): string {
  const steps = Array.from({ length: c.maxEpisodeLength + 1 }, (_, t) => t);
  return lineChart({
    title: `Survival on ${c.env.split(":")[0]}: ${
      c.agents[0]?.episodes.length ?? 0
    } episodes, ${c.scenarios} scenarios`,
    xLabel: "step",
    yLabel: "share of episodes still running",
    // Trained weights drawn last (on top where curves coincide); short names fit the legend.
    series: [...c.agents].reverse().map((a) => ({
      name: `${
        a.agent.replace("muzero (untrained)", "untrained").replace(/ \((\d+) steps\)$/, " $1")
      }: ${a.meanSurvival.toFixed(2)}`,
      x: steps,
      y: steps.map((t) => a.episodes.filter((e) => e.length >= t).length / a.episodes.length),
    })),
  });
}

/** Writes an evaluation into `folder`: `eval.json` and `eval.csv`. */
export async function writeEvaluation(folder: string, s: EvalSummary): Promise<void> {
  await writeJson(join(folder, "eval.json"), s);
  await writeAtomic(join(folder, "eval.csv"), evalCsv([s]));
}

/** Writes a comparison into `folder`: `compare.json`, `compare.csv` and `compare.svg`. */
export async function writeComparison(folder: string, c: Comparison): Promise<void> {
  await writeJson(join(folder, "compare.json"), c);
  await writeAtomic(join(folder, "compare.csv"), evalCsv(c.agents));
  await writeAtomic(join(folder, "compare.svg"), survivalChart(c));
}
