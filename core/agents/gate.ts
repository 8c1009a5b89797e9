/**
 * Acting only when the grid is at risk, the way L2RPN's strongest entries and the research's
 * coordinator do: a learner decides only at states whose max rho is at or above `threshold`;
 * in between, rules play (`ruleAction`): reconnect a line that is out and free to be acted on,
 * else, when every rho is below `revertBelow`, return the first split substation to bus bar 1
 * (a split grid is fragile to the next outage), else do nothing. No rule calls `simulate`.
 *
 * `gatedEnv` turns a grid environment into the decision process a learner sees: one step per
 * decision at risk, over a reduced action table (`reduceActions`: the topologies an expert
 * used, do-nothing first), the rules playing every step in between; the reward of a decision
 * is the steps survived until the next one over `stepsPerUnit` (a day of 5-minute steps by
 * default), minus 1 for a game over. Episodes are held to `maxLength` grid steps.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const base = (await loadGrid("case14")).discrete();
 * const table = reduceActions(new Map([[0, 9], [146, 7], [82, 3]]), 50, 1); // [0, 146, 82]
 * const env = gatedEnv(base, table, { threshold: 0.95, revertBelow: 0.8, maxLength: 8064 });
 * const s = env.reset(0); // the first state at risk (or the end)
 * ```
 * @module
 */
import type { DiscreteEnv, Transition } from "../env.ts";
import {
  type EnvState,
  type GridDiscreteEnv,
  type ObservationScaling,
  observationScaling,
  observe,
  scaleObservation,
} from "../grid/env/mod.ts";
import { maxRho, reconnectDecision, recoveries } from "./greedy.ts";

/** What the learner observes: grid2op's whole vector (scaled), or the compact view. */
export type GateObservation = "full" | "compact";

/** When the learner decides and what the rules do in between. */
export interface GateOptions {
  /** Default "full". */
  readonly observation?: GateObservation;
  /** The learner decides at a max rho at or above this. */
  readonly threshold: number;
  /** The rules revert a split substation when every rho is below this. */
  readonly revertBelow: number;
  /** Grid steps an episode is held to. */
  readonly maxLength: number;
  /** Grid steps worth a reward of 1 (default 288, a day of 5-minute steps). */
  readonly stepsPerUnit?: number;
}

/** True when the learner decides at `state`. */
export const atRisk = (state: EnvState, threshold: number): boolean =>
  !state.done && maxRho(state) >= threshold;

/** The rules' action (an index of `env.actions`) at a state not at risk. */
export function ruleAction(env: GridDiscreteEnv, state: EnvState, o: GateOptions): number {
  const r = reconnectDecision(env, state).action;
  if (r !== 0) return r;
  if (maxRho(state) < o.revertBelow) {
    const back = recoveries(env, state);
    if (back.length > 0) return back[0];
  }
  return 0;
}

/**
 * The reduced action table: do-nothing (0), then the actions an expert took (`counts`, action
 * index -> times) at least `minCount` times, most used first (ties by index), at most `k` in all.
 */
export function reduceActions(counts: ReadonlyMap<number, number>, k: number, minCount: number) {
  const used = [...counts].filter(([a, n]) => a !== 0 && n >= minCount)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .map(([a]) => a);
  return [0, ...used].slice(0, Math.max(1, k));
}

/**
 * The compact view of a state: what decides a topology action at risk, each in about [0, 2]:
 * rho, line status, the consecutive overflow steps (/3), the line cooldowns (/48), the steps
 * to the next maintenance (/288, -1 none) and its duration (/96), `topo_vect` (bus, -1 off),
 * load and generation over their grid's peak values, and the hour as a point on a circle.
 */
export function compactObservation(env: GridDiscreteEnv, state: EnvState): Float32Array {
  const o = observe(env.model, state);
  const { net } = env.model;
  const parts: [ArrayLike<number>, (v: number, i: number) => number][] = [
    [o.rho, (v) => Math.min(2, v)],
    [o.line_status, (v) => v],
    [o.timestep_overflow, (v) => v / 3],
    [o.time_before_cooldown_line, (v) => Math.min(2, v / 48)],
    [o.time_next_maintenance, (v) => (v < 0 ? -1 : Math.min(2, v / 288))],
    [o.duration_next_maintenance, (v) => Math.min(2, v / 96)],
    [o.topo_vect, (v) => v],
    [o.load_p, (v) => v / 100],
    [o.gen_p, (v, g) => v / Math.max(1, net.gen.pMax[g])],
  ];
  const n = parts.reduce((k, [a]) => k + a.length, 2);
  const out = new Float32Array(n);
  let at = 0;
  for (const [a, f] of parts) for (let i = 0; i < a.length; i++) out[at++] = f(a[i], i);
  const angle = (2 * Math.PI * (o.hour_of_day * 60 + o.minute_of_hour)) / (24 * 60);
  out[at++] = Math.cos(angle);
  out[at] = Math.sin(angle);
  return out;
}

/** The gated environment: the learner's decision process (module documentation). */
export interface GatedEnv extends DiscreteEnv<EnvState> {
  readonly base: GridDiscreteEnv;
  /** Reduced index -> index of the base table. */
  readonly table: readonly number[];
  readonly options: GateOptions;
  legalActions(state: EnvState): Uint8Array;
  /** The rules' play from `state` to the next state at risk, the end, or `maxLength`. */
  advance(state: EnvState): { state: EnvState; steps: number };
}

/** Builds the gated environment over `base` with the reduced `table`. */
export function gatedEnv(
  base: GridDiscreteEnv,
  table: readonly number[],
  options: GateOptions,
): GatedEnv {
  const scaling: ObservationScaling = observationScaling(base.model);
  const compact = options.observation === "compact";
  const size = compact ? compactObservation(base, base.reset(0)).length : base.observationSize;
  const perUnit = options.stepsPerUnit ?? 288;
  const ended = (s: EnvState) => s.done || s.step >= options.maxLength;
  const advance = (start: EnvState) => {
    let s = start, steps = 0;
    while (!ended(s) && !atRisk(s, options.threshold)) {
      s = base.step(s, ruleAction(base, s, options)).state;
      steps++;
    }
    return { state: s, steps };
  };
  return {
    base,
    table,
    options,
    numActions: table.length,
    observationSize: size,
    advance,
    reset: (episode: number) => advance(base.reset(episode)).state,
    observe: (s: EnvState) =>
      compact ? compactObservation(base, s) : scaleObservation(base.observe(s), scaling),
    legalActions(s: EnvState): Uint8Array {
      const all = base.legalActions(s);
      return Uint8Array.from(table, (a) => all[a]);
    },
    step(s: EnvState, action: number): Transition<EnvState> {
      if (!Number.isInteger(action) || action < 0 || action >= table.length) {
        throw new RangeError(`action ${action} is not in 0..${table.length - 1}`);
      }
      const first = base.step(s, table[action]).state;
      const { state, steps } = advance(first);
      const survived = state.gameOver ? steps : steps + 1;
      const reward = survived / perUnit - (state.gameOver ? 1 : 0);
      return { state, reward, done: ended(state) };
    },
  };
}
