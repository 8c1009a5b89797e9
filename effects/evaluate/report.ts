/**
 * The picture of an evaluation (`ranking.svg`): the agents ranked by mean score (bars, with
 * scenarios completed and survival beside them), and per scenario the share of its steps each
 * agent survived (a strip of cells, darker is longer, a tick where it completed).
 *
 * @module
 */
import { blues, categoryColour, esc, fmt, svgDoc } from "../report/mod.ts";
import type { EvaluateSummary } from "./summary.ts";

/** The agents best first: by mean score, then by survival (the picture's and the viewer's order). */
export function rankAgents<A extends { score: number; survival: number }>(
  agents: readonly A[],
): A[] {
  return [...agents].sort((a, b) => b.score - a.score || b.survival - a.survival);
}

/** The ranking picture of a summary. */
export function rankingPicture(s: EvaluateSummary): string {
  const ranked = rankAgents(s.agents);
  const rowH = 26, top = 64, left = 190, barW = 260;
  const cell = Math.max(8, Math.min(22, Math.floor(520 / Math.max(1, s.scenarios))));
  const stripX = left + barW + 200;
  const width = Math.max(stripX + cell * s.scenarios + 30, stripX + 290);
  const height = top + rowH * ranked.length + 60;
  const lo = Math.min(-100, ...ranked.map((a) => a.score));
  const hi = Math.max(100, ...ranked.map((a) => a.score));
  const sx = (v: number) => left + ((v - lo) / (hi - lo)) * barW;
  const body = [
    `<text x="16" y="24" font-size="15" font-weight="bold">${
      esc(`${s.benchmark} v${s.version}: ${s.scenarios} scenarios of up to ${s.max_length} steps`)
    }</text>`,
    `<text x="${left}" y="${top - 12}" font-size="11">mean score (0 = do-nothing, 100 = ` +
    `all steps at do-nothing's loss rate)</text>`,
    `<text x="${stripX}" y="${top - 12}" font-size="11">survived share per scenario ` +
    `(tick: completed)</text>`,
    `<line x1="${sx(0)}" x2="${sx(0)}" y1="${top - 4}" y2="${top + rowH * ranked.length}" ` +
    `stroke="#444"/>`,
  ];
  ranked.forEach((a, i) => {
    const y = top + i * rowH;
    const x0 = Math.min(sx(0), sx(a.score)), w = Math.abs(sx(a.score) - sx(0));
    body.push(
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(a.name)}</text>`,
      `<rect x="${x0}" y="${y + 5}" width="${Math.max(1, w)}" height="${rowH - 10}" ` +
        `fill="${categoryColour(i)}"/>`,
      `<text x="${left + barW + 10}" y="${y + 17}" font-size="11">${
        fmt(a.score)
      } · ${a.completed}/${a.scenarios} done · ${fmt(100 * a.survival)}% steps</text>`,
    );
    a.survived_steps.forEach((steps, k) => {
      const share = steps / s.scenario_steps[k];
      const x = stripX + k * cell;
      body.push(
        `<rect x="${x}" y="${y + 4}" width="${cell - 1}" height="${rowH - 8}" fill="${
          blues(share)
        }" stroke="#ddd"><title>${esc(`${a.name}, scenario ${k}: ${steps} steps`)}</title></rect>`,
      );
      if (steps >= s.scenario_steps[k]) {
        body.push(
          `<text x="${x + cell / 2}" y="${y + 17}" text-anchor="middle" font-size="10" ` +
            `fill="white">✓</text>`,
        );
      }
    });
  });
  for (const v of [lo, 0, hi]) {
    body.push(
      `<text x="${sx(v)}" y="${top + rowH * ranked.length + 16}" text-anchor="middle" ` +
        `font-size="10">${fmt(v)}</text>`,
    );
  }
  body.push(
    `<text x="${stripX}" y="${top + rowH * ranked.length + 16}" font-size="10">scenario 0</text>`,
    `<text x="16" y="${height - 12}" font-size="10" fill="#666">${esc(s.machine)}</text>`,
  );
  return svgDoc(width, height, body);
}
