/**
 * What every agent under evaluation is, built-in or learned (agents.ts, learned.ts,
 * team_agent.ts): a name, a kind the benchmark's rules know, and a greedy choice per state.
 *
 * @module
 */
import type { Decision } from "../../core/agents/mod.ts";
import type { EnvState } from "../../core/grid/env/mod.ts";

/** An agent under evaluation: its greedy choice at a state. */
export interface EvalAgent {
  readonly name: string;
  /** What kind of agent (a built-in's name, `muzero`, `muzero+verify`): the benchmark's
   * `simulateAllowed` lists the kinds that may call `simulate`. */
  readonly kind: string;
  /** It calls `simulate` at play time. */
  readonly usesSimulate: boolean;
  decide(state: EnvState): Decision;
}
