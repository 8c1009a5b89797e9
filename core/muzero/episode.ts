/**
 * A self-play episode as the episode buffer stores it: per step the observation, the action
 * taken, the reward received, the search's root value and its policy (the normalised visit
 * counts, kept sparse: a 50-simulation search visits at most 50 of 487 actions). Plain typed
 * arrays, so an episode crosses a worker boundary by transferring its buffers and lands in a
 * checkpoint as bytes. An episode knows its start (the environment's `reset` argument): with
 * its actions, that is all a deterministic environment needs to give back its observations
 * (`replayObservations`), which is how checkpoints stay small.
 *
 * @module
 */
import type { DiscreteEnv } from "../env.ts";

/** One finished episode. */
export interface Episode {
  /** The environment's `reset` argument the episode started from. */
  readonly start: number;
  readonly length: number;
  readonly observationSize: number;
  readonly numActions: number;
  /** `[length][observationSize]`. */
  readonly observations: Float32Array;
  readonly actions: Int32Array;
  /** `rewards[t]`: the reward of taking `actions[t]` at step t. */
  readonly rewards: Float32Array;
  readonly rootValues: Float32Array;
  /** Step t's policy entries are `policyAction/policyProb[policyStart[t] .. policyStart[t+1])`. */
  readonly policyStart: Int32Array;
  readonly policyAction: Int32Array;
  readonly policyProb: Float32Array;
  /** Ended by the environment (else cut at the maximum length). */
  readonly terminal: boolean;
}

/** Sum of an episode's rewards. */
export function episodeReturn(ep: Episode): number {
  let s = 0;
  for (let t = 0; t < ep.length; t++) s += ep.rewards[t];
  return s;
}

/** Writes step `t`'s search policy, dense, into `out` from `at` (zeros elsewhere). */
export function policyInto(ep: Episode, t: number, out: Float32Array, at: number): void {
  out.fill(0, at, at + ep.numActions);
  for (let k = ep.policyStart[t]; k < ep.policyStart[t + 1]; k++) {
    out[at + ep.policyAction[k]] = ep.policyProb[k];
  }
}

/** The typed arrays' buffers (what `postMessage` transfers). */
export const episodeBuffers = (ep: Episode): ArrayBuffer[] =>
  [
    ep.observations,
    ep.actions,
    ep.rewards,
    ep.rootValues,
    ep.policyStart,
    ep.policyAction,
    ep.policyProb,
  ].map((a) => a.buffer as ArrayBuffer);

/** Collects an episode step by step (local to the function that plays it). */
export class EpisodeRecorder {
  #observations: Float32Array[] = [];
  #actions: number[] = [];
  #rewards: number[] = [];
  #values: number[] = [];
  #start: number[] = [0];
  #policyAction: number[] = [];
  #policyProb: number[] = [];

  constructor(
    readonly observationSize: number,
    readonly numActions: number,
    readonly start: number,
  ) {}

  /** Records one step; `policy` is dense (its zeros are dropped). */
  step(
    observation: Float32Array,
    action: number,
    reward: number,
    rootValue: number,
    policy: Float32Array,
  ): void {
    this.#observations.push(observation);
    this.#actions.push(action);
    this.#rewards.push(reward);
    this.#values.push(rootValue);
    for (let a = 0; a < policy.length; a++) {
      if (policy[a] > 0) (this.#policyAction.push(a), this.#policyProb.push(policy[a]));
    }
    this.#start.push(this.#policyAction.length);
  }

  /** The episode recorded so far. */
  finish(terminal: boolean): Episode {
    const length = this.#actions.length;
    const observations = new Float32Array(length * this.observationSize);
    this.#observations.forEach((o, t) => observations.set(o, t * this.observationSize));
    return {
      start: this.start,
      length,
      observationSize: this.observationSize,
      numActions: this.numActions,
      observations,
      actions: Int32Array.from(this.#actions),
      rewards: Float32Array.from(this.#rewards),
      rootValues: Float32Array.from(this.#values),
      policyStart: Int32Array.from(this.#start),
      policyAction: Int32Array.from(this.#policyAction),
      policyProb: Float32Array.from(this.#policyProb),
      terminal,
    };
  }
}

/** What `replayObservations` needs of an episode. */
export type EpisodeRecord = Pick<Episode, "start" | "length" | "actions" | "rewards" | "terminal">;

/**
 * The observations an episode saw, recomputed by playing its actions again from
 * `env.reset(start)`. Throws a RangeError when the environment does not give the episode's
 * rewards (as float32) and its end back: a different or non-deterministic environment.
 */
export function replayObservations<S>(env: DiscreteEnv<S>, ep: EpisodeRecord): Float32Array {
  const n = env.observationSize;
  const out = new Float32Array(ep.length * n);
  let state = env.reset(ep.start);
  for (let t = 0; t < ep.length; t++) {
    out.set(env.observe(state), t * n);
    const next = env.step(state, ep.actions[t]);
    const last = t === ep.length - 1;
    if (Math.fround(next.reward) !== ep.rewards[t]) {
      throw new RangeError(
        `step ${t}: reward ${Math.fround(next.reward)}, the episode recorded ${ep.rewards[t]}`,
      );
    }
    if (next.done !== (last && ep.terminal)) {
      throw new RangeError(`step ${t}: the episode ${next.done ? "ends" : "goes on"} on replay`);
    }
    state = next.state;
  }
  return out;
}
