/**
 * The grid's decomposition (docs/research.md 1d): the random topology agent's rows, the collector's
 * budget and worker independence, the per-substation tables and joined matrix, clusters read
 * from components, the clusters file, and `deno task cluster --env case14` end to end (same
 * seed, same bytes with 1 or 2 workers; bad flags).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { randomTopologyEpisode } from "../core/agents/random_topology.ts";
import { actionableSubstations, substationLines } from "../core/agents/substations.ts";
import { decompositionProblem, gridClusters, topologyTable } from "../core/cluster/grid.ts";
import { reset, step } from "../core/grid/env/step.ts";
import { unitaryTopologiesSet } from "../core/grid/env/unitary.ts";
import { maxStep } from "../core/grid/scenario/scenario.ts";
import { joinColumns, miMatrix } from "../core/mi/matrix.ts";
import { genFromSeed, uniforms } from "../core/random.ts";
import { collectTopologyRows } from "../effects/cluster/grid_collect.ts";
import { loadGrid } from "../effects/grids.ts";
import { readDecomposition } from "../effects/io/decomposition_file.ts";
import { main } from "../scripts/cluster.ts";
import { folderFiles, runScript, testFolder } from "./shared.ts";

const env = await loadGrid("case14");
const { model } = env;
const net = model.net;
const nLine = net.line.name.length;

Deno.test("actionable substations and their lines on case14", () => {
  assert.deepEqual(actionableSubstations(net), [1, 2, 3, 4, 5, 8, 12]);
  const lines = substationLines(net);
  assert.deepEqual(lines[4], [1, 4, 6, 17]);
  assert.deepEqual(lines[3], [3, 5, 6, 15, 16]);
  // Every line has its two ends.
  assert.equal(lines.flat().length, 2 * nLine);
});

Deno.test("random topology episode: rows chain, codes are index / count, replay gives the same", () => {
  const actions = unitaryTopologiesSet(model.index, 1);
  const scenario = env.scenario(3);
  const [u] = uniforms(genFromSeed(11), maxStep(scenario));
  const r = randomTopologyEpisode(model, scenario, actions, u);
  assert.ok(r.rows >= 2, `${r.rows} rows`);
  assert.equal(r.rho.length, r.rows * nLine);
  assert.equal(r.steps, r.rows + (r.gameOver ? 1 : 0));
  // rho(t) of a row is rho(t+1) of the row before.
  for (let i = 1; i < r.rows; i++) {
    assert.deepEqual(
      r.rho.subarray(i * nLine, (i + 1) * nLine),
      r.rhoNext.subarray((i - 1) * nLine, i * nLine),
    );
  }
  // Replaying the drawn actions gives the same rows, and the game-over step is not a row.
  let s = reset(model, scenario);
  for (let i = 0; i < r.steps; i++) {
    const index = Math.floor(u[i] * actions.length);
    if (i < r.rows) {
      assert.equal(r.code[i], index / actions.length);
      assert.deepEqual(r.rho.subarray(i * nLine, (i + 1) * nLine), s.rho);
    }
    s = step(model, s, actions[index]).state;
    if (i < r.rows) assert.deepEqual(r.rhoNext.subarray(i * nLine, (i + 1) * nLine), s.rho);
  }
  assert.equal(s.gameOver, r.gameOver);
  // Draws cap the episode.
  const short = randomTopologyEpisode(model, scenario, actions, u.subarray(0, 1));
  assert.ok(short.steps <= 1);
});

Deno.test("collector: the rows do not depend on the worker count; a budget takes a prefix", async () => {
  const base = { env: "case14", load: {}, seed: 3, subs: [2, 4], episodes: 6 };
  const one = await collectTopologyRows({ ...base, samples: 100, workers: 1 });
  const two = await collectTopologyRows({ ...base, samples: 100, workers: 2 });
  assert.deepEqual(two, one);
  const small = await collectTopologyRows({ ...base, samples: 30, workers: 2 });
  for (let i = 0; i < 2; i++) {
    const [a, b] = [small[i], one[i]];
    assert.equal(a.rows, Math.min(30, b.rows));
    assert.deepEqual(a.rhoNext, b.rhoNext.subarray(0, a.rows * nLine));
    assert.deepEqual(a.code, b.code.subarray(0, a.rows));
    assert.ok(a.episodes <= b.episodes);
  }
  // sub_4 survives long: 100 rows come from fewer than 6 episodes, sub_2 uses all of them.
  assert.equal(one[1].rows, 100);
  assert.ok(one[1].episodes < 6, `${one[1].episodes}`);
  assert.equal(one[0].episodes, 6);
});

Deno.test("tables, joined matrices and clusters read from components", () => {
  const rows = 3;
  const rhoNext = Float64Array.from({ length: rows * 2 }, (_, i) => i);
  const t = topologyTable(["a", "b"], "sub_x", rows, rhoNext, Float64Array.from([0, 0.5, 0.5]));
  assert.deepEqual(t.targets.map((c) => [...c.values]), [[0, 2, 4], [1, 3, 5]]);
  assert.deepEqual(t.inputs.map((c) => c.name), ["sub_x"]);
  assert.throws(() => topologyTable(["a"], "s", rows, rhoNext, new Float64Array(3)), RangeError);
  const m1 = miMatrix(t, { estimator: "plugin", k: 1 }, [2, 0, 1]);
  const m2 = { ...m1, cols: ["sub_y"] };
  const joined = joinColumns([m1, m2]);
  assert.deepEqual(joined.cols, ["sub_x", "sub_y"]);
  assert.deepEqual(joined.values, m1.values.map((r) => [...r, ...r]));
  assert.deepEqual(joined.shuffled, m1.shuffled!.map((r) => [...r, ...r]));
  assert.throws(() => joinColumns([m1, { ...m2, rows: ["a", "c"] }]), /targets/);
  const d = gridClusters(
    [{ targets: [0, 2], inputs: [1] }, { targets: [1], inputs: [] }, { targets: [3], inputs: [0] }],
    [5, 6, 7, 8],
    [4, 12],
  );
  assert.deepEqual(d, {
    clusters: [{ substations: [12], lines: [5, 7] }, { substations: [4], lines: [8] }],
    unassignedLines: [6],
  });
  assert.equal(decompositionProblem(d, 14, 20), null);
  const bad = (clusters: { substations: number[]; lines: number[] }[]) =>
    decompositionProblem({ clusters, unassignedLines: [] }, 14, 20);
  assert.match(bad([{ substations: [], lines: [1] }])!, /clusters\.0\.substations: empty/);
  assert.match(bad([{ substations: [14], lines: [] }])!, /14 is not in 0\.\.13/);
  assert.match(bad([{ substations: [1], lines: [3, 3] }])!, /lines: 3 is listed twice/);
  assert.match(
    bad([{ substations: [1], lines: [] }, { substations: [2, 1], lines: [] }])!,
    /clusters\.1\.substations: 1 is also in cluster 0/,
  );
});

Deno.test("cluster --env case14: same seed, same bytes with 1 or 2 workers; the clusters file", async () => {
  const base = await testFolder("cluster-grid");
  const args = ["--env", "case14", "--episodes", "30", "--samples", "200", "--quiet"];
  const runs = [["1", "a"], ["2", "b"]].map((
    [w, name],
  ) => ["--workers", w, "--out", join(base, name)]);
  for (const extra of runs) {
    const { code, out, err } = await runScript(main, [...args, ...extra]);
    assert.equal(code, 0, err.join("\n"));
    assert.ok(out.some((l) => /^ {2}sub_4: 200 rows from \d+ episodes/.test(l)), out.join("\n"));
    assert.ok(out.some((l) => l.startsWith("cluster 1: substations ")), out.join("\n"));
  }
  const [a, b] = await Promise.all([folderFiles(join(base, "a")), folderFiles(join(base, "b"))]);
  for (
    const name of ["mi.json", "clusters.json", "decomposition.json", "collection.json", "mi.svg"]
  ) {
    assert.ok(a.has(name), name);
  }
  assert.ok(a.has("clusters_grid.svg"));
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [name, bytes] of a) assert.deepEqual(b.get(name), bytes, name);
  // The clusters file reads back and holds the components at the representative threshold.
  const { file, decomposition } = await readDecomposition(
    join(base, "a", "decomposition.json"),
    net,
  );
  assert.equal(file.threshold, 0.7);
  assert.equal(file.env, "case14");
  assert.match(
    file.command!,
    /^deno task cluster --env case14 --seed 29 --episodes 30 --samples 200 /,
  );
  const clusters = JSON.parse(new TextDecoder().decode(a.get("clusters.json")));
  const step = clusters.thresholds[0];
  const named = decomposition.clusters.map((c) => ({
    targets: c.lines.map((l) => net.line.name[l]),
    inputs: c.substations.map((s) => net.sub.name[s]),
  }));
  assert.deepEqual(named, step.clusters.filter((c: { inputs: string[] }) => c.inputs.length > 0));
  // Every column keeps the lines above its 0.7 quantile: 6 of 20.
  for (let j = 0; j < 7; j++) {
    assert.equal(step.binary.reduce((n: number, row: number[]) => n + row[j], 0), 6);
  }
  const mi = JSON.parse(new TextDecoder().decode(a.get("mi.json")));
  assert.deepEqual(mi.cols, ["sub_1", "sub_2", "sub_3", "sub_4", "sub_5", "sub_8", "sub_12"]);
  assert.deepEqual(mi.rows, net.line.name);
  // Another seed, other rows.
  const c = join(base, "c");
  assert.equal((await runScript(main, [...args, "--seed", "30", "--out", c])).code, 0);
  assert.notDeepEqual((await folderFiles(c)).get("mi.json"), a.get("mi.json"));
});

Deno.test("cluster --env: bad grid flags exit 2, one line, nothing written", async () => {
  const base = await testFolder("cluster-grid-bad");
  const out = join(base, "out");
  const cases: [string[], RegExp][] = [
    [["--env", "case15"], /^error: --env: "case15" is not copy, factored, case14 or a grid2op/],
    [["--env", "case14", "--steps", "10"], /^error: --steps: only for synthetic MDPs/],
    [["--env", "case14", "--shuffle-baseline"], /^error: --shuffle-baseline: only for synthetic/],
    [["--env", "copy", "--episodes", "10"], /^error: --episodes: only for grids/],
    [["--episodes", "10"], /^error: --episodes: only for grids/],
    [["--env", "case14", "--episodes", "0"], /^error: --episodes: 0 is out of range/],
    [["--env", "case14", "--samples", "5"], /^error: --samples: 5 is out of range \[20,/],
    [["--env", "case14", "--thresholds", "0.7,2"], /^error: --thresholds: 2 is out of range/],
    [["--env", base], /not a grid2op environment folder \(no grid\.json\)/],
    [["--redis", "redis://127.0.0.1:1"], /^error: --redis: only for grids/],
    [["--env", "case14", "--redis-wait", "3"], /^error: --redis-wait needs --redis/],
    [["--env", "case14", "--redis", "http://h:1"], /^error: --redis: "http:\/\/h:1" is not redis:/],
    [
      ["--env", "case14", "--redis", "redis://10.9.9.9:6379"],
      /^error: --redis redis:\/\/10\.9\.9\.9:6379: run with --allow-net=10\.9\.9\.9:6379/,
    ],
    [
      ["--env", "case14", "--episodes", "1", "--samples", "1000"],
      /^error: --episodes: sub_\d+ gave \d+ rows in 1 episodes, fewer than the 20/,
    ],
  ];
  for (const [args, message] of cases) {
    const { code, err } = await runScript(main, [...args, "--out", out, "--quiet"]);
    assert.equal(code, 2, args.join(" "));
    assert.equal(err.length, 1, `${args.join(" ")}: ${err.join(" / ")}`);
    assert.match(err[0], message);
    assert.ok(!(await Deno.stat(out).then(() => true, () => false)), `${args.join(" ")} wrote`);
  }
});

Deno.test("clusters file: bad content is one error naming the file and field", async () => {
  const base = await testFolder("clusters-file");
  const good = {
    env: "case14",
    threshold: 0.85,
    clusters: [{ substations: [1, 2], lines: [0, 2], substationNames: ["sub_1", "sub_2"] }],
    unassignedLines: [5],
  };
  const cases: [unknown, RegExp][] = [
    [{ ...good, extra: 1 }, /bad\.json: extra: unknown field/],
    [
      { ...good, clusters: [{ substations: [1], lines: [-1] }] },
      /clusters\.0\.lines\.0: expected a non-negative integer/,
    ],
    [
      { ...good, clusters: [{ substations: [1], lines: [20] }] },
      /clusters\.0\.lines: 20 is not in 0\.\.19/,
    ],
    [
      {
        ...good,
        clusters: [{ substations: [1, 2], lines: [], substationNames: ["sub_1", "sub_9"] }],
      },
      /clusters\.0\.substationNames: \["sub_1","sub_9"\] are not this grid's/,
    ],
    [{ ...good, unassignedLines: [40] }, /unassignedLines: 40 is not in 0\.\.19/],
  ];
  const path = join(base, "good.json");
  await Deno.writeTextFile(path, JSON.stringify(good));
  assert.deepEqual((await readDecomposition(path, net)).decomposition, {
    clusters: [{ substations: [1, 2], lines: [0, 2] }],
    unassignedLines: [5],
  });
  for (const [value, message] of cases) {
    const bad = join(base, "bad.json");
    await Deno.writeTextFile(bad, JSON.stringify(value));
    await assert.rejects(readDecomposition(bad, net), message);
  }
});
