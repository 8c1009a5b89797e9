/**
 * The scheduled (specified) power of every bus in use and the voltage set-point of every bus
 * that holds its voltage, from the injections of one time step: loads consume, generators
 * produce, a generator that does not regulate voltage injects its fixed reactive power.
 * As in lightsim2grid, when several generators regulate one bus the last one's set-point holds.
 *
 * @example
 * ```ts
 * import { compileGrid } from "./compile.ts";
 * import { caseInjections, defaultTopoVect } from "../network.ts";
 * import { readCase } from "../../../effects/io/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const grid = compileGrid(net, defaultTopoVect(net));
 * // s.p[b], s.q[b] per unit; s.vSet[b] (NaN at PQ buses)
 * const s = scheduledPower(grid, caseInjections(net));
 * ```
 * @module
 */
import { float64s } from "../arena.ts";
import { CompiledGrid } from "./compile.ts";
import { Injections } from "../network.ts";

/** Scheduled injections per bus in use (per unit) and voltage set-points (NaN where none). */
export interface Scheduled {
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly vSet: Float64Array;
}

/** Checks that injections have one value per load and generator. */
export function checkInjections(grid: CompiledGrid, inj: Injections): void {
  const { gen, load } = grid.net;
  const want: [string, number, number][] = [
    ["loadP", inj.loadP.length, load.name.length],
    ["loadQ", inj.loadQ.length, load.name.length],
    ["genP", inj.genP.length, gen.name.length],
    ["genVmPu", inj.genVmPu.length, gen.name.length],
  ];
  for (const [field, got, n] of want) {
    if (got !== n) throw new RangeError(`injections.${field}: expected ${n} values, got ${got}`);
  }
}

/**
 * The scheduled power and voltage set-points of a compiled topology under `inj`, written into
 * the given arrays (one value per bus in use) or into new ones.
 */
export function scheduledPower(
  grid: CompiledGrid,
  inj: Injections,
  [p, q, vSet] = float64s(grid.topo.nBus, grid.topo.nBus, grid.topo.nBus),
): Scheduled {
  checkInjections(grid, inj);
  const { net, topo } = grid;
  const base = net.baseMVA;
  p.fill(0);
  q.fill(0);
  vSet.fill(NaN);
  for (let d = 0; d < net.load.name.length; d++) {
    const bus = topo.loadBus[d];
    if (bus < 0) continue;
    const i = topo.busIndex[bus];
    p[i] -= inj.loadP[d] / base;
    q[i] -= inj.loadQ[d] / base;
  }
  for (let g = 0; g < net.gen.name.length; g++) {
    const bus = topo.genBus[g];
    if (bus < 0) continue;
    const i = topo.busIndex[bus];
    p[i] += inj.genP[g] / base;
    if (net.gen.regulating[g]) vSet[i] = inj.genVmPu[g];
    else q[i] += net.gen.q[g] / base;
  }
  return { p, q, vSet };
}
