/**
 * `deno task replay --env <grid2op folder | case14> --scenario <id> [--actions <file.json>]
 * [--steps N] [--out <trace.json>] [--svg] [--seed N] [--quiet]`: plays a list of discrete action
 * indices (grid2op's table, 487 on the sandbox; do-nothing after the list) from the reset of
 * one scenario and writes the trace: per step rho, line_status, topo_vect, timestep_overflow,
 * cooldowns, gen_p, p_or, rewards, done and the illegal / ambiguous / exception flags. With
 * `--svg`, the grid at each step and the loading over the episode beside the trace.
 *
 * `--scenario` is a chronics folder name for a grid2op folder (default: the first) and a
 * scenario number for case14 (default 0, generated from `--seed`, default 0). Without
 * `--actions` it replays do-nothing for `--steps` steps (default: the whole scenario).
 *
 * @module
 */
import {
  type FlagSpec,
  InputError,
  intFlag,
  loadGrid,
  parseFlags,
  readActions,
  replayEpisode,
  runMain,
  traceDocument,
  writeReplay,
} from "../effects/mod.ts";
import { makeRunFolder } from "../effects/io/mod.ts";
import { join } from "node:path";

const usage = {
  task: "replay",
  summary: "Plays discrete actions (or do-nothing) on one scenario of a grid environment and " +
    'writes the trace per step (README "Grid environment").',
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  env: { type: "string", arg: "case14|folder", help: "the environment (required)" },
  scenario: {
    type: "string",
    arg: "id",
    help: "chronics folder name, or case14's scenario number",
    shownDefault: "the first; case14 0",
  },
  actions: {
    type: "string",
    arg: "file.json",
    help: "action indices to play, then do-nothing",
    shownDefault: "do-nothing",
  },
  steps: { type: "string", arg: "N", help: "steps to play", shownDefault: "the whole scenario" },
  out: {
    type: "string",
    arg: "trace.json",
    help: "the trace file",
    shownDefault: "runs/replay-<time>/trace.json",
  },
  svg: { type: "boolean", default: false, help: "also draw the grid at each step and the loading" },
  seed: { type: "string", default: "0", arg: "N", help: "case14: the scenarios' seed" },
  quiet: { type: "boolean", default: false, help: "no progress bars" },
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  if (typeof values.env !== "string") throw new InputError("--env: a value is required");
  const steps = values.steps === undefined ? undefined : intFlag(values, "steps", { min: 1 });
  const seed = intFlag(values, "seed", { min: 0 });
  const out = values.out as string | undefined;
  if (out !== undefined && !out.endsWith(".json")) {
    throw new InputError(`--out: expected a .json file name, got "${out}"`);
  }
  const scenarioFlag = values.scenario as string | undefined;
  const env = await loadGrid(values.env, {
    seed,
    scenarios: scenarioFlag === undefined ? undefined : [scenarioFlag],
  });
  const id = scenarioFlag ?? (env.source === "built-in" ? "0" : env.scenarioIds[0]);
  const scenario = env.scenarioById(id);
  const discrete = env.discrete();
  const actions = typeof values.actions === "string"
    ? await readActions(values.actions, discrete.numActions)
    : [];

  const quiet = values.quiet === true;
  const played = replayEpisode(discrete, scenario, actions, steps, quiet);
  const last = played[played.length - 1].state;
  const doc = traceDocument(env, discrete, played, {
    scenario: id,
    ...(env.source === "built-in" ? { seed } : {}),
    actions_file: values.actions ?? null,
  });
  const file = out ?? join(await makeRunFolder("replay"), "trace.json");
  const files = await writeReplay(file, env, played, doc, values.svg === true, quiet);
  const illegal = played.filter((p) => p.state.info.isIllegal).length;
  console.log(
    `${env.name} scenario ${id}: ${played.length - 1} steps, ` +
      (last.gameOver
        ? `game over at step ${last.step} (${last.info.exception.at(-1)})`
        : last.done
        ? "survived to the end"
        : `stopped at step ${last.step}`) +
      `, ${illegal} illegal action(s)`,
  );
  console.log(`wrote ${file}${files.length > 1 ? ` and ${files.length - 1} picture(s)` : ""}`);
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
