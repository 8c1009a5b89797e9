/**
 * Learned agents under evaluation: the greedy play (no exploration noise) of a MuZero run on a
 * gated environment (`--env case14-hard`): at risk, the search over its learned model (the
 * run's simulations, or `simulations`) from the observation, the most visited legal action of
 * its reduced table; otherwise the gate's rules. `muzero+verify` (a path with `+verify`) is a
 * different agent: at risk it simulates the `verify` most visited legal actions and takes the
 * one with the lowest simulated max rho. Given as a checkpoint file, its run folder,
 * or a folder of exported weights (`model.json`, effects/muzero/weights.ts). A checkpoint of
 * another environment or grid is an InputError, found before anything is written.
 *
 * @module
 */
import { join } from "node:path";
import { atRisk, type GatedEnv, gatedEnv, ruleAction } from "../../core/agents/gate.ts";
import { simulatedBest } from "../../core/agents/greedy.ts";
import { mostVisited } from "../../core/muzero/act.ts";
import { muzeroModel } from "../../core/muzero/model.ts";
import { muzeroNets } from "../../core/muzero/networks.ts";
import { search } from "../../core/muzero/search.ts";
import { GridDiscreteEnv } from "../../core/grid/env/discrete.ts";
import { InputError } from "../cli.ts";
import { readCheckpointAt } from "../muzero/checkpoint.ts";
import { shapeOf } from "../muzero/config.ts";
import { readWeights, type Weights } from "../muzero/weights.ts";
import type { EvalAgent } from "./agents.ts";
import type { Benchmark } from "./benchmark.ts";
import { readDiscoveredActions } from "./discover.ts";
import { CASE14_HARD_ACTIONS } from "./gated.ts";

/** The trained weights at `path`: exported weights or a checkpoint (file or run folder). */
async function weightsAt(path: string): Promise<Weights> {
  const stat = await Deno.stat(path).catch(() => null);
  if (stat === null) {
    throw new InputError(
      `--agents: "${path}" is neither a built-in agent nor a checkpoint file or run folder`,
    );
  }
  if (stat.isDirectory && (await Deno.stat(join(path, "model.json")).catch(() => null))) {
    return await readWeights(path);
  }
  const { checkpoint: c } = await readCheckpointAt(path, "agents");
  return {
    config: c.config,
    shape: c.shape,
    trainingSteps: c.state.trainingSteps,
    params: c.state.params,
  };
}

/** The gated view of the evaluation environment a run was trained for. */
async function gateOf(w: Weights, path: string, env: GridDiscreteEnv): Promise<GatedEnv> {
  if (w.config.env.name !== "case14-hard") {
    throw new InputError(
      `--agents: ${path}: trained on ${w.config.env.name}, not on case14-hard's gated decisions`,
    );
  }
  const o = w.config.env.options;
  const found = await readDiscoveredActions(o.table === "" ? CASE14_HARD_ACTIONS : String(o.table));
  if (
    found.table.length !== w.shape.numActions || env.observationSize !== w.shape.observationSize
  ) {
    throw new InputError(
      `--agents: ${path}: ${w.shape.numActions} actions and ${w.shape.observationSize} ` +
        `observations, not this grid's table (${found.table.length}) and ${env.observationSize}`,
    );
  }
  return gatedEnv(env, found.table, {
    threshold: Number(o.threshold),
    revertBelow: Number(o.revertBelow),
    maxLength: Infinity,
  });
}

/**
 * Checks, before anything is written, that `path` holds a learner `bench` can evaluate;
 * returns the path.
 */
export async function checkCheckpoint(path: string, bench: Benchmark): Promise<string> {
  const w = await weightsAt(path);
  if (w.config.env.name !== bench.name) {
    throw new InputError(`--agents: ${path}: trained on ${w.config.env.name}, not ${bench.name}`);
  }
  return path;
}

/** The agent of a checkpoint on the evaluation environment `env`. */
export async function learnedAgent(
  path: string,
  env: GridDiscreteEnv,
  verify = 0,
  simulations?: number,
): Promise<EvalAgent> {
  const w = await weightsAt(path);
  const gate = await gateOf(w, path, env);
  const model = muzeroModel(muzeroNets(shapeOf(w.config.muzero, w.shape)), w.params);
  const config = { ...w.config.muzero, simulations: simulations ?? w.config.muzero.simulations };
  const base = `muzero(${path.replace(/\/+$/, "").split("/").slice(-1)[0]})`;
  return {
    name: verify > 0 ? `${base}+verify` : base,
    kind: verify > 0 ? "muzero+verify" : "muzero",
    usesSimulate: verify > 0,
    decide(state) {
      if (!atRisk(state, gate.options.threshold)) {
        return { action: ruleAction(env, state, gate.options), simulations: 0 };
      }
      const legal = gate.legalActions(state);
      const r = search(model.initial(gate.observe(state)), model, config, { noise: null, legal });
      if (verify === 0) return { action: gate.table[mostVisited(r.visits, legal)], simulations: 0 };
      const ranked = [...r.visits.keys()].filter((a) => legal[a] === 1)
        .sort((a, b) => r.visits[b] - r.visits[a] || a - b)
        .slice(0, verify)
        .map((a) => gate.table[a]);
      return simulatedBest(env, state, ranked);
    },
  };
}
