/**
 * A progress bar on stderr for long jobs: redrawn in place on a terminal (at most ten times a
 * second), one line per tenth of the work otherwise, so CI logs stay short.
 *
 * @example
 * ```ts
 * const bar = progress("collecting", 100000);
 * for (let i = 0; i < 100000; i++) bar.tick();
 * bar.done();
 * ```
 * @module
 */

/** A running progress report. */
export interface Progress {
  /** Marks `n` more units done (default 1). */
  tick(n?: number): void;
  /** Sets the done count directly. */
  set(done: number): void;
  /** Finishes the bar with the elapsed time. */
  done(note?: string): void;
}

const enc = new TextEncoder();

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${m % 60}m`;
}

/**
 * Starts a progress bar for `total` units of `label`, `from` of them already done (a resumed run:
 * the time left is estimated from this session's rate). Silent when `quiet`.
 */
export function progress(label: string, total: number, quiet = false, from = 0): Progress {
  const tty = Deno.stderr.isTerminal();
  const start = performance.now();
  let count = from, lastDraw = 0, lastDecile = -1;
  const line = () => {
    const elapsed = (performance.now() - start) / 1000;
    const frac = total > 0 ? Math.min(1, count / total) : 1;
    const width = 24, full = Math.round(frac * width);
    const eta = count > from ? elapsed * Math.max(0, total - count) / (count - from) : Infinity;
    return `${label} [${"#".repeat(full)}${"-".repeat(width - full)}] ${count}/${total} ` +
      `${(frac * 100).toFixed(0)}% ${duration(elapsed)} eta ${duration(eta)}`;
  };
  const draw = (force: boolean) => {
    if (quiet) return;
    const now = performance.now();
    if (tty) {
      if (force || now - lastDraw > 100) {
        Deno.stderr.writeSync(enc.encode(`\r\x1b[2K${line()}`));
        lastDraw = now;
      }
    } else {
      const decile = total > 0 ? Math.floor((10 * count) / total) : 10;
      if (decile > lastDecile) {
        Deno.stderr.writeSync(enc.encode(line() + "\n"));
        lastDecile = decile;
      }
    }
  };
  draw(true);
  return {
    tick(n = 1) {
      count += n;
      draw(false);
    },
    set(done) {
      count = done;
      draw(false);
    },
    done(note) {
      count = Math.max(count, total);
      if (quiet) return;
      const elapsed = duration((performance.now() - start) / 1000);
      const text = `${label}: done in ${elapsed}${note ? ` (${note})` : ""}`;
      Deno.stderr.writeSync(enc.encode(tty ? `\r\x1b[2K${text}\n` : text + "\n"));
    },
  };
}
