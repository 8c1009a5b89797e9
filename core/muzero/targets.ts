/**
 * Training targets from a stored episode (docs/research.md section 3): for position t and
 * unroll step k (0..K) the value `z = sum_{i < td} g^i r_{t+k+i} + g^td v_{t+k+td}` (rewards
 * and the bootstrap only inside the episode: 0 past its end), the reward of the action that led
 * there (`r_{t+k-1}`, for k >= 1), and the search policy at t+k (no policy past the end).
 *
 * @module
 */
import { type Episode, policyInto } from "./episode.ts";

/** The value target at step `t` (0 at or past the end). */
export function valueTarget(ep: Episode, t: number, tdSteps: number, discount: number): number {
  if (t >= ep.length) return 0;
  const bootstrap = t + tdSteps;
  let z = bootstrap < ep.length ? Math.pow(discount, tdSteps) * ep.rootValues[bootstrap] : 0;
  const end = Math.min(bootstrap, ep.length);
  for (let i = t, w = 1; i < end; i++, w *= discount) z += w * ep.rewards[i];
  return z;
}

/** Where targets go: step-major arrays of a batch of `size` samples. */
export interface TargetRows {
  readonly size: number;
  /** `[unroll + 1][size]` each. */
  readonly values: Float32Array;
  readonly rewards: Float32Array;
  readonly policyMask: Float32Array;
  /** `[unroll + 1][size][numActions]`. */
  readonly policies: Float32Array;
}

/** Writes the targets of position `t` for `unroll` steps into `rows` for sample `b`. */
export function fillTargets(
  ep: Episode,
  t: number,
  unroll: number,
  tdSteps: number,
  discount: number,
  rows: TargetRows,
  b: number,
): void {
  const a = ep.numActions;
  for (let k = 0; k <= unroll; k++) {
    const at = k * rows.size + b, step = t + k;
    rows.values[at] = valueTarget(ep, step, tdSteps, discount);
    rows.rewards[at] = k > 0 && step - 1 < ep.length ? ep.rewards[step - 1] : 0;
    if (step < ep.length) {
      rows.policyMask[at] = 1;
      policyInto(ep, step, rows.policies, at * a);
    } else {
      rows.policyMask[at] = 0;
      rows.policies.fill(0, at * a, (at + 1) * a);
    }
  }
}
