/**
 * From grid2op's `topo_vect` (the bus bar of every load, generator and line end: 1, 2, or -1
 * for disconnected) to the bus-level network the solvers see: which of the 2 x n_sub buses are
 * in use, which lines are connected, the islands, and what is cut off (a load or generator
 * without a bus, a bus outside the slack's island), reported as data and never thrown.
 *
 * Buses are numbered as pandapower's grid2op backend numbers them: bus bar 1 of substation s
 * is bus s, bus bar 2 is bus s + n_sub.
 *
 * @example
 * ```ts
 * import { defaultTopoVect } from "./network.ts";
 * import { readCase } from "../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const topo = busTopology(net, defaultTopoVect(net));
 * const cut = topo.loadsCut.length > 0 || topo.gensCut.length > 0; // grid2op ends the episode here
 * topo.busIndex[net.sub.name.length + 5]; // solver index of bus bar 2 of substation 5, or -1
 * ```
 * @module
 */
import { arena } from "./arena.ts";
import { defaultShuntBus, Network, NetworkError } from "./network.ts";

/** The bus-level network of one topology. */
export interface BusTopology {
  readonly net: Network;
  /** The topology it was built from (a copy). */
  readonly topoVect: Int8Array;
  readonly shuntBar: Int8Array;
  /** Global bus of each element, -1 when disconnected. */
  readonly loadBus: Int32Array;
  readonly genBus: Int32Array;
  readonly lineOrBus: Int32Array;
  readonly lineExBus: Int32Array;
  readonly shuntBus: Int32Array;
  /** 1 when both ends of the line are connected. */
  readonly lineStatus: Uint8Array;
  /** Number of buses in use (with at least one connected element). */
  readonly nBus: number;
  /** Global bus of each bus in use, in increasing order. */
  readonly busGlobal: Int32Array;
  /** Index among the buses in use of each global bus, -1 when unused. */
  readonly busIndex: Int32Array;
  /** Island of each bus in use; the slack's island is 0 (when the slack is connected). */
  readonly island: Int32Array;
  readonly nIsland: number;
  /** Index of the slack bus among the buses in use, -1 when the slack generator is cut off. */
  readonly slackBus: number;
  /** Loads and generators with no bus (grid2op's game-over conditions). */
  readonly loadsCut: Int32Array;
  readonly gensCut: Int32Array;
  /** Global buses in use that cannot reach the slack bus. */
  readonly busesOffSlack: Int32Array;
}

/** The global bus of an element on bus bar `bar` (1 or 2) of substation `sub`, or -1. */
export function globalBus(nSub: number, sub: number, bar: number): number {
  return bar === 1 ? sub : bar === 2 ? sub + nSub : -1;
}

function checkBar(where: string, i: number, bar: number): void {
  if (bar !== 1 && bar !== 2 && bar !== -1) {
    throw new NetworkError(`${where}[${i}]: a bus must be 1, 2 or -1, got ${bar}`);
  }
}

/**
 * The bus-level network of a topology. `shuntBar` gives the bus bar of each shunt (shunts are
 * not in `topo_vect`); by default a shunt follows its in-service flag onto bus bar 1.
 */
export function busTopology(
  net: Network,
  topoVect: ArrayLike<number>,
  shuntBar?: ArrayLike<number>,
): BusTopology {
  const lay = net.layout;
  const nSub = net.sub.name.length;
  const nLine = net.line.name.length;
  if (topoVect.length !== lay.dimTopo) {
    throw new NetworkError(`topo_vect: expected ${lay.dimTopo} values, got ${topoVect.length}`);
  }
  const topo = Int8Array.from(topoVect);
  topo.forEach((bar, i) => checkBar("topo_vect", i, bar));
  const bars = shuntBar === undefined ? defaultShuntBus(net) : Int8Array.from(shuntBar);
  if (bars.length !== net.shunt.name.length) {
    throw new NetworkError(
      `shunt bus: expected ${net.shunt.name.length} values, got ${bars.length}`,
    );
  }
  bars.forEach((bar, i) => checkBar("shunt bus", i, bar));

  const nLoad = net.load.name.length, nGen = net.gen.name.length, nShunt = net.shunt.name.length;
  const [, [loadBus, genBus, lineOrBus, lineExBus, shuntBus, busIndex]] = arena(
    [],
    [nLoad, nGen, nLine, nLine, nShunt, 2 * nSub],
  );
  const place = (out: Int32Array, subs: Int32Array, pos: Int32Array) => {
    for (let i = 0; i < out.length; i++) out[i] = globalBus(nSub, subs[i], topo[pos[i]]);
  };
  place(loadBus, net.load.sub, lay.loadPosTopoVect);
  place(genBus, net.gen.sub, lay.genPosTopoVect);
  place(lineOrBus, net.line.orSub, lay.lineOrPosTopoVect);
  place(lineExBus, net.line.exSub, lay.lineExPosTopoVect);
  for (let k = 0; k < nShunt; k++) shuntBus[k] = globalBus(nSub, net.shunt.sub[k], bars[k]);
  const lineStatus = new Uint8Array(nLine);
  for (let l = 0; l < nLine; l++) {
    if (lineOrBus[l] >= 0 && lineExBus[l] >= 0) lineStatus[l] = 1;
    else lineOrBus[l] = lineExBus[l] = -1; // grid2op: a line with one end off is off
  }

  busIndex.fill(-1);
  for (const buses of [loadBus, genBus, lineOrBus, lineExBus, shuntBus]) {
    for (let i = 0; i < buses.length; i++) if (buses[i] >= 0) busIndex[buses[i]] = 0;
  }
  let nBus = 0; // in increasing bus order, a bus marked 0 gets the next index
  for (let b = 0; b < 2 * nSub; b++) if (busIndex[b] === 0) busIndex[b] = nBus++;
  const slackGlobal = genBus[net.slackGen];
  const slackBus = slackGlobal >= 0 ? busIndex[slackGlobal] : -1;

  // Islands by breadth-first search, starting from the slack so that it gets island 0.
  const neighbours: number[][] = Array.from({ length: nBus }, () => []);
  for (let l = 0; l < nLine; l++) {
    if (!lineStatus[l]) continue;
    const a = busIndex[lineOrBus[l]];
    const b = busIndex[lineExBus[l]];
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const islandOf = new Array<number>(nBus).fill(-1);
  let nIsland = 0;
  const queue: number[] = [];
  for (let seed = slackBus >= 0 ? -1 : 0; seed < nBus; seed++) {
    const first = seed < 0 ? slackBus : seed;
    if (islandOf[first] >= 0) continue;
    queue.length = 0;
    queue.push(first);
    islandOf[first] = nIsland;
    for (let q = 0; q < queue.length; q++) {
      for (const nb of neighbours[queue[q]]) {
        if (islandOf[nb] < 0) {
          islandOf[nb] = nIsland;
          queue.push(nb);
        }
      }
    }
    nIsland++;
  }
  const count = (buses: Int32Array) => buses.reduce((c, b) => c + (b < 0 ? 1 : 0), 0);
  let off = 0;
  for (let i = 0; i < nBus; i++) if (slackBus < 0 || islandOf[i] !== 0) off++;
  const [, [busGlobal, island, loadsCut, gensCut, busesOffSlack]] = arena(
    [],
    [nBus, nBus, count(loadBus), count(genBus), off],
  );
  for (let b = 0; b < 2 * nSub; b++) if (busIndex[b] >= 0) busGlobal[busIndex[b]] = b;
  island.set(islandOf);
  const fillCut = (out: Int32Array, buses: Int32Array) => {
    let k = 0;
    for (let i = 0; i < buses.length; i++) if (buses[i] < 0) out[k++] = i;
  };
  fillCut(loadsCut, loadBus);
  fillCut(gensCut, genBus);
  off = 0;
  for (let i = 0; i < nBus; i++) {
    if (slackBus < 0 || islandOf[i] !== 0) busesOffSlack[off++] = busGlobal[i];
  }
  return {
    net,
    topoVect: topo,
    shuntBar: bars,
    loadBus,
    genBus,
    lineOrBus,
    lineExBus,
    shuntBus,
    lineStatus,
    nBus,
    busGlobal,
    busIndex,
    island,
    nIsland,
    slackBus,
    loadsCut,
    gensCut,
    busesOffSlack,
  };
}
