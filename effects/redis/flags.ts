/**
 * The `--redis` flags, declared and read the same way by every task that can run over Redis
 * (`deno task muzero`, `evaluate`, `cluster`; `actor` and `worker`, which require `--redis`):
 * checked before anything is written, so a bad flag or an unreachable Redis leaves no half-made
 * run folder.
 *
 * @module
 */
import { type Flag, type FlagValues, intFlag } from "../cli.ts";
import { InputError } from "../errors.ts";
import { connectRedis, type Redis } from "./client.ts";

/** `--redis` doing `what` over Redis. */
export const redisFlag = (what: string): Flag => ({
  type: "string",
  arg: "redis://host:port",
  help: `${what} over Redis (docs/redis.md; needs --allow-net)`,
});

/** `--redis-wait`. */
export const redisWaitFlag: Flag = {
  type: "string",
  arg: "seconds",
  help: "with --redis: how long to retry an unreachable Redis before giving up (exit code 2)",
  shownDefault: "10",
};

/**
 * Connects to `--redis`, retrying for `--redis-wait` seconds; null without `--redis`, when
 * `--redis-wait` and the flags `alsoNeedRedis` must not be given.
 */
export async function redisFromFlags(
  values: FlagValues,
  alsoNeedRedis: readonly string[] = [],
): Promise<Redis | null> {
  const url = values.redis;
  if (typeof url !== "string") {
    const stray = [...alsoNeedRedis, "redis-wait"].find((f) => values[f] !== undefined);
    if (stray !== undefined) throw new InputError(`--${stray} needs --redis`);
    return null;
  }
  return await connectRedis(url, { waitSeconds: redisWaitSeconds(values) });
}

/** `--redis-wait`'s seconds, 10 when it is not given. */
export const redisWaitSeconds = (values: FlagValues): number =>
  values["redis-wait"] === undefined ? 10 : intFlag(values, "redis-wait", { min: 1 });
