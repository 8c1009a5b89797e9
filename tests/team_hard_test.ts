/**
 * The distributed team on case14-hard's gated decisions: each cluster's part of the reduced
 * table, the restricted imitation targets, the acting cluster's legal choice, and a quick
 * seeded run that must pick the expert's choice more often than its untrained weights (a
 * test that can fail) and load in `deno task evaluate` as an agent.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { GatedEnv } from "../core/agents/gate.ts";
import { actionSubstation, bestLegalEntry, restrictTarget } from "../core/agents/team_gate.ts";
import { topoIndex } from "../core/grid/env/action.ts";
import { TEAM_PRESETS } from "../effects/agents/team_config.ts";
import { teamSpecs, trainTeams } from "../effects/agents/team_hard.ts";
import { readTeamWeights } from "../effects/agents/team_weights.ts";
import { makeEnv, parseEnvSpec } from "../effects/env_registry.ts";
import { setupTf } from "../effects/nn/backend.ts";
import { main as evaluate } from "../scripts/evaluate.ts";
import { runScript, testFolder } from "./shared.ts";

await setupTf();

Deno.test("restrictTarget renormalises over a cluster's entries; no weight: 'no change'", () => {
  assert.deepEqual([...restrictTarget([0.1, 0.6, 0.3], [0, 2])], [0.25, 0.75]);
  assert.deepEqual([...restrictTarget([0, 1, 0], [0, 2])], [1, 0]);
});

Deno.test("bestLegalEntry: the most likely legal entry, else 'no change'", () => {
  assert.equal(bestLegalEntry([0.1, 3, 2], [0, 4, 7], [1, 0, 0, 0, 1, 0, 0, 1]), 4);
  assert.equal(bestLegalEntry([0.1, 3, 2], [0, 4, 7], [1, 0, 0, 0, 0, 0, 0, 1]), 7);
  assert.equal(bestLegalEntry([0.1, 3, 2], [0, 4, 7], [1, 0, 0, 0, 0, 0, 0, 0]), 0);
});

Deno.test("each cluster's part of the table holds its own substations' topologies", async () => {
  const env = await makeEnv(parseEnvSpec(TEAM_PRESETS.hard.env)) as GatedEnv;
  const teams = await teamSpecs(env, TEAM_PRESETS.hard.clustersFile);
  const index = topoIndex(env.base.model.net);
  const { distributed, centralised } = teams;
  assert.equal(distributed.entries.length, 2);
  distributed.entries.forEach((entries, k) => {
    assert.equal(entries[0], 0);
    for (const e of entries.slice(1)) {
      const s = actionSubstation(index, env.base.actions[env.table[e]]);
      assert.ok(distributed.decomposition.clusters[k].substations.includes(s), `${e} at ${s}`);
    }
  });
  // The centralised team owns every cluster's substations: its part is their union.
  const union = [...new Set(distributed.entries.flat())].sort((a, b) => a - b);
  assert.deepEqual(centralised.entries, [union]);
});

Deno.test("a quick team run picks the expert's choice more often than untrained, and plays in evaluate", async () => {
  const folder = await testFolder("team-quick");
  const config = { ...TEAM_PRESETS["hard-quick"], seed: 3 };
  const { metrics } = await trainTeams(config, folder, true);
  for (const team of ["distributed", "centralised"]) {
    const rows = metrics.filter((m) => m.team === team);
    const [first, last] = [rows[0], rows.at(-1)!];
    assert.equal(first.epoch, 0);
    assert.ok(
      last.trainAgreement > first.trainAgreement + 0.1,
      `${team}: ${first.trainAgreement} -> ${last.trainAgreement}`,
    );
    assert.ok(last.policyLoss! < rows[1].policyLoss!, `${team}: loss did not fall`);
  }
  const w = await readTeamWeights(join(folder, "distributed"));
  assert.equal(w.clusters.length, 2);
  assert.equal(w.gate.table.length, 20);

  const out = join(folder, "ev");
  const r = await runScript(evaluate, [
    "--agents",
    `do-nothing,${join(folder, "distributed")},${join(folder, "centralised")}`,
    "--scenarios",
    "1",
    "--max-length",
    "600",
    "--out",
    out,
    "--quiet",
  ]);
  assert.equal(r.code, 0, r.err.join("\n"));
  const scores = JSON.parse(await Deno.readTextFile(join(out, "scores.json")));
  assert.deepEqual(
    scores.agents.map((a: { name: string }) => a.name.split("(")[0]),
    ["do-nothing", "distributed", "centralised"],
  );

  // A damaged team folder is one line, exit 2, nothing written.
  await Deno.writeFile(join(folder, "distributed", "weights.bin"), new Uint8Array(12));
  const bad = await runScript(evaluate, [
    "--agents",
    join(folder, "distributed"),
    "--out",
    join(folder, "ev-bad"),
    "--quiet",
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.err.join("\n"), /weights\.bin: 12 bytes/);
  await assert.rejects(() => Deno.stat(join(folder, "ev-bad")));
});
