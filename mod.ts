/**
 * gridfold's public face: one namespace per subsystem, each the `mod.ts` of its folder.
 * core/ is pure (grids, estimators, clustering, search, learners as functions over immutable
 * values); effects/ is the shell around it (files, Redis, workers, training, reports).
 *
 * @example
 * ```ts
 * import { grid, io, powerflow } from "./mod.ts";
 *
 * const { net } = await io.readCase("case14");
 * const compiled = powerflow.compileGrid(net, grid.defaultTopoVect(net));
 * const flow = powerflow.solveAc(compiled, grid.caseInjections(net));
 * // flow.converged, flow.busVm: every bus bar's voltage magnitude in p.u.
 * ```
 * @module
 */
export * as core from "./core/mod.ts";
export * as agents from "./core/agents/mod.ts";
export * as cluster from "./core/cluster/mod.ts";
export * as grid from "./core/grid/mod.ts";
export * as gridEnv from "./core/grid/env/mod.ts";
export * as powerflow from "./core/grid/powerflow/mod.ts";
export * as scenario from "./core/grid/scenario/mod.ts";
export * as mdp from "./core/mdp/mod.ts";
export * as mi from "./core/mi/mod.ts";
export * as muzero from "./core/muzero/mod.ts";
export * as nn from "./core/nn/mod.ts";
export * as testbeds from "./core/testbeds/mod.ts";
export * as shell from "./effects/mod.ts";
export * as distributed from "./effects/agents/mod.ts";
export * as benchmarks from "./effects/benchmarks/mod.ts";
export * as decomposition from "./effects/cluster/mod.ts";
export * as evaluation from "./effects/evaluate/mod.ts";
export * as io from "./effects/io/mod.ts";
export * as muzeroRuns from "./effects/muzero/mod.ts";
export * as training from "./effects/nn/mod.ts";
export * as redis from "./effects/redis/mod.ts";
export * as report from "./effects/report/mod.ts";
export * as serve from "./effects/serve/mod.ts";
export * as workers from "./effects/workers/mod.ts";
