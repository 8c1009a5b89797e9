/**
 * Where the third-party reference data lives (`../shared` beside the checkout) and a test
 * helper that ignores a test, saying why, when that data is absent instead of passing.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { runMain } from "../effects/cli.ts";

/** Absolute path of `../shared/<rel>` relative to the repository root. */
export const sharedPath = (rel: string): string =>
  fileURLToPath(new URL(`../../shared/${rel}`, import.meta.url));

/** Absolute path of a file in the repository. */
export const repoPath = (rel: string): string =>
  fileURLToPath(new URL(`../${rel}`, import.meta.url));

/** True when a file or folder exists at `path`. */
export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A test that needs `../shared/<rel>`: ignored, with the reason in its name, when absent. */
export function sharedTest(name: string, rel: string, fn: () => void | Promise<void>): void {
  const present = exists(sharedPath(rel));
  Deno.test({
    name: present ? name : `${name} (ignored: ../shared/${rel} is absent)`,
    ignore: !present,
    fn,
  });
}

/** A fresh folder under runs/tests for a test's output. */
export async function testFolder(name: string): Promise<string> {
  const folder = repoPath(`runs/tests/${name}-${crypto.randomUUID().slice(0, 8)}`);
  await Deno.mkdir(folder, { recursive: true });
  return folder;
}

/** Runs a script's `main` in-process, returning its exit code and what it printed. */
export async function runScript(
  main: (args: string[]) => Promise<void>,
  args: string[],
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    return { code: await runMain(() => main(args)), out, err };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

/** Every file directly in a folder, by name (to compare two runs byte for byte). */
export async function folderFiles(folder: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for await (const e of Deno.readDir(folder)) {
    if (e.isFile) out.set(e.name, await Deno.readFile(`${folder}/${e.name}`));
  }
  return out;
}
