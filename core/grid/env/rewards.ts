/**
 * Rewards exactly as grid2op defines them, in float32 as grid2op computes them.
 *
 * - `L2RPNReward`: the sum over lines of `max(0, 1 - min(1, a / (limit + 0.1))^2)` (each
 *   line's squared margin, a disconnected line's 0 A counting a full 1, as in grid2op), and 0
 *   whenever the episode is done, whether by a game over or at the scenario's end. Range
 *   [0, n_line].
 * - `CloseToOverflowReward`: with k the number of lines "close to overflow" (rho >= 0.95 on a
 *   line whose limit is under 400 A, rho >= 0.975 on any line), clipped to [0, 5], the reward
 *   is `1 - k / 5`; 0 on a game over or for an illegal or ambiguous action (even though the
 *   step went on), and computed as usual at the scenario's end.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const env = (await loadGrid("case14")).discrete();
 * const { flow } = env.step(env.reset(0), 0).state; // the first step, doing nothing
 * l2rpnReward(flow.aOr, env.model.thermalLimit); // 16.45 (15.98 on the sandbox's first step)
 * ```
 * @module
 */

/** The flags of a step a reward reads, as grid2op passes them. */
export interface RewardFlags {
  /** A power flow failed (game over). */
  readonly hasError: boolean;
  /** The episode ended (game over or end of the scenario). */
  readonly isDone: boolean;
  /** The agent's action was illegal (replaced by do-nothing). */
  readonly isIllegal: boolean;
  /** The agent's action was ambiguous (replaced by do-nothing). */
  readonly isAmbiguous: boolean;
}

const f32 = Math.fround;

/** grid2op's `L2RPNReward` before the done check: each line's squared margin, summed. */
export function l2rpnReward(aOr: ArrayLike<number>, thermalLimit: ArrayLike<number>): number {
  let sum = 0;
  for (let l = 0; l < aOr.length; l++) {
    const limit = f32(f32(Math.abs(thermalLimit[l])) + f32(0.1));
    const x = Math.min(f32(f32(Math.abs(aOr[l])) / limit), 1);
    sum = f32(sum + Math.max(f32(1 - f32(x * x)), 0));
  }
  return sum;
}

/** grid2op's `CloseToOverflowReward` (max 5 lines) before its flags check. */
export function closeToOverflowReward(
  rho: ArrayLike<number>,
  thermalLimit: ArrayLike<number>,
): number {
  let close = 0;
  for (let l = 0; l < rho.length; l++) {
    const r = f32(rho[l]);
    if ((thermalLimit[l] < 400 && r >= f32(0.95)) || r >= f32(0.975)) close++;
  }
  return 1 - Math.min(close, 5) / 5;
}

/** Both rewards of a step, with grid2op's handling of its flags. */
export interface StepRewards {
  readonly L2RPNReward: number;
  readonly CloseToOverflowReward: number;
}

/** The rewards of a step from its final flows and flags. */
export function stepRewards(
  aOr: ArrayLike<number>,
  rho: ArrayLike<number>,
  thermalLimit: ArrayLike<number>,
  flags: RewardFlags,
): StepRewards {
  return {
    L2RPNReward: flags.isDone || flags.hasError ? 0 : l2rpnReward(aOr, thermalLimit),
    CloseToOverflowReward: flags.hasError || flags.isIllegal || flags.isAmbiguous
      ? 0
      : closeToOverflowReward(rho, thermalLimit),
  };
}
