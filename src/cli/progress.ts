// Progress of a long command on stderr: a redrawn bar when stderr is a terminal, otherwise (a log file, CI)
// a plain line every `every` items so the log stays readable. Small jobs print nothing.

export interface ProgressOutput {
  /** A terminal to redraw a bar on; absent when stderr is not one. */
  tty?: { write(s: string): unknown; columns?: number };
  /** Writes a whole line (the non-terminal fallback). */
  line(s: string): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Below this many items nothing is shown (default 1,000). */
  minTotal?: number;
  /** Items between two plain lines (default 2,000). */
  every?: number;
  /** Milliseconds between two redraws of the bar (default 100): redrawing for every item slows the job. */
  redrawMs?: number;
  now?: () => number;
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function createProgress(out: ProgressOutput, opts: ProgressOptions) {
  const { label, total } = opts;
  const shown = total >= (opts.minTotal ?? 1_000);
  const every = opts.every ?? 2_000;
  const redrawMs = opts.redrawMs ?? 100;
  const now = opts.now ?? Date.now;
  let lastDraw = -Infinity;
  let nextLine = every;
  let drawn = false;

  function bar(done: number): string {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const width = Math.max(10, Math.min(40, (out.tty?.columns ?? 80) - label.length - 30));
    const filled = Math.round((pct / 100) * width);
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(pct).padStart(3)}% ${fmt(done)}/${fmt(total)}`;
  }

  return {
    update(done: number): void {
      if (!shown) return;
      if (out.tty) {
        const t = now();
        if (done < total && t - lastDraw < redrawMs) return;
        lastDraw = t;
        drawn = true;
        out.tty.write(`\r${bar(done)}`);
        return;
      }
      if (done >= nextLine && done < total) {
        out.line(`${label}: ${fmt(done)}/${fmt(total)} rows (${Math.floor((done / total) * 100)}%)`);
        nextLine = (Math.floor(done / every) + 1) * every;
      }
    },
    /** Clears the bar so the summary that follows starts on a clean line. */
    finish(): void {
      if (out.tty && drawn) out.tty.write("\r\x1b[K");
    },
  };
}
