/**
 * The MuZero training loop, in deterministic rounds. Round r: the workers play
 * `episodesPerRound` episodes with the weights W_r (episode i's draws seeded by (run seed, r,
 * i)) while the learner, in the main thread, trains `stepsPerRound` steps on the buffer as it
 * was before the round (batch draws seeded by (run seed, training step)), giving W_{r+1}; then
 * the episodes join the buffer. Self-play and learning overlap, yet a run is a function of its
 * config: the same seed gives the same weights, buffer and metrics for any number of workers
 * (wall times aside). Training starts once the buffer holds `trainAfter` episodes and stops at
 * `steps` training steps.
 *
 * The run folder holds `config.json`, `metrics.jsonl` (one row per round), `checkpoint.bin`
 * (every `checkpointEvery` rounds and at the end, written atomically) and `loss.svg` /
 * `episodes.svg`. Resuming from the checkpoint drops the metrics rows of rounds after it and
 * continues exactly where the checkpoint left off.
 *
 * @module
 */
import { join } from "node:path";
import {
  addEpisodes,
  demonstrationEpisode,
  drawsPerBatch,
  emptyBuffer,
  type Episode,
  muzeroLayout,
  muzeroNets,
  type MuZeroShape,
  type PlayJob,
  type PlayOptions,
  playOptions,
  sampleBatch,
  temperatureAt,
} from "../../core/muzero/mod.ts";
import { packParams } from "../../core/nn/mod.ts";
import { makeEnv } from "../env_registry.ts";
import { appendJsonLine, readJsonLines, writeAtomic, writeJson } from "../io/mod.ts";
import { progress } from "../report/mod.ts";
import { drawUniforms, streams } from "../rng.ts";
import {
  type Checkpoint,
  checkpointFile,
  type CheckpointSize,
  type EnvSizes,
  writeCheckpoint,
} from "./checkpoint.ts";
import { initialParams, type RunConfig, shapeOf } from "./config.ts";
import { InputError } from "../errors.ts";
import type { GatedEnv } from "../../core/agents/mod.ts";
import { writeWeights } from "./weights.ts";
import { createLearner, type StepLosses } from "./learner.ts";
import { episodeStats, learningCurves, meanLosses, type RoundMetrics } from "./report.ts";
import { createSelfPlay, type SelfPlay } from "./selfplay.ts";

/**
 * Where a run's self-play episodes come from: its own workers (the default), or actors on
 * other machines (`remote_learner.ts`). `begin` resolves once the round's work is handed out
 * (before the learner's training steps hold the thread), to the round's episodes to come.
 * `position` is what a checkpoint records of the source; `stored` is told once a checkpoint
 * holding the episodes up to `position` is written.
 */
export interface EpisodeSource {
  begin(
    round: number,
    weights: Float32Array,
    options: PlayOptions,
    jobs: readonly PlayJob[],
  ): Promise<{ readonly episodes: Promise<Episode[]> }>;
  position(): string | undefined;
  stored(position: string | undefined): Promise<void>;
  close(): void;
}

/** A run's own self-play workers as an episode source. */
export function localSource(pool: SelfPlay): EpisodeSource {
  return {
    begin: (_round, weights, options, jobs) =>
      Promise.resolve({ episodes: pool.play(weights, options, jobs) }),
    position: () => undefined,
    stored: () => Promise.resolve(),
    close: () => pool.close(),
  };
}

/** Where and how to train. */
export interface TrainOptions {
  readonly folder: string;
  /** The episode source (default: `config.workers` local workers). */
  readonly source?: (shape: MuZeroShape, sizes: EnvSizes) => Promise<EpisodeSource>;
  /** Continue from this checkpoint (its config, possibly with more steps or other workers). */
  readonly resume?: Checkpoint;
  readonly quiet?: boolean;
  /** Stop after this many rounds in this call, as if killed (tests of resuming). */
  readonly maxRounds?: number;
}

/** File names inside a run folder. */
export const runFiles = {
  config: "config.json",
  metrics: "metrics.jsonl",
  checkpoint: checkpointFile,
} as const;

/** Rounds a run needs: warm-up rounds until training starts, then training rounds. */
export function plannedRounds(c: RunConfig): number {
  if (c.demonstrations) {
    const pre = imitationSteps(c);
    return 1 + Math.ceil(pre / c.stepsPerRound) + Math.ceil((c.steps - pre) / c.stepsPerRound);
  }
  const warmup = Math.ceil(c.muzero.trainAfter / c.episodesPerRound);
  return warmup + Math.ceil(c.steps / c.stepsPerRound);
}

/** Training steps on the demonstrations alone, before self-play (0 without demonstrations). */
const imitationSteps = (c: RunConfig): number =>
  c.demonstrations ? Math.min(c.steps, c.pretrainSteps ?? 0) : 0;

/** The jobs of round `r`: start index and seed of each episode. */
export function roundJobs(config: RunConfig, r: number): PlayJob[] {
  const rng = streams(config.seed);
  return Array.from({ length: config.episodesPerRound }, (_, i) => ({
    start: r * config.episodesPerRound + i,
    seed: rng.childSeed(`selfplay:${r}:${i}`),
  }));
}

/**
 * The run's demonstrations: the expert on the gated environment's starts 0, 1, ... (episodes
 * that need no decision at all are left out). Throws an InputError for another environment.
 */
async function playDemonstrations(config: RunConfig, quiet?: boolean): Promise<Episode[]> {
  const env = await makeEnv(config.env);
  if (!("table" in env && "base" in env)) {
    throw new InputError(
      `--demonstrations: ${config.env.name} is not a gated environment (case14-hard)`,
    );
  }
  const gated = env as GatedEnv;
  const n = config.demonstrations ?? 0;
  const bar = progress("demonstrations", n, quiet);
  const out: Episode[] = [];
  const m = config.muzero;
  const o = {
    discount: m.discount,
    maxLength: m.maxEpisodeLength,
    softness: config.demonstrationSoftness ?? 0,
    explore: config.demonstrationExplore ?? 0,
  };
  const rng = streams(config.seed);
  for (let i = 0; i < n; i++) {
    const draws = drawUniforms(rng.stream(`demonstration:${i}`), 2 * m.maxEpisodeLength);
    const ep = demonstrationEpisode(gated, i, o, draws);
    if (ep.length > 0) out.push(ep);
    bar.tick();
  }
  bar.done();
  return out;
}

/** Trains (or continues) a run; returns its final config, sizes and state. */
export async function trainMuZero(config: RunConfig, options: TrainOptions): Promise<Checkpoint> {
  const { folder } = options;
  const m = config.muzero;
  const env = await makeEnv(config.env);
  const sizes = { observationSize: env.observationSize, numActions: env.numActions };
  const shape = shapeOf(m, sizes);
  const nets = muzeroNets(shape);
  const layout = muzeroLayout(nets);
  const rng = streams(config.seed);
  const start = options.resume?.state;
  const learner = createLearner(
    nets,
    m,
    start?.params ?? initialParams(config, nets),
    start?.adam,
  );
  let round = start?.round ?? 0;
  let trainingSteps = start?.trainingSteps ?? 0;
  let buffer = start?.buffer ?? emptyBuffer(m.window);

  await writeJson(join(folder, runFiles.config), config);
  const metricsPath = join(folder, runFiles.metrics);
  const kept = (await readJsonLines(metricsPath) as RoundMetrics[]).filter((r) => r.round < round);
  await writeAtomic(metricsPath, kept.map((r) => JSON.stringify(r) + "\n").join(""));

  const pool = options.source === undefined
    ? localSource(
      await createSelfPlay(Math.min(config.workers, config.episodesPerRound), config.env, shape),
    )
    : await options.source(shape, sizes);
  const total = plannedRounds(config);
  const bar = progress(`muzero ${config.env.name}`, total, options.quiet, round);
  const snapshot = (): Checkpoint => {
    const stream = pool.position();
    const state = { round, trainingSteps, ...learner.state(), buffer };
    return { config, shape: sizes, state: stream === undefined ? state : { ...state, stream } };
  };
  let size: CheckpointSize = { bytes: 0, observationBytes: 0 };
  const checkpoint = async () => {
    const state = snapshot();
    size = await writeCheckpoint(join(folder, runFiles.checkpoint), state);
    await pool.stored(state.state.stream);
  };
  let lastCheckpoint = -1;
  const trainSteps = (n: number, losses: StepLosses[]) => {
    for (let s = 0; s < n; s++) {
      const draws = drawUniforms(rng.stream(`batch:${trainingSteps}`), drawsPerBatch(m));
      losses.push(learner.trainStep(sampleBatch(buffer, m, draws)));
      trainingSteps++;
    }
  };
  // Rounds played by this call (`maxRounds` stops it early, as a kill would).
  let calls = 0;
  try {
    if (round === 0 && config.demonstrations) {
      // Round 0: the expert's demonstrations, stored before any training.
      const t0 = performance.now();
      const demos = await playDemonstrations(config, options.quiet);
      buffer = addEpisodes(buffer, demos);
      round++;
      await appendJsonLine(
        metricsPath,
        {
          round: 0,
          trainingSteps,
          weightsStep: 0,
          temperature: 0,
          episodes: buffer.added,
          ...meanLosses([]),
          ...episodeStats(demos, m.maxEpisodeLength),
          bufferEpisodes: buffer.episodes.length,
          seconds: (performance.now() - t0) / 1000,
        } satisfies RoundMetrics,
      );
      bar.set(round);
      await checkpoint();
      lastCheckpoint = round;
      calls++;
    }
    const imitation = imitationSteps(config);
    // Imitation rounds: MuZero's own losses on the demonstrations alone, no self-play.
    for (; trainingSteps < imitation; calls++) {
      if (options.maxRounds !== undefined && calls >= options.maxRounds) return snapshot();
      const t0 = performance.now();
      const losses: StepLosses[] = [];
      trainSteps(Math.min(config.stepsPerRound, imitation - trainingSteps), losses);
      round++;
      await appendJsonLine(
        metricsPath,
        {
          round: round - 1,
          trainingSteps,
          weightsStep: trainingSteps,
          temperature: 0,
          episodes: buffer.added,
          ...meanLosses(losses),
          episodeReturn: null,
          episodeLength: null,
          survival: null,
          bufferEpisodes: buffer.episodes.length,
          seconds: (performance.now() - t0) / 1000,
        } satisfies RoundMetrics,
      );
      bar.set(round);
      if (trainingSteps === imitation) {
        // The imitation's weights alone, to measure what self-play changes.
        await writeWeights(join(folder, "pretrained"), snapshot());
      }
      if (round % config.checkpointEvery === 0 || trainingSteps === imitation) {
        await checkpoint();
        lastCheckpoint = round;
      }
    }
    for (; trainingSteps < config.steps; calls++) {
      if (options.maxRounds !== undefined && calls >= options.maxRounds) return snapshot();
      const t0 = performance.now();
      const weightsStep = trainingSteps;
      const play = playOptions(m, temperatureAt(m, trainingSteps), true);
      const { episodes: playing } = await pool.begin(
        round,
        packParams(layout, learner.params()),
        play,
        roundJobs(config, round),
      );
      const losses: StepLosses[] = [];
      if (buffer.episodes.length >= m.trainAfter) {
        trainSteps(Math.min(config.stepsPerRound, config.steps - trainingSteps), losses);
      }
      const episodes = await playing;
      buffer = addEpisodes(buffer, episodes);
      round++;
      const row: RoundMetrics = {
        round: round - 1,
        trainingSteps,
        weightsStep,
        temperature: play.temperature,
        episodes: buffer.added,
        ...meanLosses(losses),
        ...episodeStats(episodes, m.maxEpisodeLength),
        bufferEpisodes: buffer.episodes.length,
        seconds: (performance.now() - t0) / 1000,
      };
      await appendJsonLine(metricsPath, row);
      bar.set(round);
      if (round % config.checkpointEvery === 0) {
        await checkpoint();
        lastCheckpoint = round;
      }
    }
    if (lastCheckpoint !== round) await checkpoint();
    const rows = await readJsonLines(metricsPath) as RoundMetrics[];
    for (
      const [name, svg] of Object.entries(learningCurves(rows, `MuZero on ${config.env.name}`))
    ) {
      await writeAtomic(join(folder, name), svg);
    }
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    bar.done(
      `${trainingSteps} training steps, ${buffer.added} episodes; checkpoint ${
        mb(size.bytes)
      } (the observations it recomputes would add ${mb(size.observationBytes)})`,
    );
    return snapshot();
  } finally {
    pool.close();
    learner.dispose();
  }
}
