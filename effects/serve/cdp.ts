// deno-lint-ignore-file no-explicit-any -- CDP messages are loosely typed JSON, read field by field
/**
 * Headless Chromium driven over the Chrome DevTools Protocol, for the viewer's browser tests and
 * its screenshot: Debian's `/usr/bin/chromium` started with a fresh profile and no network
 * chatter, one WebSocket to it (Deno's own), and pages that navigate, evaluate expressions,
 * collect console errors and take PNG screenshots. Only what those need, nothing more.
 *
 * @example
 * ```ts
 * import { launchChromium } from "./cdp.ts";
 * const browser = await launchChromium(await Deno.makeTempDir({ dir: "runs" }));
 * const page = await browser.newPage();
 * await page.goto("http://127.0.0.1:8080/");
 * console.log(await page.evaluate("document.title"), page.errors);
 * await browser.close();
 * ```
 * @module
 */

/** Debian's Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/** True when Chromium is installed (the browser tests are ignored otherwise). */
export function chromiumPresent(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

/** The flags a sandboxed, offline machine needs (no GPU, no calls home, root without sandbox). */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--remote-debugging-port=0",
];

type Message = {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: any;
  sessionId?: string;
};

/** One browser tab. */
export interface Page {
  /** Console errors, uncaught exceptions and failed loads the page reported so far. */
  readonly errors: string[];
  /** Navigates and waits for the load event (a new fragment of the same page: none). */
  goto(url: string): Promise<void>;
  /** The value of a JavaScript expression in the page (awaited when it is a promise). */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Waits until `expression` is truthy, polling; throws after `timeoutMs`. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** A PNG of the viewport at `width` x `height` CSS pixels (at least; the whole page with `full`). */
  screenshot(width: number, height: number, full?: boolean): Promise<Uint8Array>;
}

/** A running Chromium. */
export interface Browser {
  newPage(): Promise<Page>;
  /** Stops Chromium and removes its profile folder. */
  close(): Promise<void>;
}

/** Reads Chromium's stderr until it prints its DevTools address; then drains the rest. */
async function devToolsUrl(
  stderr: ReadableStream<Uint8Array>,
): Promise<{ url: string; drained: Promise<void> }> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`chromium exited before its DevTools address:\n${text.slice(-2000)}`);
    text += value;
    const m = text.match(/DevTools listening on (ws:\/\/\S+)/);
    if (m) {
      const drained = (async () => {
        while (!(await reader.read()).done) { /* Chromium's log lines are not needed */ }
      })();
      return { url: m[1], drained };
    }
  }
}

/** Starts Chromium with the profile folder `userDataDir` (removed by `close`). */
export async function launchChromium(userDataDir: string): Promise<Browser> {
  const child = new Deno.Command(CHROMIUM, {
    args: [...FLAGS, `--user-data-dir=${userDataDir}`, "about:blank"],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let url: string, drained: Promise<void>;
  try {
    ({ url, drained } = await devToolsUrl(child.stderr));
  } catch (e) {
    await child.status;
    throw e;
  }
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: Message) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, (m: Message) => void>();
  ws.onmessage = (event) => {
    const m: Message = JSON.parse(event.data);
    if (m.id !== undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${m.error.message} (${m.error.code})`));
      else p?.resolve(m.result);
    } else if (m.sessionId !== undefined) listeners.get(m.sessionId)?.(m);
  };
  const send = (
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  async function newPage(): Promise<Page> {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    const errors: string[] = [];
    const waiting = new Map<string, () => void>();
    listeners.set(sessionId, (m) => {
      const p = m.params;
      if (m.method === "Runtime.consoleAPICalled" && p.type === "error") {
        errors.push(`console.error: ${p.args.map((a: any) => a.value ?? a.description).join(" ")}`);
      } else if (m.method === "Runtime.exceptionThrown") {
        errors.push(
          `exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`,
        );
      } else if (m.method === "Log.entryAdded" && p.entry.level === "error") {
        errors.push(`log: ${p.entry.text} ${p.entry.url ?? ""}`.trim());
      }
      waiting.get(m.method!)?.();
    });
    const call = (method: string, params: Record<string, unknown> = {}) =>
      send(method, params, sessionId);
    await Promise.all([call("Runtime.enable"), call("Page.enable"), call("Log.enable")]);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const r = await call("Runtime.evaluate", {
        expression,
        returnByValue: true,
        awaitPromise: true,
      });
      if (r.exceptionDetails) {
        throw new Error(
          `${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
        );
      }
      return r.result.value as T;
    };
    return {
      errors,
      async goto(target) {
        const loaded = new Promise<void>((resolve) => waiting.set("Page.loadEventFired", resolve));
        const r = await call("Page.navigate", { url: target });
        if (r.errorText) throw new Error(`${target}: ${r.errorText}`);
        // A change of the URL's fragment alone loads nothing: no loader, no load event.
        if (r.loaderId !== undefined) await loaded;
        waiting.delete("Page.loadEventFired");
      },
      evaluate,
      async waitFor(expression, timeoutMs = 10_000) {
        const end = Date.now() + timeoutMs;
        while (!(await evaluate<boolean>(`Boolean(${expression})`))) {
          if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      async screenshot(width, height, full = false) {
        const metrics = (h: number) =>
          call("Emulation.setDeviceMetricsOverride", {
            width,
            height: h,
            deviceScaleFactor: 1,
            mobile: false,
          });
        // The page's height is measured at the asked size, then the viewport grows to it.
        await metrics(height);
        if (full) {
          const scroll = await evaluate<number>("document.documentElement.scrollHeight");
          await metrics(Math.max(height, Math.ceil(scroll)));
        }
        const { data } = await call("Page.captureScreenshot", { format: "png" });
        return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      },
    };
  }

  return {
    newPage,
    async close() {
      const closed = new Promise((resolve) => (ws.onclose = resolve));
      ws.close();
      await closed;
      child.kill("SIGTERM");
      await child.status;
      await drained;
      await Deno.remove(userDataDir, { recursive: true }).catch(() => {});
    },
  };
}
