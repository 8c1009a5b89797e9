/**
 * Actions with grid2op's meaning on the built-in case14 grid (the sandbox's): the unitary
 * enumeration and the discrete table, dictionaries both ways, ambiguity, the topological
 * impact the rules count, the rules, and how an action changes the topology.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { readCase } from "../effects/io/case.ts";
import {
  ActionDict,
  actionFromDict,
  actionToDict,
  ambiguity,
  doNothing,
  GridAction,
  isDoNothing,
  topoIndex,
  topologicalImpact,
} from "../core/grid/env/action.ts";
import { applyToTopology, registerTopology } from "../core/grid/env/bus_action.ts";
import { DEFAULT_PARAMETERS, envParameters } from "../core/grid/env/parameters.ts";
import { brokenRule, illegality } from "../core/grid/env/rules.ts";
import {
  changeTopologies,
  discreteActions,
  setTopologies,
  unitaryLineChange,
  unitaryLineSet,
} from "../core/grid/env/unitary.ts";

const { net } = await readCase("case14");
const index = topoIndex(net);
const lay = net.layout;
const nLine = net.line.name.length;
const connected = new Uint8Array(nLine).fill(1);
const act = (d: ActionDict) => actionFromDict(index, d);

Deno.test("unitary topologies per substation and the discrete table's parts (grid2op's counts)", () => {
  const subs = [...Array(14).keys()];
  assert.deepEqual(
    subs.map((s) => setTopologies(index, s).length),
    [3, 29, 5, 31, 15, 57, 4, 0, 15, 3, 3, 3, 7, 3],
  );
  assert.deepEqual(
    subs.map((s) => changeTopologies(index, s).length),
    [3, 31, 7, 31, 15, 63, 3, 1, 15, 3, 3, 3, 7, 3],
  );
  assert.equal(unitaryLineSet(index).length, 100);
  assert.equal(unitaryLineChange(index).length, 20);
  const table = discreteActions(index);
  assert.equal(table.length, 487);
  assert.ok(isDoNothing(table[0]));
  // Every set_bus topology: first element on bus 1, a line end on every bus in use, no repeat.
  for (const s of subs) {
    const tops = setTopologies(index, s).map((t) => t.join(""));
    assert.equal(new Set(tops).size, tops.length);
    for (const t of setTopologies(index, s)) {
      assert.equal(t[0], 1);
      for (const bus of new Set(t)) {
        const hasLine = [...t.keys()].some((k) =>
          t[k] === bus && index.lineOf[index.subStart[s] + k] >= 0
        );
        assert.ok(hasLine, `substation ${s}: bus ${bus} without a line in ${t}`);
      }
    }
    // change_bus masks: no mask with its complement also present.
    const masks = changeTopologies(index, s).map((m) => m.join(""));
    for (const m of masks) {
      assert.ok(!masks.includes([...m].map((c) => (c === "1" ? "0" : "1")).join("")));
    }
  }
});

Deno.test("action dictionaries: grid2op's form both ways; bad ids are errors", () => {
  const arbitrary = fc.record({
    set_bus: fc.record({
      loads_id: fc.uniqueArray(fc.nat(10), { selector: (x) => x }).chain((ids) =>
        fc.tuple(...ids.map((id) => fc.tuple(fc.constant(id), fc.constantFrom(-1, 1, 2))))
      ),
    }),
    change_bus: fc.record({ lines_or_id: fc.uniqueArray(fc.nat(19)) }),
    change_line_status: fc.uniqueArray(fc.nat(19)),
  });
  fc.assert(fc.property(arbitrary, (d) => {
    const a = act(d as ActionDict);
    const back = actionToDict(index, a);
    assert.deepEqual(actionFromDict(index, back), a);
  }));
  assert.deepEqual(actionToDict(index, doNothing(net)), {});
  assert.throws(() => act({ set_bus: { loads_id: [[11, 1]] } }), /set_bus.loads_id: element 11/);
  assert.throws(() => act({ change_line_status: [20] }), /change_line_status: element 20/);
  assert.throws(() => act({ set_line_status: [[0, 2]] }), /set_line_status\[0\]: 2/);
});

Deno.test("ambiguity: each of grid2op's topology checks, and none for the table", () => {
  const cases: [ActionDict, RegExp][] = [
    [{ set_line_status: [[3, -1]], change_line_status: [3] }, /both changed and set/],
    [{ set_bus: { loads_id: [[0, 2]] }, change_bus: { loads_id: [0] } }, /both changed and set/],
    [{ set_bus: { loads_id: [[0, 3]] } }, /above 2/],
    [{ set_bus: { loads_id: [[0, -2]] } }, /below -1/],
    [{ set_bus: { lines_or_id: [[4, -1]], lines_ex_id: [[4, 1]] } }, /one end/],
    [
      { set_line_status: [[4, -1]], set_bus: { lines_ex_id: [[4, 2]] } },
      /disconnected and also set/,
    ],
    [{ set_line_status: [[4, 1]], set_bus: { lines_or_id: [[4, -1]] } }, /reconnected and also/],
    [{ set_line_status: [[4, -1]], change_bus: { lines_or_id: [4] } }, /disconnected and its bus/],
    [{ set_line_status: [[4, 1]], change_bus: { lines_ex_id: [4] } }, /reconnected and its bus/],
  ];
  for (const [d, why] of cases) {
    assert.match(ambiguity(index, act(d)) ?? "", why, JSON.stringify(d));
  }
  for (const a of discreteActions(index)) assert.equal(ambiguity(index, a), null);
  const short = { ...doNothing(net), setBus: new Int8Array(3) };
  assert.match(ambiguity(index, short) ?? "", /ends of objects/);
});

Deno.test("topological impact: what grid2op's rules count", () => {
  const impact = (d: ActionDict, status: Uint8Array | null = connected) =>
    topologicalImpact(index, act(d), status);
  const off4 = connected.slice();
  off4[4] = 0;
  // A reconnection that also sets both end buses touches two substations on a connected line
  // (illegal with MAX_SUB_CHANGED = 1) and only the line on a disconnected one.
  const reco = {
    set_line_status: [[4, 1]],
    set_bus: { lines_or_id: [[4, 1]], lines_ex_id: [[4, 1]] },
  } as ActionDict;
  assert.deepEqual([impact(reco).nLines, impact(reco).nSubs], [1, 2]);
  assert.deepEqual([impact(reco, off4).nLines, impact(reco, off4).nSubs], [1, 0]);
  // A bus set at an end of a disconnected line reconnects it: one line and, for the other
  // elements of the substation, one substation.
  const sub1 = { set_bus: { lines_or_id: [[4, 2], [2, 1]], loads_id: [[0, 2]] } } as ActionDict;
  assert.deepEqual([impact(sub1).nLines, impact(sub1).nSubs], [0, 1]);
  assert.deepEqual([impact(sub1, off4).nLines, impact(sub1, off4).nSubs], [1, 1]);
  // -1 at one end of a connected line disconnects it: a line, not a substation.
  const cut = impact({ set_bus: { lines_ex_id: [[4, -1]] } });
  assert.deepEqual([cut.nLines, cut.nSubs, cut.lines[4]], [1, 0, 1]);
  // Without line statuses every line counts as disconnected.
  assert.deepEqual([impact(reco, null).nLines, impact(reco, null).nSubs], [1, 0]);
  assert.equal(impact({}).nLines + impact({}).nSubs, 0);
});

Deno.test("rules: counts first, then cooldowns, with grid2op's messages", () => {
  const zeros = {
    timeBeforeCooldownLine: new Int32Array(nLine),
    timeBeforeCooldownSub: new Int32Array(14),
  };
  const two = topologicalImpact(index, act({ change_line_status: [1, 2] }), connected);
  assert.equal(brokenRule(DEFAULT_PARAMETERS, two, zeros), "max-line-status");
  assert.match(illegality("max-line-status", DEFAULT_PARAMETERS, two, zeros), /: 1, 2$/);
  assert.equal(brokenRule(envParameters({ MAX_LINE_STATUS_CHANGED: 2 }), two, zeros), null);
  const subs = topologicalImpact(index, act({ change_bus: { loads_id: [0, 1] } }), connected);
  assert.equal(brokenRule(DEFAULT_PARAMETERS, subs, zeros), "max-sub");
  const one = topologicalImpact(index, act({ change_line_status: [7] }), connected);
  const waiting = {
    ...zeros,
    timeBeforeCooldownLine: zeros.timeBeforeCooldownLine.map((_, l) => (l === 7 ? 3 : 0)),
  };
  assert.equal(brokenRule(DEFAULT_PARAMETERS, one, waiting), "line-cooldown");
  assert.match(illegality("line-cooldown", DEFAULT_PARAMETERS, one, waiting), /lines 7 /);
  const sub = topologicalImpact(index, act({ change_bus: { loads_id: [0] } }), connected);
  const subWait = {
    ...zeros,
    timeBeforeCooldownSub: zeros.timeBeforeCooldownSub.map((_, s) => (s === 1 ? 1 : 0)),
  };
  assert.equal(brokenRule(DEFAULT_PARAMETERS, sub, subWait), "sub-cooldown");
  assert.throws(() => envParameters({ MAX_SUB_CHANGED: -1 }), /MAX_SUB_CHANGED/);
});

Deno.test("topology update: statuses, then buses, then line ends reconciled (grid2op's order)", () => {
  const base = new Int8Array(lay.dimTopo).fill(1);
  const last = base.slice();
  const apply = (topo: Int8Array, lastBus: Int8Array, a: GridAction) =>
    applyToTopology(index, topo, lastBus, a);
  const or4 = lay.lineOrPosTopoVect[4], ex4 = lay.lineExPosTopoVect[4];
  // Do-nothing returns the very same topology.
  assert.equal(apply(base, last, doNothing(net)), base);
  // Disconnecting cuts both ends; the input is not changed.
  const off = apply(base, last, act({ change_line_status: [4] }));
  assert.deepEqual([off[or4], off[ex4], base[or4]], [-1, -1, 1]);
  // Reconnecting puts both ends back on their last buses.
  const lastOr2 = last.slice();
  lastOr2[or4] = 2;
  const back = apply(off, lastOr2, act({ change_line_status: [4] }));
  assert.deepEqual([back[or4], back[ex4]], [2, 1]);
  const backSet = apply(off, lastOr2, act({ set_line_status: [[4, 1]] }));
  assert.deepEqual([backSet[or4], backSet[ex4]], [2, 1]);
  // A bus change on a disconnected end does nothing; a bus set on one reconnects the line,
  // its other end on its last bus.
  assert.deepEqual(apply(off, last, act({ change_bus: { lines_or_id: [4] } })), off);
  const viaBus = apply(off, lastOr2, act({ set_bus: { lines_ex_id: [[4, 2]] } }));
  assert.deepEqual([viaBus[or4], viaBus[ex4]], [2, 2]);
  // -1 at one end disconnects both.
  const cut = apply(base, last, act({ set_bus: { lines_or_id: [[4, -1]] } }));
  assert.deepEqual([cut[or4], cut[ex4]], [-1, -1]);
  // change_bus switches connected elements between 1 and 2.
  const sw = apply(base, last, act({ change_bus: { loads_id: [0] } }));
  assert.equal(sw[lay.loadPosTopoVect[0]], 2);
  // The last buses follow connected elements only.
  const reg = registerTopology(last, viaBus);
  assert.deepEqual([reg[or4], reg[ex4]], [2, 2]);
  assert.equal(registerTopology(last, off), last);
});
