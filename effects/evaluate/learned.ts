/**
 * Learned agents under evaluation: the greedy play (no exploration noise) of a MuZero run. A run
 * on the plain grid (`--env case14`, the research's recipe) searches at every step over
 * grid2op's whole table. A run on the gated decisions (`--env case14-hard`): at risk, the search over its learned model (the
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
import { atRisk, type GatedEnv, ruleAction, simulatedBest } from "../../core/agents/mod.ts";
import { mostVisited, muzeroModel, muzeroNets, search } from "../../core/muzero/mod.ts";
import {
  type EnvState,
  GridDiscreteEnv,
  observationScaling,
  scaleObservation,
} from "../../core/grid/env/mod.ts";
import { InputError } from "../errors.ts";
import { readCheckpointAt, readWeights, shapeOf, type Weights } from "../muzero/mod.ts";
import type { EvalAgent } from "./eval_agent.ts";
import { type Benchmark, gateOver, gateSettings } from "../benchmarks/mod.ts";
import { teamAgent } from "./team_agent.ts";
import { isTeamFolder, readTeamWeights } from "../agents/mod.ts";

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

/**
 * How a run trained on the plain grid (`--env case14`, the research's recipe) sees the
 * evaluation environment: every step, grid2op's whole table, its observation raw or scaled.
 */
function plainView(w: Weights, path: string, env: GridDiscreteEnv) {
  if (w.shape.numActions !== env.numActions || w.shape.observationSize !== env.observationSize) {
    throw new InputError(
      `--agents: ${path}: ${w.shape.numActions} actions and ${w.shape.observationSize} ` +
        `observations, not this grid's ${env.numActions} and ${env.observationSize}`,
    );
  }
  const scaling = w.config.env.options.observation === "scaled"
    ? observationScaling(env.model)
    : null;
  return (s: EnvState) => {
    const x = env.observe(s);
    return scaling === null ? x : scaleObservation(x, scaling, x);
  };
}

/** The gated view of the evaluation environment a run was trained for. */
/** MuZero's gated decisions, checked against the weights' sizes. */
async function muzeroGate(w: Weights, path: string, env: GridDiscreteEnv): Promise<GatedEnv> {
  const gate = await gateOver(env, gateSettings(w.config.env.options), Infinity);
  if (gate.numActions !== w.shape.numActions || gate.observationSize !== w.shape.observationSize) {
    throw new InputError(
      `--agents: ${path}: ${w.shape.numActions} actions and ${w.shape.observationSize} ` +
        `observations, not this grid's table (${gate.numActions}) and ${gate.observationSize}`,
    );
  }
  return gate;
}

/**
 * Checks, before anything is written, that `path` holds a learner `bench` can evaluate;
 * returns the path.
 */
export async function checkCheckpoint(path: string, bench: Benchmark): Promise<string> {
  if (await isTeamFolder(path)) {
    const w = await readTeamWeights(path);
    if (bench.environment !== "case14" || !w.config.env.startsWith("case14-hard")) {
      throw new InputError(
        `--agents: ${path}: trained on ${w.config.env}, not on ${bench.name}'s grid`,
      );
    }
    return path;
  }
  const w = await weightsAt(path);
  const grid = bench.environment === "case14" ? ["case14", "case14-hard"] : [];
  if (!grid.includes(w.config.env.name)) {
    throw new InputError(
      `--agents: ${path}: trained on ${w.config.env.name}, not on ${bench.name}'s grid`,
    );
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
  if (await isTeamFolder(path)) {
    if (verify > 0) throw new InputError(`--agents: ${path}+verify: only for MuZero runs`);
    return await teamAgent(path, env);
  }
  const w = await weightsAt(path);
  const model = muzeroModel(muzeroNets(shapeOf(w.config.muzero, w.shape)), w.params);
  const config = { ...w.config.muzero, simulations: simulations ?? w.config.muzero.simulations };
  const base = `muzero(${path.replace(/\/+$/, "").replace(/^runs\//, "")})`;
  if (w.config.env.name !== "case14-hard") {
    if (verify > 0) throw new InputError(`--agents: ${path}+verify: only for case14-hard runs`);
    const observe = plainView(w, path, env);
    return {
      name: base,
      kind: "muzero",
      usesSimulate: false,
      decide(state) {
        const legal = env.legalActions(state);
        const r = search(model.initial(observe(state)), model, config, { noise: null, legal });
        return { action: mostVisited(r.visits, legal), simulations: 0 };
      },
    };
  }
  const gate = await muzeroGate(w, path, env);
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
