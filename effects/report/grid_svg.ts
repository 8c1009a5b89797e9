/**
 * Pictures of a solved grid. With substation coordinates (grid2op's `grid_layout.json`), the
 * grid itself: substations at their place, lines coloured by loading (green to red, grey and
 * dashed when disconnected) with the loading in percent, and a substation whose second bus bar
 * is in use drawn split in two. Without coordinates, the voltage profile bus by bus.
 *
 * @example
 * ```ts
 * import { readCase } from "../io/mod.ts";
 * import { compileGrid, lineLoading, solveAc } from "../../core/grid/powerflow/mod.ts";
 * import { caseInjections, defaultTopoVect } from "../../core/grid/mod.ts";
 *
 * const { net } = await readCase("case14");
 * const grid = compileGrid(net, defaultTopoVect(net));
 * const r = solveAc(grid, caseInjections(net));
 * const svg = hasLayout(net)
 *   ? gridPicture(grid.topo, lineLoading(net, r), "case14")
 *   : voltageProfile(net, r, "case14");
 * await Deno.writeTextFile("grid.svg", svg);
 * ```
 * @module
 */
import { categoryColour, esc, fmt, lineChart, loadingColour, svgDoc } from "./svg.ts";
import { GridCluster } from "../../core/cluster/mod.ts";
import { BusTopology, Network } from "../../core/grid/mod.ts";
import { PowerFlowResult } from "../../core/grid/powerflow/mod.ts";

/** True when every substation has drawing coordinates. */
export function hasLayout(net: Network): boolean {
  const { x, y } = net.sub;
  return x !== null && y !== null && x.every(Number.isFinite) && y.every(Number.isFinite);
}

/** Where a grid's layout lands on the canvas: substation centres and line segments. */
interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  px(s: number): number;
  py(s: number): number;
  /** Each line's segment, parallel lines between the same substations side by side. */
  readonly segments: readonly { x1: number; y1: number; x2: number; y2: number }[];
}

function frame(net: Network): Frame {
  const xs = net.sub.x!, ys = net.sub.y!;
  const width = 900, height = 640, margin = 60, top = 50;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(
    (width - 2 * margin) / (x1 - x0 || 1),
    (height - top - 2 * margin) / (y1 - y0 || 1),
  );
  const px = (s: number) => margin + (xs[s] - x0) * scale;
  const py = (s: number) => top + margin + (ys[s] - y0) * scale;
  const seen = new Map<string, number>();
  const segments = net.line.name.map((_, l) => {
    const a = net.line.orSub[l], b = net.line.exSub[l];
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const dx = px(b) - px(a), dy = py(b) - py(a);
    const len = Math.hypot(dx, dy) || 1;
    const off = k === 0 ? 0 : (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 7;
    const ox = (-dy / len) * off, oy = (dx / len) * off;
    return { x1: px(a) + ox, y1: py(a) + oy, x2: px(b) + ox, y2: py(b) + oy };
  });
  return { width, height, margin, px, py, segments };
}

/** A line element from a segment. */
function segment(
  g: { x1: number; y1: number; x2: number; y2: number },
  attributes: string,
  tooltip: string,
): string {
  return `<line x1="${g.x1.toFixed(1)}" y1="${g.y1.toFixed(1)}" x2="${g.x2.toFixed(1)}" ` +
    `y2="${g.y2.toFixed(1)}" ${attributes}><title>${esc(tooltip)}</title></line>`;
}

/** A label at the middle of a segment, just above it. */
function midLabel(g: { x1: number; y1: number; x2: number; y2: number }, text: string): string {
  return `<text x="${((g.x1 + g.x2) / 2).toFixed(1)}" y="${((g.y1 + g.y2) / 2 - 4).toFixed(1)}" ` +
    `font-size="10" text-anchor="middle" fill="#333">${esc(text)}</text>`;
}

/**
 * Forced outages to mark on the grid, 1 per line: planned maintenance (grid2op's
 * `line_maintenance`) and the opponent's attack (`line_attacked`), as an episode trace holds them.
 */
export interface OutageMarks {
  readonly maintenance?: ArrayLike<number>;
  readonly attacked?: ArrayLike<number>;
}

const MAINTENANCE_COLOUR = "#9467bd", ATTACK_COLOUR = "#111";

/**
 * The grid drawn at its layout, lines coloured by `loading` (1 = at the limit); with `marks`,
 * maintained lines purple and attacked lines black (both dashed), with their legend.
 */
export function gridPicture(
  topo: BusTopology,
  loading: ArrayLike<number>,
  title: string,
  marks?: OutageMarks,
): string {
  const net = topo.net;
  const { width, height, margin, px, py, segments } = frame(net);
  const body = [
    `<text x="${margin}" y="28" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  net.line.name.forEach((name, l) => {
    const on = topo.lineStatus[l] === 1;
    const rho = loading[l];
    const attacked = marks?.attacked?.[l] === 1, maintained = marks?.maintenance?.[l] === 1;
    const forced = attacked ? "attacked" : maintained ? "maintenance" : null;
    const colour = attacked
      ? ATTACK_COLOUR
      : maintained
      ? MAINTENANCE_COLOUR
      : on
      ? loadingColour(rho)
      : "#999";
    const state = on ? fmt(100 * rho) + " %" : "disconnected";
    body.push(
      segment(
        segments[l],
        `stroke="${colour}" stroke-width="${on ? 4 : forced ? 3 : 2}"` +
          (on ? "" : ' stroke-dasharray="6,4"'),
        `${name}: ${forced ? `${state} (${forced})` : state}`,
      ),
    );
    if (on && Number.isFinite(rho)) body.push(midLabel(segments[l], `${Math.round(100 * rho)}%`));
  });
  const nSub = net.sub.name.length;
  net.sub.name.forEach((name, s) => {
    const split = topo.busIndex[s + nSub] >= 0;
    const bar1 = topo.busIndex[s] >= 0;
    const cx = px(s).toFixed(1), cy = py(s).toFixed(1);
    if (split) {
      body.push(
        `<path d="M${cx},${py(s) - 13} A13,13 0 0,0 ${cx},${py(s) + 13} Z" fill="${
          bar1 ? "#1f77b4" : "#ddd"
        }" stroke="#333"/>`,
        `<path d="M${cx},${py(s) - 13} A13,13 0 0,1 ${cx},${
          py(s) + 13
        } Z" fill="#ff7f0e" stroke="#333"/>`,
      );
    } else {
      body.push(
        `<circle cx="${cx}" cy="${cy}" r="13" fill="${bar1 ? "#1f77b4" : "#ddd"}" stroke="#333"/>`,
      );
    }
    body.push(
      `<text x="${cx}" y="${(py(s) + 28).toFixed(1)}" font-size="11" text-anchor="middle">${
        esc(name)
      }</text>`,
    );
  });
  const lx = width - 190;
  body.push(`<text x="${lx}" y="28" font-size="11">loading: </text>`);
  [0, 0.5, 0.9, 1].forEach((v, i) => {
    body.push(
      `<rect x="${lx + 50 + 32 * i}" y="18" width="30" height="12" fill="${loadingColour(v)}"/>`,
      `<text x="${lx + 65 + 32 * i}" y="42" font-size="9" text-anchor="middle">${100 * v}%</text>`,
    );
  });
  // What the other marks mean: bus bars and disconnected lines.
  const ly = height - 22;
  body.push(
    `<circle cx="${margin}" cy="${ly}" r="7" fill="#1f77b4" stroke="#333"/>`,
    `<text x="${margin + 12}" y="${ly + 4}" font-size="10">bus bar 1</text>`,
    `<path d="M${margin + 80},${ly - 7} A7,7 0 0,0 ${margin + 80},${
      ly + 7
    } Z" fill="#1f77b4" stroke="#333"/>`,
    `<path d="M${margin + 80},${ly - 7} A7,7 0 0,1 ${margin + 80},${
      ly + 7
    } Z" fill="#ff7f0e" stroke="#333"/>`,
    `<text x="${margin + 92}" y="${ly + 4}" font-size="10">split: bus bars 1 | 2</text>`,
    `<line x1="${margin + 210}" y1="${ly}" x2="${margin + 240}" y2="${ly}" stroke="#999" ` +
      `stroke-width="2" stroke-dasharray="6,4"/>`,
    `<text x="${margin + 246}" y="${ly + 4}" font-size="10">disconnected line</text>`,
  );
  if (marks !== undefined) {
    [[MAINTENANCE_COLOUR, "maintenance"], [ATTACK_COLOUR, "attacked"]].forEach(([c, text], i) => {
      const x = margin + 350 + 120 * i;
      body.push(
        `<line x1="${x}" y1="${ly}" x2="${x + 30}" y2="${ly}" stroke="${c}" stroke-width="3" ` +
          `stroke-dasharray="6,4"/>`,
        `<text x="${x + 36}" y="${ly + 4}" font-size="10">${text}</text>`,
      );
    });
  }
  return svgDoc(width, height, body);
}

/** Voltage magnitude of every substation's bus bar 1, for networks without coordinates. */
export function voltageProfile(net: Network, r: PowerFlowResult, title: string): string {
  const nSub = net.sub.name.length;
  return lineChart({
    title,
    xLabel: "bus (case order)",
    yLabel: "voltage magnitude (pu)",
    series: [{
      name: "vm",
      x: Array.from({ length: nSub }, (_, i) => i + 1),
      y: Array.from(r.busVm.subarray(0, nSub)),
    }],
  });
}

/**
 * The grid at its layout with each cluster in its own colour: its substations filled, its
 * lines drawn in that colour (labelled with their index); substations no agent acts on are
 * white, lines no cluster watches grey and dashed.
 */
export function clusterPicture(
  net: Network,
  clusters: readonly GridCluster[],
  title: string,
): string {
  const { width, height, margin, px, py, segments } = frame(net);
  const lineCluster = new Map<number, number>(), subCluster = new Map<number, number>();
  clusters.forEach((c, k) => {
    c.lines.forEach((l) => lineCluster.set(l, k));
    c.substations.forEach((s) => subCluster.set(s, k));
  });
  const body = [
    `<text x="${margin}" y="28" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  net.line.name.forEach((name, l) => {
    const k = lineCluster.get(l);
    body.push(
      segment(
        segments[l],
        k === undefined
          ? 'stroke="#aaa" stroke-width="2" stroke-dasharray="6,4"'
          : `stroke="${categoryColour(k)}" stroke-width="4"`,
        `line ${l} (${name}): ${k === undefined ? "no cluster" : `cluster ${k + 1}`}`,
      ),
      midLabel(segments[l], String(l)),
    );
  });
  net.sub.name.forEach((name, s) => {
    const k = subCluster.get(s);
    const fill = k === undefined ? "white" : categoryColour(k);
    body.push(
      `<circle cx="${px(s).toFixed(1)}" cy="${py(s).toFixed(1)}" r="13" fill="${fill}" ` +
        `stroke="#333"><title>${esc(name)}: ${
          k === undefined ? "no agent" : `cluster ${k + 1}`
        }</title></circle>`,
      `<text x="${px(s).toFixed(1)}" y="${(py(s) + 28).toFixed(1)}" font-size="11" ` +
        `text-anchor="middle">${esc(name)}</text>`,
    );
  });
  // The legend goes below the grid: one row per cluster.
  clusters.forEach((c, k) => {
    const y = height - 10 + 16 * k;
    body.push(
      `<rect x="${margin}" y="${y - 10}" width="12" height="12" fill="${categoryColour(k)}"/>`,
      `<text x="${margin + 18}" y="${y}" font-size="11">cluster ${k + 1}: substations ${
        c.substations.map((s) => net.sub.name[s]).join(", ")
      }; lines ${c.lines.join(", ")}</text>`,
    );
  });
  body.push(
    `<text x="${width - margin}" y="${height - 10 + 16 * clusters.length}" font-size="10" ` +
      `text-anchor="end">white: no agent; grey dashed: no cluster</text>`,
  );
  return svgDoc(width, height + 16 * clusters.length + 10, body);
}
