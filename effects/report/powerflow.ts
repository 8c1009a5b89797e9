/**
 * What `deno task powerflow` reports about one solved case: a short text summary (converged,
 * iterations, generation, load, losses, most loaded lines), the result document (per-bus `vm`
 * in pu and `va` in degrees in the case's bus order, per-line flows and loading, generators,
 * loads; JSON with null for values a failed flow does not have), per-bus and per-line CSV, and
 * a picture.
 *
 * @example
 * ```ts
 * import { makeRunFolder, readCase } from "../io/mod.ts";
 * import { compileGrid, solveAc } from "../../core/grid/powerflow/mod.ts";
 * import { caseInjections, defaultTopoVect } from "../../core/grid/mod.ts";
 *
 * const loaded = await readCase("case14");
 * const grid = compileGrid(loaded.net, defaultTopoVect(loaded.net));
 * const result = solveAc(grid, caseInjections(loaded.net));
 * for (const line of summary(loaded, result)) console.log(line);
 * const folder = await makeRunFolder("powerflow");
 * const files = await writePowerflowRun(folder, loaded, grid, result);
 * // files: ["result.json", "buses.csv", "lines.csv", "grid.svg"]
 * ```
 * @module
 */
import { join } from "node:path";
import { LoadedCase, writeAtomic, writeJson } from "../io/mod.ts";
import { gridPicture, hasLayout, voltageProfile } from "./grid_svg.ts";
import { CompiledGrid, lineLoading, PowerFlowResult } from "../../core/grid/powerflow/mod.ts";

/** Finite numbers as they are, the rest as null (JSON has no NaN). */
const finite = (xs: ArrayLike<number>) => Array.from(xs, (v) => (Number.isFinite(v) ? v : null));
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

/** The result document written as result.json. */
export function resultDocument(loaded: LoadedCase, r: PowerFlowResult) {
  const net = loaded.net;
  const nSub = net.sub.name.length;
  return {
    case: net.name,
    source: loaded.kind,
    mode: r.mode,
    status: r.status,
    converged: r.converged,
    iterations: r.iterations,
    mismatchMVA: Number.isFinite(r.mismatch) ? r.mismatch : null,
    baseMVA: net.baseMVA,
    lossesMW: r.converged ? sum(r.pOr) + sum(r.pEx) : null,
    bus: {
      name: net.sub.name,
      vm: finite(r.busVm.subarray(0, nSub)),
      va: finite(r.busVa.subarray(0, nSub)),
    },
    line: {
      name: net.line.name,
      pOr: finite(r.pOr),
      qOr: finite(r.qOr),
      pEx: finite(r.pEx),
      qEx: finite(r.qEx),
      aOr: finite(r.aOr),
      aEx: finite(r.aEx),
      loading: finite(lineLoading(net, r)),
    },
    gen: { name: net.gen.name, p: finite(r.genP), q: finite(r.genQ), v: finite(r.genV) },
    load: { name: net.load.name, p: finite(r.loadP), q: finite(r.loadQ), v: finite(r.loadV) },
  };
}

function csv(header: string[], columns: ArrayLike<number | string | null>[]): string {
  const rows = Array.from(
    { length: columns[0].length },
    (_, i) => columns.map((c) => c[i] ?? "").join(","),
  );
  return [header.join(","), ...rows].join("\n") + "\n";
}

/** Summary lines printed by the script. */
export function summary(loaded: LoadedCase, r: PowerFlowResult): string[] {
  const net = loaded.net;
  const out = [
    `${net.name} (${loaded.kind}): ` + [
      [net.sub.name.length, "bus", "buses"],
      [net.line.name.length, "line", "lines"],
      [net.gen.name.length, "generator", "generators"],
      [net.load.name.length, "load", "loads"],
      [net.shunt.name.length, "shunt", "shunts"],
    ].map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(", "),
  ];
  const mode = r.mode === "ac" ? "AC power flow (Newton-Raphson)" : "DC power flow";
  if (!r.converged) {
    out.push(`${mode}: did not converge (${r.status}) after ${r.iterations} iterations`);
    return out;
  }
  out.push(
    `${mode}: converged in ${r.iterations} iterations, largest mismatch ${
      r.mismatch.toExponential(1)
    } MW/MVAr`,
  );
  const gen = sum(r.genP), load = sum(r.loadP), shunt = sum(r.shuntP);
  out.push(
    `generation ${gen.toFixed(2)} MW, load ${load.toFixed(2)} MW` +
      (shunt !== 0 ? `, shunts ${shunt.toFixed(2)} MW` : "") +
      `, losses ${(sum(r.pOr) + sum(r.pEx)).toFixed(3)} MW`,
  );
  const loading = lineLoading(net, r);
  const ranked = net.line.name.map((name, l) => ({ name, v: loading[l] })).filter((x) =>
    Number.isFinite(x.v)
  );
  if (ranked.length > 0) {
    ranked.sort((a, b) => b.v - a.v);
    out.push(
      `most loaded lines: ${
        ranked.slice(0, 5).map((x) => `${x.name} ${(100 * x.v).toFixed(1)}%`).join(", ")
      }`,
    );
  } else {
    const flows = net.line.name.map((name, l) => ({ name, s: Math.hypot(r.pOr[l], r.qOr[l]) }));
    flows.sort((a, b) => b.s - a.s);
    out.push(
      `largest flows (no ratings): ${
        flows.slice(0, 5).map((x) => `${x.name} ${x.s.toFixed(1)} MVA`).join(", ")
      }`,
    );
  }
  return out;
}

/** Writes result.json, buses.csv, lines.csv and a picture into `folder`; returns their names. */
export async function writePowerflowRun(
  folder: string,
  loaded: LoadedCase,
  grid: CompiledGrid,
  r: PowerFlowResult,
): Promise<string[]> {
  const net = loaded.net;
  const doc = resultDocument(loaded, r);
  await writeJson(join(folder, "result.json"), doc);
  await writeAtomic(
    join(folder, "buses.csv"),
    csv(["bus", "vm_pu", "va_degree"], [doc.bus.name, doc.bus.vm, doc.bus.va]),
  );
  const l = doc.line;
  await writeAtomic(
    join(folder, "lines.csv"),
    csv(
      ["line", "p_or_mw", "q_or_mvar", "p_ex_mw", "q_ex_mvar", "a_or_a", "a_ex_a", "loading"],
      [l.name, l.pOr, l.qOr, l.pEx, l.qEx, l.aOr, l.aEx, l.loading],
    ),
  );
  const title = `${net.name}: ${r.mode.toUpperCase()} power flow, ${r.status}`;
  const picture = hasLayout(net)
    ? gridPicture(grid.topo, lineLoading(net, r), title)
    : voltageProfile(net, r, title);
  await writeAtomic(join(folder, "grid.svg"), picture);
  return ["result.json", "buses.csv", "lines.csv", "grid.svg"];
}
