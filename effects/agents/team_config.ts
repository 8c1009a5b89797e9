/**
 * The settings of `deno task distributed --preset hard|hard-quick` (effects/agents/team_hard.ts)
 * and the names of its two teams.
 *
 * @module
 */
import { PPO_DEFAULTS } from "../../core/agents/mod.ts";

/** The settings of a hard run (each preset's values; every one is in config.json). */
export interface TeamHardConfig {
  readonly seed: number;
  /** The gated environment the teams decide in (training scenarios). */
  readonly env: string;
  readonly clustersFile: string;
  readonly demonstrations: number;
  /** The expert's soft target: exp(-(rho - best) / softness). */
  readonly softness: number;
  /** Share of the demonstrator's moves drawn from its target instead of its best. */
  readonly explore: number;
  /** Decisions per demonstration episode at most. */
  readonly maxDecisions: number;
  readonly gamma: number;
  readonly epochs: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly hidden: readonly number[];
}

/** The presets: `hard` for the README's figures, `hard-quick` to see it learn in a minute. */
export const TEAM_PRESETS: Readonly<Record<"hard" | "hard-quick", TeamHardConfig>> = {
  hard: {
    seed: 0,
    env: "case14-hard:observation=compact,actions=20",
    clustersFile: "fixtures/case14/clusters.json",
    demonstrations: 240,
    softness: 0.02,
    explore: 0.25,
    maxDecisions: 400,
    gamma: 0.99,
    epochs: 30,
    batch: 64,
    learningRate: 1e-3,
    hidden: PPO_DEFAULTS.hidden,
  },
  "hard-quick": {
    seed: 0,
    env: "case14-hard:observation=compact,actions=20",
    clustersFile: "fixtures/case14/clusters.json",
    demonstrations: 12,
    softness: 0.02,
    explore: 0.25,
    maxDecisions: 400,
    gamma: 0.99,
    epochs: 20,
    batch: 64,
    learningRate: 1e-3,
    hidden: PPO_DEFAULTS.hidden,
  },
};

/** The two teams a run trains. */
export const TEAMS = ["distributed", "centralised"] as const;
export type TeamName = typeof TEAMS[number];
