/**
 * Writes `fixtures/serve/runs/`, the small run folders `deno task serve`'s tests and screenshot
 * read, from real run folders (docs/serve.md says which commands made them): files copied as
 * they are, and episode traces cut to a window of steps without the fields the viewer does not
 * draw (gen_p, p_or), so the fixtures stay small. The folder `broken/` is hand-made and kept.
 *
 * `deno run --allow-read=runs,fixtures --allow-write=fixtures/serve scripts/serve_fixtures.ts`
 *
 * @module
 */
import { dirname, join } from "node:path";
import { readText } from "../effects/io/mod.ts";
import { runMain } from "../effects/mod.ts";

const OUT = "fixtures/serve/runs";

/** Source folder, destination folder, files copied as they are. */
const COPIES: readonly [string, string, readonly string[]][] = [
  ["runs/mzq", "muzero-quick", ["config.json", "metrics.jsonl"]],
  ["runs/dist", "distributed-small", [
    "config.json",
    "train.jsonl",
    "eval.jsonl",
    "comparison.json",
  ]],
  ["runs/cl-case14", "cluster-case14", [
    "config.json",
    "mi.json",
    "clusters.json",
    "decomposition.json",
  ]],
  ["runs/cl-copy", "cluster-copy", ["config.json", "mi.json", "clusters.json"]],
  ["runs/ev3", "evaluate-hard", ["scores.json", "episodes.jsonl"]],
];

/** Source trace, destination, the window of steps kept (inclusive). */
const TRACES: readonly [string, string, number, number][] = [
  ["runs/ev3/traces/expert/2.json", "evaluate-hard/traces/expert/2.json", 110, 150],
  ["runs/ev3/traces/do-nothing/2.json", "evaluate-hard/traces/do-nothing/2.json", 390, 410],
  ["runs/rp12/trace.json", "replay-case14/trace.json", 0, 12],
];

async function write(rel: string, text: string): Promise<void> {
  const path = join(OUT, rel);
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, text);
}

async function main(): Promise<void> {
  for (const [from, to, files] of COPIES) {
    for (const f of files) await write(join(to, f), await readText(join(from, f)));
  }
  for (const [from, to, first, last] of TRACES) {
    const trace = JSON.parse(await readText(from));
    trace.steps = trace.steps
      .filter((s: { step: number }) => s.step >= first && s.step <= last)
      .map(({ gen_p: _g, p_or: _p, ...s }: Record<string, unknown>) => s);
    await write(to, JSON.stringify(trace) + "\n");
  }
  console.log(`wrote ${OUT}`);
}

if (import.meta.main) Deno.exit(await runMain(main));
