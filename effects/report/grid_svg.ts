/**
 * Pictures of a solved grid. With substation coordinates (grid2op's `grid_layout.json`), the
 * grid itself: substations at their place, lines coloured by loading (green to red, grey and
 * dashed when disconnected) with the loading in percent, and a substation whose second bus bar
 * is in use drawn split in two. Without coordinates, the voltage profile bus by bus.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("runs/x/grid.svg", gridPicture(grid.topo, lineLoading(net, r), "case14"));
 * ```
 * @module
 */
import { esc, fmt, lineChart, loadingColour, svgDoc } from "./svg.ts";
import { BusTopology } from "../../core/grid/topology.ts";
import { Network } from "../../core/grid/network.ts";
import { PowerFlowResult } from "../../core/grid/results.ts";

/** True when every substation has drawing coordinates. */
export function hasLayout(net: Network): boolean {
  const { x, y } = net.sub;
  return x !== null && y !== null && x.every(Number.isFinite) && y.every(Number.isFinite);
}

/** The grid drawn at its layout, lines coloured by `loading` (1 = at the limit). */
export function gridPicture(topo: BusTopology, loading: ArrayLike<number>, title: string): string {
  const net = topo.net;
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
  const body = [
    `<text x="${margin}" y="28" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  const seen = new Map<string, number>();
  net.line.name.forEach((name, l) => {
    const a = net.line.orSub[l], b = net.line.exSub[l];
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    // Parallel branches between the same substations are drawn side by side.
    const dx = px(b) - px(a), dy = py(b) - py(a);
    const len = Math.hypot(dx, dy) || 1;
    const off = k === 0 ? 0 : (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 7;
    const ox = (-dy / len) * off, oy = (dx / len) * off;
    const on = topo.lineStatus[l] === 1;
    const rho = loading[l];
    const colour = on ? loadingColour(rho) : "#999";
    body.push(
      `<line x1="${(px(a) + ox).toFixed(1)}" y1="${(py(a) + oy).toFixed(1)}" x2="${
        (px(b) + ox).toFixed(1)
      }" ` +
        `y2="${(py(b) + oy).toFixed(1)}" stroke="${colour}" stroke-width="${on ? 4 : 2}"` +
        `${on ? "" : ' stroke-dasharray="6,4"'}><title>${esc(name)}: ${
          on ? fmt(100 * rho) + " %" : "disconnected"
        }</title></line>`,
    );
    if (on && Number.isFinite(rho)) {
      body.push(
        `<text x="${((px(a) + px(b)) / 2 + ox).toFixed(1)}" y="${
          ((py(a) + py(b)) / 2 + oy - 4).toFixed(1)
        }" ` +
          `font-size="10" text-anchor="middle" fill="#333">${Math.round(100 * rho)}%</text>`,
      );
    }
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
