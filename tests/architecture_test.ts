/** The architecture's rules, held by a test: core/ is pure and dependencies point inward. */
import assert from "node:assert/strict";
import { join, relative, resolve } from "node:path";
import { repoPath } from "./shared.ts";

function* tsFiles(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

/** Import specifiers of a module (static, dynamic and worker URLs). */
function imports(source: string): string[] {
  const found: string[] = [];
  const re =
    /(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|new URL\(\s*["']([^"']+\.ts)["']/g;
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

/** Source without comments, so doc examples do not count as code. */
const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

/** Packages core may use: pure libraries (tfjs for tensor ops only, checked below). */
const pureForCore = ["@tensorflow/tfjs", "fp-ts"];

Deno.test("core/ imports only core/ and pure packages", () => {
  const core = repoPath("core");
  for (const file of tsFiles(core)) {
    for (const spec of imports(code(Deno.readTextFileSync(file)))) {
      if (spec.startsWith(".")) {
        const target = resolve(file, "..", spec);
        assert.ok(
          !relative(core, target).startsWith(".."),
          `${relative(repoPath(""), file)} imports ${spec}, outside core/`,
        );
      } else {
        assert.ok(
          pureForCore.some((p) => spec === p || spec.startsWith(p + "/")),
          `${relative(repoPath(""), file)} imports package ${spec}, not allowed in core/`,
        );
      }
    }
  }
});

Deno.test("core/ touches no Deno API, console, clock, Math.random or tfjs training state", () => {
  const forbidden = [
    /\bDeno\./,
    /\bconsole\./,
    /Math\.random/,
    /Date\.now/,
    /new Date\(\s*\)/,
    /performance\.now/,
    /\bsetBackend\b/,
    /\btf\.train\./,
    /\btf\.variable\(/,
    /\bfetch\(/,
  ];
  for (const file of tsFiles(repoPath("core"))) {
    const text = code(Deno.readTextFileSync(file));
    for (const re of forbidden) {
      assert.ok(!re.test(text), `${relative(repoPath(""), file)} uses ${re.source}`);
    }
  }
});

Deno.test("effects/ never imports bench/, scripts/ or tests/", () => {
  for (const file of tsFiles(repoPath("effects"))) {
    for (const spec of imports(code(Deno.readTextFileSync(file)))) {
      if (!spec.startsWith(".")) continue;
      const rel = relative(repoPath(""), resolve(file, "..", spec));
      assert.ok(
        !["bench", "scripts", "tests"].some((outer) => rel.startsWith(outer)),
        `${relative(repoPath(""), file)} imports ${spec}`,
      );
    }
  }
});

Deno.test("every task runs with scoped permissions, never -A", () => {
  const config = JSON.parse(Deno.readTextFileSync(repoPath("deno.json")));
  for (const [name, command] of Object.entries(config.tasks as Record<string, string>)) {
    assert.ok(!/(^|\s)(-A|--allow-all)(\s|$)/.test(command), `task ${name} uses -A`);
    for (const flag of command.matchAll(/--allow-(read|write|net|env|run|sys|ffi)(=?)/g)) {
      if (flag[1] === "read" || flag[1] === "write" || flag[1] === "sys") {
        assert.equal(flag[2], "=", `task ${name}: --allow-${flag[1]} without a scope`);
      }
    }
  }
});

/** The layers whose folders each have a public face (`mod.ts`), and the code bound by them. */
const LAYERS = ["core", "effects", "bench"];
const CONSUMERS = [...LAYERS, "scripts"];

/** Every relative import in `file`'s code (not its doc examples), resolved. */
function localImports(file: string): string[] {
  return imports(code(Deno.readTextFileSync(file)))
    .filter((spec) => spec.startsWith("."))
    .map((spec) => resolve(file, "..", spec));
}

const inside = (path: string, folder: string) => !relative(folder, path).startsWith("..");

Deno.test("every folder of core/, effects/ and bench/ has a mod.ts", () => {
  for (const layer of LAYERS) {
    for (const file of tsFiles(repoPath(layer))) {
      const folder = resolve(file, "..");
      assert.ok(
        Deno.statSync(join(folder, "mod.ts")).isFile,
        `${relative(repoPath(""), folder)} has no mod.ts`,
      );
    }
  }
});

// Tests are left out: they examine the rooms as well as the face.
Deno.test("code outside a folder imports only that folder's mod.ts", () => {
  for (const root of CONSUMERS) {
    for (const file of tsFiles(repoPath(root))) {
      for (const target of localImports(file)) {
        const folder = resolve(target, "..");
        const layered = LAYERS.some((l) => inside(folder, repoPath(l)));
        if (!layered || inside(file, folder) || target.endsWith("/mod.ts")) continue;
        assert.fail(
          `${relative(repoPath(""), file)} imports ${relative(repoPath(""), target)}, ` +
            `not ${relative(repoPath(""), join(folder, "mod.ts"))}`,
        );
      }
    }
  }
});

Deno.test("no import circles in core/, effects/, bench/ or scripts/", () => {
  const graph = new Map<string, string[]>();
  for (const root of CONSUMERS) {
    for (const file of tsFiles(repoPath(root))) graph.set(file, localImports(file));
  }
  // Depth-first search; a module met again while still on the path closes a circle.
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") {
        const circle = [...path.slice(path.indexOf(next)), next];
        assert.fail(`import circle: ${circle.map((f) => relative(repoPath(""), f)).join(" -> ")}`);
      }
      if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
});
