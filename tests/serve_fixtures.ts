/**
 * The viewer's test set-up: a copy of `fixtures/serve/runs` in a fresh folder under runs/tests
 * (tests add files to it: a run still being written, a link out of it), served on a free port.
 *
 * @module
 */
import { join } from "node:path";
import { repoPath, testFolder } from "./shared.ts";
import { type RunningServer, startServer } from "../effects/serve/server.ts";

/** A served copy of the fixture runs: its folder, the server, and a JSON/text getter. */
export interface Served {
  readonly root: string;
  readonly server: RunningServer;
  get(path: string): Promise<{ status: number; body: string; type: string | null }>;
  close(): Promise<void>;
}

/** When the fixture runs count as written: long ago, so a run that is not finished is "stopped". */
export const FIXTURE_TIME = new Date("2026-01-01T00:00:00Z");

/**
 * Copies a folder tree, dated `FIXTURE_TIME` (node's `cp` wants to read every parent folder).
 * Symbolic links are left out: making one needs unscoped permissions; a test that needs the
 * fixture's link serves the fixture folder itself.
 */
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(join(from, e.name), join(to, e.name));
    else if (e.isFile) {
      await Deno.copyFile(join(from, e.name), join(to, e.name));
      await Deno.utime(join(to, e.name), FIXTURE_TIME, FIXTURE_TIME);
    }
  }
}

/** Copies the fixture runs into a new test folder and serves it on 127.0.0.1. */
export async function serveFixtures(name: string): Promise<Served> {
  const root = join(await testFolder(name), "runs");
  await copyTree(repoPath("fixtures/serve/runs"), root);
  const server = startServer({ root, port: 0, envDirs: [] });
  return {
    root,
    server,
    async get(path) {
      const r = await fetch(server.url + path.replace(/^\//, ""));
      return { status: r.status, body: await r.text(), type: r.headers.get("content-type") };
    },
    async close() {
      await server.shutdown();
      await Deno.remove(join(root, ".."), { recursive: true });
    },
  };
}
