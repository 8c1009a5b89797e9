/**
 * SVG pictures for run folders: a labelled heat map of a matrix and line charts of learning
 * curves. Plain strings, no dependencies, readable in any browser.
 *
 * @example
 * ```ts
 * const svg = heatmap({ title: "MI", values: [[0.1, 0.7]], rows: ["s'0"], cols: ["s0", "a0"] });
 * await Deno.writeTextFile("runs/x/mi.svg", svg);
 * ```
 * @module
 */

/** Escapes text for SVG content and attributes. */
export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Formats a number for a label: 3 significant digits, no exponent for ordinary sizes. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}

/** A colour on a white-to-dark-blue ramp for t in [0, 1]. */
export function blues(t: number): string {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * c);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
}

/** A green-yellow-red ramp for loadings: 0 green, 0.9 amber, >= 1 red. */
export function loadingColour(rho: number): string {
  if (!Number.isFinite(rho)) return "#888";
  if (rho >= 1) return "#d62728";
  if (rho >= 0.9) return "#ff7f0e";
  const c = Math.max(0, rho) / 0.9;
  return `rgb(${Math.round(44 + 180 * c)},${Math.round(160 - 10 * c)},${Math.round(44)})`;
}

/** Wraps body elements in an SVG document of the given size. */
export function svgDoc(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">\n` +
    `<rect width="100%" height="100%" fill="white"/>\n${body.join("\n")}\n</svg>\n`;
}

/** Options of a heat map. */
export interface HeatmapSpec {
  title: string;
  values: readonly (readonly number[])[];
  rows: readonly string[];
  cols: readonly string[];
  /** Print each value in its cell (default: when the matrix is small). */
  annotate?: boolean;
  /** Lines drawn after these row / column indices (block boundaries). */
  rowBreaks?: readonly number[];
  colBreaks?: readonly number[];
  /** Colour scale bounds (default: the data's min and max). */
  min?: number;
  max?: number;
}

/** A matrix as coloured cells with row and column labels and a colour bar. */
export function heatmap(spec: HeatmapSpec): string {
  const { values, rows, cols } = spec;
  const flat = values.flat().filter(Number.isFinite);
  const lo = spec.min ?? Math.min(0, ...flat);
  const hi = spec.max ?? Math.max(lo + 1e-12, ...flat);
  const cell = Math.max(14, Math.min(44, Math.floor(640 / Math.max(cols.length, rows.length))));
  const left = 12 + 7 * Math.max(...rows.map((r) => r.length), 1);
  const top = 50 + 6 * Math.max(...cols.map((c) => c.length), 1);
  const width = left + cell * cols.length + 90;
  const height = top + cell * rows.length + 20;
  const annotate = spec.annotate ?? (cols.length <= 16 && rows.length <= 24 && cell >= 30);
  const body = [
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  cols.forEach((c, j) => {
    const x = left + j * cell + cell / 2;
    body.push(
      `<text transform="translate(${x},${top - 6}) rotate(-60)" font-size="11">${esc(c)}</text>`,
    );
  });
  rows.forEach((r, i) => {
    const y = top + i * cell + cell / 2 + 4;
    body.push(`<text x="${left - 6}" y="${y}" text-anchor="end" font-size="11">${esc(r)}</text>`);
    values[i].forEach((v, j) => {
      const t = (v - lo) / (hi - lo);
      body.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" ` +
          `fill="${blues(t)}" stroke="#fff" stroke-width="0.5"><title>${
            esc(`${r} / ${cols[j]}: ${v}`)
          }</title></rect>`,
      );
      if (annotate) {
        body.push(
          `<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" ` +
            `text-anchor="middle" font-size="9" fill="${t > 0.55 ? "white" : "#222"}">${
              fmt(v)
            }</text>`,
        );
      }
    });
  });
  const gridW = cell * cols.length;
  const gridH = cell * rows.length;
  for (const b of spec.rowBreaks ?? []) {
    const y = top + (b + 1) * cell;
    body.push(
      `<line x1="${left}" x2="${
        left + gridW
      }" y1="${y}" y2="${y}" stroke="#d62728" stroke-width="2"/>`,
    );
  }
  for (const b of spec.colBreaks ?? []) {
    const x = left + (b + 1) * cell;
    body.push(
      `<line x1="${x}" x2="${x}" y1="${top}" y2="${
        top + gridH
      }" stroke="#d62728" stroke-width="2"/>`,
    );
  }
  const barX = left + gridW + 20;
  for (let s = 0; s < 20; s++) {
    const y = top + (gridH * s) / 20;
    body.push(
      `<rect x="${barX}" y="${y}" width="14" height="${gridH / 20 + 0.5}" fill="${
        blues(1 - s / 19)
      }"/>`,
    );
  }
  body.push(`<text x="${barX + 18}" y="${top + 10}" font-size="10">${fmt(hi)}</text>`);
  body.push(`<text x="${barX + 18}" y="${top + gridH}" font-size="10">${fmt(lo)}</text>`);
  return svgDoc(width, height, body);
}

/** One curve of a line chart. */
export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];

/** The colour of the k-th series or category (cycling through a 7-colour palette). */
export const categoryColour = (k: number): string => palette[k % palette.length];

/** "Nice" tick positions covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.round(v / step) * step);
  }
  return out;
}

/** A line chart of several series with axes, ticks and a legend. */
export function lineChart(
  spec: { title: string; xLabel: string; yLabel: string; series: readonly Series[] },
): string {
  const width = 720, height = 420;
  const m = { left: 70, right: 170, top: 40, bottom: 50 };
  const finite = spec.series.map((s) =>
    s.x.map((x, i) => [x, s.y[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
  );
  // Folded, not spread: Math.min(...xs) overflows the stack past about 120k points.
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of finite.flat()) {
    x0 = Math.min(x0, x), x1 = Math.max(x1, x), y0 = Math.min(y0, y), y1 = Math.max(y1, y);
  }
  if (x0 > x1) (x0 = 0, x1 = 1, y0 = 0, y1 = 1);
  if (y1 === y0) (y0 -= 0.5, y1 += 0.5);
  const pw = width - m.left - m.right, ph = height - m.top - m.bottom;
  const sx = (x: number) => m.left + (x1 === x0 ? pw / 2 : ((x - x0) / (x1 - x0)) * pw);
  const sy = (y: number) => m.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const body = [
    `<text x="${m.left}" y="24" font-size="15" font-weight="bold">${esc(spec.title)}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`,
  ];
  for (const t of ticks(y0, y1)) {
    body.push(
      `<line x1="${m.left}" x2="${m.left + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`,
      `<text x="${m.left - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="10">${fmt(t)}</text>`,
    );
  }
  for (const t of ticks(x0, x1)) {
    body.push(
      `<text x="${sx(t)}" y="${m.top + ph + 16}" text-anchor="middle" font-size="10">${
        fmt(t)
      }</text>`,
    );
  }
  body.push(
    `<text x="${m.left + pw / 2}" y="${height - 12}" text-anchor="middle">${
      esc(spec.xLabel)
    }</text>`,
    `<text transform="translate(16,${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${
      esc(spec.yLabel)
    }</text>`,
  );
  spec.series.forEach((s, k) => {
    const colour = categoryColour(k);
    const d = finite[k]
      .map(([x, y], i) => `${i ? "L" : "M"}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join("");
    if (d) body.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"/>`);
    const ly = m.top + 14 + 18 * k;
    body.push(
      `<line x1="${m.left + pw + 12}" x2="${m.left + pw + 32}" y1="${ly - 4}" y2="${
        ly - 4
      }" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${m.left + pw + 38}" y="${ly}" font-size="11">${esc(s.name)}</text>`,
    );
  });
  return svgDoc(width, height, body);
}
