/**
 * L2RPN's classic greedy agents, pure functions of the state (the expert's look-ahead is
 * `simulate`, grid2op's `obs.simulate`, so it changes nothing):
 *
 * - `do-nothing`: always action 0.
 * - `reconnect`: when a disconnected line may be reconnected (its cooldown is over), the legal
 *   action that reconnects it on the buses it was last on (else any legal reconnection of it),
 *   the lowest line first; otherwise nothing.
 * - `expert`: when the max rho is at or above `threshold`, simulate every legal action and
 *   take the one with the lowest resulting max rho (a game over is the worst; ties go to the
 *   lowest index, so do-nothing wins a tie); below it, the best reconnection by simulation
 *   when one keeps the max rho under the threshold, else the best return of a split
 *   substation to its reference topology (every element on bus bar 1, the `set_bus` action
 *   of grid2op's table) under the same condition, else nothing: the recovery L2RPN's
 *   strongest entries use, since a grid left split is fragile to the next outage. With
 *   `depth` 2 the `topK`
 *   best first actions are each followed by every legal second action on the next forecast,
 *   and a first action is worth its best second step.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const env = (await loadGrid("case14")).discrete();
 * const state = env.reset(0);
 * const { action, simulations } = expertDecision(env, state, { threshold: 0.95, depth: 1, topK: 5 });
 * ```
 * @module
 */
import { EnvState, GridAction, GridModel, simulate } from "../grid/env/mod.ts";

/** What the agents need of an environment: its model, action table and legal mask. */
export interface ActionTable {
  readonly model: GridModel;
  readonly actions: readonly GridAction[];
  legalActions(state: EnvState): Uint8Array;
  isLegal(state: EnvState, action: number): boolean;
}

/** An agent's choice and the simulations it cost. */
export interface Decision {
  readonly action: number;
  readonly simulations: number;
}

/** The expert's settings. */
export interface ExpertOptions {
  /** Act when the max rho is at or above this (L2RPN's usual 0.95). */
  readonly threshold: number;
  /** 1: one step of look-ahead; 2: the `topK` best then every second action. */
  readonly depth: 1 | 2;
  readonly topK: number;
}

/** The largest rho of a state (0 for a grid with every line off). */
export function maxRho(state: EnvState): number {
  let m = 0;
  for (let l = 0; l < state.rho.length; l++) if (state.rho[l] > m) m = state.rho[l];
  return m;
}

/** How a simulated state ranks: its max rho, a game over worst of all. */
function risk(state: EnvState): number {
  return state.gameOver ? Infinity : maxRho(state);
}

const reconnectOf = new WeakMap<readonly GridAction[], number[][]>();

/** Per line, the indices of the actions that reconnect it (memoised per table). */
function reconnectTable(env: ActionTable): number[][] {
  const known = reconnectOf.get(env.actions);
  if (known !== undefined) return known;
  const out = env.model.net.line.name.map(() => [] as number[]);
  env.actions.forEach((a, i) => {
    for (let l = 0; l < a.setLineStatus.length; l++) if (a.setLineStatus[l] === 1) out[l].push(i);
  });
  reconnectOf.set(env.actions, out);
  return out;
}

/** Indices of the legal actions that reconnect `line`, those restoring its last buses first. */
function reconnections(env: ActionTable, state: EnvState, line: number): number[] {
  const { lineOrPosTopoVect: orPos, lineExPosTopoVect: exPos } = env.model.net.layout;
  const back: number[] = [], other: number[] = [];
  for (const i of reconnectTable(env)[line]) {
    if (!env.isLegal(state, i)) continue;
    const a = env.actions[i];
    const same = a.setBus[orPos[line]] === state.lastBus[orPos[line]] &&
      a.setBus[exPos[line]] === state.lastBus[exPos[line]];
    (same ? back : other).push(i);
  }
  return [...back, ...other];
}

/** Every legal reconnection of a line that is out and free to be acted on, lowest line first. */
function reconnectCandidates(env: ActionTable, state: EnvState): number[][] {
  const out: number[][] = [];
  for (let l = 0; l < state.lineStatus.length; l++) {
    if (state.lineStatus[l] || state.timeBeforeCooldownLine[l] > 0) continue;
    const r = reconnections(env, state, l);
    if (r.length > 0) out.push(r);
  }
  return out;
}

const referenceOf = new WeakMap<readonly GridAction[], Map<number, number>>();

/**
 * Per substation, the index of the action setting all its elements on bus bar 1 (memoised
 * per table: a pure function of it).
 */
function referenceActions(env: ActionTable): Map<number, number> {
  const known = referenceOf.get(env.actions);
  if (known !== undefined) return known;
  const { subStart } = env.model.index;
  const out = new Map<number, number>();
  env.actions.forEach((a, i) => {
    if (a.setLineStatus.some((v) => v !== 0) || a.changeBus.some((v) => v !== 0)) return;
    let sub = -1, ok = true, count = 0;
    for (let p = 0; p < a.setBus.length && ok; p++) {
      if (a.setBus[p] === 0) continue;
      const s = subStart.findIndex((start, k) => p >= start && p < subStart[k + 1]);
      ok = a.setBus[p] === 1 && (sub < 0 || sub === s);
      sub = s;
      count++;
    }
    const size = sub >= 0 ? subStart[sub + 1] - subStart[sub] : 0;
    if (ok && sub >= 0 && count === size && !out.has(sub)) out.set(sub, i);
  });
  referenceOf.set(env.actions, out);
  return out;
}

/** The legal actions returning a split substation to bus bar 1, lowest index first. */
export function recoveries(env: ActionTable, state: EnvState): number[] {
  const { subStart } = env.model.index;
  const out: number[] = [];
  for (const [sub, a] of referenceActions(env)) {
    let split = false;
    for (let p = subStart[sub]; p < subStart[sub + 1] && !split; p++) {
      split = state.topoVect[p] === 2;
    }
    if (split && env.isLegal(state, a)) out.push(a);
  }
  return out.sort((x, y) => x - y);
}

/** Do-nothing: action 0 of grid2op's table. */
export function doNothingDecision(): Decision {
  return { action: 0, simulations: 0 };
}

/** The reconnection agent (see the module documentation). */
export function reconnectDecision(env: ActionTable, state: EnvState): Decision {
  const candidates = reconnectCandidates(env, state);
  return { action: candidates.length > 0 ? candidates[0][0] : 0, simulations: 0 };
}

/** The lowest-risk action among `candidates` by one simulation each, and its risk. */
function bestBySimulation(env: ActionTable, state: EnvState, candidates: readonly number[]) {
  let best = -1, bestRisk = Infinity;
  const risks = new Float64Array(candidates.length);
  candidates.forEach((a, k) => {
    const r = risk(simulate(env.model, state, env.actions[a]).state);
    risks[k] = r;
    if (best < 0 || r < bestRisk) [best, bestRisk] = [a, r];
  });
  return { best, bestRisk, risks };
}

/** The simulated risk (max rho, Infinity for a game over) of each candidate action. */
export function simulatedRisks(
  env: ActionTable,
  state: EnvState,
  candidates: readonly number[],
): Float64Array {
  return bestBySimulation(env, state, candidates).risks;
}

/**
 * The expert's choice among `candidates` (indices of `env.actions`, e.g. a reduced table's
 * legal ones): the lowest simulated max rho, a game over worst, ties to the first listed.
 */
export function simulatedBest(
  env: ActionTable,
  state: EnvState,
  candidates: readonly number[],
): Decision {
  return {
    action: bestBySimulation(env, state, candidates).best,
    simulations: candidates.length,
  };
}

/** The best second-step risk after `first` (the first's own when the episode would end). */
function secondStepRisk(env: ActionTable, state: EnvState, first: number): [number, number] {
  const after = simulate(env.model, state, env.actions[first]).state;
  if (after.done) return [risk(after), 1];
  const legal = env.legalActions(after);
  let best = Infinity, sims = 1;
  for (let a = 0; a < legal.length; a++) {
    if (!legal[a]) continue;
    sims++;
    const r = risk(simulate(env.model, after, env.actions[a]).state);
    if (r < best) best = r;
  }
  return [best, sims];
}

/** The expert (see the module documentation). */
export function expertDecision(env: ActionTable, state: EnvState, o: ExpertOptions): Decision {
  if (maxRho(state) < o.threshold) {
    let sims = 0;
    for (const candidates of [reconnectCandidates(env, state).map((r) => r[0]), null]) {
      const list = candidates ?? recoveries(env, state);
      if (list.length === 0) continue;
      const { best, bestRisk } = bestBySimulation(env, state, list);
      sims += list.length;
      if (bestRisk < o.threshold) return { action: best, simulations: sims };
    }
    return { action: 0, simulations: sims };
  }
  const legal = env.legalActions(state);
  const all: number[] = [];
  for (let a = 0; a < legal.length; a++) if (legal[a]) all.push(a);
  const { best, risks } = bestBySimulation(env, state, all);
  if (o.depth === 1) return { action: best, simulations: all.length };
  const order = all.map((a, k) => [a, risks[k]] as const)
    .sort((x, y) => x[1] - y[1] || x[0] - y[0])
    .slice(0, Math.max(1, o.topK));
  let pick = best, pickRisk = Infinity, sims = all.length;
  for (const [a] of order) {
    const [r, n] = secondStepRisk(env, state, a);
    sims += n;
    if (r < pickRisk || (r === pickRisk && a < pick)) [pick, pickRisk] = [a, r];
  }
  return { action: pick, simulations: sims };
}
