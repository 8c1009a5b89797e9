/**
 * `deno task muzero`: trains MuZero (a short run on case14 by default), resumes a run
 * (`--resume <run folder>`), evaluates a checkpoint (`--eval <checkpoint or run folder>`) or
 * compares it with its untrained weights, do-nothing and a random agent on the same held-out
 * episodes (`--compare`). With `--redis`, self-play runs in actors anywhere (`deno task actor`,
 * docs/redis.md). Every hyper-parameter of the research is a flag (see README
 * "MuZero"); everything is checked before anything is written.
 *
 * @module
 */
import { basename, join, relative, resolve } from "node:path";
import {
  choiceFlag,
  type FlagSpec,
  type FlagValues,
  formatEnvSpec,
  InputError,
  intFlag,
  parseEnvOptions,
  parseFlags,
  runMain,
} from "../effects/mod.ts";
import { makeRunFolder } from "../effects/io/mod.ts";
import {
  type Checkpoint,
  compareAgents,
  type Comparison,
  configFlagSpec,
  defaultRunConfig,
  type EvalRequest,
  type EvalSetup,
  evalSetup,
  type EvalSummary,
  evaluate,
  givenConfigFlags,
  markRunDone,
  type Preset,
  presets,
  readCheckpoint,
  readCheckpointAt,
  remoteSource,
  type RunConfig,
  runConfigFromFlags,
  runFiles,
  trainMuZero,
  writeComparison,
  writeEvaluation,
  writeWeights,
} from "../effects/muzero/mod.ts";
import { type Redis, redisFlag, redisFromFlags, redisWaitFlag } from "../effects/redis/mod.ts";
import { setupTf } from "../effects/nn/mod.ts";

const usage = {
  task: "muzero",
  summary: "Trains, resumes, evaluates or compares MuZero on a grid environment " +
    '(README "MuZero"); evaluation flags apply after training, to --eval and to --compare.',
  forms: [
    "deno task muzero [flags]            train (default: a short run on case14)",
    "deno task muzero --research [flags] the same from the research's values",
    "deno task muzero --resume <run folder> [--steps N] [--workers N]",
    "deno task muzero --eval <checkpoint or run folder> [evaluation flags] [--out runs/...]",
    "deno task muzero --compare <checkpoint or run folder> [evaluation flags] [--out runs/...]",
    "deno task muzero --export <checkpoint or run folder> --out runs/<folder>",
  ],
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  ...configFlagSpec,
  research: {
    type: "boolean",
    help: "start from the research's values instead of the case14 preset",
  },
  preset: {
    type: "string",
    arg: "case14|research|hard|hard-quick",
    help:
      "a new run's starting values: hard learns case14-hard's gated decisions from the expert's demonstrations",
    shownDefault: "case14",
  },
  out: {
    type: "string",
    arg: "folder",
    help: "run folder under runs/",
    shownDefault: "runs/muzero-<time>",
  },
  resume: { type: "string", arg: "run folder", help: "continue a run" },
  export: {
    type: "string",
    arg: "checkpoint|run folder",
    help: "write its weights alone (model.json + weights.bin, a few MB) to --out",
  },
  eval: { type: "string", arg: "checkpoint|run folder", help: "evaluate a checkpoint" },
  compare: {
    type: "string",
    arg: "checkpoint|run folder",
    help: "compare a checkpoint with baselines",
  },
  "eval-episodes": { type: "string", arg: "N", help: "evaluation episodes", shownDefault: "5" },
  "eval-options": {
    type: "string",
    arg: "key=value,...",
    help: "replace the environment's options in evaluation",
    shownDefault: "held-out scenarios if the environment has some: case14's seed + 1000",
  },
  redis: redisFlag("train on episodes from actors (deno task actor)"),
  "max-staleness": {
    type: "string",
    arg: "N",
    help: "with --redis: drop episodes played on weights more than N versions (rounds) old",
    shownDefault: "2",
  },
  "redis-wait": redisWaitFlag,
  "eval-max-length": {
    type: "string",
    arg: "N",
    help: "episode cap in evaluation",
    shownDefault: "the run's --max-episode-length",
  },
};

/** `--out` must name a folder under runs/ (the task may write nowhere else). */
function outFolder(out: string | undefined): string | undefined {
  if (out === undefined) return undefined;
  const rel = relative(resolve("runs"), resolve(out));
  if (rel === "" || rel.startsWith("..") || resolve(rel) === rel) {
    throw new InputError(`--out: "${out}" is not a folder under runs/`);
  }
  return out;
}

function printEval(s: EvalSummary): void {
  const opt = s.optimalReturn === null ? "" : ` (optimal return ${s.optimalReturn})`;
  console.log(`evaluation on ${s.env} after ${s.trainingSteps} training steps${opt}:`);
  for (const e of s.episodes) {
    console.log(
      `  episode ${e.start}: return ${e.return.toFixed(3)}, length ${e.length}, survival ${
        e.survival.toFixed(3)
      }`,
    );
  }
  console.log(
    `  mean: return ${s.meanReturn.toFixed(3)}, length ${s.meanLength.toFixed(1)}, survival ${
      s.meanSurvival.toFixed(3)
    }`,
  );
}

function printComparison(c: Comparison): void {
  const n = c.agents[0]?.episodes.length ?? 0;
  console.log(
    `${n} episodes of at most ${c.maxEpisodeLength} steps on ${c.env} (${c.scenarios} scenarios; trained on ${c.trainedOn}):`,
  );
  console.log(
    `  ${"agent".padEnd(26)} ${"survival".padStart(8)} ${"length".padStart(8)} ${
      "return".padStart(10)
    } ${"full length".padStart(11)}`,
  );
  for (const a of c.agents) {
    console.log(
      `  ${a.agent.padEnd(26)} ${a.meanSurvival.toFixed(3).padStart(8)} ${
        a.meanLength.toFixed(1).padStart(8)
      } ${a.meanReturn.toFixed(1).padStart(10)} ${`${a.survivedAll}/${n}`.padStart(11)}`,
    );
  }
}

/** `["research"]` when `--research` is given (it only chooses a new run's starting values). */
const researchFlag = (values: FlagValues): string[] =>
  values.research === true ? ["research"] : values.preset !== undefined ? ["preset"] : [];

/** The preset a new run starts from. */
const presetOf = (values: FlagValues): Preset => {
  if (values.research === true) return "research";
  if (values.preset === undefined) return "case14";
  return choiceFlag(values, "preset", Object.keys(presets) as Preset[]);
};

/** The evaluation flags, checked. */
function evalRequest(values: FlagValues): EvalRequest {
  const options = values["eval-options"] as string | undefined;
  return {
    episodes: values["eval-episodes"] === undefined
      ? undefined
      : intFlag(values, "eval-episodes", { min: 1 }),
    maxLength: values["eval-max-length"] === undefined
      ? undefined
      : intFlag(values, "eval-max-length", { min: 1 }),
    options: options === undefined ? undefined : parseEnvOptions(options, "--eval-options"),
  };
}

/** `--eval` or `--compare` of a checkpoint (only --workers of the config flags may be given). */
async function assess(
  mode: "eval" | "compare",
  values: FlagValues,
  given: string[],
  request: EvalRequest,
  out: string | undefined,
): Promise<void> {
  const extra = [...given.filter((f) => f !== "workers"), ...researchFlag(values)];
  const other = mode === "eval" ? "compare" : "eval";
  if (extra.length > 0 || values.resume !== undefined || values[other] !== undefined) {
    throw new InputError(
      `--${mode} takes its config from the checkpoint; --${
        extra[0] ?? (values.resume !== undefined ? "resume" : other)
      } is not allowed`,
    );
  }
  const { file: path, checkpoint: ckpt } = await readCheckpointAt(values[mode] as string, mode);
  const config = given.includes("workers") ? runConfigFromFlags(values, ckpt.config) : ckpt.config;
  const setup = evalSetup(config, request);
  if (mode === "eval") {
    const summary = await evaluate(
      config,
      ckpt.shape,
      ckpt.state.params,
      ckpt.state.trainingSteps,
      setup,
    );
    const folder = await makeRunFolder("muzero-eval", out);
    await writeEvaluation(folder, summary);
    printEval(summary);
    console.log(`checkpoint ${path}; results in ${folder}`);
    return;
  }
  const comparison = await compareAgents({ ...ckpt, config }, setup);
  const folder = await makeRunFolder("muzero-compare", out);
  await writeComparison(folder, comparison);
  printComparison(comparison);
  console.log(`checkpoint ${path}; results in ${folder}`);
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  const given = givenConfigFlags(values);
  const request = evalRequest(values);
  const out = outFolder(values.out as string | undefined);
  const trains = values.export === undefined && values.eval === undefined &&
    values.compare === undefined;
  if (values.redis !== undefined && !trains) {
    throw new InputError("--redis is for training (a new run or --resume)");
  }
  if (typeof values.export === "string") {
    if (out === undefined) throw new InputError("--export: --out <folder> is required");
    if (given.length > 0) throw new InputError(`--export: --${given[0]} is not allowed`);
    const { file, checkpoint } = await readCheckpointAt(values.export, "export");
    await writeWeights(out, checkpoint);
    console.log(`${file}: ${checkpoint.state.trainingSteps} training steps; weights in ${out}`);
    return;
  }
  for (const mode of ["eval", "compare"] as const) {
    if (typeof values[mode] === "string") return await assess(mode, values, given, request, out);
  }
  if (typeof values.resume === "string") {
    const extra = [
      ...given.filter((f) => f !== "workers" && f !== "steps"),
      ...researchFlag(values),
    ];
    if (extra.length > 0 || out !== undefined) {
      throw new InputError(
        `--resume continues the run in its folder with its config; only --steps and --workers may change (got --${
          extra[0] ?? "out"
        })`,
      );
    }
    const ckpt = await readCheckpoint(join(values.resume, runFiles.checkpoint));
    const config = runConfigFromFlags(values, ckpt.config);
    const setup = evalSetup(config, request);
    const remote = await connectRemote(values);
    await setupTf();
    console.log(`resuming ${values.resume} at round ${ckpt.state.round}`);
    await finish(values.resume, await train(config, values.resume, remote, ckpt), setup);
    return;
  }
  const config = runConfigFromFlags(
    values,
    defaultRunConfig(presetOf(values)),
  );
  const setup = evalSetup(config, request);
  const remote = await connectRemote(values);
  await setupTf();
  const folder = await makeRunFolder("muzero", out);
  console.log(
    `MuZero on ${
      formatEnvSpec(config.env)
    }, seed ${config.seed}, ${config.workers} workers -> ${folder}`,
  );
  await finish(folder, await train(config, folder, remote), setup);
}

/** A learner's Redis, connected (null without `--redis`). */
interface RemoteLink {
  readonly redis: Redis;
  readonly url: string;
  readonly maxStaleness: number;
}

/** Checks the `--redis` flags and connects, before anything is written (null without it). */
async function connectRemote(values: FlagValues): Promise<RemoteLink | null> {
  const maxStaleness = values.redis !== undefined && values["max-staleness"] !== undefined
    ? intFlag(values, "max-staleness", { min: 0 })
    : 2;
  const redis = await redisFromFlags(values, ["max-staleness"]);
  return redis === null ? null : { redis, url: values.redis as string, maxStaleness };
}

/**
 * Trains with episodes from local workers, or over Redis as run `basename(folder)` (actors join
 * with `--run`); marks the Redis run done once its last checkpoint is written.
 */
async function train(
  config: RunConfig,
  folder: string,
  remote: RemoteLink | null,
  resume?: Checkpoint,
): Promise<Checkpoint> {
  if (remote === null) return await trainMuZero(config, { folder, resume });
  const { redis } = remote;
  const run = basename(folder);
  try {
    console.log(
      `run ${run} on Redis ${redis.address}: start actors with ` +
        `deno task actor --redis ${remote.url} --run ${run}`,
    );
    const done = await trainMuZero(config, {
      folder,
      resume,
      source: (_shape, sizes) =>
        remoteSource({
          redis,
          run,
          config,
          sizes,
          maxStaleness: remote.maxStaleness,
          position: resume?.state.stream,
          log: (line) => console.error(line),
        }),
    });
    await markRunDone(redis, run);
    return done;
  } finally {
    await redis.close();
  }
}

/** Evaluates a run's final weights into its folder and prints the result. */
async function finish(folder: string, run: Checkpoint, setup: EvalSetup): Promise<void> {
  const { config, shape, state } = run;
  const summary = await evaluate(config, shape, state.params, state.trainingSteps, setup);
  await writeEvaluation(folder, summary);
  printEval(summary);
  console.log(`results in ${folder}`);
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
