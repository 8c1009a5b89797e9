/**
 * Episode traces (`deno task evaluate --traces`, `deno task replay`) for the viewer's replay:
 * the trace decoded once per version of the file, a summary of every step (the action, max
 * rho, disconnected, maintained and attacked lines, split substations) and the grid of one
 * step drawn at its layout by the same picture `deno task replay --svg` draws.
 *
 * @example
 * ```ts
 * import { readTrace, stepSvg } from "./trace.ts";
 * const trace = await readTrace("runs/ev/traces/expert/0.json", "ev/traces/expert/0.json", []);
 * const svg = stepSvg(trace, 12); // the grid after the 12th step
 * ```
 * @module
 */
import * as t from "io-ts";
import { join } from "node:path";
import { decode, parseJson, readCase } from "../io/mod.ts";
import { gridPicture, hasLayout } from "../report/mod.ts";
import { busTopology, Network } from "../../core/grid/mod.ts";
import { readCached } from "./json_cache.ts";
import { HttpError } from "./http_error.ts";

const Rho = t.array(t.union([t.number, t.null]));
const Step = t.intersection([
  t.type({
    step: t.number,
    action: t.union([t.number, t.null]),
    rho: Rho,
    line_status: t.array(t.boolean),
    topo_vect: t.array(t.number),
  }),
  t.partial({
    action_dict: t.unknown,
    done: t.boolean,
    is_illegal: t.boolean,
    exception: t.array(t.string),
    line_maintenance: t.array(t.number),
    line_attacked: t.array(t.number),
  }),
]);
const TraceFile = t.intersection([
  t.type({ env: t.string, steps: t.array(Step) }),
  t.partial({
    source: t.string,
    agent: t.string,
    benchmark: t.string,
    scenario_id: t.string,
    survived: t.boolean,
    name_line: t.array(t.string),
  }),
]);
type TraceStep = t.TypeOf<typeof Step>;

/** One step as the replay lists it. */
export interface StepSummary {
  readonly step: number;
  readonly action: number | null;
  readonly actionText: string;
  readonly maxRho: number;
  readonly done: boolean;
  readonly illegal: boolean;
  readonly exception: string | null;
  readonly disconnected: readonly number[];
  readonly maintenance: readonly number[];
  readonly attacked: readonly number[];
  /** Names of the substations whose second bus bar is in use (null without the network). */
  readonly split: readonly string[] | null;
}

/** A decoded trace, its network when it could be found, and its steps' summaries. */
export interface Trace {
  readonly label: string;
  readonly file: t.TypeOf<typeof TraceFile>;
  readonly net: Network | null;
  readonly steps: readonly StepSummary[];
}

/** What the action was, in one line. */
function actionText(s: TraceStep): string {
  if (s.action === null) return "reset";
  const d = s.action_dict;
  if (s.action === 0 || (d !== null && typeof d === "object" && Object.keys(d).length === 0)) {
    return `${s.action}: do nothing`;
  }
  return `${s.action}: ${JSON.stringify(d ?? null).replace(/"/g, "")}`;
}

const ones = (a: readonly number[] | undefined) =>
  (a ?? []).flatMap((v, l) => (v === 1 ? [l] : []));

const networks = new Map<string, Promise<Network | null>>();

/**
 * The network a trace ran on: the built-in case14, or a grid2op folder of that name in one of
 * `envDirs`; null when it is not found or has no layout (the replay then shows no grid).
 */
function traceNetwork(env: string, source: string | undefined, envDirs: readonly string[]) {
  const key = `${source}:${env}:${envDirs.join(",")}`;
  if (!networks.has(key)) {
    const candidates = source === "grid2op" ? envDirs.map((d) => join(d, env)) : [env];
    networks.set(
      key,
      (async () => {
        for (const c of candidates) {
          const net = await readCase(c).then((r) => r.net, () => null);
          if (net !== null && hasLayout(net)) return net;
        }
        return null;
      })(),
    );
  }
  return networks.get(key)!;
}

function summarise(s: TraceStep, net: Network | null): StepSummary {
  const rho = s.rho.filter((r): r is number => r !== null && Number.isFinite(r));
  let split: string[] | null = null;
  if (net !== null) {
    const topo = busTopology(net, s.topo_vect);
    const nSub = net.sub.name.length;
    split = net.sub.name.filter((_, k) => topo.busIndex[k + nSub] >= 0);
  }
  return {
    step: s.step,
    action: s.action,
    actionText: actionText(s),
    maxRho: Math.max(0, ...rho),
    done: s.done ?? false,
    illegal: s.is_illegal ?? false,
    exception: s.exception?.at(-1) ?? null,
    disconnected: s.line_status.flatMap((on, l) => (on ? [] : [l])),
    maintenance: ones(s.line_maintenance),
    attacked: ones(s.line_attacked),
    split,
  };
}

/** Reads the trace at `path` (named `label` in errors), looking for grid2op grids in `envDirs`. */
export function readTrace(path: string, label: string, envDirs: readonly string[]): Promise<Trace> {
  return readCached("trace", path, async () => {
    const file = decode(TraceFile, parseJson(await Deno.readTextFile(path), label), label);
    const net = await traceNetwork(file.env, file.source, envDirs);
    if (net !== null) {
      const dim = net.layout.dimTopo, nLine = net.line.name.length;
      file.steps.forEach((s, i) => {
        if (s.topo_vect.length !== dim || s.rho.length !== nLine) {
          throw new HttpError(
            422,
            `${label}: steps.${i}: ${s.topo_vect.length} topo_vect and ${s.rho.length} rho ` +
              `values, ${file.env} has ${dim} and ${nLine}`,
          );
        }
      });
    }
    return { label, file, net, steps: file.steps.map((s) => summarise(s, net)) };
  });
}

/** The grid after entry `index` of the trace's steps (0 is the first entry). */
export function stepSvg(trace: Trace, index: number): string {
  if (trace.net === null) {
    throw new HttpError(
      404,
      `${trace.label}: the grid of ${trace.file.env} was not found (no picture)`,
    );
  }
  const s = trace.file.steps[index];
  if (s === undefined || !Number.isInteger(index)) {
    throw new HttpError(
      404,
      `${trace.label}: no step entry ${index} (0..${trace.file.steps.length - 1})`,
    );
  }
  const sum = trace.steps[index];
  const who = [trace.file.agent, trace.file.scenario_id && `scenario ${trace.file.scenario_id}`]
    .filter(Boolean).join(", ");
  const what = sum.exception !== null && sum.done
    ? `game over (${sum.exception})`
    : `max rho ${sum.maxRho.toFixed(3)}`;
  return gridPicture(
    busTopology(trace.net, s.topo_vect),
    s.rho.map((r) => r ?? NaN),
    `${trace.file.env}${who ? ` (${who})` : ""}, step ${s.step}: ${what}`,
    { maintenance: s.line_maintenance, attacked: s.line_attacked },
  );
}
