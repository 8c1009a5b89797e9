/**
 * MATPOWER cases against MATPOWER 8.1's `runpf` (Octave): voltages, generator outputs and
 * branch flows of case14 and case118, the iteration counts, and the other cases solving; and
 * malformed `.m` files rejected with the file, field and row named.
 */
import assert from "node:assert/strict";
import { sharedPath, sharedTest } from "./shared.ts";
import { maxAbsDiff } from "./grid_refs.ts";
import { parseMatpower, readMatpower } from "../effects/io/matpower.ts";
import { InputError } from "../effects/errors.ts";
import { solveAc } from "../core/grid/powerflow/ac.ts";
import { compileGrid } from "../core/grid/powerflow/compile.ts";
import { solveDc } from "../core/grid/powerflow/dc.ts";
import { caseInjections, defaultTopoVect } from "../core/grid/network.ts";
import { PowerFlowResult } from "../core/grid/powerflow/results.ts";

/** MATPOWER's tolerance: 1e-8 per unit of largest mismatch. */
const mpOptions = (baseMVA: number) => ({ toleranceMVA: 1e-8 * baseMVA });

function csvRows(rel: string): string[][] {
  return Deno.readTextFileSync(sharedPath(rel)).trim().split("\n").slice(1).map((l) =>
    l.split(",")
  );
}

async function solveCase(name: string, init: "case" | "flat" | "dc") {
  const mp = await readMatpower(sharedPath(`data/matpower/${name}.m`));
  const grid = compileGrid(mp.net, defaultTopoVect(mp.net));
  const r = solveAc(grid, caseInjections(mp.net), {
    ...mpOptions(mp.net.baseMVA),
    init: init === "case" ? mp.start : init,
  });
  return { mp, grid, r };
}

/** Sum of generation minus load and shunt consumption equals the branch losses (MW, MVAr). */
function balance(r: PowerFlowResult): [number, number] {
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const p = sum(r.genP) - sum(r.loadP) - sum(r.shuntP) - (sum(r.pOr) + sum(r.pEx));
  const q = sum(r.genQ) - sum(r.loadQ) - sum(r.shuntQ) - (sum(r.qOr) + sum(r.qEx));
  return [p, q];
}

for (const name of ["case14", "case118"]) {
  const ref = `reference/matpower/matpower_${name}_runpf.csv`;
  sharedTest(
    `${name}: voltages, generators and branch flows as MATPOWER's runpf`,
    ref,
    async () => {
      const { mp, r } = await solveCase(name, "case");
      assert.equal(r.status, "converged");
      const buses = csvRows(ref);
      assert.deepEqual(Array.from(mp.busNumber), buses.map((b) => Number(b[0])));
      const n = buses.length;
      const vm = maxAbsDiff(r.busVm.subarray(0, n), buses.map((b) => Number(b[4])));
      const va = maxAbsDiff(r.busVa.subarray(0, n), buses.map((b) => Number(b[5])));
      assert.ok(vm < 1e-6, `vm differs by ${vm} pu`);
      assert.ok(va < 1e-4, `va differs by ${va} degrees`);
      const rows = csvRows(`reference/matpower/matpower_${name}_runpf_gen_branch.csv`);
      const gens = rows.filter((row) => row[0] === "gen");
      const branches = rows.filter((row) => row[0] === "branch");
      assert.equal(gens.length, mp.net.gen.name.length);
      assert.equal(branches.length, mp.net.line.name.length);
      const col = (rs: string[][], c: number) => rs.map((row) => Number(row[c]));
      for (
        const [got, want, what] of [
          [r.genP, col(gens, 4), "Pg"],
          [r.genQ, col(gens, 5), "Qg"],
          [r.pOr, col(branches, 4), "Pf"],
          [r.qOr, col(branches, 5), "Qf"],
          [r.pEx, col(branches, 6), "Pt"],
          [r.qEx, col(branches, 7), "Qt"],
        ] as const
      ) {
        const d = maxAbsDiff(got, want);
        assert.ok(d < 1e-4, `${what} differs by ${d} MW/MVAr`);
      }
    },
  );
}

sharedTest("case118's reference bus keeps its 30 degrees", "data/matpower/case118.m", async () => {
  const { mp, r } = await solveCase("case118", "dc");
  const slackSub = mp.net.gen.sub[mp.net.slackGen];
  assert.equal(mp.net.slackAngleDeg, 30);
  assert.ok(Math.abs(r.busVa[slackSub] - 30) < 1e-12);
  const dc = solveDc(compileGrid(mp.net, defaultTopoVect(mp.net)), caseInjections(mp.net));
  assert.ok(Math.abs(dc.busVa[slackSub] - 30) < 1e-12);
});

sharedTest(
  "case14 converges in 2 iterations from the case's voltages and 4 from a flat start",
  "data/matpower/case14.m",
  async () => {
    assert.equal((await solveCase("case14", "case")).r.iterations, 2);
    assert.equal((await solveCase("case14", "flat")).r.iterations, 4);
  },
);

for (const name of ["case14", "case30", "case57", "case118", "case300"]) {
  sharedTest(
    `${name}: converges from every start, with balanced power`,
    `data/matpower/${name}.m`,
    async () => {
      const solutions = [];
      for (const init of ["case", "flat", "dc"] as const) {
        const { r } = await solveCase(name, init);
        assert.equal(r.status, "converged", `${init} start`);
        assert.ok(r.iterations <= 6, `${init} start: ${r.iterations} iterations`);
        const [p, q] = balance(r);
        assert.ok(
          Math.abs(p) < 1e-5 && Math.abs(q) < 1e-5,
          `${init} start: imbalance ${p} MW, ${q} MVAr`,
        );
        solutions.push(r);
      }
      // Every start reaches the same solution.
      const vm0 = solutions[0].busVm.filter(Number.isFinite);
      const va0 = solutions[0].busVa.filter(Number.isFinite);
      for (const r of solutions.slice(1)) {
        assert.ok(maxAbsDiff(r.busVm.filter(Number.isFinite), vm0) < 1e-8);
        assert.ok(maxAbsDiff(r.busVa.filter(Number.isFinite), va0) < 1e-6);
      }
    },
  );
}

const CASE = `function mpc = tiny
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
  1 3 0 0 0 0 1 1.0 0 0 1 1.1 0.9;
  2 1 50 10 0 0 1 1.0 0 0 1 1.1 0.9;
];
mpc.gen = [
  1 0 0 100 -100 1.0 100 1 100 0;
];
mpc.branch = [
  1 2 0.01 0.1 0.02 0 0 0 0 0 1 -360 360;
];
`;

Deno.test("a two-bus MATPOWER case: solved, with its generator on the reference bus as slack", () => {
  const mp = parseMatpower(CASE, "tiny.m", "tiny");
  const r = solveAc(compileGrid(mp.net, defaultTopoVect(mp.net)), caseInjections(mp.net));
  assert.equal(r.status, "converged");
  assert.ok(Math.abs(r.genP[0] - 50 - (r.pOr[0] + r.pEx[0])) < 1e-9);
});

Deno.test("malformed .m files: the file, field and row are named", () => {
  const bad: [string, RegExp][] = [
    [CASE.replace(/mpc\.branch[\s\S]*$/, ""), /tiny\.m: mpc\.branch: missing/],
    [
      CASE.replace("0.01 0.1", "0.01 x"),
      /tiny\.m: mpc\.branch line 2 column 4: not a number \("x"\)/,
    ],
    [
      CASE.replace("1 0 0 100 -100 1.0 100 1 100 0;", "1 0 0 100;"),
      /tiny\.m: mpc\.gen row 1: expected at least 10 columns, got 4/,
    ],
    [CASE.replace("1 2 0.01", "1 7 0.01"), /tiny\.m: mpc\.branch row 1: bus 7 does not exist/],
    [CASE.replace("1 3 0 0", "1 2 0 0"), /tiny\.m: mpc\.bus: no reference bus/],
    [
      CASE.replace("mpc.baseMVA = 100;", "mpc.baseMVA = -1;"),
      /tiny\.m: mpc\.baseMVA: expected a positive number/,
    ],
    [CASE.replace("2 1 50 10", "1 1 50 10"), /tiny\.m: mpc\.bus row 2: bus 1 appears twice/],
    [CASE.replace("1 2 0.01 0.1", "1 2 0 0"), /tiny\.m: mpc\.branch row 1: zero impedance/],
  ];
  for (const [text, message] of bad) {
    assert.throws(
      () => parseMatpower(text, "tiny.m"),
      (e: Error) => e instanceof InputError && message.test(e.message),
    );
  }
});
