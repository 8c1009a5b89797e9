/**
 * `deno task serve`'s server without a browser: the run list (kind, status, config) of the
 * fixture runs, every API answer the pages use, and bad requests: paths outside the runs folder
 * (`..`, absolute, a symbolic link out), unknown runs and files, malformed run files, bad
 * parameters, each a 4xx with a message while the server goes on answering.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { serveFixtures } from "./serve_fixtures.ts";
import { main } from "../scripts/serve.ts";
import { repoPath, runScript } from "./shared.ts";
import { startServer } from "../effects/serve/server.ts";
import { curves } from "../effects/serve/curves.ts";
import { configSummary, kindOf } from "../effects/serve/run_list.ts";
import { safeSegments } from "../effects/serve/paths.ts";

// deno-lint-ignore no-explicit-any
const parse = (body: string): any => JSON.parse(body);

Deno.test("serve: the list tells each fixture run's kind, status and config", async () => {
  const s = await serveFixtures("serve-list");
  try {
    const r = await s.get("/api/runs");
    assert.equal(r.status, 200);
    const runs = new Map(parse(r.body).map((x: { id: string }) => [x.id, x]));
    const kinds = Object.fromEntries(
      [...runs].map(([id, x]) => [id, (x as { kind: string }).kind]),
    );
    assert.deepEqual(kinds, {
      "broken": "evaluate",
      "broken-trace": "replay",
      "cluster-case14": "cluster",
      "cluster-copy": "cluster",
      "distributed-small": "distributed",
      "evaluate-hard": "evaluate",
      "muzero-quick": "muzero",
      "replay-case14": "replay",
    });
    // deno-lint-ignore no-explicit-any
    const ev = runs.get("evaluate-hard") as any;
    assert.equal(ev.status, "done");
    assert.equal(
      ev.config,
      "benchmark=case14-hard scenarios=3 max_length=480 agents=do-nothing,expert",
    );
    // The muzero fixture has no eval.json: not finished, and its files are old, so stopped.
    // deno-lint-ignore no-explicit-any
    assert.equal((runs.get("muzero-quick") as any).status, "stopped");
    const page = await s.get("/");
    assert.equal(page.status, 200);
    assert.match(page.type ?? "", /text\/html/);
    assert.equal((await s.get("/static/app.js")).status, 200);
    assert.equal((await s.get("/static/serve.ts")).status, 404);
  } finally {
    await s.close();
  }
});

Deno.test("serve: curves, evaluation, decomposition at two thresholds, replay steps", async () => {
  const s = await serveFixtures("serve-api");
  try {
    const c = parse((await s.get("/api/runs/distributed-small/curves?file=train.jsonl")).body);
    assert.equal(c.x, "episode");
    assert.equal(c.groupBy, "team");
    assert.deepEqual(
      [...new Set(c.series.map((x: { group: string }) => x.group))],
      ["distributed", "centralised"],
    );
    const ev = parse((await s.get("/api/runs/evaluate-hard/evaluation")).body);
    assert.deepEqual(ev.ranking.map((a: { name: string }) => a.name), ["expert", "do-nothing"]);
    assert.equal(ev.episodes.length, 6);

    const at = async (q: number) =>
      parse((await s.get(`/api/runs/cluster-copy/decomposition?threshold=${q}`)).body);
    const [low, high] = [await at(0.72), await at(0.8)];
    assert.equal(low.clusters.length, 2); // the copy MDP's planted blocks
    assert.equal(high.clusters.length, 5);
    assert.equal(low.grid, null);
    const grid = parse((await s.get("/api/runs/cluster-case14/decomposition")).body);
    assert.equal(grid.threshold, 0.7);
    assert.ok(grid.grid.clusters.length >= 1);
    const pic = await s.get("/api/runs/cluster-case14/clusters.svg?threshold=0.8");
    assert.equal(pic.status, 200);
    assert.match(pic.body, /^<svg[\s\S]*clusters at quantile 0.8/);
    assert.match(
      (await s.get("/api/runs/cluster-copy/blocks.svg?threshold=0.72&binary")).body,
      /2 clusters/,
    );

    const file = "traces/expert/2.json";
    const t = parse((await s.get(`/api/runs/evaluate-hard/trace?file=${file}`)).body);
    assert.equal(t.grid, true);
    assert.equal(t.steps[0].step, 110);
    const split = t.steps.find((x: { split: string[] }) => x.split.length > 0);
    assert.ok(split, "the expert splits a substation in this window");
    assert.ok(t.steps.some((x: { attacked: number[] }) => x.attacked.length > 0));
    const svg = await s.get(
      `/api/runs/evaluate-hard/step.svg?file=${file}&index=${split.step - 110}`,
    );
    assert.match(svg.type ?? "", /svg/);
    assert.match(svg.body, new RegExp(`step ${split.step}:`));
    assert.match(svg.body, /\(attacked\)/);
    const maint = parse(
      (await s.get("/api/runs/evaluate-hard/trace?file=traces/do-nothing/2.json")).body,
    );
    assert.ok(maint.steps.some((x: { maintenance: number[] }) => x.maintenance.length > 0));
  } finally {
    await s.close();
  }
});

Deno.test("serve: paths outside the runs folder, unknown runs and bad files are 4xx with a message", async () => {
  const s = await serveFixtures("serve-errors");
  try {
    const cases: [string, number, RegExp][] = [
      ["/api/runs/nope", 404, /no run named "nope"/],
      ["/api/runs/..%2Fetc", 403, /outside the runs folder/],
      ["/api/runs/evaluate-hard/trace?file=../../deno.json", 403, /outside the runs folder/],
      ["/api/runs/evaluate-hard/trace?file=/etc/passwd", 403, /outside the runs folder/],
      ["/api/runs/evaluate-hard/trace?file=missing.json", 404, /no file "missing.json"/],
      ["/api/runs/evaluate-hard/trace", 400, /\?file=/],
      [
        "/api/runs/evaluate-hard/step.svg?file=traces/expert/2.json&index=999",
        404,
        /no step entry 999/,
      ],
      ["/api/runs/cluster-copy/decomposition?threshold=2", 400, /threshold "2"/],
      ["/api/runs/cluster-copy/clusters.svg", 404, /not a grid decomposition/],
      ["/api/runs/muzero-quick/curves?file=config.json", 400, /not a .jsonl log/],
      ["/api/runs/broken/evaluation", 422, /broken\/episodes.jsonl: row 1: .*steps/],
      ["/api/runs/broken-trace/trace?file=trace.json", 422, /broken-trace\/trace.json: steps.0/],
      ["/api/runs/evaluate-hard/nothing", 404, /no such page/],
      ["/elsewhere", 404, /no such page/],
    ];
    for (const [path, status, message] of cases) {
      const r = await s.get(path);
      assert.equal(r.status, status, `${path}: ${r.body}`);
      assert.match(parse(r.body).error, message, path);
    }
    await Deno.writeTextFile(join(s.root, "broken", "episodes.jsonl"), "");
    const scores = await s.get("/api/runs/broken/evaluation");
    assert.equal(scores.status, 422);
    assert.match(parse(scores.body).error, /broken\/scores.json: not valid JSON/);
    const post = await fetch(s.server.url, { method: "POST" });
    assert.equal(post.status, 405);
    await post.body?.cancel();
    assert.equal((await s.get("/api/runs")).status, 200); // still serving
  } finally {
    await s.close();
  }
});

Deno.test("serve: a symbolic link out of a run is refused, not followed", async () => {
  // fixtures/serve/runs/evaluate-hard/outside.json links to the repository's deno.json.
  const server = startServer({ root: repoPath("fixtures/serve/runs"), port: 0, envDirs: [] });
  try {
    const r = await fetch(`${server.url}api/runs/evaluate-hard/trace?file=outside.json`);
    assert.equal(r.status, 403);
    assert.match((await r.json()).error, /outside the runs folder/);
  } finally {
    await server.shutdown();
  }
});

Deno.test("serve: the script refuses a missing runs folder and a bad port", async () => {
  const missing = await runScript(main, ["--runs", "runs/tests/no-such-folder"]);
  assert.equal(missing.code, 2);
  assert.match(missing.err[0], /--runs: runs\/tests\/no-such-folder is not a folder/);
  const port = await runScript(main, ["--port", "0"]);
  assert.equal(port.code, 2);
  assert.match(port.err[0], /--port: 0 is out of range/);
});

Deno.test("serve: curves group by team, run kinds and config summaries, safe paths", () => {
  const c = curves([
    { team: "a", episode: 0, reward: 1 },
    { team: "b", episode: 0, reward: 2 },
    { team: "a", episode: 1, reward: 3, note: "x" },
    "not a row",
  ]);
  assert.equal(c.x, "episode");
  assert.deepEqual(c.series, [
    { group: "a", field: "reward", x: [0, 1], y: [1, 3] },
    { group: "b", field: "reward", x: [0], y: [2] },
  ]);
  assert.equal(curves([{ loss: 2 }, { loss: 1 }]).x, "row");
  assert.equal(kindOf(new Set(["config.json", "metrics.jsonl"])), "muzero");
  assert.equal(kindOf(new Set(["notes.txt"])), "other");
  assert.equal(
    configSummary({ env: { name: "case14" }, seed: 3, thresholds: [0.7, 0.71, 0.72], x: {} }, [
      "env",
      "seed",
      "thresholds",
      "x",
      "absent",
    ]),
    "env=case14 seed=3 thresholds=0.7..0.72",
  );
  assert.deepEqual(safeSegments("traces/a/0.json", "file"), ["traces", "a", "0.json"]);
  for (const bad of ["../x", "/etc/passwd", "a//b", ".hidden", "a/../../b", "a\\..\\b"]) {
    assert.throws(() => safeSegments(bad, "file"), /outside the runs folder/, bad);
  }
});
