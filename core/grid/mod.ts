/**
 * The power-grid model: the network (substations with two bus bars, lines, loads,
 * generators), its topology as grid2op's `topo_vect`, and pandapower's tables converted to it.
 *
 * @module
 */
export {
  caseInjections,
  defaultShuntBus,
  defaultTopoVect,
  genVmPuFromKv,
  makeNetwork,
  NetworkError,
  topoLayout,
} from "./network.ts";
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
} from "./network.ts";
export { pandapowerNetwork } from "./pandapower.ts";
export type { GenCharac, PandapowerTables } from "./pandapower.ts";
export { busTopology, globalBus } from "./topology.ts";
export type { BusTopology } from "./topology.ts";
