/**
 * `deno task powerflow <case14 | case.m | network.json | grid2op folder>`: solves one case and
 * prints a summary (MATPOWER's `runpf`, for gridfold's solver).
 *
 * Flags: `--dc` (DC power flow), `--init dc|flat|case` (the AC start), `--max-iter N`
 * (default 10), `--tol MVA` (largest mismatch accepted), `--out <file.json | folder>` (the
 * result JSON alone, or the run folder; default runs/powerflow-<stamp>/), and
 * `--write-network <file.json>` (also write the case in gridfold's network format).
 * Defaults follow the source: for a MATPOWER file, runpf's (start from the case's voltages,
 * tolerance 1e-8 pu); otherwise grid2op's with lightsim2grid (DC start, 1e-8 MVA).
 *
 * @module
 */
import {
  choiceFlag,
  type FlagSpec,
  InputError,
  intFlag,
  numberFlag,
  parseFlags,
  runMain,
} from "../effects/mod.ts";
import { makeRunFolder, readCase, writeJson, writeNetwork } from "../effects/io/mod.ts";
import { resultDocument, summary, writePowerflowRun } from "../effects/report/mod.ts";
import { compileGrid, solveAc, solveDc } from "../core/grid/powerflow/mod.ts";
import { caseInjections, defaultTopoVect } from "../core/grid/mod.ts";

const usage = {
  task: "powerflow",
  summary: 'Solves one case and prints a summary, as MATPOWER\'s runpf does (README "Power flow").',
  positional: {
    name: "case",
    help: "case14, a MATPOWER .m file, a network .json or a grid2op folder",
  },
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  dc: { type: "boolean", default: false, help: "DC power flow instead of AC" },
  init: {
    type: "string",
    arg: "dc|flat|case",
    help: "the AC start",
    shownDefault: "case for a MATPOWER file, else dc",
  },
  "max-iter": { type: "string", default: "10", arg: "N", help: "Newton-Raphson iterations" },
  tol: {
    type: "string",
    arg: "MVA",
    help: "largest mismatch accepted",
    shownDefault: "1e-8 pu for a MATPOWER file, else 1e-8 MVA",
  },
  out: {
    type: "string",
    arg: "file.json|folder",
    help: "the result JSON alone, or the run folder",
    shownDefault: "runs/powerflow-<time>",
  },
  "write-network": {
    type: "string",
    arg: "file.json",
    help: "also write the case in gridfold's network format",
  },
};

/** Parses the flags, reads the case, solves it, prints the summary and writes the results. */
export async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, flags, usage);
  if (positionals.length !== 1) {
    throw new InputError(
      `expected one case (case14, a .m file, a network .json or a grid2op folder), got ${positionals.length}`,
    );
  }
  const maxIterations = intFlag(values, "max-iter", { min: 1, max: 1000 });
  const tol = values.tol === undefined ? null : numberFlag(values, "tol", { min: 1e-14, max: 1e3 });
  const networkOut = values["write-network"];
  if (typeof networkOut === "string" && !networkOut.endsWith(".json")) {
    throw new InputError(`--write-network: expected a .json file name, got "${networkOut}"`);
  }
  const loaded = await readCase(positionals[0]);
  const init = values.init === undefined
    ? (loaded.start !== null ? "case" : "dc")
    : choiceFlag(values, "init", ["dc", "flat", "case"]);
  if (init === "case" && loaded.start === null) {
    throw new InputError(`--init case: only MATPOWER files carry starting voltages`);
  }
  if (values.dc === true && values.init !== undefined) {
    throw new InputError(`--init: not used with --dc`);
  }

  const net = loaded.net;
  const toleranceMVA = tol ?? (loaded.kind === "matpower" ? 1e-8 * net.baseMVA : 1e-8);
  const grid = compileGrid(net, defaultTopoVect(net));
  const inj = caseInjections(net);
  const result = values.dc === true ? solveDc(grid, inj) : solveAc(grid, inj, {
    maxIterations,
    toleranceMVA,
    init: init === "case" ? loaded.start! : init,
  });
  for (const line of summary(loaded, result)) console.log(line);

  const out = values.out as string | undefined;
  if (out?.endsWith(".json")) {
    await writeJson(out, resultDocument(loaded, result));
    console.log(`wrote ${out}`);
  } else {
    const folder = await makeRunFolder("powerflow", out);
    const files = await writePowerflowRun(folder, loaded, grid, result);
    console.log(`wrote ${folder}/: ${files.join(", ")}`);
  }
  if (typeof networkOut === "string") {
    await writeNetwork(networkOut, net, `read by gridfold from ${positionals[0]} (${loaded.kind})`);
    console.log(`wrote ${networkOut}`);
  }
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
