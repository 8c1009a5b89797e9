/**
 * AC and DC power flows as MATPOWER and lightsim2grid run them: admittances,
 * the topology-compiled system, Newton-Raphson, sparse and dense LU, and the results in grid2op's
 * units.
 *
 * @module
 */
export { acScratch, solveAc } from "./ac.ts";
export type { AcOptions, AcScratch, WarmStart } from "./ac.ts";
export { admittanceMatrix, branchAdmittance } from "./admittance.ts";
export type { AdmittanceMatrix, BranchAdmittance } from "./admittance.ts";
export { compileGrid, PQ, PV, SLACK } from "./compile.ts";
export type { CompiledGrid, CompileOptions, TopologyProblem } from "./compile.ts";
export { solveDc } from "./dc.ts";
export { factorInPlace, linearSystem, linearWork, solveFactored } from "./linear_system.ts";
export type { SolverKind } from "./linear_system.ts";
export { lineLoading } from "./results.ts";
export type { PowerFlowResult, PowerFlowStatus } from "./results.ts";
export { polarToRect } from "./trig.ts";
