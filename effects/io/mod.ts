/**
 * File formats at the edge, each decoded with a clear error: MATPOWER cases,
 * pandapower and grid2op folders, chronics, network and config JSON, weights files and run
 * folders.
 *
 * @module
 */
export { arrayReader, decodeBundle, encodeBundle } from "./bundle.ts";
export type { BundleArray, BundleEntry } from "./bundle.ts";
export { bunzip2 } from "./bzip2.ts";
export { BUILT_IN, readCase } from "./case.ts";
export type { LoadedCase } from "./case.ts";
export { listScenarios, readChronics } from "./chronics.ts";
export type { ElementNames } from "./chronics.ts";
export {
  closed,
  decode,
  isFolder,
  NonNeg,
  NonNegInt,
  parseJson,
  PosInt,
  Positive,
  Probability,
  readBytes,
  readJson,
  readText,
} from "./codec.ts";
export { decodeDecomposition, decompositionFile, readDecomposition } from "./decomposition_file.ts";
export type { DecompositionFile } from "./decomposition_file.ts";
export { readGrid2opFolder } from "./grid2op_folder.ts";
export { parseMatpower, readMatpower } from "./matpower.ts";
export type { MatpowerCase } from "./matpower.ts";
export { readMdpSpec } from "./mdp_config.ts";
export { decodeNetwork, readNetwork, writeNetwork } from "./network_json.ts";
export {
  appendJsonLine,
  makeRunFolder,
  readJsonLines,
  runFolderPath,
  writeAtomic,
  writeJson,
} from "./runs.ts";
export { CASE14_SCENARIO_GRID, readScenarioGrid } from "./scenario_grid.ts";
export { readWeightsFile, WeightsManifest, writeWeightsFile } from "./weights_file.ts";
