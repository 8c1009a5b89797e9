/**
 * The project's Redis layer over node-redis (`npm:redis`): the few commands the distributed
 * jobs use, with binary values as `Uint8Array`, and one failure policy. A lost connection is
 * retried with back-off (node-redis reconnects; a command that failed on the way is sent again)
 * for `waitSeconds`; after that every call throws an `UnavailableError` (one line, exit code
 * 2). Only commands that are safe to repeat are retried: reads, `SET`, `HSET`, `XACK`, `XTRIM`,
 * and `appendOnce`, an `XADD` made idempotent by a marker key so a retry cannot add an entry
 * twice. Replies that are errors from Redis itself (a missing group, a wrong type) are thrown
 * as they are.
 *
 * @example
 * ```ts
 * const redis = await connectRedis("redis://127.0.0.1:6379", { waitSeconds: 10 });
 * await redis.appendOnce("stream", "stream:added:7", { data: new Uint8Array([1, 2]) });
 * await redis.close();
 * ```
 * @module
 */
import { Buffer } from "node:buffer";
import { commandOptions, createClient, ErrorReply } from "redis";
import { InputError, UnavailableError } from "../errors.ts";

/** A stream entry, its fields as bytes. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: Readonly<Record<string, Uint8Array>>;
}

/** Field values written to Redis. */
export type FieldValue = string | Uint8Array;

/** The commands the jobs use. */
export interface Redis {
  /** `host:port`, for messages and `--allow-net`. */
  readonly address: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** Sets `key` only if it does not exist; true when it was set. */
  setIfAbsent(key: string, value: string): Promise<boolean>;
  incr(key: string): Promise<number>;
  del(...keys: string[]): Promise<void>;
  hSet(key: string, fields: Readonly<Record<string, FieldValue>>): Promise<void>;
  /** Sets a hash field only if it is not set; true when it was set (`HSETNX`). */
  hSetIfAbsent(key: string, field: string, value: FieldValue): Promise<boolean>;
  /** The number of fields of a hash (`HLEN`). */
  hLen(key: string): Promise<number>;
  hExists(key: string, field: string): Promise<boolean>;
  /** A hash's field names (`HKEYS`). */
  hKeys(key: string): Promise<string[]>;
  /** A hash field as bytes, or null (`HGET`). */
  hGet(key: string, field: string): Promise<Uint8Array | null>;
  /** Every field of a hash as bytes (an empty record when the key is missing). */
  hGetAll(key: string): Promise<Record<string, Uint8Array>>;
  /** Creates `group` on `stream` (and the stream) reading from the start; no-op if it exists. */
  ensureGroup(stream: string, group: string): Promise<void>;
  /**
   * `XADD stream * fields` unless `marker` exists, and sets `marker` (kept `ttlSeconds`) in the
   * same step: the entry's id, or null when the marker said it was already added.
   */
  appendOnce(
    stream: string,
    marker: string,
    fields: Readonly<Record<string, FieldValue>>,
    ttlSeconds?: number,
  ): Promise<string | null>;
  /**
   * `XREADGROUP`: with `id` ">" entries never delivered (waiting up to `blockMs`), with an id
   * the entries already delivered to `consumer` after it and not acknowledged.
   */
  readGroup(
    stream: string,
    group: string,
    consumer: string,
    id: string,
    options: { readonly count: number; readonly blockMs?: number },
  ): Promise<StreamEntry[]>;
  ack(stream: string, group: string, ids: readonly string[]): Promise<void>;
  /**
   * Moves entries pending in `group` (on any consumer) for at least `minIdleMs` to `consumer`
   * (`XAUTOCLAIM`): at most `count`, or all of them when `count` is absent.
   */
  claimIdle(
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count?: number,
  ): Promise<StreamEntry[]>;
  /** Entries in id order from `start` ("-" the first), at most `count` (`XRANGE`). */
  range(stream: string, start: string, count: number): Promise<StreamEntry[]>;
  /** The number of entries in a stream (`XLEN`). */
  length(stream: string): Promise<number>;
  /** Drops the entries with ids below `minId` (`XTRIM MINID`). */
  trimBelow(stream: string, minId: string): Promise<void>;
  close(): Promise<void>;
}

/** How long to keep trying. */
export interface RedisOptions {
  /** Seconds to retry a connection (at start or after losing it) before giving up. */
  readonly waitSeconds: number;
}

/** `redis://host:port` -> `host:port` (the port defaults to 6379); anything else an InputError. */
export function redisAddress(url: string, flag = "--redis"): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(`${flag}: "${url}" is not a URL (redis://host:port)`);
  }
  if (u.protocol !== "redis:" || u.hostname === "" || (u.pathname !== "" && u.pathname !== "/")) {
    throw new InputError(`${flag}: "${url}" is not redis://host:port`);
  }
  return `${u.hostname}:${u.port || "6379"}`;
}

const appendOnceScript = `
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then
  return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
end
return false`;

const toBuffer = (v: FieldValue): Buffer | string =>
  typeof v === "string" ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const fieldsOf = (
  message: Record<string, Buffer> | null | undefined,
): Record<string, Uint8Array> => {
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(message ?? {})) out[k] = bytes(v);
  return out;
};

/** Resolves after `ms` milliseconds: the pause between two polls or retries. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The value of `key` once it exists: workers may start before the process that sets it; `log`
 * is told once when they have to wait.
 */
export async function awaitKey(
  redis: Redis,
  key: string,
  log: () => void,
  pollMs = 250,
): Promise<string> {
  let told = false;
  for (;;) {
    const v = await redis.get(key);
    if (v !== null) return v;
    if (!told) (log(), told = true);
    await sleep(pollMs);
  }
}

/**
 * Connects to `url`, retrying for `waitSeconds`; an `UnavailableError` after that. Without the
 * permission to reach it, an InputError saying which `--allow-net` to give.
 */
export async function connectRedis(url: string, options: RedisOptions): Promise<Redis> {
  const address = redisAddress(url);
  const net = await Deno.permissions.query({ name: "net", host: address });
  if (net.state !== "granted") {
    throw new InputError(
      `--redis ${url}: run with --allow-net=${address} (deno run ..., see docs/redis.md)`,
    );
  }
  const waitMs = options.waitSeconds * 1000;
  let downSince: number | null = null;
  let lastError = "no answer";
  let gaveUp = false;
  const unavailable = () =>
    new UnavailableError(
      `Redis at ${address} did not answer for ${options.waitSeconds} s (${lastError})`,
    );
  const client = createClient({
    url,
    socket: {
      connectTimeout: Math.min(waitMs, 5000),
      reconnectStrategy: (retries: number) => {
        downSince ??= Date.now();
        if (Date.now() - downSince >= waitMs) {
          gaveUp = true;
          return new Error(lastError);
        }
        return Math.min(50 * 2 ** retries, 1000);
      },
    },
  });
  client.on("error", (e: Error) => lastError = e.message);
  client.on("ready", () => downSince = null);
  const buffers = commandOptions({ returnBuffers: true });

  /** Runs a repeatable command, again after a lost connection, until `waitSeconds` pass. */
  async function retry<T>(command: () => Promise<T>): Promise<T> {
    for (let attempt = 0;; attempt++) {
      try {
        return await command();
      } catch (e) {
        if (e instanceof ErrorReply) throw e;
        lastError = (e as Error).message;
        downSince ??= Date.now();
        if (gaveUp || Date.now() - downSince >= waitMs) throw unavailable();
        await sleep(Math.min(50 * 2 ** attempt, 1000));
      }
    }
  }

  try {
    await client.connect();
  } catch (e) {
    lastError = (e as Error).message;
    throw unavailable();
  }

  /** Stream entries as node-redis returns them (null for an entry deleted meanwhile). */
  type RawEntry = { id: Buffer | string; message: Record<string, Buffer> } | null;
  const entries = (messages: readonly RawEntry[]): StreamEntry[] =>
    messages.flatMap((m) => m === null ? [] : [{ id: String(m.id), fields: fieldsOf(m.message) }]);

  return {
    address,
    get: (key) => retry(() => client.get(key)),
    set: (key, value) => retry(async () => void await client.set(key, value)),
    setIfAbsent: (key, value) =>
      retry(async () => (await client.set(key, value, { NX: true })) !== null),
    incr: (key) => retry(() => client.incr(key)),
    del: (...keys) => retry(async () => void (keys.length > 0 && await client.del(keys))),
    hSet: (key, fields) =>
      retry(async () => {
        const args = Object.entries(fields).map(([k, v]) =>
          [k, toBuffer(v)] as [string, Buffer | string]
        );
        await client.hSet(key, Object.fromEntries(args));
      }),
    hSetIfAbsent: (key, field, value) => retry(() => client.hSetNX(key, field, toBuffer(value))),
    hLen: (key) => retry(() => client.hLen(key)),
    hExists: (key, field) => retry(() => client.hExists(key, field)),
    hKeys: (key) => retry(() => client.hKeys(key)),
    hGet: (key, field) =>
      retry(async () => {
        const v = await client.hGet(buffers, key, field);
        return v === undefined || v === null ? null : bytes(v);
      }),
    hGetAll: (key) => retry(async () => fieldsOf(await client.hGetAll(buffers, key))),
    ensureGroup: (stream, group) =>
      retry(async () => {
        try {
          await client.xGroupCreate(stream, group, "0", { MKSTREAM: true });
        } catch (e) {
          if (!(e instanceof ErrorReply && e.message.startsWith("BUSYGROUP"))) throw e;
        }
      }),
    appendOnce: (stream, marker, fields, ttlSeconds = 7 * 24 * 3600) =>
      retry(async () => {
        const args = [
          String(ttlSeconds),
          ...Object.entries(fields).flatMap(([k, v]) => [k, toBuffer(v)]),
        ];
        const id = await client.eval(appendOnceScript, {
          keys: [stream, marker],
          arguments: args as string[],
        });
        return typeof id === "string" ? id : null;
      }),
    readGroup: (stream, group, consumer, id, { count, blockMs }) =>
      retry(async () => {
        const reply = await client.xReadGroup(buffers, group, consumer, { key: stream, id }, {
          COUNT: count,
          ...(blockMs === undefined ? {} : { BLOCK: blockMs }),
        });
        return (reply ?? []).flatMap((s) => entries(s.messages as RawEntry[]));
      }),
    ack: (stream, group, ids) =>
      retry(async () => void (ids.length > 0 && await client.xAck(stream, group, [...ids]))),
    claimIdle: (stream, group, consumer, minIdleMs, count) =>
      retry(async () => {
        const out: StreamEntry[] = [];
        let start = "0-0";
        do {
          const r = await client.xAutoClaim(buffers, stream, group, consumer, minIdleMs, start, {
            COUNT: count ?? 100,
          });
          out.push(...entries(r.messages as RawEntry[]));
          start = String(r.nextId);
        } while (start !== "0-0" && (count === undefined || out.length < count));
        return out;
      }),
    range: (stream, start, count) =>
      retry(async () =>
        entries(await client.xRange(buffers, stream, start, "+", { COUNT: count }) as RawEntry[])
      ),
    length: (stream) => retry(() => client.xLen(stream)),
    trimBelow: (stream, minId) =>
      retry(async () => void await client.sendCommand(["XTRIM", stream, "MINID", minId])),
    close: async () => {
      if (client.isOpen) await client.quit().catch(() => {});
    },
  };
}
