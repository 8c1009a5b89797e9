/**
 * `deno task screenshot`: the picture of `deno task serve` in docs/ (docs/serve-replay.png):
 * the fixture runs served on a free port of 127.0.0.1, the expert's replay of case14-hard
 * scenario 2 opened in headless Chromium at step 125 (a split substation, an attacked line),
 * and the page saved as PNG.
 *
 * @module
 */
import { runMain } from "../effects/mod.ts";
import { launchChromium, startServer } from "../effects/serve/mod.ts";

const OUT = "docs/serve-replay.png";

async function main(): Promise<void> {
  const server = startServer({ root: "fixtures/serve/runs", port: 0, envDirs: [] });
  await Deno.mkdir("runs", { recursive: true });
  const browser = await launchChromium(
    await Deno.makeTempDir({ dir: "runs", prefix: "chromium-" }),
  );
  try {
    const page = await browser.newPage();
    await page.screenshot(1500, 900); // the viewport's size before the page lays out
    await page.goto(`${server.url}#/replay/evaluate-hard/traces/expert/2.json`);
    await page.waitFor(`document.getElementById('grid')?.dataset.step === '110'`);
    await page.evaluate(
      `(() => { const s = document.getElementById('step'); s.value = '15'; s.dispatchEvent(new Event('input')); })()`,
    );
    await page.waitFor(`document.getElementById('grid').dataset.step === '125'`);
    await Deno.writeFile(OUT, await page.screenshot(1500, 900, true));
    if (page.errors.length > 0) throw new Error(`the page reported: ${page.errors.join("; ")}`);
    console.log(`wrote ${OUT}`);
  } finally {
    await browser.close();
    await server.shutdown();
  }
}

if (import.meta.main) Deno.exit(await runMain(main));
