/**
 * The errors a run reports to its user as one line and exit code 2 (`runMain` in cli.ts), not
 * as a crash: thrown anywhere in the shell, from file readers to the Redis client.
 *
 * @example
 * ```ts
 * import { InputError } from "./errors.ts";
 *
 * function checkSteps(steps: number): number {
 *   if (!Number.isSafeInteger(steps) || steps < 1) {
 *     throw new InputError(`--steps: ${steps} is not a positive integer`);
 *   }
 *   return steps;
 * }
 * checkSteps(10);
 * ```
 * @module
 */

/** A mistake in what the user gave (flag, file, config): reported in one line, exit code 2. */
export class InputError extends Error {
  override name = "InputError";
}

/**
 * A service the run needs (Redis) did not answer after its retries: reported in one line, exit
 * code 2, like a mistake in the input, since the fix (start it, fix the address) is the user's.
 */
export class UnavailableError extends Error {
  override name = "UnavailableError";
}
