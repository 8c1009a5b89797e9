/**
 * The rules' parameters of an environment, with grid2op's names and defaults (grid2op 1.10's
 * `Parameters`, the values `l2rpn_case14_sandbox` runs with): how long a line may stay over its
 * thermal limit, when it trips at once, how long a tripped line must wait before it can be
 * reconnected, the cooldowns after acting on a line or a substation, and how many lines and
 * substations one action may touch.
 *
 * @example
 * ```ts
 * const params = envParameters({ MAX_SUB_CHANGED: 2 }); // the defaults, with one change
 * ```
 * @module
 */

/** The environment's rules, as grid2op's `Parameters` names them. */
export interface EnvParameters {
  /** Steps a line may stay above its limit; it trips at the next (soft overflow). */
  readonly NB_TIMESTEP_OVERFLOW_ALLOWED: number;
  /** Steps a tripped line waits before it may be reconnected. */
  readonly NB_TIMESTEP_RECONNECTION: number;
  /** A line above this multiple of its (soft) limit trips at once (hard overflow). */
  readonly HARD_OVERFLOW_THRESHOLD: number;
  /** Fraction of the thermal limit from which a line counts as overflowing in the cascade. */
  readonly SOFT_OVERFLOW_THRESHOLD: number;
  /** Steps before a line whose status an action changed may be acted on again. */
  readonly NB_TIMESTEP_COOLDOWN_LINE: number;
  /** Steps before a substation an action changed may be acted on again. */
  readonly NB_TIMESTEP_COOLDOWN_SUB: number;
  /** Substations one action may change. */
  readonly MAX_SUB_CHANGED: number;
  /** Line statuses one action may change. */
  readonly MAX_LINE_STATUS_CHANGED: number;
  /** When true, overloaded lines never trip. */
  readonly NO_OVERFLOW_DISCONNECTION: boolean;
}

/** grid2op's defaults (those of every reference result in ../shared). */
export const DEFAULT_PARAMETERS: EnvParameters = Object.freeze({
  NB_TIMESTEP_OVERFLOW_ALLOWED: 2,
  NB_TIMESTEP_RECONNECTION: 10,
  HARD_OVERFLOW_THRESHOLD: 2.0,
  SOFT_OVERFLOW_THRESHOLD: 1.0,
  NB_TIMESTEP_COOLDOWN_LINE: 0,
  NB_TIMESTEP_COOLDOWN_SUB: 0,
  MAX_SUB_CHANGED: 1,
  MAX_LINE_STATUS_CHANGED: 1,
  NO_OVERFLOW_DISCONNECTION: false,
});

/** The defaults with some values replaced; throws a RangeError on a negative or NaN value. */
export function envParameters(changes: Partial<EnvParameters> = {}): EnvParameters {
  const p = { ...DEFAULT_PARAMETERS, ...changes };
  for (const [key, value] of Object.entries(p)) {
    if (typeof value === "number" && !(value >= 0)) {
      throw new RangeError(`parameters.${key}: expected a number >= 0, got ${value}`);
    }
  }
  return Object.freeze(p);
}
