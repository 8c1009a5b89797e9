/**
 * The research's data collector for the grid decomposition (docs/research.md 1d): an episode of a
 * random agent that, at every step, plays a uniformly random unitary `set_bus` topology of one
 * substation, recording each transition as a row (rho(t+1), rho(t), action code), the code
 * being the action's index over the number of topologies. Randomness arrives as data: one
 * uniform per step.
 *
 * A step that ends in a game over records no row: grid2op's game-over observation has every
 * rho at 0, which says the grid is gone, not how the action moved each line's flow.
 *
 * @example
 * ```ts
 * import { unitaryTopologiesSet } from "../grid/env/mod.ts";
 * import { maxStep } from "../grid/scenario/mod.ts";
 * import { genFromSeed, uniforms } from "../mod.ts";
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const { model, scenario: scenarioOf } = await loadGrid("case14");
 * const scenario = scenarioOf(0);
 * const actions = unitaryTopologiesSet(model.index, 4);
 * const [u] = uniforms(genFromSeed(7), maxStep(scenario));
 * const rows = randomTopologyEpisode(model, scenario, actions, u);
 * rows.rows; // transitions recorded; rows.rhoNext.subarray(0, n_line) is the first row's rho(t+1)
 * ```
 * @module
 */
import { GridAction, GridModel, reset, step } from "../grid/env/mod.ts";
import { Scenario } from "../grid/scenario/mod.ts";

/** The rows of one episode, row-major (`rows` x n_line for the rho arrays). */
export interface TopologyRows {
  readonly rows: number;
  readonly rho: Float64Array;
  readonly rhoNext: Float64Array;
  /** index / number of actions, in [0, 1). */
  readonly code: Float64Array;
  /** Steps played (rows, plus the game-over step if there was one). */
  readonly steps: number;
  readonly gameOver: boolean;
}

/**
 * Plays `actions[floor(u * actions.length)]` for each draw `u` until the episode ends or the
 * draws run out.
 */
export function randomTopologyEpisode(
  model: GridModel,
  scenario: Scenario,
  actions: readonly GridAction[],
  draws: ArrayLike<number>,
): TopologyRows {
  if (actions.length === 0) throw new RangeError("randomTopologyEpisode: no actions to play");
  const nLine = model.net.line.name.length;
  const cap = draws.length;
  const rho = new Float64Array(cap * nLine), rhoNext = new Float64Array(cap * nLine);
  const code = new Float64Array(cap);
  let state = reset(model, scenario);
  let rows = 0, steps = 0;
  while (!state.done && steps < cap) {
    const index = Math.min(actions.length - 1, Math.floor(draws[steps] * actions.length));
    const next = step(model, state, actions[index]).state;
    steps++;
    if (next.gameOver) {
      state = next;
      break;
    }
    rho.set(state.rho, rows * nLine);
    rhoNext.set(next.rho, rows * nLine);
    code[rows] = index / actions.length;
    rows++;
    state = next;
  }
  return {
    rows,
    rho: rho.slice(0, rows * nLine),
    rhoNext: rhoNext.slice(0, rows * nLine),
    code: code.slice(0, rows),
    steps,
    gameOver: state.gameOver,
  };
}
