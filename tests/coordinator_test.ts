/**
 * The coordinator's rules (docs/research.md 2) on hand-made observations of the case14 grid: a safe
 * grid does nothing, the picker's queue order and one pop per step, ties by mean rho then by
 * index, a cut line counting as rho 3, reconnection first and only when allowed; and the
 * masked observation of a cluster.
 */
import assert from "node:assert/strict";
import {
  coordinate,
  coordinatorGrid,
  CoordinatorView,
  CUT_LINE_RHO,
  isSafe,
  reconnectableLine,
  substationOrder,
} from "../core/agents/coordinator.ts";
import { clusterMask, maskedObservation } from "../core/agents/masked_observation.ts";
import { clusterActions, substationLines } from "../core/agents/substations.ts";
import { observe } from "../core/grid/env/observation.ts";
import { reset } from "../core/grid/env/step.ts";
import { loadGrid } from "../effects/grids.ts";

const env = await loadGrid("case14");
const net = env.model.net;
const nLine = net.line.name.length, nSub = net.sub.name.length;
const decomposition = {
  clusters: [
    { substations: [1, 2, 3, 4], lines: [0, 2, 3, 4, 5, 6] },
    { substations: [5, 8, 12], lines: [8, 9, 13, 16, 18, 19] },
  ],
  unassignedLines: [1, 7, 10, 11, 12, 14, 15, 17],
};
const grid = coordinatorGrid(net, decomposition);

/** A view with every line at `base` rho, connected, no waits, with `rho` entries replaced. */
function view(
  rho: Record<number, number> = {},
  {
    base = 0.5,
    cut = [] as number[],
    wait = {} as Record<number, number>,
    subWait = {} as Record<number, number>,
  } = {},
): CoordinatorView {
  return {
    rho: Float64Array.from({ length: nLine }, (_, l) => (cut.includes(l) ? 0 : rho[l] ?? base)),
    line_status: Uint8Array.from({ length: nLine }, (_, l) => (cut.includes(l) ? 0 : 1)),
    time_before_cooldown_line: Int32Array.from({ length: nLine }, (_, l) => wait[l] ?? 0),
    time_before_cooldown_sub: Int32Array.from({ length: nSub }, (_, s) => subWait[s] ?? 0),
  };
}

Deno.test("the picker's substations: more than 3 elements, owned by a cluster", () => {
  assert.deepEqual(grid.candidates, [1, 2, 3, 4, 5, 8, 12]);
  assert.deepEqual([...grid.owner], [-1, 0, 0, 0, 0, 1, -1, -1, 1, -1, -1, -1, 1, -1]);
  const partial = coordinatorGrid(net, {
    clusters: [decomposition.clusters[1]],
    unassignedLines: [],
  });
  assert.deepEqual(partial.candidates, [5, 8, 12]);
});

Deno.test("a safe grid with nothing queued does nothing; rho 0.9 is not safe", () => {
  const safe = view({ 3: 0.899 });
  assert.ok(isSafe(safe));
  assert.deepEqual(coordinate(grid, safe, []), { decision: { kind: "do-nothing" }, queue: [] });
  assert.ok(!isSafe(view({ 3: 0.9 })));
  assert.equal(coordinate(grid, view({ 3: 0.9 }), []).decision.kind, "act");
});

Deno.test("unsafe: substations queued by their highest line rho, one popped per step", () => {
  // Line 10 (8_9_10) at 0.95 puts sub_8 first; line 2 (1_2_2) at 0.8 then subs 1 and 2;
  // line 9 (5_12_9) at 0.7 then subs 5 and 12; subs 3 and 4 only have 0.5 lines.
  const v = view({ 10: 0.95, 2: 0.8, 9: 0.7 });
  const order = substationOrder(grid, v);
  // Ties on the highest rho go by mean rho: sub_2's lines (2, 5) average 0.65, sub_1's
  // (0, 2, 3, 4) 0.575; sub_12's (9, 13, 14) 0.567, sub_5's (7, 8, 9, 17) 0.55.
  assert.deepEqual(order, [8, 2, 1, 12, 5, 3, 4]);
  let queue: readonly number[] = [];
  const picked: [number, number][] = [];
  for (let t = 0; t < order.length; t++) {
    // Once queued, substations keep being popped even when the grid is safe again.
    const r = coordinate(grid, t === 0 ? v : view(), queue);
    assert.equal(r.decision.kind, "act");
    if (r.decision.kind === "act") picked.push([r.decision.substation, r.decision.cluster]);
    queue = r.queue;
  }
  assert.deepEqual(picked, [[8, 1], [2, 0], [1, 0], [12, 1], [5, 1], [3, 0], [4, 0]]);
  assert.deepEqual(queue, []);
  assert.equal(coordinate(grid, view(), queue).decision.kind, "do-nothing");
  // An empty queue on an unsafe grid is filled again.
  assert.deepEqual(coordinate(grid, v, queue).queue, order.slice(1));
});

Deno.test("ties: same highest rho, then mean rho, then the lower index", () => {
  // Line 6 (3_4_6) is shared by subs 3 and 4: both peak at 0.95.
  const shared = view({ 6: 0.95, 15: 0.6 }, { base: 0.4 });
  // sub_3's lines 3, 5, 6, 15, 16: mean 0.55; sub_4's 1, 4, 6, 17: mean 0.5375.
  assert.deepEqual(substationOrder(grid, shared).slice(0, 2), [3, 4]);
  const level = view({ 6: 0.95, 15: 0.6, 1: 0.6 }, { base: 0.4 });
  // sub_4 now averages 0.5875 > sub_3's 0.55.
  assert.deepEqual(substationOrder(grid, level).slice(0, 2), [4, 3]);
  // Every line equal: every key ties, the order is by index.
  assert.deepEqual(substationOrder(grid, view({}, { base: 0.95 })), [1, 2, 3, 4, 5, 8, 12]);
});

Deno.test("a cut line counts as rho 3 when ordering", () => {
  // Line 17 (4_5_17) is out and still waiting: no reconnection, and subs 4 and 5 come first
  // even though line 10 (8_9_10) is overloaded.
  const v = view({ 10: 1.2 }, { cut: [17], wait: { 17: 5 } });
  assert.equal(reconnectableLine(grid, v), -1);
  const order = substationOrder(grid, v);
  // sub_4's lines (1, 4, 6, 17): mean (0.5 * 3 + 3) / 4 = 1.125; sub_5's (7, 8, 9, 17) too;
  // the tie goes to the lower index.
  assert.deepEqual(order.slice(0, 3), [4, 5, 8]);
  assert.equal(CUT_LINE_RHO, 3);
  // The rho the observation gives a cut line (0) does not make the grid unsafe on its own.
  assert.ok(isSafe(view({}, { cut: [17], wait: { 17: 5 } })));
});

Deno.test("reconnection first, only when the line's wait and its substations' cooldowns are over", () => {
  const queue = [5, 12];
  // Line 7 (5_10_7) is out, no wait: reconnected, the queue is kept for later.
  const free = view({ 10: 1.1 }, { cut: [7] });
  assert.deepEqual(coordinate(grid, free, queue), {
    decision: { kind: "reconnect", line: 7 },
    queue,
  });
  // Still waiting: the queue goes on.
  const waiting = view({ 10: 1.1 }, { cut: [7], wait: { 7: 1 } });
  assert.deepEqual(coordinate(grid, waiting, queue).decision, {
    kind: "act",
    substation: 5,
    cluster: 1,
  });
  // A substation at either end in cooldown blocks it too.
  assert.equal(reconnectableLine(grid, view({}, { cut: [7], subWait: { 10: 2 } })), -1);
  assert.equal(reconnectableLine(grid, view({}, { cut: [7], subWait: { 5: 2 } })), -1);
  // Two lines out: the first one that may go back.
  assert.equal(reconnectableLine(grid, view({}, { cut: [3, 7], wait: { 3: 4 } })), 7);
  assert.equal(reconnectableLine(grid, view({}, { cut: [3, 7] })), 3);
});

Deno.test("masked observation: the cluster's lines, substations, elements and the calendar", () => {
  const cluster = decomposition.clusters[1]; // subs 5, 8, 12
  const mask = clusterMask(net, cluster);
  const sizes = Object.fromEntries(mask.parts.map((p) => [p.name, p.indices?.length ?? 1]));
  const gens = [...net.gen.sub].filter((s) => cluster.substations.includes(s)).length;
  const loads = [...net.load.sub].filter((s) => cluster.substations.includes(s)).length;
  const elements = cluster.substations.reduce((n, s) => n + net.layout.subInfo[s], 0);
  assert.deepEqual(sizes, {
    month: 1,
    day_of_week: 1,
    hour_of_day: 1,
    minute_of_hour: 1,
    gen_p: gens,
    load_p: loads,
    p_or: 6,
    rho: 6,
    timestep_overflow: 6,
    line_status: 6,
    actual_dispatch: gens,
    target_dispatch: gens,
    curtailment: gens,
    curtailment_limit: gens,
    gen_p_before_curtail: gens,
    topo_vect: elements,
    time_before_cooldown_sub: 3,
  });
  assert.equal(elements, 7 + 5 + 4);
  assert.equal(mask.size, 4 + 6 * gens + loads + 4 * 6 + elements + 3);
  const obs = observe(env.model, reset(env.model, env.scenario(0)));
  const x = maskedObservation(mask, obs);
  const part = (name: string) => {
    let at = 0;
    for (const p of mask.parts) {
      const n = p.indices?.length ?? 1;
      if (p.name === name) return x.subarray(at, at + n);
      at += n;
    }
    throw new Error(name);
  };
  assert.deepEqual([...part("rho")], cluster.lines.map((l) => Math.fround(obs.rho[l])));
  assert.deepEqual([...part("month")], [Math.fround(obs.month / 12)]);
  assert.deepEqual([...part("p_or")], cluster.lines.map((l) => Math.fround(obs.p_or[l] / 100)));
  assert.ok(part("topo_vect").every((b) => b === 1));
  const lines = substationLines(net);
  assert.ok(lines[5].includes(17) && !cluster.lines.includes(17)); // only the cluster's lines
  // The cluster's actions: each substation's unitary set_bus topologies.
  assert.equal(clusterActions(env.model.index, cluster.substations).length, 57 + 15 + 7);
});
