/**
 * `deno task serve [--runs runs] [--port 8080] [--envs ../shared/data/grid2op]`: a local web
 * page of the runs folder (docs/serve.md): the list of runs, learning curves, decompositions
 * with a threshold slider, evaluations, and episode replays, updated while runs are written.
 * It listens on 127.0.0.1 only and only reads. The task's permissions name the port 8080 and
 * the folder runs: another port or folder needs the matching `--allow-net` / `--allow-read`.
 *
 * @module
 */
import { type FlagSpec, InputError, intFlag, parseFlags, runMain } from "../effects/mod.ts";
import { isFolder } from "../effects/io/mod.ts";
import { startServer } from "../effects/serve/mod.ts";

const usage = {
  task: "serve",
  summary: "Serves a local web page of the runs folder on 127.0.0.1: runs, learning curves, " +
    "decompositions, evaluations, episode replays (docs/serve.md).",
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  runs: { type: "string", default: "runs", arg: "folder", help: "the runs folder shown" },
  port: {
    type: "string",
    default: "8080",
    arg: "N",
    help: "the port on 127.0.0.1 (another needs --allow-net=127.0.0.1:N)",
  },
  envs: {
    type: "string",
    default: "../shared/data/grid2op",
    arg: "folder",
    help: "where the grids of grid2op traces are looked for",
  },
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  const root = values.runs as string;
  const port = intFlag(values, "port", { min: 1, max: 65535 });
  if (!(await isFolder(root))) throw new InputError(`--runs: ${root} is not a folder`);
  const server = startServer({ root, port, envDirs: [values.envs as string] });
  console.log(`serving ${root} at ${server.url} (Ctrl-C stops)`);
  await server.finished;
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
