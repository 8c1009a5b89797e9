/**
 * A trained team under evaluation (`deno task distributed --preset hard` writes them): its
 * greedy play on the gated decisions it was trained on. Below the gate's threshold the rules
 * play; at risk the coordinator's picker names the acting cluster, whose policy plays its most
 * likely legal entry of the reduced table. No `simulate`.
 *
 * @module
 */
import {
  actingCluster,
  atRisk,
  bestLegalEntry,
  coordinatorGrid,
  gatedEnv,
  ppoNets,
  ruleAction,
} from "../../core/agents/mod.ts";
import { type GridDiscreteEnv, observe } from "../../core/grid/env/mod.ts";
import { mlpRunner } from "../../core/nn/mod.ts";
import { readTeamWeights } from "../agents/mod.ts";
import { InputError } from "../errors.ts";
import type { EvalAgent } from "./eval_agent.ts";

/** The team in the folder `path`, playing on `env`; another grid's team is an InputError. */
export async function teamAgent(path: string, env: GridDiscreteEnv): Promise<EvalAgent> {
  const w = await readTeamWeights(path);
  if (w.gate.table.some((a) => a >= env.numActions)) {
    throw new InputError(
      `--agents: ${path}: its table is not of this grid's ${env.numActions} actions`,
    );
  }
  const gate = gatedEnv(env, w.gate.table, { ...w.gate, maxLength: Infinity });
  if (gate.observationSize !== w.observationSize) {
    throw new InputError(
      `--agents: ${path}: ${w.observationSize} observations, not this grid's ${gate.observationSize}`,
    );
  }
  const nSub = env.model.net.sub.name.length;
  if (w.clusters.some((c) => c.substations.some((s) => s >= nSub))) {
    throw new InputError(`--agents: ${path}: its clusters name substations this grid lacks`);
  }
  const grid = coordinatorGrid(env.model.net, {
    clusters: w.clusters.map((c) => ({ substations: c.substations, lines: [] })),
    unassignedLines: [],
  });
  const runners = w.params.map((p, k) =>
    mlpRunner(ppoNets(w.observationSize, w.clusters[k].entries.length, w.config.hidden).policy, p)
  );
  const logits = w.clusters.map((c) => new Float32Array(c.entries.length));
  return {
    name: `${w.team}(${path.replace(/\/+$/, "").replace(/^runs\//, "")})`,
    kind: w.team,
    usesSimulate: false,
    decide(state) {
      if (!atRisk(state, gate.options.threshold)) {
        return { action: ruleAction(env, state, gate.options), simulations: 0 };
      }
      const k = actingCluster(grid, observe(env.model, state));
      runners[k].run(gate.observe(state), 0, 0, logits[k], 0);
      const e = bestLegalEntry(logits[k], w.clusters[k].entries, gate.legalActions(state));
      return { action: gate.table[e], simulations: 0 };
    },
  };
}
