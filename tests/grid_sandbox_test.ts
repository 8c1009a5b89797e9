/**
 * The sandbox (`l2rpn_case14_sandbox`) against grid2op 1.10.5 with pandapower and lightsim2grid:
 * the case pandapower builds at reset (Y-bus, voltages, flows), 50 do-nothing steps, one step
 * after unitary topologies, and one step of each of the 487 discrete actions; and the project's
 * own case14 fixture against the folder it was written from.
 */
import assert from "node:assert/strict";
import { sharedTest } from "./shared.ts";
import {
  ActionDict,
  applyToReset,
  ChronicRows,
  G2OP,
  maxAbsDiff,
  maxRelDiff,
  readRef,
  rowInjections,
  SANDBOX,
} from "./grid_refs.ts";
import { readGrid2opFolder } from "../effects/io/grid2op_folder.ts";
import { readCase } from "../effects/io/case.ts";
import { solveAc } from "../core/grid/powerflow/ac.ts";
import { compileGrid } from "../core/grid/powerflow/compile.ts";
import { defaultTopoVect, Injections, Network } from "../core/grid/network.ts";
import { lineLoading, PowerFlowResult } from "../core/grid/powerflow/results.ts";
import { sharedPath } from "./shared.ts";

const PPC = `${G2OP}/sandbox_ppc_at_reset_pandapower.json`;

/** The injections pandapower solved at reset, from the reference's own net tables. */
// deno-lint-ignore no-explicit-any
function resetInjections(ref: any): Injections {
  const col = (table: { columns: string[]; data: number[][] }, c: string) =>
    table.data.map((row) => row[table.columns.indexOf(c)]);
  const { gen, load } = ref.net_tables;
  return {
    loadP: col(load, "p_mw"),
    loadQ: col(load, "q_mvar"),
    genP: col(gen, "p_mw"),
    genVmPu: col(gen, "vm_pu"),
  };
}

const table = (t: { data: number[][] }, c: number) => t.data.map((row) => row[c]);

sharedTest("sandbox at reset: the same Y-bus, voltages and flows as pandapower", PPC, async () => {
  const net = await readGrid2opFolder(sharedPath(SANDBOX));
  const ref = readRef(PPC);
  const grid = compileGrid(net, defaultTopoVect(net));
  // pandapower's 28 buses: bus bars 2 are out of service, its Y-bus is over the 14 in use.
  assert.equal(ref.bus.length, 2 * net.sub.name.length);
  assert.equal(grid.topo.nBus, 14);
  assert.deepEqual(Array.from(grid.topo.busGlobal), ref.pp_bus_lookup.slice(0, 14));
  const y = ref.Ybus_coo;
  let nnz = 0;
  for (let k = 0; k < y.row.length; k++) {
    const { start, col, re, im } = grid.ybus;
    const at = Array.from(col.subarray(start[y.row[k]], start[y.row[k] + 1])).indexOf(y.col[k]);
    assert.ok(at >= 0, `Y-bus entry (${y.row[k]}, ${y.col[k]}) missing`);
    const p = start[y.row[k]] + at;
    assert.ok(
      Math.abs(re[p] - y.re[k]) < 1e-12 && Math.abs(im[p] - y.im[k]) < 1e-12,
      `Y(${y.row[k]},${y.col[k]})`,
    );
    nnz++;
  }
  assert.equal(nnz, grid.ybus.start[grid.ybus.n]);
  // Bus types as in the ppc: the slack (3), PV (2), PQ (1), unused (4).
  const types = ref.bus.map((row: number[]) => row[1]);
  for (let b = 0; b < 28; b++) {
    const i = grid.topo.busIndex[b];
    assert.equal(i < 0 ? 4 : [1, 2, 3][grid.busType[i]], types[b], `bus ${b} type`);
  }

  const r = solveAc(grid, resetInjections(ref));
  assert.equal(r.status, "converged");
  assert.equal(r.iterations, ref.iterations);
  const vm = ref.V_result.re.map((re: number, i: number) => Math.hypot(re, ref.V_result.im[i]));
  const va = ref.V_result.re.map((re: number, i: number) =>
    (Math.atan2(ref.V_result.im[i], re) * 180) / Math.PI
  );
  assert.ok(maxAbsDiff(r.busVm.subarray(0, 14), vm) < 1e-8);
  assert.ok(maxAbsDiff(r.busVa.subarray(0, 14), va) < 1e-6);

  const [line, trafo] = [ref.res_line, ref.res_trafo];
  const both = (c: number, t: number) => [...table(line, c), ...table(trafo, t)];
  const rel = (a: ArrayLike<number>, b: number[], what: string) => {
    const d = maxRelDiff(a, b, 1e-2);
    assert.ok(d < 1e-5, `${what}: relative difference ${d}`);
  };
  rel(r.pOr, both(0, 0), "p_or");
  rel(r.qOr, both(1, 1), "q_or");
  rel(r.pEx, both(2, 2), "p_ex");
  rel(r.qEx, both(3, 3), "q_ex");
  rel(r.aOr, both(6, 6).map((ka) => 1000 * ka), "a_or");
  rel(r.aEx, both(7, 7).map((ka) => 1000 * ka), "a_ex");
  rel(r.genP, table(ref.res_gen, 0), "gen p");
  rel(r.genQ, table(ref.res_gen, 1), "gen q");
  rel(r.shuntQ, table(ref.res_shunt, 1), "shunt q");
  // grid2op's observation: a_or in A, v_or in kV, rho = a_or / thermal limit (float32).
  rel(r.vOr, ref.obs_v_or, "obs v_or");
  rel(lineLoading(net, r), ref.obs_rho, "obs rho");
});

sharedTest(
  "the case14 fixture gives the same solution as the grid2op folder it was written from",
  PPC,
  async () => {
    const folder = await readGrid2opFolder(sharedPath(SANDBOX));
    const fixture = (await readCase("case14")).net;
    assert.deepEqual(fixture.layout, folder.layout);
    assert.deepEqual(fixture.line.name, folder.line.name);
    assert.deepEqual(Array.from(fixture.line.thermalLimitA), Array.from(folder.line.thermalLimitA));
    const injections = [resetInjections(readRef(PPC)), {
      loadP: folder.load.p,
      loadQ: folder.load.q,
      genP: folder.gen.p,
      genVmPu: folder.gen.vmPu,
    }];
    for (const inj of injections) {
      const a = solveAc(compileGrid(folder, defaultTopoVect(folder)), inj);
      const b = solveAc(compileGrid(fixture, defaultTopoVect(fixture)), inj);
      assert.equal(a.status, "converged");
      for (
        const k of [
          "busVm",
          "busVa",
          "pOr",
          "qOr",
          "aOr",
          "pEx",
          "qEx",
          "aEx",
          "genP",
          "genQ",
          "loadV",
        ] as const
      ) {
        const d = maxRelDiff(b[k].filter(Number.isFinite), a[k].filter(Number.isFinite), 1);
        assert.ok(d < 1e-9, `${k}: ${d}`);
      }
    }
  },
);

/** Fields of a grid2op observation that a power flow determines, and our result's name. */
const OBS: [string, keyof PowerFlowResult][] = [
  ["p_or", "pOr"],
  ["q_or", "qOr"],
  ["v_or", "vOr"],
  ["a_or", "aOr"],
  ["theta_or", "thetaOr"],
  ["p_ex", "pEx"],
  ["q_ex", "qEx"],
  ["v_ex", "vEx"],
  ["a_ex", "aEx"],
  ["theta_ex", "thetaEx"],
  ["gen_p", "genP"],
  ["gen_q", "genQ"],
  ["gen_v", "genV"],
  ["gen_theta", "genTheta"],
  ["load_v", "loadV"],
  ["load_theta", "loadTheta"],
];

/** Checks a result against a lightsim2grid observation (float32: 1e-5 relative, floor 1). */
// deno-lint-ignore no-explicit-any
function matchesObservation(net: Network, r: PowerFlowResult, obs: any, where: string): void {
  for (const [field, key] of OBS) {
    const d = maxRelDiff(r[key] as Float64Array, obs[field], 1);
    assert.ok(d < 1e-5, `${where} ${field}: ${d}`);
  }
  assert.ok(maxAbsDiff(lineLoading(net, r), obs.rho) < 1e-6, `${where} rho`);
}

const DO_NOTHING = `${G2OP}/trace_donothing50_lightsim.json`;

sharedTest(
  "50 do-nothing steps: every power-flow field of lightsim2grid's observations",
  DO_NOTHING,
  async () => {
    const net = await readGrid2opFolder(sharedPath(SANDBOX));
    const trace = readRef(DO_NOTHING);
    const rows: ChronicRows = trace.chronic_inputs;
    const grid = compileGrid(net, defaultTopoVect(net));
    for (const step of trace.steps) {
      assert.ok(step.topo_vect.every((b: number) => b === 1));
      const r = solveAc(grid, rowInjections(net, rows, step.chronic_row_index));
      assert.equal(r.status, "converged");
      matchesObservation(net, r, step, `step ${step.current_step}`);
    }
  },
);

const TOPO = `${G2OP}/trace_topo_actions_lightsim.json`;

sharedTest(
  "one step after unitary topologies: split substations solved as lightsim2grid solves them",
  TOPO,
  async () => {
    const net = await readGrid2opFolder(sharedPath(SANDBOX));
    const rows: ChronicRows = readRef(DO_NOTHING).chronic_inputs;
    const cases = Object.entries(readRef(TOPO).results);
    assert.equal(cases.length, 13);
    let split = 0;
    // deno-lint-ignore no-explicit-any
    for (const [name, obs] of cases as [string, any][]) {
      split += obs.topo_vect.some((b: number) => b === 2) ? 1 : 0;
      const r = solveAc(
        compileGrid(net, obs.topo_vect),
        rowInjections(net, rows, obs.chronic_row_index),
      );
      assert.equal(r.status, "converged", name);
      matchesObservation(net, r, obs, name);
    }
    assert.equal(split, 6); // the other six set every element back on bus 1
  },
);

const ALL = `${G2OP}/trace_all487_onestep_lightsim.json`;

sharedTest(
  "all 487 one-step actions: the same divergences as lightsim2grid, rho to 1e-5 elsewhere",
  ALL,
  async () => {
    const net = await readGrid2opFolder(sharedPath(SANDBOX));
    const rows: ChronicRows = readRef(DO_NOTHING).chronic_inputs;
    const inj = rowInjections(net, rows, 1);
    const counts = { diverged: 0, cascaded: 0, solved: 0 };
    for (const step of readRef(ALL).results) {
      if (step.is_illegal) continue; // an illegal action is replaced by do-nothing
      const first = solveAc(compileGrid(net, applyToReset(net, step.action as ActionDict)), inj);
      if (!first.converged) {
        // We never diverge where grid2op went on.
        assert.ok(step.done, `action ${step.idx}: ${first.status} but grid2op went on`);
        assert.match(step.exception[0], /Divergence of (AC|DC) powerflow/);
        counts.diverged++;
      } else if (step.done) {
        // grid2op's game over came after the first power flow: a line above 200 % is cut
        // (hard overflow) and the cascade's next power flow fails.
        assert.ok(
          Math.max(...lineLoading(net, first)) > 2,
          `action ${step.idx}: converged, no hard overflow`,
        );
        counts.cascaded++;
      } else {
        // The observation is of the final topology (after any cascade).
        const r = solveAc(compileGrid(net, step.topo_vect), inj);
        assert.equal(r.status, "converged", `action ${step.idx}`);
        assert.ok(maxAbsDiff(lineLoading(net, r), step.rho) < 1e-5, `action ${step.idx} rho`);
        counts.solved++;
      }
    }
    // 33 topologies with an island or an isolated element (lightsim: DC initialisation fails)
    // and 6 AC divergences, as lightsim2grid finds them on its first power flow.
    assert.deepEqual(counts, { diverged: 33, cascaded: 38, solved: 336 });
  },
);
