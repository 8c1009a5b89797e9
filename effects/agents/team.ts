/**
 * A team: the research's coordinator (core/agents/coordinator.ts) over one PPO learner per
 * cluster, each acting on its cluster's unitary topologies from its masked observation
 * (docs/research.md 2). The centralised baseline is a team of one cluster holding every
 * substation; "coordinator only" is a team whose clusters always pick nothing (only the
 * reconnection rule acts); do-nothing plays no team at all. `playEpisode` runs one episode and
 * measures it; when training, only the acting cluster stores its transition and trains when its
 * buffer is full, bootstrapping from its view of the next state.
 *
 * @example
 * ```ts
 * import { PPO_DEFAULTS } from "../../core/agents/mod.ts";
 * import { genFromSeed } from "../../core/mod.ts";
 * import { readDecomposition } from "../io/mod.ts";
 * import { loadGrid, streams } from "../mod.ts";
 * import { setupTf } from "../nn/mod.ts";
 *
 * await setupTf();
 * const { model, scenario } = await loadGrid("case14");
 * const { decomposition } = await readDecomposition("fixtures/case14/clusters.json", model.net);
 * const team = makeTeam("distributed", model, decomposition, PPO_DEFAULTS, streams(0).gen("init"));
 * const options: PlayOptions = { reward: "CloseToOverflowReward", train: true };
 * const [result, g] = playEpisode(model, scenario(0), team, options, genFromSeed(1));
 * ```
 * @module
 */
import {
  actionableSubstations,
  clusterActions,
  type ClusterMask,
  clusterMask,
  coordinate,
  type CoordinatorGrid,
  coordinatorGrid,
  isSafe,
  maskedObservation,
  type PpoConfig,
  ppoInit,
  ppoNets,
} from "../../core/agents/mod.ts";
import type { GridDecomposition } from "../../core/cluster/mod.ts";
import {
  doNothing,
  type GridAction,
  type GridModel,
  observe,
  reset,
  step,
  type StepRewards,
} from "../../core/grid/env/mod.ts";
import { maxStep, type Scenario } from "../../core/grid/scenario/mod.ts";
import { type Gen, uniform } from "../../core/mod.ts";
import {
  createPpoAgent,
  type PpoAgent,
  type PpoAgentState,
  type UpdateStats,
} from "./ppo_agent.ts";

/** One cluster of a team: what it sees, what it can do, who decides. */
export interface TeamCluster {
  readonly substations: readonly number[];
  readonly lines: readonly number[];
  readonly mask: ClusterMask;
  readonly actions: readonly GridAction[];
  /** null: the cluster never acts (a team of the coordinator alone). */
  readonly agent: PpoAgent | null;
}

/** The coordinator and its clusters. */
export interface Team {
  readonly name: string;
  readonly grid: CoordinatorGrid;
  readonly clusters: readonly TeamCluster[];
}

/** The centralised baseline's decomposition: one cluster, every substation with more than 3 elements, every line. */
export function centralised(model: GridModel): GridDecomposition {
  const { net } = model;
  return {
    clusters: [{
      substations: actionableSubstations(net),
      lines: net.line.name.map((_, l) => l),
    }],
    unassignedLines: [],
  };
}

/**
 * A team over `decomposition`: with `ppo`, one learner per cluster (fresh weights from `gen`
 * unless `resume` gives each cluster's saved state), without, clusters that never act.
 */
export function makeTeam(
  name: string,
  model: GridModel,
  decomposition: GridDecomposition,
  ppo: PpoConfig | null,
  gen: Gen,
  resume?: readonly PpoAgentState[],
): Team {
  let g = gen;
  const clusters = decomposition.clusters.map((c, k): TeamCluster => {
    const mask = clusterMask(model.net, c);
    const actions = clusterActions(model.index, c.substations);
    let agent: PpoAgent | null = null;
    if (ppo !== null) {
      const nets = ppoNets(mask.size, actions.length, ppo.hidden);
      const saved = resume?.[k];
      let params = saved?.params;
      if (params === undefined) [params, g] = ppoInit(nets, g);
      agent = createPpoAgent(nets, ppo, params, saved);
    }
    return { substations: c.substations, lines: c.lines, mask, actions, agent };
  });
  return { name, grid: coordinatorGrid(model.net, decomposition), clusters };
}

/** What one episode measured. */
export interface EpisodeResult {
  /** Steps played without a game over (the scenario's length when it survived). */
  readonly survived: number;
  /** Steps before the grid first became unsafe (some rho >= 0.9, or a game over). */
  readonly safeSteps: number;
  readonly reward: number;
  /** Reward of the steps at which each cluster acted. */
  readonly clusterRewards: readonly number[];
  /** Steps at which each cluster acted. */
  readonly clusterActs: readonly number[];
  readonly reconnections: number;
  readonly gameOver: boolean;
  /** The scenario's number of steps. */
  readonly length: number;
}

/** One update of one cluster's learner. */
export interface UpdateRecord extends UpdateStats {
  readonly cluster: number;
}

/** How to play an episode. */
export interface PlayOptions {
  readonly reward: keyof StepRewards;
  /** Sample, store and train; otherwise greedy. */
  readonly train: boolean;
  readonly onUpdate?: (record: UpdateRecord) => void;
}

/** Reconnection actions per line (grid2op's `set_line_status` +1), built once per model. */
const reconnections = new WeakMap<GridModel, GridAction[]>();
function reconnect(model: GridModel, line: number): GridAction {
  let table = reconnections.get(model);
  if (table === undefined) {
    table = model.net.line.name.map((_, l) => {
      const a = doNothing(model.net);
      a.setLineStatus[l] = 1;
      return a;
    });
    reconnections.set(model, table);
  }
  return table[line];
}

/** Plays one episode of `scenario` with `team` (null: do-nothing); returns its measures. */
export function playEpisode(
  model: GridModel,
  scenario: Scenario,
  team: Team | null,
  options: PlayOptions,
  gen: Gen,
): [EpisodeResult, Gen] {
  const idle = doNothing(model.net);
  const n = team?.clusters.length ?? 0;
  const clusterRewards = new Array<number>(n).fill(0), clusterActs = new Array<number>(n).fill(0);
  const starts = new Array<boolean>(n).fill(true);
  let state = reset(model, scenario);
  let queue: readonly number[] = [];
  let g = gen, reward = 0, survived = 0, steps = 0, reconnected = 0;
  let safe = !state.done && isSafe(state);
  let safeSteps = 0;
  while (!state.done) {
    const obs = observe(model, state);
    let action = idle, acting = -1, x: Float32Array | null = null;
    let act = { action: 0, logProb: 0, value: 0 };
    if (team !== null) {
      const d = coordinate(team.grid, obs, queue);
      queue = d.queue;
      if (d.decision.kind === "reconnect") {
        action = reconnect(model, d.decision.line);
        reconnected++;
      } else if (d.decision.kind === "act") {
        acting = d.decision.cluster;
        const c = team.clusters[acting];
        if (c.agent !== null) {
          x = maskedObservation(c.mask, obs);
          let u: number | null = null;
          if (options.train) [u, g] = uniform(g);
          act = c.agent.act(x, u);
          action = c.actions[act.action];
        }
      }
    }
    const r = step(model, state, action);
    const value = r.rewards[options.reward];
    reward += value;
    steps++;
    if (!r.state.gameOver) survived = steps;
    if (safe) {
      safe = !r.state.gameOver && isSafe(r.state);
      if (safe) safeSteps++;
    }
    if (acting >= 0) {
      clusterRewards[acting] += value;
      clusterActs[acting]++;
      const agent = team!.clusters[acting].agent;
      if (options.train && agent !== null && x !== null) {
        const full = agent.store({ obs: x, ...act, reward: value, episodeStart: starts[acting] });
        starts[acting] = false;
        if (full) {
          const last = r.done
            ? 0
            : agent.value(maskedObservation(team!.clusters[acting].mask, observe(model, r.state)));
          const [stats, next] = agent.update(last, r.done, g);
          g = next;
          options.onUpdate?.({ cluster: acting, ...stats });
        }
      }
    }
    state = r.state;
  }
  return [{
    survived,
    safeSteps,
    reward,
    clusterRewards,
    clusterActs,
    reconnections: reconnected,
    gameOver: state.gameOver,
    length: maxStep(scenario),
  }, g];
}
