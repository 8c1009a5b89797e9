/**
 * What the Redis tests share: the Redis they run against (`GRIDFOLD_REDIS=redis://host:port`,
 * which `.ci/run` sets for the server it starts), a test that is ignored, saying why, when that
 * Redis is not set or does not answer, and task processes (`deno run` of a script) whose output
 * lines a test can wait on and which it can kill with SIGKILL (`deno` from PATH, so the test
 * task needs only `--allow-run=deno`), among them `deno task worker` on a job.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Redis, redisAddress } from "../effects/redis/client.ts";
import { jobKeys } from "../effects/redis/jobs.ts";
import { repoPath } from "./shared.ts";

const variable = "GRIDFOLD_REDIS";

/** The Redis URL to test against, or why there is none. */
async function findRedis(): Promise<{ url: string } | { why: string }> {
  if (Deno.permissions.querySync({ name: "env", variable }).state !== "granted") {
    return { why: `no permission to read ${variable}` };
  }
  const url = Deno.env.get(variable);
  if (url === undefined || url === "") return { why: `${variable} is not set` };
  const address = redisAddress(url, variable);
  const [hostname, port] = address.split(":");
  if (Deno.permissions.querySync({ name: "net", host: address }).state !== "granted") {
    return { why: `no permission to reach ${address}` };
  }
  try {
    const conn = await Deno.connect({ hostname, port: Number(port) });
    conn.close();
    return { url };
  } catch {
    return { why: `nothing answers at ${address}` };
  }
}

const found = await findRedis();

/** A test that needs a Redis: ignored, with the reason in its name, when there is none. */
export function redisTest(name: string, fn: (url: string) => Promise<void>): void {
  Deno.test({
    name: "url" in found ? `${name} (needs Redis)` : `${name} (ignored: ${found.why})`,
    ignore: !("url" in found),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: () => fn((found as { url: string }).url),
  });
}

/** A running task process. */
export interface TaskProcess {
  /** Lines printed so far (stdout and stderr together). */
  readonly lines: string[];
  /** Resolves once a line matches `re` (rejects after `seconds` or at exit), to that line. */
  waitFor(re: RegExp, seconds?: number): Promise<string>;
  /** SIGKILL, as `kill -9`. */
  kill(): void;
  /** The exit code. */
  readonly status: Promise<number>;
}

/** Starts `deno run <args>` from the repository root. */
export function startTask(args: string[]): TaskProcess {
  const child = new Deno.Command("deno", {
    args: ["run", "--frozen", ...args],
    cwd: repoPath(""),
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const lines: string[] = [];
  const waiters: {
    re: RegExp;
    resolve: (line: string) => void;
    reject: (e: Error) => void;
  }[] = [];
  const read = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        for (const w of waiters.filter((w) => w.re.test(line))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
    if (rest !== "") lines.push(rest);
  };
  const reading = Promise.all([read(child.stdout), read(child.stderr)]);
  const status = reading.then(() => child.status).then((s) => {
    for (const w of waiters.splice(0)) {
      w.reject(new Error(`exited (${s.code}) with no line matching ${w.re}:\n${lines.join("\n")}`));
    }
    return s.code;
  });
  return {
    lines,
    waitFor(re, seconds = 60) {
      const seen = lines.find((l) => re.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${re} in ${seconds} s:\n${lines.join("\n")}`)),
          seconds * 1000,
        );
        waiters.push({
          re,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    kill: () => child.kill("SIGKILL"),
    status,
  };
}

/** Resolves once job `job`'s coordinator has published it. */
export async function jobPublished(redis: Redis, job: string): Promise<void> {
  while (await redis.get(jobKeys(job).job) === null) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `deno task worker` on job `job` with `extra` flags. */
export function startWorker(url: string, job: string, extra: string[]): TaskProcess {
  return startTask([
    "--allow-read=.,../shared",
    `--allow-net=${redisAddress(url)}`,
    "scripts/worker.ts",
    ...["--redis", url, "--job", job, ...extra],
  ]);
}

/**
 * The tasks `workers` say they played are distinct, and they are all of the job's `stored`
 * results but at most one: a worker killed with SIGKILL between storing a result and printing
 * its line has stored a task it never named.
 */
export async function assertPlayedOnce(workers: TaskProcess[], stored: number): Promise<void> {
  await Promise.all(workers.map((w) => w.status));
  const ids = workers.flatMap((w) => w.lines.flatMap((l) => l.match(/^task (\S+)/)?.[1] ?? []));
  assert.equal(new Set(ids).size, ids.length, `a task played twice: ${ids.join(", ")}`);
  assert.ok(
    ids.length === stored || ids.length === stored - 1,
    `${ids.length} tasks played, ${stored} stored`,
  );
}
