/**
 * What one cluster's agent sees (docs/research.md 2): the calendar (month, day_of_week,
 * hour_of_day, minute_of_hour) and, restricted to the cluster, the observation attributes the
 * research used: per generator at its substations gen_p, actual_dispatch, target_dispatch,
 * curtailment, curtailment_limit, gen_p_before_curtail; per load at its substations load_p;
 * per line of the cluster p_or, rho, timestep_overflow, line_status; topo_vect over its
 * substations' elements; time_before_cooldown_sub of its substations. The centralised agent
 * is the same with one cluster holding everything.
 *
 * Values are scaled so the network's inputs are of order 1 (grid2op's gym space hands them
 * raw): powers in MW / 100, the calendar over its range (month / 12, day_of_week / 7,
 * hour_of_day / 24, minute_of_hour / 60), everything else as it is.
 *
 * @example
 * ```ts
 * import { observe, reset } from "../grid/env/mod.ts";
 * import { loadGrid } from "../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const mask = clusterMask(model.net, { substations: [1, 3], lines: [0, 2, 3] });
 * const state = reset(model, scenario(0));
 * const x = maskedObservation(mask, observe(model, state)); // Float32Array(mask.size)
 * ```
 * @module
 */
import { GridCluster } from "../cluster/mod.ts";
import { Network } from "../grid/mod.ts";
import { Observation } from "../grid/env/mod.ts";

/** One attribute of the masked vector: the entries it takes and their scale. */
export interface MaskPart {
  readonly name: keyof Observation;
  /** Entries of the attribute, or null for a single number. */
  readonly indices: Int32Array | null;
  readonly scale: number;
}

/** The masked vector's layout. */
export interface ClusterMask {
  readonly parts: readonly MaskPart[];
  readonly size: number;
}

const MW = 1 / 100;

/** The layout of a cluster's masked observation on `net`. */
export function clusterMask(net: Network, cluster: GridCluster): ClusterMask {
  const subs = new Set(cluster.substations);
  const at = (sub: Int32Array) => Int32Array.from([...sub.keys()].filter((i) => subs.has(sub[i])));
  const gens = at(net.gen.sub), loads = at(net.load.sub);
  const lines = Int32Array.from(cluster.lines);
  const topo: number[] = [];
  let start = 0;
  net.layout.subInfo.forEach((n, s) => {
    if (subs.has(s)) { for (let p = start; p < start + n; p++) topo.push(p); }
    start += n;
  });
  const parts: MaskPart[] = [
    { name: "month", indices: null, scale: 1 / 12 },
    { name: "day_of_week", indices: null, scale: 1 / 7 },
    { name: "hour_of_day", indices: null, scale: 1 / 24 },
    { name: "minute_of_hour", indices: null, scale: 1 / 60 },
    { name: "gen_p", indices: gens, scale: MW },
    { name: "load_p", indices: loads, scale: MW },
    { name: "p_or", indices: lines, scale: MW },
    { name: "rho", indices: lines, scale: 1 },
    { name: "timestep_overflow", indices: lines, scale: 1 },
    { name: "line_status", indices: lines, scale: 1 },
    { name: "actual_dispatch", indices: gens, scale: MW },
    { name: "target_dispatch", indices: gens, scale: MW },
    { name: "curtailment", indices: gens, scale: 1 },
    { name: "curtailment_limit", indices: gens, scale: 1 },
    { name: "gen_p_before_curtail", indices: gens, scale: MW },
    { name: "topo_vect", indices: Int32Array.from(topo), scale: 1 },
    {
      name: "time_before_cooldown_sub",
      indices: Int32Array.from(cluster.substations),
      scale: 1,
    },
  ];
  return { parts, size: parts.reduce((n, p) => n + (p.indices?.length ?? 1), 0) };
}

/** The masked, scaled vector of an observation (written into `out` when given). */
export function maskedObservation(
  mask: ClusterMask,
  obs: Observation,
  out = new Float32Array(mask.size),
): Float32Array {
  let k = 0;
  for (const { name, indices, scale } of mask.parts) {
    const v = obs[name] as number | ArrayLike<number>;
    if (indices === null) out[k++] = (v as number) * scale;
    else {
      const a = v as ArrayLike<number>;
      for (let j = 0; j < indices.length; j++) out[k++] = a[indices[j]] * scale;
    }
  }
  return out;
}
