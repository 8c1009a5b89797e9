import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeBundle, encodeBundle } from "../effects/io/bundle.ts";
import { readJsonLines } from "../effects/io/runs.ts";
import {
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpoint,
} from "../effects/muzero/checkpoint.ts";
import { defaultRunConfig, type RunConfig, runConfigFromFlags } from "../effects/muzero/config.ts";
import { runFiles, trainMuZero } from "../effects/muzero/train.ts";
import { setupTf } from "../effects/nn/backend.ts";
import { testFolder } from "./shared.ts";

await setupTf();

/** Networks of 8 units, 4 simulations, batches of 4: the size of a test run. */
const tinyNets = {
  hidden: "8",
  "value-hidden": "8",
  "policy-hidden": "8",
  "reward-hidden": "8",
  simulations: "4",
  batch: "4",
};

/** A tiny run: 2 warm-up episodes, then 4 rounds of 3 training steps; checkpoints every 2 rounds. */
const tiny = (workers: number) =>
  runConfigFromFlags({
    env: "bandit:actions=3,seed=2",
    seed: "5",
    workers: String(workers),
    steps: "12",
    "episodes-per-round": "2",
    "steps-per-round": "3",
    "checkpoint-every": "2",
    "train-after": "2",
    hidden: "8",
    "value-hidden": "8",
    "policy-hidden": "8",
    "reward-hidden": "8",
    simulations: "6",
    batch: "4",
    "unroll-steps": "2",
    "td-steps": "2",
  }, defaultRunConfig("research"));

/** Metrics rows without the wall time (the only field that may differ). */
const rows = async (folder: string) =>
  (await readJsonLines(join(folder, runFiles.metrics)) as Record<string, unknown>[])
    .map(({ seconds: _, ...rest }) => rest);

/**
 * Trains `config` whole, and again killed after `rounds` rounds (its checkpoint every 2 rounds,
 * so round 3 is lost), resumed from the checkpoint: the two end byte for byte alike.
 */
async function killAndResume(
  config: RunConfig,
  name: string,
): Promise<{ end: Checkpoint; folder: string }> {
  const whole = await testFolder(`${name}-whole`);
  await trainMuZero(config, { folder: whole, quiet: true });

  const killed = await testFolder(`${name}-killed`);
  await trainMuZero(config, { folder: killed, quiet: true, maxRounds: 3 });
  assert.equal((await rows(killed)).length, 3);
  const ckpt = await readCheckpoint(join(killed, runFiles.checkpoint));
  assert.equal(ckpt.state.round, 2);
  await trainMuZero(ckpt.config, { folder: killed, quiet: true, resume: ckpt });

  const a = await Deno.readFile(join(whole, runFiles.checkpoint));
  const b = await Deno.readFile(join(killed, runFiles.checkpoint));
  assert.ok(
    a.length > 0 && a.every((x, i) => x === b[i]) && a.length === b.length,
    "checkpoints differ",
  );
  assert.deepEqual(await rows(killed), await rows(whole));
  for (const f of ["loss.svg", "episodes.svg", "config.json"]) {
    assert.ok((await Deno.stat(join(whole, f))).size > 0, f);
  }
  return { end: await readCheckpoint(join(whole, runFiles.checkpoint)), folder: whole };
}

Deno.test("a run killed after a checkpoint and resumed ends in the same state as one never killed", async () => {
  const { end } = await killAndResume(tiny(0), "muzero");
  assert.equal(end.state.trainingSteps, 12);
  assert.equal(end.state.round, 5);
  assert.equal(end.state.adam.step, 12);
  assert.equal(end.state.buffer.added, 10);
});

Deno.test("case14-hard: a run killed during its imitation rounds and resumed ends the same", async () => {
  const config = runConfigFromFlags({
    workers: "0",
    seed: "2",
    steps: "10",
    demonstrations: "2",
    "pretrain-steps": "6",
    "episodes-per-round": "1",
    "steps-per-round": "2",
    "checkpoint-every": "2",
    "max-episode-length": "8",
    ...tinyNets,
  }, defaultRunConfig("hard-quick"));
  const { end, folder } = await killAndResume(config, "muzero-imitation");
  assert.equal(end.state.trainingSteps, 10);
  // After the demonstrations' round, 3 imitation rounds: losses, and no episodes played.
  const kinds = (await rows(folder)).map((r) =>
    r.survival === null ? "imitation" : r.loss === null ? "playing" : "self-play"
  );
  assert.deepEqual(kinds.slice(0, 4), ["playing", "imitation", "imitation", "imitation"]);
  assert.ok(kinds.slice(4).every((k) => k !== "imitation"), kinds.join());
});

Deno.test("the number of self-play workers does not change a run", async () => {
  const inMain = await trainMuZero(tiny(0), { folder: await testFolder("muzero-w0"), quiet: true });
  const inWorkers = await trainMuZero(tiny(2), {
    folder: await testFolder("muzero-w2"),
    quiet: true,
  });
  assert.deepEqual(inWorkers.state, inMain.state);
});

Deno.test("checkpoints round-trip and name the file and field when damaged", async () => {
  const folder = await testFolder("muzero-ckpt");
  const run = await trainMuZero({ ...tiny(0), steps: 3 }, { folder, quiet: true });
  const bytes = encodeCheckpoint(run);
  assert.deepEqual(await decodeCheckpoint(bytes, "c.bin"), run);
  await assert.rejects(
    () => decodeCheckpoint(bytes.subarray(0, bytes.length - 8), "c.bin"),
    /c\.bin: array .* truncated/,
  );
  await assert.rejects(
    () => decodeCheckpoint(new Uint8Array(16), "c.bin"),
    /c\.bin: not a gridfold bundle/,
  );
  const text = new TextDecoder().decode(
    bytes.subarray(8, 8 + new DataView(bytes.buffer).getUint32(4, true)),
  );
  const broken = new TextEncoder().encode(text.replace('"simulations":6', '"simulations":-1'));
  const patched = new Uint8Array(bytes.length + broken.length - text.length + 8);
  patched.set(bytes.subarray(0, 4));
  new DataView(patched.buffer).setUint32(4, broken.length, true);
  patched.set(broken, 8);
  await assert.rejects(
    () => decodeCheckpoint(patched, "c.bin"),
    /c\.bin: config: muzero\.simulations/,
  );
});

/** A tiny run on case14: 30-step scenarios, episodes of at most 12 moves. */
const tinyCase14 = () =>
  runConfigFromFlags({
    env: "case14:steps=30",
    seed: "3",
    workers: "0",
    steps: "6",
    "episodes-per-round": "3",
    "steps-per-round": "2",
    "checkpoint-every": "2",
    "train-after": "3",
    "max-episode-length": "12",
    ...tinyNets,
    "unroll-steps": "2",
    "td-steps": "2",
  }, defaultRunConfig("research"));

Deno.test("case14 checkpoints keep no observations: reading replays the episodes, exactly", async () => {
  const folder = await testFolder("muzero-case14");
  const run = await trainMuZero(tinyCase14(), { folder, quiet: true });
  const episodes = run.state.buffer.episodes;
  assert.equal(episodes.length, 12);
  assert.ok(episodes.some((e) => e.length > 1), "some episodes last more than one move");
  const bytes = encodeCheckpoint(run);
  const empty = { ...run.state.buffer, episodes: [] };
  const bufferBytes = bytes.length -
    encodeCheckpoint({ ...run, state: { ...run.state, buffer: empty } }).length;
  const observationBytes = episodes.reduce((n, e) => n + e.observations.byteLength, 0);
  assert.ok(
    bufferBytes < observationBytes / 5,
    `the buffer takes ${bufferBytes} bytes, its observations ${observationBytes}`,
  );
  assert.deepEqual(await decodeCheckpoint(bytes, "c.bin"), run);
  assert.deepEqual(await readCheckpoint(join(folder, runFiles.checkpoint)), run);

  // The same bytes read in another environment do not replay, and say which episode.
  const { header, arrays } = decodeBundle(bytes, "c.bin");
  const h = header as { config: { env: { options: Record<string, unknown> } } };
  h.config.env.options.seed = 1;
  const moved = encodeBundle(h, [...arrays].map(([name, data]) => ({ name, data })));
  await assert.rejects(
    () => decodeCheckpoint(moved, "c.bin"),
    /c\.bin: episode 0 \(start 0\) does not replay in case14: step 0: reward/,
  );
  h.config.env.options.seed = 0;
  (h as unknown as { version: number }).version = 1;
  const old = encodeBundle(h, [...arrays].map(([name, data]) => ({ name, data })));
  await assert.rejects(() => decodeCheckpoint(old, "c.bin"), /c\.bin: checkpoint version 1/);
});

Deno.test("case14: a run killed and resumed from its checkpoint (observations replayed) ends the same", async () => {
  const { end } = await killAndResume(tinyCase14(), "muzero-case14");
  assert.equal(end.state.round, 4);
  assert.ok(end.state.buffer.episodes.some((e) => e.length > 1));
});
