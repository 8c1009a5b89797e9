import assert from "node:assert/strict";
import fc from "fast-check";
import { playBaseline, uniformLegal } from "../core/baselines.ts";
import type { EnvState } from "../core/grid/env/step.ts";
import { genFromSeed } from "../core/random.ts";
import { chainEnv } from "../core/testbeds/chain.ts";
import { loadGrid } from "../effects/grids.ts";

Deno.test("uniformLegal: a legal action, the k-th legal one for u in the k-th slice", () => {
  fc.assert(
    fc.property(
      fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }).filter((m) => m.some((x) => x)),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (bits, u) => {
        const legal = Uint8Array.from(bits, Number);
        const ids = bits.flatMap((b, a) => (b ? [a] : []));
        const a = uniformLegal(legal, legal.length, u);
        assert.equal(legal[a], 1);
        assert.equal(a, ids[Math.floor(u * ids.length)]);
      },
    ),
  );
  assert.equal(uniformLegal(null, 5, 0.99), 4);
  assert.throws(() => uniformLegal(new Uint8Array(3), 3, 0.5), /no legal action/);
});

Deno.test("baselines on case14: do-nothing as replayed, random seeded and shorter-lived", async () => {
  const env = (await loadGrid("case14")).discrete();
  // Do-nothing on generated scenario 4 (seed 0) ends at step 478 (README "Scenarios").
  const [four] = playBaseline(env, "do-nothing", 4, 575, genFromSeed(1));
  assert.deepEqual([four.length, four.terminal], [478, true]);
  let s: EnvState = env.reset(4), total = 0;
  for (let t = 0; t < 478; t++) {
    const next = env.step(s, 0);
    (total += next.reward, s = next.state);
  }
  assert.equal(four.return, total);
  const [capped] = playBaseline(env, "do-nothing", 0, 50, genFromSeed(1));
  assert.deepEqual([capped.length, capped.terminal], [50, false]);
  const random = (seed: number) => playBaseline(env, "random", 0, 200, genFromSeed(seed))[0];
  assert.deepEqual(random(3), random(3));
  const lengths = [1, 2, 3, 4, 5, 6].map((seed) => random(seed).length);
  assert.ok(lengths.every((n) => n < 200), `random agent lengths ${lengths}`);
});

Deno.test("baselines elsewhere: do-nothing is the lowest legal action", () => {
  const env = chainEnv({ length: 5, actions: 3, seed: 1 });
  const [o] = playBaseline(env, "do-nothing", 0, 10, genFromSeed(1));
  let zeros = 0; // action 0 pays as long as it is the chain's move
  while (zeros < env.solution.length && env.solution[zeros] === 0) zeros++;
  assert.equal(o.return, zeros);
});
