/**
 * A score per scenario in the spirit of grid2op's `ScoreL2RPN2020`: an episode costs its
 * operation (the energy lost in the lines, each step it survives) plus a blackout (the energy
 * not served, each step it lost after a game over, times `blackoutCostFactor`), at a flat
 * price of 1 per MWh (the built-in grid has no generator costs; grid2op's marginal price would
 * scale both terms alike). With `T` the steps the episode is held to, `load_t` and `losses_t`
 * MW, `h` the step in hours:
 *
 *   cost = sum over survived t of losses_t h + sum over lost t of factor load_t h
 *
 * and, against do-nothing on the same scenario (`dn`):
 *
 * - `best` = do-nothing's loss ratio (its losses over its load, on the steps it survived)
 *   times the whole scenario's load energy: the whole scenario survived at do-nothing's
 *   operation cost;
 * - `worst` = factor x the whole scenario's load energy: a blackout from the first step;
 * - score = 100 (dn - cost) / (dn - best) when cost <= dn, else -100 (cost - dn) / (worst - dn).
 *
 * So do-nothing scores 0, a run that survives at do-nothing's loss ratio 100, a blackout at
 * the first step -100; lower losses than do-nothing's can score above 100. When do-nothing
 * itself survives the scenario (dn = best) there is nothing to win: an agent scores 0 if it
 * costs no more, else the negative branch.
 *
 * @example
 * ```ts
 * import { episodeCost, l2rpnScore } from "./l2rpn_score.ts";
 * const load = new Float64Array(10).fill(250);   // MW per step
 * const dn = episodeCost(load, new Float64Array(6).fill(5), 1 / 12, 1);
 * const perfect = episodeCost(load, new Float64Array(10).fill(5), 1 / 12, 1);
 * l2rpnScore(perfect, dn); // 100
 * ```
 * @module
 */

/** An episode's cost and what the normalisation needs of it. */
export interface EpisodeCost {
  /** Steps the episode is held to and steps it survived. */
  readonly steps: number;
  readonly survived: number;
  /** MWh lost in the lines over the survived steps. */
  readonly lossEnergy: number;
  /** MWh of load over the survived steps, and over all `steps`. */
  readonly servedEnergy: number;
  readonly totalEnergy: number;
  readonly blackoutCostFactor: number;
  /** Operation plus blackout cost. */
  readonly cost: number;
}

/**
 * The cost of an episode: `load[t]` the scenario's total load (MW) at each of its steps (all
 * of them, survived or not), `losses[t]` the line losses (MW) at each survived step.
 */
export function episodeCost(
  load: ArrayLike<number>,
  losses: ArrayLike<number>,
  stepHours: number,
  blackoutCostFactor: number,
): EpisodeCost {
  const steps = load.length, survived = losses.length;
  if (survived > steps) throw new RangeError(`${survived} survived steps of ${steps}`);
  let lossEnergy = 0, servedEnergy = 0, lostEnergy = 0;
  for (let t = 0; t < survived; t++) {
    lossEnergy += losses[t] * stepHours;
    servedEnergy += load[t] * stepHours;
  }
  for (let t = survived; t < steps; t++) lostEnergy += load[t] * stepHours;
  return {
    steps,
    survived,
    lossEnergy,
    servedEnergy,
    totalEnergy: servedEnergy + lostEnergy,
    blackoutCostFactor,
    cost: lossEnergy + blackoutCostFactor * lostEnergy,
  };
}

/** The score of an episode against do-nothing's on the same scenario (module documentation). */
export function l2rpnScore(agent: EpisodeCost, doNothing: EpisodeCost): number {
  const dn = doNothing.cost;
  const lossRatio = doNothing.servedEnergy > 0 ? doNothing.lossEnergy / doNothing.servedEnergy : 0;
  const best = lossRatio * doNothing.totalEnergy;
  const worst = doNothing.blackoutCostFactor * doNothing.totalEnergy;
  const tiny = 1e-9 * Math.max(1, worst);
  if (agent.cost <= dn + tiny) {
    return dn - best > tiny ? (100 * (dn - agent.cost)) / (dn - best) : 0;
  }
  return worst - dn > tiny ? (-100 * (agent.cost - dn)) / (worst - dn) : -100;
}
