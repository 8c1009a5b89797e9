/**
 * `deno task muzero`: trains MuZero (a short run on the bandit by default), resumes a run
 * (`--resume <run folder>`), or evaluates a checkpoint (`--eval <checkpoint or run folder>`).
 * Every hyper-parameter of the research is a flag (see README "MuZero"); everything is checked
 * before anything is written.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import { InputError, intFlag, parseFlags, runMain } from "../effects/cli.ts";
import { makeRunFolder, writeAtomic, writeJson } from "../effects/io/runs.ts";
import { type Checkpoint, readCheckpoint } from "../effects/muzero/checkpoint.ts";
import {
  configFlags,
  configFlagSpec,
  defaultRunConfig,
  givenConfigFlags,
  runConfigFromFlags,
} from "../effects/muzero/config.ts";
import { type EvalSummary, evaluate } from "../effects/muzero/evaluate.ts";
import { runFiles, trainMuZero } from "../effects/muzero/train.ts";
import { formatEnvSpec } from "../effects/envs.ts";
import { setupTf } from "../effects/tf.ts";

const flags = {
  ...configFlagSpec,
  out: { type: "string" as const },
  resume: { type: "string" as const },
  eval: { type: "string" as const },
  "eval-episodes": { type: "string" as const },
  help: { type: "boolean" as const },
};

/** The flags with their meaning and default (printed by `--help`). */
function usage(): string {
  const base = defaultRunConfig();
  const value = (field: string): unknown =>
    field in base.muzero
      ? base.muzero[field as keyof typeof base.muzero]
      : field === "env"
      ? formatEnvSpec(base.env)
      : base[field as keyof typeof base];
  const rows = configFlags.map((f) =>
    `  --${f.name.padEnd(22)} ${f.help} (default ${value(f.field)})`
  );
  return [
    "deno task muzero [flags]            train (default: a short run on the bandit)",
    "deno task muzero --resume <run folder> [--steps N] [--workers N]",
    "deno task muzero --eval <checkpoint or run folder> [--eval-episodes N] [--out runs/...]",
    "",
    ...rows,
    `  --${"out".padEnd(22)} run folder under runs/ (default runs/muzero-<time>)`,
    `  --${
      "eval-episodes".padEnd(22)
    } evaluation episodes after training or with --eval (default 5)`,
  ].join("\n");
}

/** `--out` must name a folder under runs/ (the task may write nowhere else). */
function outFolder(out: string | undefined): string | undefined {
  if (out === undefined) return undefined;
  const rel = relative(resolve("runs"), resolve(out));
  if (rel === "" || rel.startsWith("..") || resolve(rel) === rel) {
    throw new InputError(`--out: "${out}" is not a folder under runs/`);
  }
  return out;
}

/** A checkpoint path from a file or a run folder. */
async function checkpointPath(path: string): Promise<string> {
  const stat = await Deno.stat(path).catch(() => null);
  if (stat === null) throw new InputError(`--eval: ${path}: no such file or folder`);
  return stat.isDirectory ? join(path, runFiles.checkpoint) : path;
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

const evalCsv = (s: EvalSummary) =>
  "start,return,length,survival,terminal\n" +
  s.episodes.map((e) => `${e.start},${e.return},${e.length},${e.survival},${e.terminal}`).join(
    "\n",
  ) +
  "\n";

/** Writes an evaluation's JSON and CSV into a folder. */
async function writeEval(folder: string, s: EvalSummary): Promise<void> {
  await writeJson(join(folder, "eval.json"), s);
  await writeAtomic(join(folder, "eval.csv"), evalCsv(s));
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags);
  if (values.help === true) {
    console.log(usage());
    return;
  }
  const given = givenConfigFlags(values);
  const evalEpisodes = values["eval-episodes"] === undefined
    ? 5
    : intFlag(values, "eval-episodes", { min: 1 });
  const out = outFolder(values.out as string | undefined);
  if (typeof values.eval === "string") {
    const extra = given.filter((f) => f !== "workers");
    if (extra.length > 0 || values.resume !== undefined) {
      throw new InputError(
        `--eval takes its config from the checkpoint; --${extra[0] ?? "resume"} is not allowed`,
      );
    }
    const path = await checkpointPath(values.eval);
    const ckpt = await readCheckpoint(path);
    const config = given.includes("workers")
      ? runConfigFromFlags(values, ckpt.config)
      : ckpt.config;
    const summary = await evaluate(
      config,
      ckpt.shape,
      ckpt.state.params,
      ckpt.state.trainingSteps,
      evalEpisodes,
    );
    const folder = await makeRunFolder("muzero-eval", out);
    await writeEval(folder, summary);
    printEval(summary);
    console.log(`checkpoint ${path}; results in ${folder}`);
    return;
  }
  if (typeof values.resume === "string") {
    const extra = given.filter((f) => f !== "workers" && f !== "steps");
    if (extra.length > 0 || out !== undefined) {
      throw new InputError(
        `--resume continues the run in its folder with its config; only --steps and --workers may change (got --${
          extra[0] ?? "out"
        })`,
      );
    }
    const ckpt = await readCheckpoint(join(values.resume, runFiles.checkpoint));
    const config = runConfigFromFlags(values, ckpt.config);
    await setupTf();
    console.log(`resuming ${values.resume} at round ${ckpt.state.round}`);
    await finish(
      values.resume,
      await trainMuZero(config, { folder: values.resume, resume: ckpt }),
      evalEpisodes,
    );
    return;
  }
  const config = runConfigFromFlags(values, defaultRunConfig());
  await setupTf();
  const folder = await makeRunFolder("muzero", out);
  console.log(
    `MuZero on ${
      formatEnvSpec(config.env)
    }, seed ${config.seed}, ${config.workers} workers -> ${folder}`,
  );
  await finish(folder, await trainMuZero(config, { folder }), evalEpisodes);
}

/** Evaluates a run's final weights into its folder and prints the result. */
async function finish(folder: string, run: Checkpoint, episodes: number): Promise<void> {
  const { config, shape, state } = run;
  const summary = await evaluate(config, shape, state.params, state.trainingSteps, episodes);
  await writeEval(folder, summary);
  printEval(summary);
  console.log(`results in ${folder}`);
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
