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
 * const topo = busTopology(net, topoVect);
 * if (topo.loadsCut.length > 0) { ... }   // grid2op ends the episode here
 * topo.busIndex[net.sub.name.length + 5]; // solver index of bus bar 2 of substation 5, or -1
 * ```
 * @module
 */
import { Network, NetworkError } from "./network.ts";

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
  const bars = shuntBar === undefined
    ? Int8Array.from(net.shunt.inService, (s) => (s ? 1 : -1))
    : Int8Array.from(shuntBar);
  if (bars.length !== net.shunt.name.length) {
    throw new NetworkError(
      `shunt bus: expected ${net.shunt.name.length} values, got ${bars.length}`,
    );
  }
  bars.forEach((bar, i) => checkBar("shunt bus", i, bar));

  const elementBus = (subs: Int32Array, pos: Int32Array) =>
    Int32Array.from(subs, (s, i) => globalBus(nSub, s, topo[pos[i]]));
  const loadBus = elementBus(net.load.sub, lay.loadPosTopoVect);
  const genBus = elementBus(net.gen.sub, lay.genPosTopoVect);
  const lineOrBus = elementBus(net.line.orSub, lay.lineOrPosTopoVect);
  const lineExBus = elementBus(net.line.exSub, lay.lineExPosTopoVect);
  const lineStatus = new Uint8Array(nLine);
  for (let l = 0; l < nLine; l++) {
    if (lineOrBus[l] >= 0 && lineExBus[l] >= 0) lineStatus[l] = 1;
    else lineOrBus[l] = lineExBus[l] = -1; // grid2op: a line with one end off is off
  }
  const shuntBus = Int32Array.from(net.shunt.sub, (s, i) => globalBus(nSub, s, bars[i]));

  const used = new Uint8Array(2 * nSub);
  for (const buses of [loadBus, genBus, lineOrBus, lineExBus, shuntBus]) {
    for (const b of buses) if (b >= 0) used[b] = 1;
  }
  const busIndex = new Int32Array(2 * nSub).fill(-1);
  const globals: number[] = [];
  used.forEach((u, b) => {
    if (u) busIndex[b] = globals.push(b) - 1;
  });
  const nBus = globals.length;
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
  const island = new Int32Array(nBus).fill(-1);
  let nIsland = 0;
  const seeds = slackBus >= 0 ? [slackBus, ...globals.keys()] : [...globals.keys()];
  for (const seed of seeds) {
    if (island[seed] >= 0) continue;
    const queue = [seed];
    island[seed] = nIsland;
    for (let q = 0; q < queue.length; q++) {
      for (const nb of neighbours[queue[q]]) {
        if (island[nb] < 0) {
          island[nb] = nIsland;
          queue.push(nb);
        }
      }
    }
    nIsland++;
  }
  const cut = (buses: Int32Array) => Int32Array.from(buses.keys()).filter((i) => buses[i] < 0);
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
    busGlobal: Int32Array.from(globals),
    busIndex,
    island,
    nIsland,
    slackBus,
    loadsCut: cut(loadBus),
    gensCut: cut(genBus),
    busesOffSlack: Int32Array.from(globals.filter((_, i) => slackBus < 0 || island[i] !== 0)),
  };
}
