import assert from "node:assert/strict";
import { chooseAction, visitProbabilities } from "../core/muzero/act.ts";
import { researchConfig, temperatureAt } from "../core/muzero/config.ts";
import {
  type Episode,
  EpisodeRecorder,
  episodeReturn,
  policyInto,
} from "../core/muzero/episode.ts";
import { addEpisodes, drawsPerBatch, emptyBuffer, sampleBatch } from "../core/muzero/buffer.ts";
import { valueTarget } from "../core/muzero/targets.ts";

/** An episode of 4 steps, 3 actions, observations [t, -t], rewards 1..4, root values 10..40. */
function episode(): Episode {
  const rec = new EpisodeRecorder(2, 3, 0);
  for (let t = 0; t < 4; t++) {
    const policy = new Float32Array(3);
    policy[t % 3] = 0.75;
    policy[(t + 1) % 3] = 0.25;
    rec.step(Float32Array.of(t, -t), t % 3, t + 1, 10 * (t + 1), policy);
  }
  return rec.finish(true);
}

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);

Deno.test("value targets: td rewards, a bootstrap inside the episode, 0 past its end", () => {
  const ep = episode();
  close(valueTarget(ep, 0, 2, 0.5), 1 + 0.5 * 2 + 0.25 * 30);
  close(valueTarget(ep, 1, 2, 0.5), 2 + 0.5 * 3 + 0.25 * 40);
  close(valueTarget(ep, 2, 2, 0.5), 3 + 0.5 * 4);
  close(valueTarget(ep, 3, 2, 0.5), 4);
  assert.equal(valueTarget(ep, 4, 2, 0.5), 0);
  // The research's td_steps 7 and discount 0.9 on a 4-step episode: rewards only.
  close(valueTarget(ep, 0, 7, 0.9), 1 + 0.9 * 2 + 0.81 * 3 + 0.729 * 4);
  assert.equal(episodeReturn(ep), 10);
});

Deno.test("episodes keep their policies sparse and give them back dense", () => {
  const ep = episode();
  assert.equal(ep.policyAction.length, 8);
  const out = new Float32Array(5).fill(9);
  policyInto(ep, 2, out, 1);
  assert.deepEqual([...out], [9, 0.25, 0, 0.75, 9]);
});

Deno.test("batches: the drawn episode and position, targets per unroll step, actions past the end drawn", () => {
  const ep = episode();
  const config = {
    batchSize: 2,
    unrollSteps: 3,
    tdSteps: 2,
    discount: 0.5,
    sampling: "episodes" as const,
  };
  const buffer = addEpisodes(emptyBuffer(10), [ep, ep]);
  assert.equal(drawsPerBatch(config), 10);
  // Sample 0: position 0. Sample 1: position 3 (the last step), then 2 steps past the end.
  const draws = Float64Array.of(0.1, 0.0, 0, 0, 0, 0.9, 0.99, 0.5, 0.4, 0.9);
  const b = sampleBatch(buffer, config, draws);
  assert.deepEqual([...b.observations], [0, -0, 3, -3]);
  // actions [K][B]: sample 0 takes 0,1,2; sample 1 takes 0 (step 3), then draws 0.4 and 0.9 of 3.
  assert.deepEqual([...b.actions], [0, 0, 1, 1, 2, 2]);
  const at = (k: number, s: number) => k * 2 + s;
  close(b.values[at(0, 0)], valueTarget(ep, 0, 2, 0.5));
  close(b.values[at(3, 0)], valueTarget(ep, 3, 2, 0.5));
  assert.equal(b.values[at(1, 1)], 0);
  assert.equal(b.rewards[at(0, 0)], 0);
  assert.deepEqual([1, 2, 3].map((k) => b.rewards[at(k, 0)]), [1, 2, 3]);
  assert.deepEqual([1, 2, 3].map((k) => b.rewards[at(k, 1)]), [4, 0, 0]);
  assert.deepEqual([...b.policyMask], [1, 1, 1, 0, 1, 0, 1, 0]);
  assert.deepEqual([...b.policies.subarray(at(0, 1) * 3, at(0, 1) * 3 + 3)], [0.75, 0.25, 0]);
  assert.deepEqual([...b.policies.subarray(at(1, 1) * 3, at(1, 1) * 3 + 3)], [0, 0, 0]);
  assert.throws(() => sampleBatch(buffer, config, draws.subarray(1)), /draws/);
});

Deno.test("batches by positions: every stored position equally likely, whatever its episode", () => {
  const long = episode(); // 4 steps
  const rec = new EpisodeRecorder(2, 3, 9);
  rec.step(Float32Array.of(7, 7), 1, 5, 50, Float32Array.of(0, 1, 0));
  const short = rec.finish(true); // 1 step
  const buffer = addEpisodes(emptyBuffer(10), [short, long]);
  const config = {
    batchSize: 5,
    unrollSteps: 0,
    tdSteps: 1,
    discount: 0.5,
    sampling: "positions" as const,
  };
  // Five draws at the five positions' slices: the short episode's step, then steps 0..3.
  const draws = Float64Array.from({ length: 10 }, (_, i) => (i % 2 ? 0.99 : (i / 2 + 0.5) / 5));
  const b = sampleBatch(buffer, config, draws);
  assert.deepEqual([...b.observations], [7, 7, 0, -0, 1, -1, 2, -2, 3, -3]);
  // By episodes, the same first draws pick the short episode in 2 samples of 5, not 1.
  const e = sampleBatch(buffer, { ...config, sampling: "episodes" }, draws);
  assert.equal([0, 1, 2, 3, 4].filter((i) => e.observations[2 * i] === 7).length, 2);
});

Deno.test("the episode buffer's window drops the oldest episodes and counts every one added", () => {
  let buffer = emptyBuffer(3);
  const eps = Array.from({ length: 5 }, episode);
  for (const e of eps) buffer = addEpisodes(buffer, [e]);
  assert.equal(buffer.episodes.length, 3);
  assert.equal(buffer.added, 5);
  assert.equal(buffer.episodes[0], eps[2]);
});

Deno.test("temperature schedule: the research's values at its training steps", () => {
  const at = (s: number) => temperatureAt(researchConfig, s);
  assert.deepEqual([0, 49, 50, 69, 70, 80, 90, 100, 109, 110, 5000].map(at), [
    3,
    3,
    2,
    2,
    1,
    0.5,
    0.25,
    0.125,
    0.125,
    0.0625,
    0.0625,
  ]);
});

Deno.test("move choice: softmax of visit counts, visit powers, argmax at temperature 0, mask", () => {
  const visits = [0, 2, 1];
  const soft = visitProbabilities(visits, 1, "softmax", null);
  const z = Math.exp(-2) + 1 + Math.exp(-1);
  [Math.exp(-2) / z, 1 / z, Math.exp(-1) / z].forEach((p, a) => close(soft[a], p));
  const power = visitProbabilities(visits, 0.5, "power", null);
  [0, 0.8, 0.2].forEach((p, a) => close(power[a], p));
  assert.deepEqual([...visitProbabilities(visits, 0, "softmax", null)], [0, 1, 0]);
  const masked = visitProbabilities(visits, 1, "softmax", Uint8Array.of(1, 0, 1));
  assert.equal(masked[1], 0);
  close(masked[0] + masked[2], 1);
  assert.equal(chooseAction(visits, 0, "softmax", Uint8Array.of(1, 0, 1), 0.3), 2);
  assert.equal(chooseAction(visits, 1, "power", null, 0.0), 1);
  assert.equal(chooseAction(visits, 1, "softmax", null, 0.999), 2);
});
