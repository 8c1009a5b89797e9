/**
 * The agents `deno task evaluate` can run, by name: the built-in greedy ones of
 * core/agents/greedy.ts (`do-nothing`, `reconnect`, `expert`; `expert` looks two steps ahead
 * with `expertDepth` 2) and, by path, the checkpoints of the learners (see `learned.ts`).
 * Whether an agent calls `simulate` is part of its description, so a result can say it.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../mod.ts";
 *
 * const env = (await loadGrid("case14")).discrete();
 * const expert = builtInAgent("expert", env, { threshold: 0.95, depth: 1, topK: 5 });
 * ```
 * @module
 */
import {
  doNothingDecision,
  expertDecision,
  ExpertOptions,
  reconnectDecision,
} from "../../core/agents/mod.ts";
import { GridDiscreteEnv } from "../../core/grid/env/mod.ts";
import { InputError } from "../errors.ts";
import type { EvalAgent } from "./eval_agent.ts";
import { learnedAgent } from "./learned.ts";

/** The built-in agents' names. */
export const BUILT_IN_AGENTS = ["do-nothing", "reconnect", "expert"] as const;

/** True for a built-in agent's name. */
export const isBuiltIn = (name: string): boolean =>
  (BUILT_IN_AGENTS as readonly string[]).includes(name);

/** An agent to load: a built-in's name, or a learner's checkpoint (file or run folder). */
export type AgentSpec =
  | { readonly kind: "built-in"; readonly name: string }
  | {
    readonly kind: "checkpoint";
    readonly path: string;
    readonly verify: number;
    /** Search simulations at play time (default: the run's own). */
    readonly simulations?: number;
  };

/**
 * The agent of a spec. Checkpoints are read by `learned.ts`; an unknown name is an InputError
 * (the script checks names before starting, so this is a worker's guard).
 */
export async function loadAgent(
  spec: AgentSpec,
  env: GridDiscreteEnv,
  expert: ExpertOptions,
): Promise<EvalAgent> {
  if (spec.kind === "checkpoint") {
    return await learnedAgent(spec.path, env, spec.verify, spec.simulations);
  }
  const agent = builtInAgent(spec.name, env, expert);
  if (agent === undefined) throw new InputError(`unknown agent "${spec.name}"`);
  return agent;
}

/** A built-in agent by name, or undefined. */
export function builtInAgent(
  name: string,
  env: GridDiscreteEnv,
  expert: ExpertOptions,
): EvalAgent | undefined {
  switch (name) {
    case "do-nothing":
      return { name, kind: name, usesSimulate: false, decide: doNothingDecision };
    case "reconnect":
      return { name, kind: name, usesSimulate: false, decide: (s) => reconnectDecision(env, s) };
    case "expert":
      return {
        name: expert.depth === 2 ? "expert-depth2" : name,
        kind: name,
        usesSimulate: true,
        decide: (s) => expertDecision(env, s, expert),
      };
  }
  return undefined;
}
