/**
 * `deno task actor --redis redis://host:port --run <id>`: plays self-play episodes for a MuZero
 * learner started with `--redis` (docs/redis.md) on the newest weights it published, and
 * appends them to the run's stream, until the learner finishes.
 *
 * @module
 */
import { type FlagSpec, InputError, intFlag, parseFlags, runMain } from "../effects/mod.ts";
import { runActor } from "../effects/muzero/mod.ts";
import { connectRedis, redisWaitFlag, redisWaitSeconds } from "../effects/redis/mod.ts";

const usage = {
  task: "actor",
  summary: "Plays MuZero self-play episodes for a learner over Redis (docs/redis.md).",
};

/** The task's flags. */
export const flags: FlagSpec = {
  redis: { type: "string", arg: "redis://host:port", help: "the run's Redis (required)" },
  run: { type: "string", arg: "id", help: "the run's id, as the learner printed it (required)" },
  workers: { type: "string", arg: "N", help: "self-play workers (0: main thread)", default: "1" },
  episodes: { type: "string", arg: "N", help: "stop after N episodes", shownDefault: "no limit" },
  name: {
    type: "string",
    arg: "name",
    help: "the actor's name in the stream",
    shownDefault: "actor-<pid>",
  },
  "redis-wait": redisWaitFlag,
};

export async function main(args: string[]): Promise<void> {
  const { values } = parseFlags(args, flags, usage);
  for (const f of ["redis", "run"] as const) {
    if (typeof values[f] !== "string") throw new InputError(`--${f} is required`);
  }
  const workers = intFlag(values, "workers", { min: 0 });
  const episodes = values.episodes === undefined
    ? undefined
    : intFlag(values, "episodes", { min: 1 });
  const waitSeconds = redisWaitSeconds(values);
  const name = (values.name as string | undefined) ?? `actor-${Deno.pid}`;
  const redis = await connectRedis(values.redis as string, { waitSeconds });
  try {
    const run = values.run as string;
    console.log(`${name}: run ${run} on Redis ${redis.address}, ${workers} workers`);
    const n = await runActor({ redis, run, workers, name, episodes, log: (l) => console.log(l) });
    console.log(`${name}: ${n} episodes appended`);
  } finally {
    await redis.close();
  }
}

if (import.meta.main) Deno.exit(await runMain(() => main(Deno.args)));
