/**
 * `deno task distributed --preset hard`: the distributed team and the centralised baseline on
 * case14-hard's gated decisions (core/agents/team_gate.ts). Both learn from the same expert
 * demonstrations on training scenarios (seed 1 of the generator, never the benchmark's): at
 * each decision the acting cluster's PPO actor-critic (stable-baselines3's `MlpPolicy`) is
 * trained to the expert's soft target over its part of the reduced table, its value to the
 * discounted return still to come (`imitationLoss`). The last tenth of the demonstrations is
 * kept for validation: the share of its decisions where a team picks the expert's choice.
 * The run folder holds config.json, metrics.jsonl (per team, cluster and epoch), loss.svg,
 * agreement.svg, and each team's weights (`distributed/`, `centralised/`: model.json +
 * weights.bin, what `deno task evaluate --agents <run>/distributed` plays).
 *
 * @module
 */
import { join } from "node:path";
import {
  actingCluster,
  bestLegalEntry,
  clusterTables,
  type CoordinatorGrid,
  coordinatorGrid,
  type GatedEnv,
  PPO_DEFAULTS,
  type PpoConfig,
  ppoInit,
  ppoNets,
  restrictTarget,
} from "../../core/agents/mod.ts";
import type { GridDecomposition } from "../../core/cluster/mod.ts";
import { observe, topoIndex } from "../../core/grid/env/mod.ts";
import { demonstrationEpisode } from "../../core/muzero/mod.ts";
import { genFromSeed, permutation } from "../../core/mod.ts";
import { makeEnv, parseEnvSpec } from "../env_registry.ts";
import { appendJsonLine, readDecomposition, writeAtomic, writeJson } from "../io/mod.ts";
import { lineChart, progress } from "../report/mod.ts";
import { drawUniforms, streams } from "../rng.ts";
import { createPpoAgent, type ImitationData, type PpoAgent } from "./ppo_agent.ts";
import { type TeamHardConfig, type TeamName, TEAMS } from "./team_config.ts";
import { type TeamWeights, writeTeamWeights } from "./team_weights.ts";

/** One decision of a demonstration: observation, expert target, return to go, acting clusters. */
interface Decision {
  readonly obs: Float32Array;
  readonly policy: Float32Array;
  readonly best: number;
  readonly ret: number;
  /** Per team, the cluster that acts. */
  readonly cluster: Record<TeamName, number>;
  readonly legal: Uint8Array;
}

/** A team's clusters: who owns each substation and each cluster's part of the table. */
interface TeamSpec {
  readonly grid: CoordinatorGrid;
  readonly decomposition: GridDecomposition;
  readonly entries: number[][];
}

/** The decomposition of one cluster owning every substation (the centralised team). */
const oneCluster = (d: GridDecomposition): GridDecomposition => ({
  clusters: [{
    substations: d.clusters.flatMap((c) => c.substations).sort((a, b) => a - b),
    lines: d.clusters.flatMap((c) => c.lines).sort((a, b) => a - b),
  }],
  unassignedLines: d.unassignedLines,
});

/** Both teams' specs on `env` from the clusters file. */
export async function teamSpecs(
  env: GatedEnv,
  clustersFile: string,
): Promise<Record<TeamName, TeamSpec>> {
  const net = env.base.model.net;
  const { decomposition } = await readDecomposition(clustersFile, net);
  const index = topoIndex(net);
  const spec = (d: GridDecomposition): TeamSpec => {
    const grid = coordinatorGrid(net, d);
    const entries = clusterTables(
      index,
      env.base.actions,
      env.table,
      grid.owner,
      d.clusters.length,
    );
    return { grid, decomposition: d, entries };
  };
  return { distributed: spec(decomposition), centralised: spec(oneCluster(decomposition)) };
}

/** The demonstrations' decisions (the expert on training starts 0..n-1). */
function demonstrate(
  env: GatedEnv,
  teams: Record<TeamName, TeamSpec>,
  c: TeamHardConfig,
  quiet: boolean,
): Decision[][] {
  const rng = streams(c.seed);
  const bar = progress("demonstrations", c.demonstrations, quiet);
  const episodes: Decision[][] = [];
  const o = {
    discount: c.gamma,
    maxLength: c.maxDecisions,
    softness: c.softness,
    explore: c.explore,
  };
  for (let i = 0; i < c.demonstrations; i++) {
    const seen: Omit<Decision, "obs" | "ret">[] = [];
    const draws = drawUniforms(rng.stream(`demonstration:${i}`), 2 * c.maxDecisions);
    const ep = demonstrationEpisode(env, i, o, draws, (state, policy, best) => {
      const view = observe(env.base.model, state);
      seen.push({
        policy,
        best,
        legal: env.legalActions(state),
        cluster: {
          distributed: actingCluster(teams.distributed.grid, view),
          centralised: actingCluster(teams.centralised.grid, view),
        },
      });
    });
    episodes.push(seen.map((d, t) => ({
      ...d,
      obs: ep.observations.slice(t * ep.observationSize, (t + 1) * ep.observationSize),
      ret: ep.rootValues[t],
    })));
    bar.tick();
  }
  bar.done();
  return episodes;
}

/** A cluster's decisions as imitation rows: observations, restricted targets, returns. */
function rows(decisions: readonly Decision[], entries: readonly number[]) {
  return decisions.map((d) => ({
    obs: d.obs,
    target: restrictTarget(d.policy, entries),
    ret: d.ret,
  }));
}

/** Share of `decisions` where the team's choice is the expert's best. */
function agreement(
  decisions: readonly Decision[],
  team: TeamName,
  spec: TeamSpec,
  agents: readonly PpoAgent[],
): number {
  if (decisions.length === 0) return 0;
  let same = 0;
  for (const d of decisions) {
    const k = d.cluster[team];
    const pick = bestLegalEntry(agents[k].logits(d.obs), spec.entries[k], d.legal);
    if (pick === d.best) same++;
  }
  return same / decisions.length;
}

/** One metrics row. */
export interface TeamMetrics {
  readonly team: TeamName;
  readonly epoch: number;
  /** Means over the epoch's minibatches (null at epoch 0, before training). */
  readonly policyLoss: number | null;
  readonly valueLoss: number | null;
  readonly trainAgreement: number;
  readonly validationAgreement: number;
  readonly gradientSteps: number;
  readonly seconds: number;
}

/** Trains both teams; writes the run folder; returns the metrics and the teams' weights. */
export async function trainTeams(
  c: TeamHardConfig,
  folder: string,
  quiet = false,
): Promise<{
  metrics: TeamMetrics[];
  weights: Record<TeamName, TeamWeights>;
  /** Decisions demonstrated, and the seconds they took. */
  decisions: number;
  demonstrationSeconds: number;
}> {
  const env = await makeEnv(parseEnvSpec(c.env)) as GatedEnv;
  const teams = await teamSpecs(env, c.clustersFile);
  await writeJson(join(folder, "config.json"), c);
  await writeAtomic(join(folder, "metrics.jsonl"), "");
  const t0 = performance.now();
  const episodes = demonstrate(env, teams, c, quiet);
  const cut = Math.max(1, Math.floor(0.9 * episodes.length));
  const train = episodes.slice(0, cut).flat(), validation = episodes.slice(cut).flat();
  const demoSeconds = (performance.now() - t0) / 1000;
  if (!quiet) {
    console.log(
      `demonstrations: ${train.length} training and ${validation.length} validation decisions ` +
        `in ${demoSeconds.toFixed(1)} s`,
    );
  }
  const config: PpoConfig = { ...PPO_DEFAULTS, learningRate: c.learningRate, hidden: c.hidden };
  const metrics: TeamMetrics[] = [];
  const weights = {} as Record<TeamName, TeamWeights>;
  const bar = progress("imitation", TEAMS.length * c.epochs, quiet);
  for (const team of TEAMS) {
    const spec = teams[team];
    let gen = genFromSeed(streams(c.seed).childSeed(`team:${team}`));
    const agents = spec.entries.map((entries) => {
      const nets = ppoNets(env.observationSize, entries.length, c.hidden);
      const [params, next] = ppoInit(nets, gen);
      gen = next;
      return createPpoAgent(nets, config, params);
    });
    const data = spec.entries.map((entries, k) =>
      rows(train.filter((d) => d.cluster[team] === k), entries)
    );
    let steps = 0;
    try {
      // Epoch 0: the untrained weights' agreement, the curve's starting point.
      const untrained: TeamMetrics = {
        team,
        epoch: 0,
        policyLoss: null,
        valueLoss: null,
        trainAgreement: agreement(train, team, spec, agents),
        validationAgreement: agreement(validation, team, spec, agents),
        gradientSteps: 0,
        seconds: 0,
      };
      metrics.push(untrained);
      await appendJsonLine(join(folder, "metrics.jsonl"), untrained);
      for (let epoch = 1; epoch <= c.epochs; epoch++) {
        const e0 = performance.now();
        let policyLoss = 0, valueLoss = 0, weight = 0;
        agents.forEach((agent, k) => {
          const d = data[k];
          if (d.length === 0) return;
          const [order, next] = permutation(gen, d.length);
          gen = next;
          const batches: ImitationData[] = [];
          for (let at = 0; at < d.length; at += c.batch) {
            const idx = order.subarray(at, Math.min(d.length, at + c.batch));
            const width = spec.entries[k].length, size = env.observationSize;
            const obs = new Float32Array(idx.length * size);
            const targets = new Float32Array(idx.length * width);
            const returns = new Float32Array(idx.length);
            idx.forEach((j, i) => {
              obs.set(d[j].obs, i * size);
              targets.set(d[j].target, i * width);
              returns[i] = d[j].ret;
            });
            batches.push({ n: idx.length, obs, targets, returns });
          }
          const l = agent.imitate(batches);
          steps += batches.length;
          policyLoss += l.policyLoss * d.length;
          valueLoss += l.valueLoss * d.length;
          weight += d.length;
        });
        const row: TeamMetrics = {
          team,
          epoch,
          policyLoss: policyLoss / Math.max(1, weight),
          valueLoss: valueLoss / Math.max(1, weight),
          trainAgreement: agreement(train, team, spec, agents),
          validationAgreement: agreement(validation, team, spec, agents),
          gradientSteps: steps,
          seconds: (performance.now() - e0) / 1000,
        };
        metrics.push(row);
        await appendJsonLine(join(folder, "metrics.jsonl"), row);
        bar.tick();
      }
      weights[team] = {
        team,
        config: c,
        observationSize: env.observationSize,
        clusters: spec.decomposition.clusters.map((cl, k) => ({
          substations: [...cl.substations],
          entries: spec.entries[k],
        })),
        params: agents.map((a) => a.state().params),
        gate: {
          table: env.table,
          threshold: env.options.threshold,
          revertBelow: env.options.revertBelow,
          observation: env.options.observation ?? "full",
        },
      };
      await writeTeamWeights(join(folder, team), weights[team]);
    } finally {
      agents.forEach((a) => a.dispose());
    }
  }
  bar.done();
  await writeAtomic(join(folder, "loss.svg"), curve(metrics, "policyLoss", "policy cross-entropy"));
  await writeAtomic(
    join(folder, "agreement.svg"),
    curve(metrics, "validationAgreement", "share of the expert's choices (validation)"),
  );
  return {
    metrics,
    weights,
    decisions: train.length + validation.length,
    demonstrationSeconds: demoSeconds,
  };
}

/** A learning curve per team over the epochs. */
const curve = (m: readonly TeamMetrics[], key: keyof TeamMetrics, yLabel: string) =>
  lineChart({
    title: `Teams on case14-hard: ${yLabel}`,
    xLabel: "epoch over the demonstrations",
    yLabel,
    series: TEAMS.map((team) => {
      const rows = m.filter((r) => r.team === team);
      return { name: team, x: rows.map((r) => r.epoch), y: rows.map((r) => r[key] as number) };
    }),
  });
