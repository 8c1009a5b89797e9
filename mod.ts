/**
 * gridfold: reinforcement learning on power grids, in TypeScript on Deno.
 *
 * The public API: the pure core (random draws as values, and the capabilities below as they
 * land) and the effectful helpers a user needs to build runs of their own.
 *
 * @module
 */
export * from "./core/random.ts";
export { streams } from "./effects/rng.ts";
export type { Stream, Streams } from "./effects/rng.ts";

// Power grids: the network model, topologies, AC / DC power flow (core) and their sources (effects).
export {
  caseInjections,
  defaultShuntBus,
  defaultTopoVect,
  genVmPuFromKv,
  makeNetwork,
  NetworkError,
  topoLayout,
} from "./core/grid/network.ts";
export type {
  BranchTable,
  GenTable,
  Injections,
  LoadTable,
  Network,
  NetworkSpec,
  ShuntTable,
  SubstationTable,
  TopoLayout,
} from "./core/grid/network.ts";
export { busTopology, globalBus } from "./core/grid/topology.ts";
export type { BusTopology } from "./core/grid/topology.ts";
export { compileGrid, PQ, PV, SLACK } from "./core/grid/compile.ts";
export type { CompiledGrid, CompileOptions, TopologyProblem } from "./core/grid/compile.ts";
export { acScratch, solveAc } from "./core/grid/ac.ts";
export type { AcOptions, AcScratch, WarmStart } from "./core/grid/ac.ts";
export { solveDc } from "./core/grid/dc.ts";
export { lineLoading } from "./core/grid/results.ts";
export type { PowerFlowResult, PowerFlowStatus } from "./core/grid/results.ts";
export { admittanceMatrix, branchAdmittance } from "./core/grid/admittance.ts";
export type { AdmittanceMatrix, BranchAdmittance } from "./core/grid/admittance.ts";
export { BUILT_IN, readCase } from "./effects/io/case.ts";
export type { LoadedCase } from "./effects/io/case.ts";
export { readGrid2opEnv } from "./effects/io/grid2op_env.ts";
export { parseMatpower, readMatpower } from "./effects/io/matpower.ts";
export type { MatpowerCase } from "./effects/io/matpower.ts";
export { decodeNetwork, readNetwork, writeNetwork } from "./effects/io/network_json.ts";
