/**
 * `deno task evaluate`'s job: every (agent, scenario) episode of a benchmark spread over Web
 * Workers (do-nothing always among them: the score needs it), then per agent the table L2RPN
 * reports (scenarios completed, survival, safe steps, the score of `core/agents/l2rpn_score.ts`,
 * decision time, simulations) and the run folder: `scores.json`, `scores.csv`,
 * `episodes.jsonl` (one line per episode), `ranking.svg`, and with `traces` the episode traces
 * (`traces/<agent>/<scenario>.json`, the format of `deno task replay`). Results are stored by
 * their task, so they do not depend on the number of workers or on scheduling: two runs with
 * the same settings write the same files but for the decision times.
 *
 * @example
 * ```ts
 * import { evaluate } from "./run.ts";
 * import { readBenchmark } from "../benchmarks/benchmark.ts";
 * const summary = await evaluate({
 *   benchmark: await readBenchmark("case14-hard"),
 *   agents: [{ kind: "built-in", name: "expert" }],
 *   scenarios: 2, maxLength: 500, workers: 2, expertDepth: 1, traces: false, quiet: true,
 *   out: "runs/evaluate-example",
 * });
 * ```
 * @module
 */
import { join } from "node:path";
import { runPool } from "../workers/mod.ts";
import { progress } from "../report/mod.ts";
import { writeAtomic, writeJson } from "../io/mod.ts";
import { machine } from "../machine.ts";
import { Benchmark, benchmarkEnvironment, scenarioCount } from "../benchmarks/mod.ts";
import { AgentSpec } from "./agents.ts";
import { EvaluateInit, EvaluateResult, EvaluateTask } from "./runner.ts";
import { rankingPicture } from "./report.ts";
import type { AgentScore, EvaluateSummary } from "./summary.ts";
import { l2rpnScore } from "../../core/agents/mod.ts";

/** What to evaluate. */
export interface EvaluateOptions {
  readonly benchmark: Benchmark;
  /** The agents, in the order reported (do-nothing is added first when absent). */
  readonly agents: readonly AgentSpec[];
  /** At most this many scenarios (default: the benchmark's). */
  readonly scenarios?: number;
  /** Steps an episode is held to (default: the benchmark's). */
  readonly maxLength?: number;
  readonly workers: number;
  readonly expertDepth: 1 | 2;
  readonly traces: boolean;
  readonly quiet: boolean;
  /** The run folder. */
  readonly out: string;
  /**
   * Plays the tasks elsewhere (`remote.ts`: workers over Redis) instead of in local Web
   * Workers, handing each result to `onResult`.
   */
  readonly remote?: (
    init: EvaluateInit,
    tasks: readonly EvaluateTask[],
    onResult: (task: EvaluateTask, result: EvaluateResult) => void,
  ) => Promise<void>;
}

const DO_NOTHING: AgentSpec = { kind: "built-in", name: "do-nothing" };

/** The `q`-quantile of `xs` (nearest rank); NaN when empty. */
function quantile(xs: Float64Array, q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = xs.slice().sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** The name an agent spec is reported under (a checkpoint: its path). */
const specName = (s: AgentSpec) => (s.kind === "built-in" ? s.name : s.path);

/** Runs the evaluation and writes the run folder; returns the summary. */
export async function evaluate(o: EvaluateOptions): Promise<EvaluateSummary> {
  const b = o.benchmark;
  const specs = o.agents.some((a) => a.kind === "built-in" && a.name === "do-nothing")
    ? [...o.agents]
    : [DO_NOTHING, ...o.agents];
  const env = await benchmarkEnvironment(b);
  const n = scenarioCount(b, env, o.scenarios);
  const maxLength = Math.min(o.maxLength ?? b.maxLength, b.maxLength);
  const expert = { threshold: b.expert.threshold, depth: o.expertDepth, topK: b.expert.depth2TopK };
  const tasks: EvaluateTask[] = [];
  for (let scenario = 0; scenario < n; scenario++) {
    for (let agent = 0; agent < specs.length; agent++) tasks.push({ agent, scenario });
  }
  const results: EvaluateResult[][] = specs.map(() => new Array(n));
  const bar = progress("episodes", tasks.length, o.quiet);
  const queue = [...tasks];
  const init: EvaluateInit = { benchmark: b, agents: specs, expert, maxLength, traces: o.traces };
  const onResult = (task: EvaluateTask, result: EvaluateResult) => {
    results[task.agent][task.scenario] = result;
    bar.tick();
  };
  if (o.remote !== undefined) await o.remote(init, tasks, onResult);
  else {
    await runPool<EvaluateInit, EvaluateTask, EvaluateResult>({
      url: new URL("./worker.ts", import.meta.url).href,
      label: "evaluation worker",
      init,
      workers: Math.min(o.workers, tasks.length),
      next: () => queue.shift(),
      onResult,
    });
  }
  bar.done();
  const dn = results[0];
  const agents: AgentScore[] = results.map((rs, a) => {
    const times = new Float64Array(rs.reduce((k, r) => k + r.decisionMs.length, 0));
    let at = 0;
    for (const r of rs) (times.set(r.decisionMs, at), at += r.decisionMs.length);
    const scores = rs.map((r, k) => l2rpnScore(r.cost, dn[k].cost));
    const risky = Float64Array.from(rs.flatMap((r) => Array.from(r.riskyMs)));
    const held = rs.reduce((k, r) => k + r.maxSteps, 0);
    return {
      name: rs[0]?.agent ?? specName(specs[a]),
      uses_simulate: rs.some((r) => r.simulations > 0),
      scenarios: n,
      completed: rs.filter((r) => r.completed).length,
      survival: round(rs.reduce((s, r) => s + r.survived / r.maxSteps, 0) / n),
      safe_share: round(rs.reduce((s, r) => s + r.safeSteps, 0) / held),
      score: round(scores.reduce((s, x) => s + x, 0) / n, 2),
      decision_ms_p50: round(quantile(times, 0.5), 3),
      decision_ms_p99: round(quantile(times, 0.99), 3),
      decision_ms_at_risk_p50: round(quantile(risky, 0.5), 3),
      decision_ms_at_risk_p99: round(quantile(risky, 0.99), 3),
      simulations_per_decision: round(rs.reduce((s, r) => s + r.simulations, 0) / times.length, 2),
      simulations_per_simulating_decision: round(
        rs.reduce((s, r) => s + r.simulations, 0) /
          Math.max(1, rs.reduce((s, r) => s + r.simulatingDecisions, 0)),
        1,
      ),
      actions_per_episode: round(rs.reduce((s, r) => s + r.actions, 0) / n, 1),
      survived_steps: rs.map((r) => r.survived),
      scores: scores.map((x) => round(x, 2)),
    };
  });
  const m = machine();
  const summary: EvaluateSummary = {
    benchmark: b.name,
    version: b.version,
    description: b.description,
    seed: b.heldOutSeed,
    scenarios: n,
    scenario_ids: dn.map((r) => r.scenarioId),
    scenario_steps: dn.map((r) => r.maxSteps),
    max_length: Math.max(...dn.map((r) => r.maxSteps)),
    expert_depth: o.expertDepth,
    agents,
    machine: `${m.cpu}, ${m.cores} cores, deno ${m.deno}`,
  };
  await writeRun(o, summary, results);
  return summary;
}

const CSV_COLUMNS = [
  "name",
  "scenarios",
  "completed",
  "survival",
  "safe_share",
  "score",
  "decision_ms_p50",
  "decision_ms_p99",
  "decision_ms_at_risk_p50",
  "decision_ms_at_risk_p99",
  "simulations_per_decision",
  "simulations_per_simulating_decision",
  "actions_per_episode",
  "uses_simulate",
] as const;

/** Writes scores.json, scores.csv, episodes.jsonl, ranking.svg and the traces. */
async function writeRun(
  o: EvaluateOptions,
  summary: EvaluateSummary,
  results: readonly EvaluateResult[][],
): Promise<void> {
  const csv = [
    CSV_COLUMNS.join(","),
    ...summary.agents.map((a) => CSV_COLUMNS.map((c) => JSON.stringify(a[c])).join(",")),
  ].join("\n") + "\n";
  const lines = results.flatMap((rs, a) =>
    rs.map((r, k) =>
      JSON.stringify({
        agent: summary.agents[a].name,
        scenario: r.scenario,
        scenario_id: r.scenarioId,
        steps: r.survived,
        max_steps: r.maxSteps,
        completed: r.completed,
        safe_steps: r.safeSteps,
        score: summary.agents[a].scores[k],
        cost: round(r.cost.cost, 3),
        game_over: r.gameOver,
        actions: r.actions,
        illegal: r.illegal,
        simulations: r.simulations,
        decision_ms_p50: round(quantile(r.decisionMs, 0.5), 3),
        decision_ms_p99: round(quantile(r.decisionMs, 0.99), 3),
      })
    )
  );
  await writeJson(join(o.out, "scores.json"), summary);
  await writeAtomic(join(o.out, "scores.csv"), csv);
  await writeAtomic(join(o.out, "episodes.jsonl"), lines.join("\n") + "\n");
  await writeAtomic(join(o.out, "ranking.svg"), rankingPicture(summary));
  if (!o.traces) return;
  for (const [a, rs] of results.entries()) {
    const folder = summary.agents[a].name.replace(/[^A-Za-z0-9_.+-]+/g, "_");
    for (const r of rs) {
      if (r.trace !== null) {
        await writeAtomic(join(o.out, "traces", folder, `${r.scenario}.json`), r.trace + "\n");
      }
    }
  }
}
