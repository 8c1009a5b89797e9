/**
 * From a search's visit counts to a move: the research samples from `softmax(N)` sharpened by a
 * temperature (`p_c ~ exp(N_c / T)`), the MuZero paper from `N^(1/T)`; temperature 0 takes the
 * most visited action (evaluation). The draw is an argument, so choosing is a pure function.
 *
 * @example
 * ```ts
 * import { genFromSeed, uniform } from "../mod.ts";
 *
 * const visits = Int32Array.of(30, 15, 5, 0); // a search's visit counts at the root
 * const legal = Uint8Array.of(1, 1, 1, 0);
 * const [u] = uniform(genFromSeed(1)); // u uniform in [0, 1)
 * const action = chooseAction(visits, 0.25, "softmax", legal, u);
 * mostVisited(visits, legal); // 0
 * ```
 * @module
 */
import { categorical } from "../random.ts";
import type { VisitPolicy } from "./config.ts";

/** The most visited legal action (the lowest index among ties). */
export function mostVisited(visits: ArrayLike<number>, legal: Uint8Array | null): number {
  let best = -1;
  for (let a = 0; a < visits.length; a++) {
    if (legal !== null && !legal[a]) continue;
    if (best < 0 || visits[a] > visits[best]) best = a;
  }
  if (best < 0) throw new RangeError("no legal action");
  return best;
}

/** Move probabilities from visit counts at `temperature` (0 or less: the most visited). */
export function visitProbabilities(
  visits: ArrayLike<number>,
  temperature: number,
  kind: VisitPolicy,
  legal: Uint8Array | null,
): Float64Array {
  const n = visits.length;
  const out = new Float64Array(n);
  const top = mostVisited(visits, legal);
  if (!(temperature > 0)) {
    out[top] = 1;
    return out;
  }
  const max = visits[top];
  let sum = 0;
  for (let a = 0; a < n; a++) {
    if (legal !== null && !legal[a]) continue;
    out[a] = kind === "softmax"
      ? Math.exp((visits[a] - max) / temperature)
      : Math.pow(visits[a] / max, 1 / temperature);
    sum += out[a];
  }
  for (let a = 0; a < n; a++) out[a] /= sum;
  return out;
}

/** The move drawn by the uniform `u` in [0, 1) from `visitProbabilities`. */
export function chooseAction(
  visits: ArrayLike<number>,
  temperature: number,
  kind: VisitPolicy,
  legal: Uint8Array | null,
  u: number,
): number {
  if (!(temperature > 0)) return mostVisited(visits, legal);
  return categorical(visitProbabilities(visits, temperature, kind, legal), u);
}
