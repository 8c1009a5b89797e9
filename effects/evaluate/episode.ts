/**
 * One evaluation episode: an agent from the reset of a scenario until a game over or
 * `maxLength` steps, timing each decision, with what the score needs (the load at every step,
 * the line losses at every step survived) and what the table reports (steps survived, safe
 * steps, actions, simulations).
 *
 * @example
 * ```ts
 * import { loadGrid } from "../mod.ts";
 * import { builtInAgent } from "./agents.ts";
 *
 * const grid = await loadGrid("case14");
 * const env = grid.discrete();
 * const agent = builtInAgent("reconnect", env, { threshold: 0.95, depth: 1, topK: 5 });
 * if (agent === undefined) throw new Error("no such agent");
 * const e = playEvaluation(env, agent, grid.scenario(0), 0, 575, 1);
 * console.log(e.survived, e.safeSteps, e.decisionMs); // steps survived, safe steps, timings
 * ```
 * @module
 */
import { EpisodeCost, episodeCost, maxRho } from "../../core/agents/mod.ts";
import { EnvState, GridDiscreteEnv, reset, step } from "../../core/grid/env/mod.ts";
import { injectionsAt, maxStep, Scenario } from "../../core/grid/scenario/mod.ts";
import type { EvalAgent } from "./eval_agent.ts";

/** What an episode gave. */
export interface EpisodeResult {
  readonly agent: string;
  readonly scenario: number;
  readonly scenarioId: string;
  /** Steps the episode is held to. */
  readonly maxSteps: number;
  /** Steps survived (a game over's step is lost). */
  readonly survived: number;
  readonly completed: boolean;
  /** Survived steps with every line at or below its limit (max rho <= 1). */
  readonly safeSteps: number;
  /** Why the game ended, or null. */
  readonly gameOver: string | null;
  /** Steps where the agent did something other than do-nothing, and illegal ones. */
  readonly actions: number;
  readonly illegal: number;
  readonly simulations: number;
  /** Decisions that called `simulate` at all. */
  readonly simulatingDecisions: number;
  /** Milliseconds of each decision. */
  readonly decisionMs: Float64Array;
  /** Milliseconds of each decision at risk (max rho at or above `riskThreshold`). */
  readonly riskyMs: Float64Array;
  readonly cost: EpisodeCost;
  /** The actions taken, per step. */
  readonly played: Int32Array;
  /** The states, reset first, when kept (for a trace). */
  readonly states: readonly EnvState[] | null;
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

/** Plays one episode (see the module documentation); `keepStates` keeps every state. */
export function playEvaluation(
  env: GridDiscreteEnv,
  agent: EvalAgent,
  scenario: Scenario,
  scenarioIndex: number,
  maxLength: number,
  blackoutCostFactor: number,
  keepStates = false,
  riskThreshold = 0.95,
): EpisodeResult {
  const T = Math.min(maxLength, maxStep(scenario));
  const load = new Float64Array(T);
  for (let t = 1; t <= T; t++) load[t - 1] = sum(injectionsAt(scenario, t).load_p);
  const losses: number[] = [];
  const times = new Float64Array(T);
  const risky: number[] = [];
  const played = new Int32Array(T);
  const states: EnvState[] | null = keepStates ? [] : null;
  let state = reset(env.model, scenario);
  states?.push(state);
  let safe = 0, actions = 0, illegal = 0, sims = 0, decided = 0, simulating = 0;
  while (!state.done && state.step < T) {
    const t0 = performance.now();
    const d = agent.decide(state);
    const ms = performance.now() - t0;
    times[decided++] = ms;
    if (maxRho(state) >= riskThreshold) risky.push(ms);
    sims += d.simulations;
    if (d.simulations > 0) simulating++;
    played[state.step] = d.action;
    if (d.action !== 0) actions++;
    state = step(env.model, state, env.actions[d.action]).state;
    states?.push(state);
    if (state.info.isIllegal) illegal++;
    if (state.gameOver) break;
    losses.push(sum(state.flow.genP) - sum(state.flow.loadP));
    if (maxRho(state) <= 1) safe++;
  }
  const stepHours = scenario.stepMinutes / 60;
  return {
    agent: agent.name,
    scenario: scenarioIndex,
    scenarioId: scenario.id,
    maxSteps: T,
    survived: losses.length,
    completed: losses.length === T,
    safeSteps: safe,
    gameOver: state.gameOver ? (state.info.exception.at(-1) ?? "game over") : null,
    actions,
    illegal,
    simulations: sims,
    simulatingDecisions: simulating,
    decisionMs: times.slice(0, decided),
    riskyMs: Float64Array.from(risky),
    cost: episodeCost(load, losses, stepHours, blackoutCostFactor),
    played: played.slice(0, decided),
    states,
  };
}
