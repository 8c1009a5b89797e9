/**
 * Demonstrations for MuZero: episodes of the gated environment (core/agents/gate.ts) where
 * the expert decides, stored as self-play episodes with the discounted return still to come
 * as each step's root value. The policy target is the expert's judgement of every legal
 * reduced action: with `softness` 0, one-hot on its choice (the lowest simulated max rho);
 * above 0, `exp(-(risk - best) / softness)` normalised, a game over 0 (so the learner is told
 * which actions are nearly as good and which are fatal, not only the argmin among near ties).
 * With `explore` > 0 the demonstrator plays an action drawn from that target instead of the
 * best with that probability (its draws are data: `uniforms`), so the episodes also visit
 * states just off the expert's path. Training on them first is imitation of the expert through
 * MuZero's own losses (policy, value, reward, and the dynamics they unroll through); self-play
 * with search then goes on from there.
 *
 * @example
 * ```ts
 * import { gatedEnv } from "../agents/mod.ts";
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const base = (await loadGrid("case14")).discrete();
 * const env = gatedEnv(base, [0, 146, 82], { threshold: 0.95, revertBelow: 0.8, maxLength: 400 });
 * const ep = demonstrationEpisode(env, 0, { discount: 0.9, maxLength: 400, softness: 0, explore: 0 });
 * ```
 * @module
 */
import { type GatedEnv, simulatedRisks } from "../agents/mod.ts";
import { categorical } from "../random.ts";
import type { EnvState } from "../grid/env/mod.ts";
import { type Episode, EpisodeRecorder } from "./episode.ts";

/** The expert's choice at a gated state, as a reduced-table index. */
export const expertChoice = (env: GatedEnv, state: EnvState): number =>
  expertTarget(env, state, 0).best;

/** The expert's policy target at a gated state and its choice (module documentation). */
export function expertTarget(
  env: GatedEnv,
  state: EnvState,
  softness: number,
): { policy: Float32Array; best: number } {
  const legal = env.legalActions(state);
  const ids: number[] = [];
  for (let i = 0; i < legal.length; i++) if (legal[i]) ids.push(i);
  const policy = new Float32Array(env.numActions);
  if (ids.length === 0) return (policy[0] = 1, { policy, best: 0 });
  const risks = simulatedRisks(env.base, state, ids.map((i) => env.table[i]));
  let k = 0;
  for (let j = 1; j < ids.length; j++) if (risks[j] < risks[k]) k = j;
  const best = ids[k];
  if (softness <= 0 || !Number.isFinite(risks[k])) return (policy[best] = 1, { policy, best });
  let sum = 0;
  ids.forEach((i, j) => {
    const w = Number.isFinite(risks[j]) ? Math.exp(-(risks[j] - risks[k]) / softness) : 0;
    policy[i] = w;
    sum += w;
  });
  for (const i of ids) policy[i] /= sum;
  return { policy, best };
}

/** How demonstrations are played and labelled (module documentation). */
export interface DemonstrationOptions {
  readonly discount: number;
  readonly maxLength: number;
  readonly softness: number;
  readonly explore: number;
}

/**
 * One demonstration episode from `env.reset(start)`, at most `maxLength` decisions; `draws`
 * holds two uniforms per decision (explore or not, which action), used when `explore` > 0.
 * `onDecision` sees each decision's state, the expert's target and its choice (the
 * distributed team's imitation needs the state to know which cluster acts).
 */
export function demonstrationEpisode(
  env: GatedEnv,
  start: number,
  o: DemonstrationOptions,
  draws: ArrayLike<number> = [],
  onDecision?: (state: EnvState, policy: Float32Array, best: number) => void,
): Episode {
  const recorder = new EpisodeRecorder(env.observationSize, env.numActions, start);
  let state = env.reset(start);
  let terminal = state.done;
  const { discount, maxLength } = o;
  for (let t = 0; t < maxLength && !state.done; t++) {
    const { policy, best } = expertTarget(env, state, o.softness);
    onDecision?.(state, policy, best);
    const explore = o.explore > 0 && (draws[2 * t] ?? 1) < o.explore;
    const action = explore ? categorical(policy, draws[2 * t + 1] ?? 0) : best;
    const next = env.step(state, action);
    recorder.step(env.observe(state), action, next.reward, 0, policy);
    state = next.state;
    terminal = next.done;
  }
  const ep = recorder.finish(terminal);
  const rootValues = new Float32Array(ep.length);
  for (let t = ep.length - 1, z = 0; t >= 0; t--) rootValues[t] = z = ep.rewards[t] + discount * z;
  return { ...ep, rootValues };
}
