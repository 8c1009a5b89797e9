import assert from "node:assert/strict";
import fc from "fast-check";
import { dirichlet, genFromSeed } from "../core/random.ts";
import { researchConfig, type SearchConfig } from "../core/muzero/config.ts";
import type { RootOutput, SearchModel } from "../core/muzero/model.ts";
import {
  initRoot,
  normalisedValue,
  rootPriors,
  search,
  selectAction,
  simulate,
  ucbScore,
} from "../core/muzero/search.ts";
import { nodeValue, ROOT, type Tree, UNVISITED } from "../core/muzero/tree.ts";

/** A pseudo-random value in [0, 1) of (seed, key): the fake model's "weights". */
function hash(seed: number, key: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(key + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

/**
 * A model over an implicit tree: the hidden state is a node id (one float), the child of id
 * after action a is id * A + a + 1, rewards, values and priors are hashes of the id.
 * `constant` makes every reward and value that number.
 */
function fakeModel(numActions: number, seed: number, constant?: number) {
  let policyCalls = 0;
  const priorsOf = (id: number, out: Float32Array, at: number) => {
    let s = 0;
    for (let a = 0; a < numActions; a++) s += out[at + a] = 0.05 + hash(seed + 7, id * 31 + a);
    for (let a = 0; a < numActions; a++) out[at + a] /= s;
  };
  const model: SearchModel & { policyCalls(): number } = {
    numActions,
    hiddenSize: 1,
    recurrent(hidden, from, action, to, out) {
      const id = hidden[from] * numActions + action + 1;
      hidden[to] = id;
      out[0] = constant ?? 2 * hash(seed, 2 * id) - 1;
      out[1] = constant ?? 2 * hash(seed, 2 * id + 1) - 1;
    },
    policy(hidden, from, priors, at) {
      policyCalls++;
      priorsOf(hidden[from], priors, at);
    },
    policyCalls: () => policyCalls,
  };
  const priors = new Float32Array(numActions);
  priorsOf(0, priors, 0);
  const root: RootOutput = { hidden: Float32Array.of(0), value: constant ?? 0.3, priors };
  return { model, root };
}

const config = (simulations: number): SearchConfig => ({ ...researchConfig, simulations });

const caseArb = fc.record({
  actions: fc.integer({ min: 2, max: 6 }),
  simulations: fc.integer({ min: 1, max: 40 }),
  seed: fc.integer({ min: 0, max: 1 << 30 }),
  noise: fc.boolean(),
  maskBits: fc.integer({ min: 1, max: 63 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function setup(c: Case) {
  const { model, root } = fakeModel(c.actions, c.seed);
  const legal = Uint8Array.from({ length: c.actions }, (_, a) => (c.maskBits >> a) & 1);
  if (!legal.some((x) => x === 1)) legal[0] = 1;
  const count = legal.reduce((n, x) => n + x, 0);
  const noise = c.noise ? dirichlet(genFromSeed(c.seed), 0.3, count)[0] : null;
  return { model, root, legal, noise, cfg: config(c.simulations) };
}

Deno.test("search: root visit counts sum to the number of simulations; illegal actions stay unsearched", () => {
  fc.assert(fc.property(caseArb, (c) => {
    const { model, root, legal, noise, cfg } = setup(c);
    const r = search(root, model, cfg, { noise, legal });
    assert.equal(r.visits.reduce((a, b) => a + b, 0), c.simulations);
    assert.equal(r.tree.visits[ROOT], c.simulations);
    assert.equal(r.tree.size, c.simulations + 1);
    for (let a = 0; a < c.actions; a++) {
      if (!legal[a]) assert.equal(r.tree.children[a], UNVISITED);
    }
    assert.ok(Math.abs(r.policy.reduce((x, y) => x + y, 0) - 1) < 1e-6);
  }));
});

Deno.test("search: with equal (zero) values the visits follow the priors", () => {
  fc.assert(fc.property(
    fc.integer({ min: 2, max: 8 }),
    fc.integer({ min: 1, max: 60 }),
    fc.integer({ min: 0, max: 1 << 30 }),
    (actions, simulations, seed) => {
      const { model, root } = fakeModel(actions, seed, 0);
      const r = search(root, model, config(simulations));
      const p = r.tree.priors.subarray(0, actions);
      for (let a = 0; a < actions; a++) {
        for (let b = 0; b < actions; b++) {
          if (p[a] > p[b]) assert.ok(r.visits[a] >= r.visits[b], `prior ${p[a]} > ${p[b]}`);
        }
      }
      const top = p.indexOf(Math.max(...p));
      assert.equal(r.visits[top], Math.max(...r.visits));
      assert.ok(r.visits[top] >= 1);
    },
  ));
});

/** Brute force: a node's value sum from its own evaluation and its subtree, recursively. */
function bruteValueSum(tree: Tree, node: number, discount: number): [number, number] {
  let sum = node === ROOT ? 0 : tree.rawValue[node];
  let visits = node === ROOT ? 0 : 1;
  for (let a = 0; a < tree.numActions; a++) {
    const c = tree.children[node * tree.numActions + a];
    if (c === UNVISITED) continue;
    const [cs, cv] = bruteValueSum(tree, c, discount);
    sum += cv * tree.reward[c] + discount * cs;
    visits += cv;
  }
  return [sum, visits];
}

Deno.test("search: back-up values equal a brute-force recursion over the tree", () => {
  fc.assert(fc.property(caseArb, fc.double({ min: 0.5, max: 1, noNaN: true }), (c, discount) => {
    const { model, root, legal, noise } = setup(c);
    const tree = search(root, model, { ...config(c.simulations), discount }, { noise, legal }).tree;
    for (let n = 0; n < tree.size; n++) {
      const [sum, visits] = bruteValueSum(tree, n, discount);
      assert.equal(tree.visits[n], visits);
      assert.ok(Math.abs(tree.valueSum[n] - sum) < 1e-9 * (1 + Math.abs(sum)), `node ${n}`);
    }
  }));
});

Deno.test("search: noise mixing keeps a distribution over the legal actions", () => {
  fc.assert(fc.property(
    fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 2, maxLength: 30 }),
    fc.integer({ min: 0, max: 1 << 30 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.05, max: 2, noNaN: true }),
    (raw, seed, fraction, alpha) => {
      const legal = Uint8Array.from(raw, (_, a) => (hash(seed, a) < 0.7 || a === 0 ? 1 : 0));
      const count = legal.reduce((n, x) => n + x, 0);
      const [noise] = dirichlet(genFromSeed(seed), alpha, count);
      for (const n of [noise, null]) {
        const p = rootPriors(raw, legal, n, fraction);
        let s = 0;
        p.forEach((x, a) => {
          assert.ok(x >= 0);
          if (!legal[a]) assert.equal(x, 0);
          s += x;
        });
        assert.ok(Math.abs(s - 1) < 1e-5, `sum ${s}`);
      }
    },
  ));
});

Deno.test("search: normalised values stay in [0, 1] once the tree holds two distinct values", () => {
  fc.assert(fc.property(caseArb, (c) => {
    const { model, root, legal, noise, cfg } = setup(c);
    const tree = initRoot(root, cfg, { noise, legal });
    const scratch = new Float64Array(2);
    for (let s = 0; s < c.simulations; s++) {
      simulate(tree, model, cfg, scratch);
      if (!(tree.minMax[1] > tree.minMax[0])) continue;
      for (let n = 1; n < tree.size; n++) {
        const v = normalisedValue(tree, n, cfg.discount);
        assert.ok(v >= -1e-12 && v <= 1 + 1e-12, `node ${n}: ${v}`);
      }
    }
  }));
});

Deno.test("search: the same inputs give the same tree", () => {
  fc.assert(fc.property(caseArb, (c) => {
    const a = setup(c), b = setup(c);
    const ta = search(a.root, a.model, a.cfg, { noise: a.noise, legal: a.legal }).tree;
    const tb = search(b.root, b.model, b.cfg, { noise: b.noise, legal: b.legal }).tree;
    assert.deepEqual(ta, tb);
  }));
});

Deno.test("search: selection equals an argmax of the pUCT score over every action", () => {
  fc.assert(fc.property(caseArb, (c) => {
    const { model, root, legal, noise, cfg } = setup(c);
    const tree = initRoot(root, cfg, { noise, legal });
    const scratch = new Float64Array(2);
    for (let s = 0; s < c.simulations; s++) {
      for (let n = 0; n < tree.size; n++) {
        if (!tree.hasPriors[n]) continue;
        let best = -1, bestScore = -Infinity, bestPrior = -Infinity;
        for (let a = 0; a < c.actions; a++) {
          if (n === ROOT && !legal[a]) continue;
          const score = ucbScore(tree, n, a, cfg), prior = tree.priors[n * c.actions + a];
          if (score > bestScore || (score === bestScore && prior > bestPrior)) {
            best = a, bestScore = score, bestPrior = prior;
          }
        }
        assert.equal(selectAction(tree, n, cfg), best);
      }
      simulate(tree, model, cfg, scratch);
    }
  }));
});

Deno.test("search: priors are evaluated once per node a simulation descends through", () => {
  const { model, root } = fakeModel(5, 42);
  const r = search(root, model, config(50));
  let internal = 0;
  for (let n = 1; n < r.tree.size; n++) {
    const row = r.tree.children.subarray(n * 5, n * 5 + 5);
    if (row.some((c) => c !== UNVISITED)) internal++;
    assert.equal(r.tree.hasPriors[n], row.some((c) => c !== UNVISITED) ? 1 : 0);
  }
  assert.equal(model.policyCalls(), internal);
  assert.ok(internal > 0 && internal < 50);
});

Deno.test("pUCT: the research's formula, value term 0 unvisited, r + gV while max = min", () => {
  const { model, root } = fakeModel(3, 1, 0.5);
  const cfg = config(3);
  const tree = initRoot(root, cfg, {});
  // Before any visit every score is 0; the tie goes to the largest prior.
  const p = [...tree.priors.subarray(0, 3)];
  assert.equal(selectAction(tree, ROOT, cfg), p.indexOf(Math.max(...p)));
  simulate(tree, model, cfg, new Float64Array(2));
  const a0 = tree.actionFromParent[1];
  // The child: r = 0.5, V = 0.5, q = 0.95; the root: V = 0.95, q = 0.9 * 0.95.
  assert.equal(nodeValue(tree, 1), 0.5);
  assert.equal(tree.minMax[0], 0.9 * 0.95);
  assert.equal(tree.minMax[1], 0.95);
  const np = tree.visits[ROOT];
  const c = (Math.log((np + 19652 + 1) / 19652) + 1.25) * Math.sqrt(np);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  close(ucbScore(tree, ROOT, a0, cfg), c * p[a0] / 2 + 1);
  const other = (a0 + 1) % 3;
  close(ucbScore(tree, ROOT, other, cfg), c * p[other]);
  // While max = min the value term is r + gV itself.
  tree.minMax[0] = tree.minMax[1] = 0.7;
  close(ucbScore(tree, ROOT, a0, cfg), c * p[a0] / 2 + 0.95);
});
