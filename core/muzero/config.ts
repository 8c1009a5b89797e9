/**
 * MuZero's hyper-parameters, grouped by who reads them (search, acting, learning, network
 * sizes), with the research's values as defaults (docs/research.md section 3). Every
 * field is a flag of `deno task muzero`.
 *
 * @module
 */

/** Value and reward losses: smooth L1 (the research code) or squared error (its README). */
export type LossKind = "smoothL1" | "squared";

/**
 * How visit counts become move probabilities: `softmax` is the research's
 * `p ~ softmax(N)^(1/T)` (that is, `exp(N / T)`); `power` is the MuZero paper's `N^(1/T)`.
 */
export type VisitPolicy = "softmax" | "power";

/** What one tree search needs. */
export interface SearchConfig {
  readonly simulations: number;
  readonly cBase: number;
  readonly cInit: number;
  readonly discount: number;
  readonly dirichletAlpha: number;
  /** Weight of the Dirichlet noise in the root's priors. */
  readonly explorationFraction: number;
}

/** What self-play needs beyond the search. */
export interface ActConfig {
  /** Temperatures in order; `temperatures[k]` holds from `temperatureSteps[k-1]` on. */
  readonly temperatures: readonly number[];
  /** Training steps at which the temperature moves to the next value (one fewer). */
  readonly temperatureSteps: readonly number[];
  readonly visitPolicy: VisitPolicy;
  readonly maxEpisodeLength: number;
}

/**
 * How a batch picks its positions: `episodes` (the research's, MuZero's pseudocode: an episode
 * uniformly, then a position in it, so each position of a short episode is drawn more often
 * than one of a long episode) or `positions` (every stored position equally likely).
 */
export type Sampling = "episodes" | "positions";

/** What the learner and the episode buffer need. */
export interface LearnConfig {
  readonly tdSteps: number;
  readonly unrollSteps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly loss: LossKind;
  readonly gradClip: number;
  /** Factor on the hidden state's gradient at each unroll step. */
  readonly hiddenGradScale: number;
  /** Episodes kept in the episode buffer (the oldest leave first). */
  readonly window: number;
  /** Training starts once this many episodes are stored. */
  readonly trainAfter: number;
  readonly sampling: Sampling;
}

/** Widths of the five networks (the representation and dynamics are `hidden` wide). */
export interface NetworkSizes {
  readonly hidden: number;
  readonly valueHidden: readonly number[];
  readonly policyHidden: readonly number[];
  readonly rewardHidden: readonly number[];
}

/** Every hyper-parameter of a MuZero run. */
export type MuZeroConfig = SearchConfig & ActConfig & LearnConfig & NetworkSizes;

/** The research's values. */
export const researchConfig: MuZeroConfig = {
  simulations: 50,
  cBase: 19652,
  cInit: 1.25,
  discount: 0.9,
  dirichletAlpha: 0.3,
  explorationFraction: 0.25,
  temperatures: [3, 2, 1, 0.5, 0.25, 0.125, 0.0625],
  temperatureSteps: [50, 70, 80, 90, 100, 110],
  visitPolicy: "softmax",
  maxEpisodeLength: 100,
  tdSteps: 7,
  unrollSteps: 5,
  batchSize: 128,
  learningRate: 1e-4,
  weightDecay: 1e-4,
  loss: "smoothL1",
  gradClip: 1,
  hiddenGradScale: 0.5,
  window: 1000,
  trainAfter: 50,
  sampling: "episodes",
  hidden: 256,
  valueHidden: [128],
  policyHidden: [512, 256],
  rewardHidden: [256, 128],
};

/** The temperature in force after `trainingSteps` training steps. */
export function temperatureAt(config: ActConfig, trainingSteps: number): number {
  let k = 0;
  while (k < config.temperatureSteps.length && trainingSteps >= config.temperatureSteps[k]) k++;
  return config.temperatures[Math.min(k, config.temperatures.length - 1)];
}
