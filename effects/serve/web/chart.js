/**
 * An interactive line chart in plain SVG, for the viewer's learning curves and max-rho
 * timelines: hover shows the values at the nearest x, a drag across the plot zooms into that
 * range, a double click zooms back out, a click picks an x (the replay jumps there).
 *
 * The colours, `fmt` and `ticks` follow `effects/report/svg.ts` (a browser cannot import its
 * TypeScript), so a curve looks as it does in the run folder's own pictures.
 *
 * @example
 * ```js
 * const chart = new LineChart(document.body, { xLabel: "step", yLabel: "max rho" });
 * chart.setSeries([{ name: "max rho", x: [0, 1, 2], y: [0.4, 0.9, 1.1] }]);
 * chart.setCursor(1);
 * ```
 * @module
 */
const NS = "http://www.w3.org/2000/svg";
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];
const W = 760, H = 300, M = { left: 64, right: 16, top: 14, bottom: 40 };

/** A number as a label: 3 significant digits. */
export function fmt(x) {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}

/** About `count` round tick positions covering [lo, hi]. */
export function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.round(v / step) * step);
  }
  return out;
}

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Index of the entry of sorted `xs` nearest to `x`. */
function nearest(xs, x) {
  let lo = 0, hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid;
    else hi = mid;
  }
  return Math.abs(xs[hi] - x) < Math.abs(xs[lo] - x) ? hi : lo;
}

/** A line chart drawn into `container`. */
export class LineChart {
  constructor(container, { xLabel = "", yLabel = "", onPick = null } = {}) {
    this.options = { xLabel, yLabel, onPick };
    this.series = [];
    this.zoom = null; // [x0, x1] or null for the whole range
    this.cursor = null;
    this.svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart" });
    container.append(this.svg);
    this.listen();
  }

  /** Replaces the curves (the zoom is kept, so a growing log stays where one looks). */
  setSeries(series) {
    this.series = series.map((s) => ({
      ...s,
      points: s.x.map((x, i) => [x, s.y[i]]).filter(([x, y]) =>
        Number.isFinite(x) && Number.isFinite(y)
      ).sort((a, b) => a[0] - b[0]),
    }));
    this.render();
  }

  /** Draws a vertical marker at `x` (null: none). */
  setCursor(x) {
    this.cursor = x;
    this.render();
  }

  /** The x range shown and the y range of what it shows. */
  ranges() {
    const all = this.series.flatMap((s) => s.points);
    let [x0, x1] = this.zoom ?? [Infinity, -Infinity];
    if (this.zoom === null) {
      for (const [x] of all) {
        (x0 = Math.min(x0, x)), (x1 = Math.max(x1, x));
      }
    }
    if (!(x1 >= x0)) (x0 = 0), (x1 = 1);
    if (x1 === x0) (x0 -= 0.5), (x1 += 0.5);
    let y0 = Infinity, y1 = -Infinity;
    for (const [x, y] of all) {
      if (x >= x0 && x <= x1) (y0 = Math.min(y0, y)), (y1 = Math.max(y1, y));
    }
    if (!(y1 >= y0)) (y0 = 0), (y1 = 1);
    if (y1 === y0) (y0 -= 0.5), (y1 += 0.5);
    const pad = (y1 - y0) * 0.05;
    return [x0, x1, y0 - pad, y1 + pad];
  }

  render() {
    const [x0, x1, y0, y1] = (this.range = this.ranges());
    const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
    this.sx = (x) => M.left + ((x - x0) / (x1 - x0)) * pw;
    this.sy = (y) => M.top + ph - ((y - y0) / (y1 - y0)) * ph;
    this.svg.replaceChildren();
    const clipId = `clip-${Math.random().toString(36).slice(2)}`;
    const defs = el("defs");
    const clip = el("clipPath", { id: clipId });
    clip.append(el("rect", { x: M.left, y: M.top, width: pw, height: ph }));
    defs.append(clip);
    this.svg.append(
      defs,
      el("rect", { x: M.left, y: M.top, width: pw, height: ph, class: "frame" }),
    );
    for (const t of ticks(y0, y1)) {
      this.svg.append(
        el("line", { x1: M.left, x2: M.left + pw, y1: this.sy(t), y2: this.sy(t), class: "grid" }),
        el("text", { x: M.left - 6, y: this.sy(t) + 4, "text-anchor": "end" }, fmt(t)),
      );
    }
    for (const t of ticks(x0, x1)) {
      this.svg.append(
        el("text", { x: this.sx(t), y: M.top + ph + 16, "text-anchor": "middle" }, fmt(t)),
      );
    }
    this.svg.append(
      el("text", { x: M.left + pw / 2, y: H - 6, "text-anchor": "middle" }, this.options.xLabel),
      el("text", {
        transform: `translate(14,${M.top + ph / 2}) rotate(-90)`,
        "text-anchor": "middle",
      }, this.options.yLabel),
    );
    const plot = el("g", { "clip-path": `url(#${clipId})` });
    this.series.forEach((s, k) => {
      const d = s.points.map(([x, y], i) =>
        `${i ? "L" : "M"}${this.sx(x).toFixed(1)},${this.sy(y).toFixed(1)}`
      ).join("");
      if (d) plot.append(el("path", { d, class: "curve", stroke: PALETTE[k % PALETTE.length] }));
    });
    if (this.cursor !== null) {
      plot.append(
        el("line", {
          x1: this.sx(this.cursor),
          x2: this.sx(this.cursor),
          y1: M.top,
          y2: M.top + ph,
          class: "cursor",
        }),
      );
    }
    this.svg.append(plot);
    // The legend, top right inside the plot.
    this.series.forEach((s, k) => {
      const y = M.top + 14 + 15 * k;
      this.svg.append(
        el("rect", {
          x: W - M.right - 150,
          y: y - 8,
          width: 10,
          height: 10,
          fill: PALETTE[k % PALETTE.length],
        }),
        el("text", { x: W - M.right - 136, y: y + 1, class: "legend" }, s.name),
      );
    });
    this.hover = el("g", { class: "hover" });
    this.band = el("rect", { class: "band", y: M.top, height: ph, width: 0, visibility: "hidden" });
    this.svg.append(this.band, this.hover);
    this.svg.dataset.points = String(this.series.reduce((n, s) => n + s.points.length, 0));
  }

  /** The data x under a mouse event. */
  dataX(event) {
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(
      this.svg.getScreenCTM().inverse(),
    );
    const [x0, x1] = this.range;
    return x0 + ((p.x - M.left) / (W - M.left - M.right)) * (x1 - x0);
  }

  showValues(x) {
    this.hover.replaceChildren();
    const rows = this.series.flatMap((s, k) => {
      if (s.points.length === 0) return [];
      const [px, py] = s.points[nearest(s.points.map((p) => p[0]), x)];
      return [{ k, px, py, name: s.name }];
    });
    if (rows.length === 0) return;
    const gx = this.sx(rows[0].px);
    this.hover.append(el("line", { x1: gx, x2: gx, y1: M.top, y2: H - M.bottom, class: "guide" }));
    for (const r of rows) {
      this.hover.append(
        el("circle", {
          cx: this.sx(r.px),
          cy: this.sy(r.py),
          r: 3.5,
          fill: PALETTE[r.k % PALETTE.length],
        }),
      );
    }
    const lines = [
      `${this.options.xLabel || "x"} ${fmt(rows[0].px)}`,
      ...rows.map((r) => `${r.name}: ${fmt(r.py)}`),
    ];
    const boxW = 14 + 6.5 * Math.max(...lines.map((l) => l.length));
    const bx = gx + boxW + 12 > W ? gx - boxW - 8 : gx + 8;
    this.hover.append(
      el("rect", { x: bx, y: M.top + 4, width: boxW, height: 16 * lines.length + 6, class: "tip" }),
    );
    lines.forEach((l, i) =>
      this.hover.append(el("text", { x: bx + 7, y: M.top + 20 + 16 * i }, l))
    );
  }

  listen() {
    let drag = null;
    this.svg.addEventListener("mousemove", (e) => {
      const x = this.dataX(e);
      this.showValues(x);
      if (drag !== null) {
        const a = Math.min(this.sx(drag), this.sx(x)), b = Math.max(this.sx(drag), this.sx(x));
        this.band.setAttribute("x", a);
        this.band.setAttribute("width", b - a);
        this.band.setAttribute("visibility", "visible");
      }
    });
    this.svg.addEventListener("mouseleave", () => this.hover.replaceChildren());
    this.svg.addEventListener("mousedown", (e) => {
      drag = this.dataX(e);
      e.preventDefault();
    });
    this.svg.addEventListener("mouseup", (e) => {
      if (drag === null) return;
      const x = this.dataX(e), start = drag;
      drag = null;
      this.band.setAttribute("visibility", "hidden");
      if (Math.abs(this.sx(x) - this.sx(start)) > 6) {
        this.zoom = [Math.min(start, x), Math.max(start, x)];
        this.render();
      } else if (this.options.onPick) this.options.onPick(x);
    });
    this.svg.addEventListener("dblclick", () => {
      this.zoom = null;
      this.render();
    });
  }
}
