import assert from "node:assert/strict";
import { buildMdp, drawsPerStep, FactoredMdp, step, valuesFromUniforms } from "../core/mdp/mdp.ts";
import { rollout } from "../core/mdp/rollout.ts";
import {
  CopySpec,
  dependencies,
  FactoredSpec,
  inputNames,
  MdpSpec,
  specProblem,
  targetNames,
} from "../core/mdp/spec.ts";
import { genFromSeed, uniforms } from "../core/random.ts";

/** docs/research.md 1a's copy experiment. */
const copySpec: CopySpec = {
  kind: "copy",
  n: 5,
  m: 3,
  stateValues: 2,
  actionValues: 2,
  relation: [
    [1, 0, 1, 0, 1, 1, 1, 0],
    [0, 1, 0, 1, 0, 0, 0, 1],
    [1, 0, 1, 0, 1, 1, 1, 0],
    [0, 1, 0, 1, 0, 0, 0, 1],
    [1, 0, 1, 0, 1, 1, 1, 0],
  ],
};

/** docs/research.md 1a's factored experiment. */
const factoredSpec: FactoredSpec = {
  kind: "factored",
  n: 5,
  m: 3,
  stateValues: 2,
  actionValues: 2,
  alpha: 1,
  blocks: [{ states: [0, 2, 4], actions: [0, 1] }, { states: [1, 3], actions: [2] }],
};

Deno.test("copy step: each s'_i copies the input its draw picks among its related inputs", () => {
  const mdp = buildMdp(copySpec, genFromSeed(0));
  const state = Object.freeze([0, 1, 0, 1, 1]), action = Object.freeze([1, 0, 0]);
  // s'0 may copy s0, s2, s4, a0, a1: draws in [0, 0.2) pick s0, ..., [0.8, 1) pick a1.
  const pick = (u0: number) => step(mdp, state, action, [u0, 0, 0, 0, 0])[0];
  assert.deepEqual([0.1, 0.3, 0.5, 0.7, 0.9].map(pick), [0, 0, 1, 1, 0]);
  // s'1 may copy s1, s3, a2.
  assert.deepEqual(step(mdp, state, action, [0, 0.1, 0, 0.9, 0]), [0, 1, 0, 0, 0]);
  assert.deepEqual(state, [0, 1, 0, 1, 1]);
  assert.equal(drawsPerStep(mdp), 5);
});

Deno.test("factored tables: rows are distributions, drawn from the generator only", () => {
  const a = buildMdp(factoredSpec, genFromSeed(3)) as FactoredMdp;
  const b = buildMdp(factoredSpec, genFromSeed(3)) as FactoredMdp;
  const c = buildMdp(factoredSpec, genFromSeed(4)) as FactoredMdp;
  assert.deepEqual(a.tables, b.tables);
  assert.notDeepEqual(a.tables, c.tables);
  // Block 0: 2^3 states x 2^2 actions rows, 2^3 outcomes; block 1: 2^2 x 2 rows, 2^2 outcomes.
  assert.deepEqual(a.tables.map((t) => t.length), [32 * 8, 8 * 4]);
  for (const [t, outcomes] of [[a.tables[0], 8], [a.tables[1], 4]] as const) {
    for (let r = 0; r < t.length / outcomes; r++) {
      const row = t.subarray(r * outcomes, (r + 1) * outcomes);
      assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-12);
    }
  }
  assert.equal(drawsPerStep(a), 2);
});

Deno.test("factored step: outcome frequencies follow the block's table row", () => {
  const mdp = buildMdp(factoredSpec, genFromSeed(5)) as FactoredMdp;
  const state = [1, 0, 0, 1, 1], action = [0, 1, 1];
  // Block 1 (states 1, 3; action 2): row code (s1, s3, a2) = (0, 1, 1) = 3.
  const row = mdp.tables[1].subarray(3 * 4, 4 * 4);
  const trials = 20000;
  const [u] = uniforms(genFromSeed(6), trials);
  const counts = [0, 0, 0, 0];
  for (let t = 0; t < trials; t++) {
    const next = step(mdp, state, action, [0.5, u[t]]);
    counts[next[1] * 2 + next[3]]++;
  }
  counts.forEach((c, o) => assert.ok(Math.abs(c / trials - row[o]) < 0.015, `outcome ${o}`));
});

Deno.test("rollout records (s', s, a) rows that chain, with named columns", () => {
  const mdp = buildMdp(copySpec, genFromSeed(0));
  const steps = 500;
  const [ua, g] = uniforms(genFromSeed(1), steps * 3);
  const [us] = uniforms(g, steps * 5);
  const { table, last } = rollout(mdp, [1, 1, 0, 0, 1], ua, us, steps);
  assert.deepEqual(table.targets.map((c) => c.name), ["s'0", "s'1", "s'2", "s'3", "s'4"]);
  assert.deepEqual(table.inputs.map((c) => c.name), [
    "s0",
    "s1",
    "s2",
    "s3",
    "s4",
    "a0",
    "a1",
    "a2",
  ]);
  assert.deepEqual(targetNames(copySpec), table.targets.map((c) => c.name));
  assert.deepEqual(inputNames(copySpec), table.inputs.map((c) => c.name));
  assert.deepEqual([0, 1, 2, 3, 4].map((j) => table.inputs[j].values[0]), [1, 1, 0, 0, 1]);
  for (let t = 0; t + 1 < steps; t++) {
    for (let i = 0; i < 5; i++) {
      assert.equal(table.inputs[i].values[t + 1], table.targets[i].values[t]);
    }
    const state = [0, 1, 2, 3, 4].map((j) => table.inputs[j].values[t]);
    const action = [5, 6, 7].map((j) => table.inputs[j].values[t]);
    assert.deepEqual(action, valuesFromUniforms(ua.subarray(3 * t, 3 * t + 3), 2));
    assert.deepEqual(
      step(mdp, state, action, us.subarray(5 * t, 5 * t + 5)),
      [0, 1, 2, 3, 4].map((i) => table.targets[i].values[t]),
    );
  }
  assert.deepEqual(last, [0, 1, 2, 3, 4].map((i) => table.targets[i].values[steps - 1]));
  assert.throws(() => rollout(mdp, [0, 0, 0, 0, 0], ua, us, steps + 1), /need/);
});

Deno.test("dependencies: the relation, or each block's states and actions", () => {
  assert.deepEqual(dependencies(copySpec), copySpec.relation);
  assert.deepEqual(dependencies(factoredSpec), copySpec.relation);
});

Deno.test("specProblem names the field of every malformed spec", () => {
  const bad: [MdpSpec, RegExp][] = [
    [
      { ...copySpec, relation: copySpec.relation.slice(1) },
      /^relation: expected n = 5 rows, got 4/,
    ],
    [
      { ...copySpec, relation: copySpec.relation.map((r, i) => (i === 2 ? r.slice(1) : r)) },
      /^relation\.2: expected n \+ m = 8 entries, got 7/,
    ],
    [
      { ...copySpec, relation: copySpec.relation.map((r, i) => (i === 1 ? r.map(() => 0) : r)) },
      /^relation\.1: s'1 copies no input/,
    ],
    [
      {
        ...copySpec,
        relation: copySpec.relation.map((r, i) => (i === 0 ? [2, ...r.slice(1)] : r)),
      },
      /^relation\.0\.0: expected 0 or 1, got 2/,
    ],
    [{ ...copySpec, actionValues: 3 }, /^actionValues: 3 action values/],
    [{ ...factoredSpec, blocks: [] }, /^blocks: expected at least one block/],
    [{ ...factoredSpec, alpha: 0 }, /^alpha: expected a positive number, got 0/],
    [
      {
        ...factoredSpec,
        blocks: [{ states: [0, 2, 4], actions: [0] }, { states: [1, 3, 0], actions: [] }],
      },
      /^blocks\.1\.states\.2: state 0 is already in block 0/,
    ],
    [
      { ...factoredSpec, blocks: [{ states: [0, 2, 4], actions: [] }] },
      /^blocks: state 1 is in no block/,
    ],
    [
      { ...factoredSpec, blocks: [{ states: [0, 1, 2, 3, 9], actions: [] }] },
      /^blocks\.0\.states\.4: 9 is out of range for states \(0 \.\. 4\)/,
    ],
    [
      { ...factoredSpec, blocks: [{ states: [0, 1, 2, 3, 4], actions: [1, 1] }] },
      /^blocks\.0\.actions\.1: action 1 is listed twice/,
    ],
    [
      { ...factoredSpec, stateValues: 10, blocks: [{ states: [0, 1, 2, 3, 4], actions: [] }] },
      /^blocks\.0: its conditional table would hold 10000000000 entries/,
    ],
  ];
  for (const [spec, message] of bad) {
    assert.match(specProblem(spec) ?? "(none)", message);
    assert.throws(() => buildMdp(spec, genFromSeed(0)), RangeError);
  }
  assert.equal(specProblem(copySpec), undefined);
  assert.equal(specProblem(factoredSpec), undefined);
});
