/**
 * The viewer's HTTP server (`deno task serve`): the page and its scripts from `web/`, and a
 * small JSON/SVG API over one runs folder, read-only. It listens on 127.0.0.1 only. Every
 * request that cannot be answered (a path outside the runs folder, an unknown run, a malformed
 * run file) gets a 4xx with a message; the server itself goes on.
 *
 * @example
 * ```ts
 * import { startServer } from "./server.ts";
 * const server = startServer({ root: "runs", port: 8080, envDirs: ["../shared/data/grid2op"] });
 * console.log(server.url); // http://127.0.0.1:8080/
 * await server.shutdown();
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { extname, join } from "node:path";
import { errorResponse, HttpError } from "./http_error.ts";
import { runFile, runFolder } from "./paths.ts";
import { listRuns, runDetail } from "./run_list.ts";
import { curves } from "./curves.ts";
import { evaluationView } from "./evaluation.ts";
import {
  blocksSvg,
  clustersSvg,
  decompositionAt,
  readDecompositionRun,
  thresholdParam,
} from "./decomposition.ts";
import { readTrace, stepSvg } from "./trace.ts";
import { readJsonLinesCached } from "./json_cache.ts";

/** Where the server reads and listens. */
export interface ServeOptions {
  /** The runs folder. */
  readonly root: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Folders holding grid2op environments, where a grid2op trace's grid is looked for. */
  readonly envDirs: readonly string[];
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Settles when the server has stopped. */
  readonly finished: Promise<void>;
  shutdown(): Promise<void>;
}

const WEB = fileURLToPath(new URL("./web/", import.meta.url));
/** The page's own files: nothing else of the repository is served. */
const ASSETS = ["index.html", "app.js", "chart.js", "style.css"];
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

const json = (value: unknown) => Response.json(value, { headers: { "cache-control": "no-store" } });
const svg = (text: string) =>
  new Response(text, { headers: { "content-type": "image/svg+xml", "cache-control": "no-store" } });

async function asset(name: string): Promise<Response> {
  if (!ASSETS.includes(name)) throw new HttpError(404, `no page file "${name}"`);
  return new Response(await Deno.readFile(join(WEB, name)), {
    headers: { "content-type": TYPES[extname(name)] },
  });
}

/** A required query parameter. */
function param(url: URL, name: string): string {
  const v = url.searchParams.get(name);
  if (v === null || v === "") throw new HttpError(400, `the query needs ?${name}=`);
  return v;
}

/** Answers the API's requests under /api/runs. */
async function api(o: ServeOptions, parts: string[], url: URL): Promise<Response> {
  const [id, what, ...rest] = parts;
  if (id === undefined) return json(await listRuns(o.root));
  if (rest.length > 0) throw new HttpError(404, `no such page: ${url.pathname}`);
  const folder = await runFolder(o.root, id);
  switch (what) {
    case undefined:
      return json(await runDetail(o.root, id));
    case "curves": {
      const file = param(url, "file");
      if (!file.endsWith(".jsonl")) {
        throw new HttpError(400, `curves: "${file}" is not a .jsonl log`);
      }
      return json(curves(await readJsonLinesCached(await runFile(o.root, id, file))));
    }
    case "evaluation":
      return json(await evaluationView(folder, id));
    case "decomposition":
    case "blocks.svg":
    case "clusters.svg": {
      const run = await readDecompositionRun(folder, id);
      const view = decompositionAt(run, thresholdParam(url.searchParams.get("threshold"), run));
      if (what === "blocks.svg") return svg(blocksSvg(run, view, url.searchParams.has("binary")));
      if (what === "clusters.svg") return svg(clustersSvg(run, view));
      return json({
        rows: run.mi.rows,
        cols: run.mi.cols,
        thresholds: run.thresholds,
        representative: run.representative,
        threshold: view.threshold,
        clusters: view.clusters,
        grid: view.grid && run.grid && {
          clusters: view.grid.clusters.map((c) => ({
            substations: c.substations.map((s) => run.grid!.net.sub.name[s]),
            lines: c.lines,
          })),
          unassignedLines: view.grid.unassignedLines,
        },
      });
    }
    case "trace":
    case "step.svg": {
      const file = param(url, "file");
      const trace = await readTrace(await runFile(o.root, id, file), `${id}/${file}`, o.envDirs);
      if (what === "step.svg") return svg(stepSvg(trace, Number(param(url, "index"))));
      const { steps: _, ...meta } = trace.file;
      return json({ meta, grid: trace.net !== null, steps: trace.steps });
    }
  }
  throw new HttpError(404, `no such page: ${url.pathname}`);
}

/** The request handler: the page, its files, the API; every failure a JSON error. */
export function handler(o: ServeOptions): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        throw new HttpError(405, `${req.method}: the viewer only reads`);
      }
      const url = new URL(req.url);
      let parts: string[];
      try {
        parts = url.pathname.split("/").filter((p) => p !== "").map(decodeURIComponent);
      } catch {
        throw new HttpError(400, `${url.pathname}: malformed path`);
      }
      if (parts.length === 0) return await asset("index.html");
      if (parts[0] === "static" && parts.length === 2) return await asset(parts[1]);
      if (parts[0] === "api" && parts[1] === "runs") return await api(o, parts.slice(2), url);
      throw new HttpError(404, `no such page: ${url.pathname}`);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** Starts the server on 127.0.0.1 (port 0: a free one). */
export function startServer(o: ServeOptions): RunningServer {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: o.port, onListen: () => {} },
    handler(o),
  );
  const port = server.addr.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    finished: server.finished,
    shutdown: () => server.shutdown(),
  };
}
