/**
 * Pictures and progress: SVG charts, grid drawings, power-flow summaries and
 * progress bars.
 *
 * @module
 */
export { clusterPicture, gridPicture, hasLayout } from "./grid_svg.ts";
export { resultDocument, summary, writePowerflowRun } from "./powerflow.ts";
export { progress } from "./progress.ts";
export { blues, categoryColour, esc, fmt, heatmap, lineChart, svgDoc } from "./svg.ts";
