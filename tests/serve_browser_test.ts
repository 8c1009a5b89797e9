/**
 * `deno task serve` in a real browser (Debian's headless Chromium over CDP; ignored where it is
 * not installed): every page loads without a console error, the replay's slider changes the
 * drawn step, and a run that appears and grows while the page is open shows up.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromiumPresent, launchChromium } from "../effects/serve/cdp.ts";
import { serveFixtures } from "./serve_fixtures.ts";
import { testFolder } from "./shared.ts";

const present = chromiumPresent();

Deno.test({
  name: present
    ? "serve in Chromium: pages, replay slider, a run being written"
    : "serve in Chromium (ignored: /usr/bin/chromium is absent)",
  ignore: !present,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s = await serveFixtures("serve-browser");
    const browser = await launchChromium(await testFolder("chromium"));
    try {
      const page = await browser.newPage();
      await page.goto(s.server.url);
      await page.waitFor(`document.querySelector('tr[data-run="evaluate-hard"]')`);
      for (
        const id of [
          "muzero-quick",
          "distributed-small",
          "cluster-case14",
          "cluster-copy",
          "replay-case14",
          "evaluate-hard",
        ]
      ) {
        await page.goto(`${s.server.url}#/run/${id}`);
        await page.waitFor(
          `document.querySelector('h1')?.textContent === ${
            JSON.stringify(id)
          } && document.querySelector('.meta')`,
        );
      }
      await page.waitFor(`document.querySelector('#ranking tbody tr')`);
      await page.goto(`${s.server.url}#/replay/evaluate-hard/traces/expert/2.json`);
      await page.waitFor(`document.getElementById('grid')?.dataset.step === '110'`);
      await page.evaluate(
        `(() => { const s = document.getElementById('step'); s.value = '15'; s.dispatchEvent(new Event('input')); })()`,
      );
      await page.waitFor(`document.getElementById('grid')?.dataset.step === '125'`);
      assert.match(
        await page.evaluate<string>(`document.querySelector('#grid svg text').textContent`),
        /step 125:/,
      );
      await page.evaluate(`document.getElementById('play').click()`);
      await page.waitFor(`Number(document.getElementById('grid')?.dataset.step) > 125`);
      await page.evaluate(`document.getElementById('play').click()`);
      assert.deepEqual(page.errors, []);

      // A run that starts while the list is open, then writes more rows.
      await page.goto(`${s.server.url}#/`);
      const log = join(s.root, "muzero-live", "metrics.jsonl");
      await Deno.mkdir(join(s.root, "muzero-live"));
      await Deno.writeTextFile(log, JSON.stringify({ trainingSteps: 10, loss: 3 }) + "\n");
      await page.waitFor(
        `document.querySelector('tr[data-run="muzero-live"]')?.textContent.includes('running')`,
      );
      await page.goto(`${s.server.url}#/run/muzero-live`);
      await page.waitFor(`document.querySelector('svg.chart')?.dataset.points === '1'`);
      await Deno.writeTextFile(log, JSON.stringify({ trainingSteps: 20, loss: 2 }) + "\n", {
        append: true,
      });
      await page.waitFor(`document.querySelector('svg.chart')?.dataset.points === '2'`, 10_000);
      assert.deepEqual(page.errors, []);
    } finally {
      await browser.close();
      await s.close();
    }
  },
});
