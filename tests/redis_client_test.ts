/**
 * The Redis layer (`effects/redis/client.ts`): URLs to addresses, stream ids in order, and
 * against a real Redis the idempotent append, consumer groups, reclaiming and `HSETNX`.
 */
import assert from "node:assert/strict";
import { InputError } from "../effects/errors.ts";
import { compareIds } from "../effects/muzero/remote_learner.ts";
import { connectRedis, redisAddress } from "../effects/redis/client.ts";
import { redisTest } from "./redis_shared.ts";

Deno.test("redisAddress: redis://host:port, the port 6379 by default, anything else refused", () => {
  assert.equal(redisAddress("redis://10.0.0.5:6380"), "10.0.0.5:6380");
  assert.equal(redisAddress("redis://localhost"), "localhost:6379");
  for (const bad of ["10.0.0.5:6379", "http://h:1", "redis://h:1/2", "nope"]) {
    assert.throws(() => redisAddress(bad), InputError, bad);
  }
});

Deno.test("compareIds: stream ids compare by time, then sequence, past 2^53", () => {
  assert.equal(compareIds("1-2", "1-10"), -1);
  assert.equal(compareIds("2-0", "1-99"), 1);
  assert.equal(compareIds("5-5", "5-5"), 0);
  assert.equal(compareIds("9007199254740993-0", "9007199254740992-0"), 1);
});

redisTest("redis client: append once, read through a group, reclaim, HSETNX", async (url) => {
  const redis = await connectRedis(url, { waitSeconds: 2 });
  const p = `gridfold:test:${crypto.randomUUID().slice(0, 8)}:`;
  try {
    const data = new Uint8Array([0, 1, 255]);
    const id = await redis.appendOnce(`${p}s`, `${p}m1`, { data }, 60);
    assert.ok(id !== null);
    assert.equal(await redis.appendOnce(`${p}s`, `${p}m1`, { data }, 60), null);
    assert.equal(await redis.length(`${p}s`), 1);
    await redis.ensureGroup(`${p}s`, "g");
    await redis.ensureGroup(`${p}s`, "g");
    const [entry] = await redis.readGroup(`${p}s`, "g", "a", ">", { count: 5 });
    assert.deepEqual([entry.id, [...entry.fields.data]], [id, [0, 1, 255]]);
    assert.deepEqual(await redis.readGroup(`${p}s`, "g", "a", ">", { count: 5 }), []);
    // Pending on "a": read again by "a" from 0, reclaimed by "b" once idle long enough.
    assert.equal((await redis.readGroup(`${p}s`, "g", "a", "0-0", { count: 5 })).length, 1);
    assert.deepEqual(await redis.claimIdle(`${p}s`, "g", "b", 60_000), []);
    assert.equal((await redis.claimIdle(`${p}s`, "g", "b", 0)).length, 1);
    await redis.ack(`${p}s`, "g", [id!]);
    assert.deepEqual(await redis.claimIdle(`${p}s`, "g", "c", 0), []);
    assert.equal(await redis.hSetIfAbsent(`${p}h`, "f", "one"), true);
    assert.equal(await redis.hSetIfAbsent(`${p}h`, "f", "two"), false);
    assert.deepEqual(new TextDecoder().decode((await redis.hGet(`${p}h`, "f"))!), "one");
  } finally {
    await redis.del(`${p}s`, `${p}m1`, `${p}h`);
    await redis.close();
  }
});
