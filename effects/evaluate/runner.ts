/**
 * What plays `deno task evaluate`'s episodes, wherever they run (a Web Worker, `worker.ts`, or
 * a worker over Redis, `remote.ts`): the benchmark's environment and the agents built once,
 * then one episode (one agent, one scenario) per task, answered with its result (and, when
 * asked, the episode's trace).
 *
 * @module
 */
import { InputError } from "../errors.ts";
import { traceDocument } from "../replay.ts";
import { Benchmark, benchmarkEnvironment } from "../benchmarks/mod.ts";
import { AgentSpec, loadAgent } from "./agents.ts";
import type { EvalAgent } from "./eval_agent.ts";
import { EpisodeResult, playEvaluation } from "./episode.ts";
import { ExpertOptions } from "../../core/agents/mod.ts";

/** What every episode needs. */
export interface EvaluateInit {
  readonly benchmark: Benchmark;
  readonly agents: readonly AgentSpec[];
  readonly expert: ExpertOptions;
  readonly maxLength: number;
  readonly traces: boolean;
}

/** One episode: an agent (its index in `agents`) on a scenario. */
export interface EvaluateTask {
  readonly agent: number;
  readonly scenario: number;
}

/** An episode's result without its states, and its trace as JSON when asked. */
export type EvaluateResult = Omit<EpisodeResult, "states"> & { readonly trace: string | null };

/** Builds the environment and the agents of `init`; returns the episode player. */
export async function evaluationRunner(
  { benchmark, agents, expert, maxLength, traces }: EvaluateInit,
): Promise<(task: EvaluateTask) => EvaluateResult> {
  const env = await benchmarkEnvironment(benchmark);
  const d = env.discrete();
  const players: EvalAgent[] = [];
  for (const spec of agents) {
    const agent = await loadAgent(spec, d, expert);
    if (agent.usesSimulate && !benchmark.simulateAllowed.includes(agent.kind)) {
      throw new InputError(
        `${benchmark.name}: ${agent.name} calls simulate, which it does not allow`,
      );
    }
    players.push(agent);
  }
  return ({ agent, scenario }) => {
    const s = env.scenario(scenario);
    const r = playEvaluation(
      d,
      players[agent],
      s,
      scenario,
      maxLength,
      benchmark.score.blackoutCostFactor,
      traces,
      benchmark.expert.threshold,
    );
    const { states, ...rest } = r;
    const trace = states === null ? null : JSON.stringify(
      traceDocument(
        env,
        d,
        states.map((state, i) => ({ action: i === 0 ? null : r.played[i - 1], state })),
        { benchmark: benchmark.name, agent: players[agent].name, scenario },
      ),
    );
    return { ...rest, trace };
  };
}
