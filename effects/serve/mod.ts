/**
 * `deno task serve`: the web page of runs: its server, the run list, curves,
 * decompositions, evaluations and replays, and the Chromium driver of its screenshots.
 *
 * @module
 */
export { launchChromium } from "./cdp.ts";
export { startServer } from "./server.ts";
