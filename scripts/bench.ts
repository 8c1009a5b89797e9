/**
 * `deno task bench`: every capability's benchmark figures, printed with the machine's details
 * so runs can be compared. `--only <section,...>` runs a subset; `--quick` shortens runs;
 * `--json <file>` also writes the figures.
 *
 * @module
 */
import {
  type FlagSpec,
  InputError,
  machine,
  machineLine,
  parseFlags,
  runMain,
} from "../effects/mod.ts";
import { writeJson } from "../effects/io/mod.ts";
import {
  type BenchSection,
  distributedBench,
  envBench,
  evaluateBench,
  type Figure,
  miBench,
  muzeroBench,
  powerflowBench,
  redisBench,
  scenariosBench,
} from "../bench/mod.ts";

/** The benchmark sections, one per capability, in the order they print. */
const sections: BenchSection[] = [
  miBench,
  powerflowBench,
  scenariosBench,
  envBench,
  evaluateBench,
  muzeroBench,
  distributedBench,
  redisBench,
];

const usage = {
  task: "bench",
  summary: "Measures every capability's benchmark figures and prints them with the machine's " +
    "details (README, each section's figures).",
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  only: {
    type: "string",
    arg: "section,...",
    help: `the sections to run: ${sections.map((s) => s.name).join(", ")}`,
    shownDefault: "all",
  },
  quick: { type: "boolean", default: false, help: "shorter runs" },
  json: { type: "string", arg: "file.json", help: "also write the figures" },
  redis: {
    type: "string",
    arg: "redis://host:port",
    help: "section redis: the Redis to measure on (needs --allow-net, --allow-run=deno)",
    shownDefault: "none: the section is skipped",
  },
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  const names = sections.map((s) => s.name);
  const only = typeof values.only === "string" ? values.only.split(",") : names;
  const unknown = only.find((n) => !names.includes(n));
  if (unknown !== undefined) {
    throw new InputError(`--only: unknown section "${unknown}" (known: ${names.join(", ")})`);
  }
  const json = typeof values.json === "string" ? values.json : undefined;
  // Refused before measuring, not after minutes of it.
  if (
    json !== undefined &&
    (await Deno.permissions.query({ name: "write", path: json })).state !== "granted"
  ) {
    throw new InputError(`--json: cannot write "${json}" (the task may write under runs/ only)`);
  }
  const m = machine();
  console.log(`gridfold bench on ${machineLine(m)}`);
  const figures: Figure[] = [];
  for (const section of sections.filter((s) => only.includes(s.name))) {
    console.log(`\n## ${section.name}`);
    await section.run((name, value, unit, note) => {
      figures.push({ section: section.name, name, value, unit, note });
      const shown = Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
      console.log(`  ${name.padEnd(58)} ${shown.padStart(10)} ${unit}${note ? `  (${note})` : ""}`);
    }, {
      quick: values.quick === true,
      ...(typeof values.redis === "string" && { redis: values.redis }),
    });
  }
  if (json !== undefined) await writeJson(json, { machine: m, figures });
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
