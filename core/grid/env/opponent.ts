/**
 * grid2op's opponent, as the L2RPN 2020 robustness track and grid2op's case14 example ran it:
 * `RandomLineOpponent` (cut one connected line drawn uniformly from a list) under
 * `OpponentSpace` with `BaseActionBudget` (an attack costs 1 per line per step). Each step the
 * budget grows by `budgetPerStep`; an ongoing attack goes on (the line is cut again) until its
 * `attackDuration` steps are over; a new one may start once the attack cooldown has come down
 * (it starts at `attackCooldown` and grows by `attackCooldown` with each attack, counting down
 * one per step) and when the budget covers `attackDuration` steps of it. The attacked line may
 * not be acted on while the attack lasts; afterwards it stays off until an action reconnects
 * it. The line is drawn with the scenario's draw for that step, so the opponent is a pure
 * function of its state, the line statuses and the scenario.
 *
 * @example
 * ```ts
 * import { opponentStart, opponentStep } from "./opponent.ts";
 * const spec = { lines: [3, 4], attackCooldown: 12, attackDuration: 4, budgetPerStep: 0.5, initBudget: 0 };
 * let s = opponentStart(spec);
 * s = opponentStep(spec, s, new Uint8Array(20).fill(1), 0.7); // s.line: -1 (no budget yet)
 * ```
 * @module
 */

/** The opponent's settings (grid2op's `opponent_*` arguments of `make`). */
export interface OpponentSpec {
  /** The attackable lines (grid2op's `kwargs_opponent.lines_attacked`), as line ids. */
  readonly lines: readonly number[];
  /** grid2op's `opponent_attack_cooldown`, steps. */
  readonly attackCooldown: number;
  /** grid2op's `opponent_attack_duration`, steps. */
  readonly attackDuration: number;
  /** grid2op's `opponent_budget_per_ts`. */
  readonly budgetPerStep: number;
  /** grid2op's `opponent_init_budget`. */
  readonly initBudget: number;
}

/** The opponent between two steps (grid2op's `OpponentSpace` counters). */
export interface OpponentState {
  readonly budget: number;
  /** Steps left of the current attack (0: none). */
  readonly remaining: number;
  /** grid2op's `current_attack_cooldown`. */
  readonly cooldown: number;
  /** The line cut at this step, -1 when none. */
  readonly line: number;
}

/** The opponent after a reset. */
export function opponentStart(spec: OpponentSpec): OpponentState {
  return { budget: spec.initBudget, remaining: 0, cooldown: spec.attackCooldown, line: -1 };
}

/**
 * One step of the opponent, from the line statuses at the start of the step (grid2op's
 * `current_obs`) and the step's draw `u` in [0, 1).
 */
export function opponentStep(
  spec: OpponentSpec,
  s: OpponentState,
  lineStatus: ArrayLike<number>,
  u: number,
): OpponentState {
  let budget = s.budget + spec.budgetPerStep;
  let remaining = Math.max(0, s.remaining - 1);
  let cooldown = Math.max(0, s.cooldown - 1);
  let line = -1;
  if (remaining > 0) line = s.line;
  else if (cooldown <= spec.attackCooldown) {
    const open = spec.lines.filter((l) => lineStatus[l] === 1);
    // An attack costs 1 per step; the budget must cover its whole duration.
    if (open.length > 0 && spec.attackDuration <= budget) {
      line = open[Math.min(open.length - 1, Math.floor(u * open.length))];
      remaining = spec.attackDuration;
      cooldown += spec.attackCooldown;
    }
  }
  if (line >= 0) budget -= 1;
  else remaining = 0;
  return { budget, remaining, cooldown, line };
}
