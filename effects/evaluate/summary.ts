/**
 * An evaluation's summary, as `scores.json` holds it: written by run.ts, drawn by report.ts,
 * read back by the viewer.
 *
 * @module
 */

/** One agent's line of the table. */
export interface AgentScore {
  readonly name: string;
  readonly uses_simulate: boolean;
  readonly scenarios: number;
  readonly completed: number;
  /** Mean over scenarios of the share of steps survived. */
  readonly survival: number;
  /** Share of all steps held that were survived with max rho <= 1. */
  readonly safe_share: number;
  /** Mean of the per-scenario scores. */
  readonly score: number;
  readonly decision_ms_p50: number;
  readonly decision_ms_p99: number;
  /** The same over the decisions at risk (max rho at or above the expert's threshold). */
  readonly decision_ms_at_risk_p50: number;
  readonly decision_ms_at_risk_p99: number;
  readonly simulations_per_decision: number;
  /** Simulations per decision that simulated at all (the expert's at risk, mostly). */
  readonly simulations_per_simulating_decision: number;
  readonly actions_per_episode: number;
  readonly survived_steps: readonly number[];
  readonly scores: readonly number[];
}

/** What `scores.json` holds. */
export interface EvaluateSummary {
  readonly benchmark: string;
  readonly version: number;
  readonly description: string;
  readonly seed: number;
  readonly scenarios: number;
  readonly scenario_ids: readonly string[];
  /** Steps each scenario is held to (its length, or the run's maximum). */
  readonly scenario_steps: readonly number[];
  readonly max_length: number;
  readonly expert_depth: number;
  readonly agents: readonly AgentScore[];
  readonly machine: string;
}
