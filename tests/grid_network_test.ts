/**
 * The network model and topologies: grid2op's layout and names on the sandbox, the model's
 * checks, and the bus-level network of a topology (cut elements, islands, the slack).
 */
import assert from "node:assert/strict";
import { sharedPath, sharedTest } from "./shared.ts";
import { G2OP, readRef, SANDBOX } from "./grid_refs.ts";
import { readGrid2opFolder } from "../effects/io/grid2op_folder.ts";
import { readCase } from "../effects/io/case.ts";
import { compileGrid } from "../core/grid/powerflow/compile.ts";
import { solveAc } from "../core/grid/powerflow/ac.ts";
import {
  caseInjections,
  defaultTopoVect,
  makeNetwork,
  Network,
  NetworkError,
} from "../core/grid/network.ts";
import { busTopology } from "../core/grid/topology.ts";

const ENV_INFO = `${G2OP}/env_info_lightsim.json`;

sharedTest(
  "the sandbox's layout, names, thermal limits and generators are grid2op's",
  ENV_INFO,
  async () => {
    const net = await readGrid2opFolder(sharedPath(SANDBOX));
    const info = readRef(ENV_INFO);
    const lay = net.layout;
    const eq = (got: ArrayLike<number> | readonly string[], field: string) =>
      assert.deepEqual(Array.from(got as ArrayLike<number>), info[field], field);
    eq(lay.subInfo, "sub_info");
    assert.equal(lay.dimTopo, info.dim_topo);
    eq(net.line.orSub, "line_or_to_subid");
    eq(net.line.exSub, "line_ex_to_subid");
    eq(net.load.sub, "load_to_subid");
    eq(net.gen.sub, "gen_to_subid");
    eq(lay.lineOrToSubPos, "line_or_to_sub_pos");
    eq(lay.lineExToSubPos, "line_ex_to_sub_pos");
    eq(lay.loadToSubPos, "load_to_sub_pos");
    eq(lay.genToSubPos, "gen_to_sub_pos");
    eq(lay.lineOrPosTopoVect, "line_or_pos_topo_vect");
    eq(lay.lineExPosTopoVect, "line_ex_pos_topo_vect");
    eq(lay.loadPosTopoVect, "load_pos_topo_vect");
    eq(lay.genPosTopoVect, "gen_pos_topo_vect");
    eq(net.line.name, "name_line");
    eq(net.load.name, "name_load");
    eq(net.gen.name, "name_gen");
    eq(net.sub.name, "name_sub");
    eq(net.shunt.name, "name_shunt");
    eq(net.shunt.sub, "shunt_to_subid");
    eq(net.line.thermalLimitA, "thermal_limit");
    eq(net.gen.pMax, "gen_pmax");
    eq(net.gen.pMin, "gen_pmin");
    eq(net.gen.type, "gen_type");
    eq(net.gen.maxRampUp, "gen_max_ramp_up");
    eq(net.gen.minUpTime, "gen_min_uptime");
    eq(net.gen.costPerMW, "gen_cost_per_MW");
    eq(net.gen.startupCost, "gen_startup_cost");
    assert.equal(net.gen.name[net.slackGen], "gen_0_5");
  },
);

sharedTest(
  "rte_case118_example loads: 186 lines, 62 generators, one slack, its shunts out of service",
  "data/grid2op/rte_case118_example",
  async () => {
    const net = await readGrid2opFolder(sharedPath("data/grid2op/rte_case118_example"));
    assert.equal(net.line.name.length, 186);
    assert.equal(net.gen.name.length, 62);
    assert.equal(net.gen.name[net.slackGen], "gen_68_37");
    assert.equal(net.line.name[173], "7_4_173");
    assert.ok(net.shunt.inService.every((s) => s === 0));
    const r = solveAc(compileGrid(net, defaultTopoVect(net)), caseInjections(net));
    assert.equal(r.status, "converged");
  },
);

async function case14(): Promise<Network> {
  return (await readCase("case14")).net;
}

Deno.test("the model rejects a broken network, naming the table and field", async () => {
  const net = await case14();
  const broken = (patch: (n: Network) => Network, message: RegExp) =>
    assert.throws(
      () => makeNetwork(patch(net)),
      (e: Error) => e instanceof NetworkError && message.test(e.message),
    );
  broken(
    (n) => ({ ...n, line: { ...n.line, exSub: n.line.exSub.map((s, l) => (l === 3 ? 99 : s)) } }),
    /line\.exSub\[3\]: substation 99 does not exist/,
  );
  broken(
    (n) => ({ ...n, line: { ...n.line, r: n.line.r.map(() => 0), x: n.line.x.map(() => 0) } }),
    /line\.x\[0\]: a branch needs a non-zero impedance/,
  );
  broken((n) => ({ ...n, slackGen: 17 }), /slackGen: generator 17 does not exist/);
  broken(
    (n) => ({ ...n, gen: { ...n.gen, vmPu: n.gen.vmPu.map(() => NaN) } }),
    /gen\.vmPu\[0\]: expected a finite number/,
  );
  broken(
    (n) => ({ ...n, load: { ...n.load, q: n.load.q.subarray(1) } }),
    /load\.q: expected 11 values, got 10/,
  );
});

Deno.test("topology: cut loads and generators, islands and a cut slack are reported, not thrown", async () => {
  const net = await case14();
  const lay = net.layout;
  const nSub = net.sub.name.length;
  const base = defaultTopoVect(net);
  const t0 = busTopology(net, base);
  assert.equal(t0.nBus, 14);
  assert.deepEqual(Array.from(t0.busIndex), [...Array(14).keys(), ...Array(14).fill(-1)]);
  assert.deepEqual(Array.from(t0.busGlobal), [...Array(14).keys()]);
  assert.equal(t0.nIsland, 1);
  assert.deepEqual([t0.loadsCut.length, t0.gensCut.length, t0.busesOffSlack.length], [0, 0, 0]);

  const cutLoad = Int8Array.from(base);
  cutLoad[lay.loadPosTopoVect[4]] = -1;
  assert.deepEqual(Array.from(busTopology(net, cutLoad).loadsCut), [4]);

  // Load 0 alone on bus bar 2 of its substation: an island without the slack.
  const alone = Int8Array.from(base);
  alone[lay.loadPosTopoVect[0]] = 2;
  const t1 = busTopology(net, alone);
  assert.deepEqual(Array.from(t1.busesOffSlack), [net.load.sub[0] + nSub]);
  assert.equal(compileGrid(net, alone).problem, "island-without-slack");
  assert.equal(
    solveAc(compileGrid(net, alone), caseInjections(net)).status,
    "island-without-slack",
  );

  // A line with one end off is off at both ends, as in grid2op.
  const half = Int8Array.from(base);
  half[lay.lineOrPosTopoVect[2]] = -1;
  const t2 = busTopology(net, half);
  assert.equal(t2.lineStatus[2], 0);
  assert.equal(t2.lineExBus[2], -1);

  const noSlack = Int8Array.from(base);
  noSlack[lay.genPosTopoVect[net.slackGen]] = -1;
  assert.equal(
    solveAc(compileGrid(net, noSlack), caseInjections(net)).status,
    "slack-disconnected",
  );

  assert.throws(() => busTopology(net, base.subarray(1)), /topo_vect: expected 57 values, got 56/);
  assert.throws(
    () => busTopology(net, Int8Array.from(base).fill(3, 0, 1)),
    /topo_vect\[0\]: a bus must be 1, 2 or -1, got 3/,
  );
});
