/**
 * `deno task evaluate [--benchmark case14-hard | <grid2op folder>] [--agents a,b,...]
 * [--scenarios N] [--max-length N] [--workers N] [--expert-depth 1|2] [--traces] [--out folder]`:
 * plays every agent on the benchmark's held-out scenarios and writes the ranking (scores.json,
 * scores.csv, episodes.jsonl, ranking.svg) to a run folder. Agents are built-ins
 * (`do-nothing`, `reconnect`, `expert`) or checkpoints (a file or run folder) of
 * `deno task muzero` and `deno task distributed`, played greedily. With `--redis`, the episodes
 * are jobs over Redis played by `deno task worker` anywhere (docs/redis.md).
 *
 * @module
 */
import { type FlagSpec, InputError, intFlag, parseFlags, runMain } from "../effects/mod.ts";
import { makeRunFolder, writeJson } from "../effects/io/mod.ts";
import { discoverActions, readBenchmark } from "../effects/benchmarks/mod.ts";
import {
  AgentSpec,
  BUILT_IN_AGENTS,
  checkCheckpoint,
  evaluate,
  evaluateOverRedis,
  isBuiltIn,
} from "../effects/evaluate/mod.ts";
import { redisFlag, redisFromFlags, redisWaitFlag } from "../effects/redis/mod.ts";
import { basename } from "node:path";

const usage = {
  task: "evaluate",
  summary: "Ranks agents on a benchmark's held-out scenarios: survival, scenarios completed, " +
    "an L2RPN-style score, decision time (docs/evaluate.md).",
};

/** The task's flags, with what `--help` says of them. */
export const flags: FlagSpec = {
  benchmark: {
    type: "string",
    default: "case14-hard",
    arg: "name|folder",
    help: "a benchmark of fixtures/benchmarks, or a grid2op folder (its chronics as they are)",
  },
  agents: {
    type: "string",
    default: "do-nothing,reconnect,expert",
    arg: "a,b,...",
    help: `built-ins (${
      BUILT_IN_AGENTS.join(", ")
    }), checkpoints (file or run folder), a checkpoint + "+verify" (simulates its top 5)`,
  },
  scenarios: { type: "string", arg: "N", help: "at most N scenarios", shownDefault: "all" },
  "max-length": {
    type: "string",
    arg: "N",
    help: "hold each episode to N steps",
    shownDefault: "the benchmark's",
  },
  workers: { type: "string", default: "2", arg: "N", help: "parallel episodes (Web Workers)" },
  "expert-depth": { type: "string", default: "1", arg: "1|2", help: "the expert's look-ahead" },
  traces: { type: "boolean", default: false, help: "also write every episode's trace" },
  simulations: {
    type: "string",
    arg: "N",
    help: "MuZero agents: search simulations per decision",
    shownDefault: "each run's own",
  },
  out: {
    type: "string",
    arg: "folder",
    help: "the run folder",
    shownDefault: "runs/evaluate-<time>",
  },
  quiet: { type: "boolean", default: false, help: "no progress bar" },
  redis: redisFlag("play the episodes as jobs (deno task worker)"),
  "redis-wait": redisWaitFlag,
  discover: {
    type: "string",
    arg: "file.json",
    help: "instead: count the expert's actions at risk on training scenarios (--seed), " +
      "write the reduced table",
  },
  seed: {
    type: "string",
    default: "1",
    arg: "N",
    help: "--discover: the training scenarios' seed (not the held-out one)",
  },
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  const bench = await readBenchmark(String(values.benchmark));
  const scenarios = values.scenarios === undefined
    ? undefined
    : intFlag(values, "scenarios", { min: 1 });
  const maxLength = values["max-length"] === undefined
    ? undefined
    : intFlag(values, "max-length", { min: 1 });
  const workers = intFlag(values, "workers", { min: 1, max: 64 });
  const expertDepth = intFlag(values, "expert-depth", { min: 1, max: 2 }) as 1 | 2;
  if (typeof values.discover === "string") {
    const seed = intFlag(values, "seed", { min: 0 });
    if (seed === bench.heldOutSeed) {
      throw new InputError(`--seed: ${seed} is ${bench.name}'s held-out seed`);
    }
    const found = await discoverActions(bench, {
      seed,
      scenarios: scenarios ?? 20,
      workers,
      k: 50,
      minCount: 2,
      quiet: values.quiet === true,
    });
    await writeJson(values.discover, found);
    console.log(
      `${found.counts.length} distinct actions at risk; table of ${found.table.length}: ` +
        `wrote ${values.discover}`,
    );
    return;
  }
  const simulations = values.simulations === undefined
    ? undefined
    : intFlag(values, "simulations", { min: 1, max: 100000 });
  const names = String(values.agents).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new InputError("--agents: no agent named");
  const agents: AgentSpec[] = [];
  for (const name of names) {
    if (isBuiltIn(name)) agents.push({ kind: "built-in", name });
    else {
      const verify = name.endsWith("+verify");
      const path = verify ? name.slice(0, -"+verify".length) : name;
      agents.push({
        kind: "checkpoint",
        path: await checkCheckpoint(path, bench),
        verify: verify ? 5 : 0,
        ...(simulations !== undefined && { simulations }),
      });
    }
  }
  const redis = await redisFromFlags(values);
  const out = await makeRunFolder("evaluate", values.out as string | undefined);
  const job = basename(out);
  if (redis !== null) {
    console.log(
      `job ${job} on Redis ${redis.address}: start workers with ` +
        `deno task worker --redis ${values.redis} --job ${job}`,
    );
  }
  const summary = await evaluate({
    benchmark: bench,
    agents,
    scenarios,
    maxLength,
    workers,
    expertDepth,
    traces: values.traces === true,
    quiet: values.quiet === true,
    out,
    ...(redis !== null && {
      remote: (init, tasks, onResult) => evaluateOverRedis(redis, job, init, tasks, onResult),
    }),
  }).finally(() => redis?.close());
  const w = Math.max(...summary.agents.map((a) => a.name.length), 5);
  console.log(
    `${summary.benchmark} v${summary.version}: ${summary.scenarios} scenarios, ` +
      `up to ${summary.max_length} steps`,
  );
  console.log(
    `${"agent".padEnd(w)}  completed  survival   score  ms p50  ms p99  at risk ms p50  sims`,
  );
  for (const a of summary.agents) {
    console.log(
      `${a.name.padEnd(w)}  ${`${a.completed}/${a.scenarios}`.padStart(9)}  ${
        a.survival.toFixed(3).padStart(8)
      }  ${a.score.toFixed(1).padStart(6)}  ${a.decision_ms_p50.toFixed(2).padStart(6)}  ${
        a.decision_ms_p99.toFixed(2).padStart(6)
      }  ${a.decision_ms_at_risk_p50.toFixed(2).padStart(14)}  ${
        a.simulations_per_simulating_decision.toFixed(1).padStart(4)
      }`,
    );
  }
  console.log(`wrote ${out}/scores.json, scores.csv, episodes.jsonl, ranking.svg`);
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
