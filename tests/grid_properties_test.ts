/**
 * Properties of the power flow on the project's own case14 (no external data): power balance,
 * the DC linear system, splitting a bus and joining it back, random topologies that never
 * throw, and warm starts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { readCase } from "../effects/io/case.ts";
import { acScratch, solveAc } from "../core/grid/powerflow/ac.ts";
import { compileGrid } from "../core/grid/powerflow/compile.ts";
import { solveDc } from "../core/grid/powerflow/dc.ts";
import { caseInjections, defaultTopoVect, Injections, Network } from "../core/grid/network.ts";
import { PowerFlowResult } from "../core/grid/powerflow/results.ts";
import { busTopology } from "../core/grid/topology.ts";

const net: Network = (await readCase("case14")).net;
const base = defaultTopoVect(net);
const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

/** Generation minus consumption minus branch losses, MW and MVAr (0 for a solution). */
function imbalance(r: PowerFlowResult): [number, number] {
  return [
    sum(r.genP) - sum(r.loadP) - sum(r.shuntP) - (sum(r.pOr) + sum(r.pEx)),
    sum(r.genQ) - sum(r.loadQ) - sum(r.shuntQ) - (sum(r.qOr) + sum(r.qEx)),
  ];
}

/** Case injections with loads and generation scaled (as a scenario's daily swing would). */
const injections = fc.tuple(
  fc.double({ min: 0.4, max: 1.2, noNaN: true }),
  fc.double({ min: 0.97, max: 1.06, noNaN: true }),
)
  .map(([load, v]): Injections => ({
    loadP: net.load.p.map((p) => p * load),
    loadQ: net.load.q.map((q) => q * load),
    genP: net.gen.p.map((p) => p * load),
    genVmPu: net.gen.vmPu.map(() => v),
  }));

const subStart = net.layout.subInfo.reduce((acc: number[], n, s) => [...acc, acc[s] + n], [0]);

/**
 * A topology as agents make them: one to three substations split (a random subset of their
 * elements on bus bar 2), sometimes a line disconnected, rarely a load or generator cut.
 */
const topologies = fc.tuple(
  fc.array(
    fc.tuple(
      fc.nat(net.sub.name.length - 1),
      fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
  fc.option(fc.nat(net.line.name.length - 1), { freq: 3 }),
  fc.option(fc.nat(base.length - 1), { freq: 10 }),
).map(([splits, line, cut]) => {
  const topo = Int8Array.from(base);
  for (const [sub, pick] of splits) {
    for (let k = 0; k < net.layout.subInfo[sub]; k++) if (pick[k]) topo[subStart[sub] + k] = 2;
  }
  if (line !== null) {
    topo[net.layout.lineOrPosTopoVect[line]] = topo[net.layout.lineExPosTopoVect[line]] = -1;
  }
  if (cut !== null) topo[cut] = -1;
  return topo;
});

Deno.test("power balance: generation = load + shunts + losses on every solved case", () => {
  fc.assert(
    fc.property(injections, topologies, (inj, topo) => {
      for (
        const r of [solveAc(compileGrid(net, base), inj), solveAc(compileGrid(net, topo), inj)]
      ) {
        if (!r.converged) continue;
        const [p, q] = imbalance(r);
        assert.ok(Math.abs(p) < 1e-6 && Math.abs(q) < 1e-6, `imbalance ${p} MW, ${q} MVAr`);
      }
    }),
    { numRuns: 150 },
  );
});

Deno.test("a DC solution satisfies B' theta = P, B' built independently from the line data", () => {
  fc.assert(
    fc.property(injections, (inj) => {
      const grid = compileGrid(net, base);
      const r = solveDc(grid, inj);
      assert.equal(r.status, "converged");
      const nSub = net.sub.name.length;
      const p = new Float64Array(nSub); // B' theta, MW
      const rad = (deg: number) => (deg * Math.PI) / 180;
      for (let l = 0; l < net.line.name.length; l++) {
        const a = net.line.orSub[l], b = net.line.exSub[l];
        const flow = (100 * (rad(r.busVa[a]) - rad(r.busVa[b]) - rad(net.line.shiftDeg[l]))) /
          (net.line.x[l] * net.line.ratio[l]);
        p[a] += flow;
        p[b] -= flow;
        assert.ok(Math.abs(r.pOr[l] - flow) < 1e-9 && r.pEx[l] === -r.pOr[l]);
      }
      const injected = new Float64Array(nSub);
      net.gen.sub.forEach((s, g) => (injected[s] += r.genP[g]));
      net.load.sub.forEach((s, d) => (injected[s] -= inj.loadP[d]));
      net.shunt.sub.forEach((s, k) => (injected[s] -= net.shunt.p[k]));
      for (let s = 0; s < nSub; s++) assert.ok(Math.abs(p[s] - injected[s]) < 1e-9, `bus ${s}`);
      assert.ok(Math.abs(sum(r.pOr) + sum(r.pEx)) < 1e-9); // lossless
    }),
    { numRuns: 50 },
  );
});

Deno.test("splitting a bus and joining it back gives the original solution, bit for bit", () => {
  const inj = caseInjections(net);
  const original = solveAc(compileGrid(net, base), inj);
  const { subInfo } = net.layout;
  const start = subStart;
  fc.assert(
    fc.property(
      fc.nat(net.sub.name.length - 1),
      fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      (sub, pick) => {
        const split = Int8Array.from(base);
        for (let k = 0; k < subInfo[sub]; k++) {
          if (pick[k]) split[start[sub] + k] = 2;
        }
        solveAc(compileGrid(net, split), inj);
        const joined = Int8Array.from(split).map((b) => (b === 2 ? 1 : b));
        const again = solveAc(compileGrid(net, joined), inj);
        for (const k of ["busVm", "busVa", "pOr", "qOr", "aOr", "genP", "genQ"] as const) {
          assert.deepEqual(Array.from(again[k]), Array.from(original[k]), k);
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("moving a whole substation (and its shunts) to bus bar 2 changes nothing but the bus's name", () => {
  const inj = caseInjections(net);
  const original = solveAc(compileGrid(net, base), inj);
  const nSub = net.sub.name.length;
  const start = subStart;
  for (let sub = 0; sub < nSub; sub++) {
    const moved = Int8Array.from(base).fill(2, start[sub], start[sub + 1]);
    const shuntBar = Int8Array.from(net.shunt.sub, (s) => (s === sub ? 2 : 1));
    const r = solveAc(compileGrid(net, moved, { shuntBar }), inj);
    assert.equal(r.status, "converged");
    assert.ok(
      Math.abs(r.busVm[sub + nSub] - original.busVm[sub]) < 1e-12 && Number.isNaN(r.busVm[sub]),
    );
    for (let l = 0; l < net.line.name.length; l++) {
      assert.ok(Math.abs(r.pOr[l] - original.pOr[l]) < 1e-9);
    }
  }
});

Deno.test("random topologies never throw: they converge, or report divergence or their island", () => {
  const statuses = new Set<string>();
  let connected = 0;
  fc.assert(
    fc.property(topologies, injections, (topo, inj) => {
      const grid = compileGrid(net, topo);
      const ac = solveAc(grid, inj);
      const dc = solveDc(grid, inj);
      statuses.add(ac.status);
      const t = busTopology(net, topo);
      if (grid.problem === null) {
        connected++;
        assert.equal(t.busesOffSlack.length, 0);
        assert.ok(["converged", "max-iterations", "singular", "non-finite"].includes(ac.status));
        assert.equal(dc.status, "converged");
      } else {
        assert.equal(ac.status, grid.problem);
        assert.ok(t.slackBus < 0 || t.busesOffSlack.length > 0);
      }
      if (!ac.converged) assert.ok(Number.isNaN(ac.pOr[0]) && Number.isNaN(ac.busVm[0]));
    }),
    { numRuns: 300 },
  );
  assert.ok(
    statuses.has("converged") && statuses.has("island-without-slack"),
    [...statuses].join(","),
  );
  assert.ok(connected > 100, `only ${connected} connected topologies drawn`);
});

Deno.test("warm start: from its own solution a case needs no iteration; from the last step, fewer", () => {
  const grid = compileGrid(net, base);
  const inj = caseInjections(net);
  const cold = solveAc(grid, inj);
  const same = solveAc(grid, inj, { init: cold });
  assert.equal(same.iterations, 0);
  for (let l = 0; l < net.line.name.length; l++) {
    assert.ok(Math.abs(same.pOr[l] - cold.pOr[l]) < 1e-9);
  }
  const next = {
    ...inj,
    loadP: net.load.p.map((p) => p * 1.02),
    loadQ: net.load.q.map((q) => q * 1.02),
  };
  const warm = solveAc(grid, next, { init: cold });
  const fresh = solveAc(grid, next);
  assert.equal(warm.status, "converged");
  assert.ok(warm.iterations < fresh.iterations);
  for (let i = 0; i < 14; i++) assert.ok(Math.abs(warm.busVm[i] - fresh.busVm[i]) < 1e-9);
  assert.equal(solveAc(grid, next, { maxIterations: 1 }).status, "max-iterations");
});

Deno.test("a reused scratch gives the same results as fresh memory, call after call", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(topologies, injections), { minLength: 1, maxLength: 6 }),
      (calls) => {
        const grids = calls.map(([topo]) => compileGrid(net, topo));
        const scratches = grids.map(acScratch);
        for (let round = 0; round < 2; round++) {
          calls.forEach(([, inj], k) => {
            const fresh = solveAc(grids[k], inj);
            const reused = solveAc(grids[k], inj, { scratch: scratches[k] });
            assert.equal(reused.status, fresh.status);
            assert.deepEqual(Array.from(reused.aOr), Array.from(fresh.aOr));
            assert.deepEqual(Array.from(reused.genQ), Array.from(fresh.genQ));
          });
        }
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("solving changes nothing it was given: the compiled grid and the injections", () => {
  fc.assert(
    fc.property(topologies, injections, (topo, inj) => {
      const grid = compileGrid(net, topo);
      const snapshot = () =>
        JSON.stringify([
          Array.from(grid.ybus.re),
          Array.from(grid.ybus.im),
          Array.from(grid.dc?.factors ?? []),
          Array.from(grid.busType),
          Array.from(inj.loadP),
          Array.from(inj.genVmPu),
        ]);
      const before = snapshot();
      const first = solveAc(grid, inj);
      solveDc(grid, inj);
      solveAc(grid, inj, { init: "flat" });
      assert.equal(snapshot(), before);
      assert.deepEqual(Array.from(solveAc(grid, inj).pOr), Array.from(first.pOr));
    }),
    { numRuns: 60 },
  );
});
