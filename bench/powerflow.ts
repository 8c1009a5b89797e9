/**
 * Bench section "powerflow": solve times of the AC power flow, cold (DC start, as grid2op
 * calls it, and flat start) and warm (from the previous time step's solution), with their
 * iterations, on the sandbox and on IEEE 118 and 300; the topology compilation an environment
 * caches; the DC power flow; and the two building blocks whose choice the code documents
 * (dense against sparse LU, fast trigonometry against `Math.cos` / `Math.sin`).
 * The sandbox and MATPOWER cases come from ../shared when present; without it the sandbox is
 * the built-in case14 (the same grid) and the other cases are skipped.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { present } from "./shared_data.ts";
import { BenchSection, Report, timeBatched, Timing } from "./timing.ts";
import { readCase, readGrid2opFolder, readMatpower } from "../effects/io/mod.ts";
import {
  acScratch,
  compileGrid,
  factorInPlace,
  linearSystem,
  linearWork,
  polarToRect,
  solveAc,
  solveDc,
  solveFactored,
  SolverKind,
} from "../core/grid/powerflow/mod.ts";
import {
  caseInjections,
  defaultTopoVect,
  genVmPuFromKv,
  Injections,
  Network,
} from "../core/grid/mod.ts";

const SHARED = new URL("../../shared/", import.meta.url);

/** True when ../shared holds `rel`. */
const sharedExists = (rel: string) => present(fileURLToPath(new URL(rel, SHARED)));

/**
 * A sequence of injections, one per time step: for the sandbox, the chronic rows of the
 * do-nothing trace when ../shared has it; otherwise a daily swing around the case's values.
 */
async function steps(net: Network, sandbox: boolean): Promise<Injections[]> {
  const rel = "reference/grid2op/trace_donothing50_lightsim.json";
  if (sandbox && await sharedExists(rel)) {
    const text = await Deno.readTextFile(new URL(rel, SHARED));
    const rows = JSON.parse(text.replace(/\bNaN\b/g, "null")).chronic_inputs;
    return rows.load_p.map((_: unknown, t: number) => ({
      loadP: rows.load_p[t],
      loadQ: rows.load_q[t],
      genP: rows.prod_p[t],
      genVmPu: genVmPuFromKv(net, rows.prod_v[t]),
    }));
  }
  // A daily swing (+-10 %, 48 steps) around the case's own values.
  const inj = { ...caseInjections(net), loadP: net.load.p, loadQ: net.load.q, genP: net.gen.p };
  return Array.from({ length: 48 }, (_, t) => {
    const f = 1 + 0.1 * Math.sin((2 * Math.PI * t) / 48);
    return {
      ...inj,
      loadP: inj.loadP.map((p) => p * f),
      loadQ: inj.loadQ.map((q) => q * f),
      genP: inj.genP.map((p) => p * f),
    };
  });
}

/** A figure's note: the mean iterations (when given) and the fastest run. */
const note = (t: Timing, scale: number, unit: string, iterations?: number[]) =>
  (iterations
    ? `${(iterations.reduce((a, b) => a + b, 0) / iterations.length).toFixed(2)} iterations, `
    : "") +
  `fastest ${(t.min * scale).toPrecision(3)} ${unit}`;

/**
 * Times compile, cold (DC and flat start), warm and DC solves of one network. AC solves reuse
 * one scratch (`acScratch`), as a simulator's step loop does; one line shows the cost without.
 */
async function benchNetwork(
  report: Report,
  label: string,
  net: Network,
  series: Injections[],
  quick: boolean,
) {
  const opts = { minSeconds: quick ? 0.1 : 0.5, minRuns: 5 };
  const big = net.sub.name.length > 50;
  const batch = (n: number) => (big ? Math.max(1, n / 20) : n);
  const topo = defaultTopoVect(net);
  const grid = compileGrid(net, topo);
  const scratch = acScratch(grid);
  const us = (name: string, t: Timing, iterations?: number[]) =>
    report(`${label}: ${name}`, t.median * 1e6, "us", note(t, 1e6, "us", iterations));
  us(
    "compile a topology (cached per topology)",
    await timeBatched(() => compileGrid(net, topo), batch(50), opts),
  );
  let t = 0;
  const next = () => series[t++ % series.length];
  const iterations = (init: "dc" | "flat") =>
    series.map((inj) => solveAc(grid, inj, { init }).iterations);
  const cold = await timeBatched(() => solveAc(grid, next(), { scratch }), batch(200), opts);
  us("AC cold, DC start (grid2op's call)", cold, iterations("dc"));
  const fresh = await timeBatched(() => solveAc(grid, next()), batch(200), opts);
  us("AC cold, DC start, without a scratch", fresh, iterations("dc"));
  const flat = await timeBatched(
    () => solveAc(grid, next(), { init: "flat", scratch }),
    batch(200),
    opts,
  );
  us("AC cold, flat start", flat, iterations("flat"));
  const solutions = series.map((inj) => solveAc(grid, inj));
  const warmIterations = series.slice(1).map((inj, k) =>
    solveAc(grid, inj, { init: solutions[k] }).iterations
  );
  let k = 0;
  const warm = await timeBatched(
    () => {
      const i = 1 + (k++ % (series.length - 1));
      return solveAc(grid, series[i], { init: solutions[i - 1], scratch });
    },
    batch(200),
    opts,
  );
  us("AC warm, from the previous step's solution", warm, warmIterations);
  const same = await timeBatched(
    () => solveAc(grid, series[0], { init: solutions[0], scratch }),
    batch(200),
    opts,
  );
  us("AC warm, same injections (mismatch check only)", same, [0]);
  us("DC power flow", await timeBatched(() => solveDc(grid, next()), batch(500), opts));
}

/** Factor + solve time of a grid-like system (ring with chords) of n unknowns. */
function luCase(n: number, kind: SolverKind): () => void {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    pairs.push([i, (i + 1) % n]);
    if (i % 3 === 0) pairs.push([i, (i + Math.floor(n / 2)) % n]);
  }
  const valid = pairs.filter(([a, b]) => a !== b);
  const sys = linearSystem(n, valid, kind);
  const work = linearWork(sys);
  const filled = new Float64Array(sys.size);
  for (let i = 0; i < n; i++) filled[sys.position(i, i)] = 10;
  for (const [a, b] of valid) {
    filled[sys.position(a, b)] = -1;
    filled[sys.position(b, a)] = -1.5;
  }
  const v = new Float64Array(sys.size);
  const rhs = new Float64Array(n);
  return () => {
    v.set(filled);
    rhs.fill(1);
    solveFactored(sys, v, work, factorInPlace(sys, v, work), rhs);
  };
}

/** The "powerflow" section of `deno task bench`. */
export const powerflowBench: BenchSection = {
  name: "powerflow",
  async run(report, { quick }) {
    const sandboxRel = "data/grid2op/l2rpn_case14_sandbox";
    const sandbox = await sharedExists(sandboxRel)
      ? await readGrid2opFolder(fileURLToPath(new URL(sandboxRel, SHARED)))
      : (await readCase("case14")).net;
    await benchNetwork(report, "sandbox", sandbox, await steps(sandbox, true), quick);
    for (const name of ["case118", "case300"]) {
      const rel = `data/matpower/${name}.m`;
      if (!(await sharedExists(rel))) continue;
      const net = (await readMatpower(fileURLToPath(new URL(rel, SHARED)))).net;
      await benchNetwork(report, name, net, await steps(net, false), quick);
    }
    const opts = { minSeconds: quick ? 0.05 : 0.3 };
    for (const n of [4, 6, 13, 22, 60]) {
      for (const kind of ["dense", "sparse"] as const) {
        const t = await timeBatched(luCase(n, kind), 200, opts);
        report(
          `LU factor + solve, ${n} unknowns, ${kind}`,
          t.median * 1e9,
          "ns",
          note(t, 1e9, "ns"),
        );
      }
    }
    const m = 1024;
    const va = Float64Array.from({ length: m }, (_, i) => (i / m - 0.5) * 0.6);
    const vm = new Float64Array(m).fill(1);
    const re = new Float64Array(m), im = new Float64Array(m);
    const fast = await timeBatched(() => polarToRect(vm, va, re, im), 20, opts);
    const slow = await timeBatched(
      () => {
        for (let i = 0; i < m; i++) {
          re[i] = vm[i] * Math.cos(va[i]);
          im[i] = vm[i] * Math.sin(va[i]);
        }
      },
      20,
      opts,
    );
    report(
      "polar to rectangular, per angle (core/grid/powerflow/trig.ts)",
      (fast.median / m) * 1e9,
      "ns",
      note(fast, 1e9 / m, "ns"),
    );
    report(
      "Math.cos + Math.sin, per angle",
      (slow.median / m) * 1e9,
      "ns",
      note(slow, 1e9 / m, "ns"),
    );
  },
};
