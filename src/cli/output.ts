// Human-readable tables by default, JSON for scripts (`--json`), progress on stderr.

export function printJson(value: unknown, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/** Left-aligned columns separated by two spaces, with a header row. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n")}\n`;
}

export interface Progress {
  update(done: number, total?: number): void;
  finish(): void;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal (at most 10 times a second), one line per 10%
 * otherwise (logs, CI), nothing when quiet.
 */
export function progressBar(label: string, options: { quiet?: boolean } = {}): Progress {
  const stream = process.stderr;
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  let drawn = false;
  const render = (done: number, total?: number) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!total) return `${label} ${done.toLocaleString("en-US")}  ${seconds}s`;
    const ratio = Math.min(done / total, 1);
    const filled = Math.round(ratio * 30);
    return `${label} [${"#".repeat(filled)}${".".repeat(30 - filled)}] ${Math.floor(ratio * 100)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}  ${seconds}s`;
  };
  return {
    update(done, total) {
      if (options.quiet) return;
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && done !== total) return;
        lastDraw = now;
        stream.write(`\r${render(done, total)}`);
        drawn = true;
        return;
      }
      const decile = total ? Math.floor((done / total) * 10) : Math.floor(done / 100_000);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${render(done, total)}\n`);
      }
    },
    finish() {
      if (drawn) stream.write("\n");
    },
  };
}

/** Megabytes of the process's peak resident memory so far. */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
