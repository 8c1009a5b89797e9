/**
 * `deno task worker --redis redis://host:port --job <id>`: plays the tasks of a job over Redis,
 * a `deno task evaluate --redis` evaluation or a `deno task cluster --redis` data collection
 * (docs/redis.md), until the job is done.
 *
 * @module
 */
import { collectJob } from "../effects/cluster/mod.ts";
import { type FlagSpec, InputError, intFlag, parseFlags, runMain } from "../effects/mod.ts";
import { evaluateJob } from "../effects/evaluate/mod.ts";
import { connectRedis, redisWaitFlag, redisWaitSeconds, workOnJob } from "../effects/redis/mod.ts";

const usage = {
  task: "worker",
  summary: "Plays the tasks of a deno task evaluate --redis or cluster --redis job " +
    "(docs/redis.md).",
};

/** The task's flags. */
export const flags: FlagSpec = {
  redis: { type: "string", arg: "redis://host:port", help: "the job's Redis (required)" },
  job: { type: "string", arg: "id", help: "the job's id, as evaluate printed it (required)" },
  workers: { type: "string", arg: "N", help: "parallel tasks (0: main thread)", default: "1" },
  "reclaim-after": {
    type: "string",
    arg: "seconds",
    help: "take over a task pending this long on a silent worker",
    default: "600",
  },
  name: { type: "string", arg: "name", help: "the worker's name", shownDefault: "worker-<pid>" },
  "redis-wait": redisWaitFlag,
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  for (const f of ["redis", "job"] as const) {
    if (typeof values[f] !== "string") throw new InputError(`--${f} is required`);
  }
  const workers = intFlag(values, "workers", { min: 0, max: 64 });
  const reclaimSeconds = intFlag(values, "reclaim-after", { min: 1 });
  const waitSeconds = redisWaitSeconds(values);
  const name = (values.name as string | undefined) ?? `worker-${Deno.pid}`;
  const redis = await connectRedis(values.redis as string, { waitSeconds });
  try {
    const job = values.job as string;
    console.log(`${name}: job ${job} on Redis ${redis.address}, ${workers} workers`);
    const n = await workOnJob([evaluateJob, collectJob], {
      redis,
      job,
      workers,
      reclaimSeconds,
      name,
      log: (l) => console.log(l),
    });
    console.log(`${name}: ${n} results stored`);
  } finally {
    await redis.close();
  }
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
