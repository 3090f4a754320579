import { appendFileSync } from "node:fs";
import { coreBusyMs, processCpuMs, processesCpuMs, threadCpuMs } from "../lib/proc.js";
import type { LatencySummary, LoadMode, LoadResult } from "../lib/types.js";

// Drives one operation (which may be several requests) for a warm-up and then a measured window.
// - Closed loop: `concurrency` workers, each starting its next op when the last one ends (peak throughput).
// - Fixed rate: ops are scheduled at evenly spaced instants and latency runs from the scheduled instant,
//   so a stalled server shows in the tail instead of silently lowering the send rate.
// Ops that complete inside the window count. Server CPU is read from /proc at its edges.

export type Op = () => Promise<void>;

class Latencies {
  private values = new Float64Array(1 << 16);
  count = 0;
  add(ms: number) {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }
  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      p50: at(0.5),
      p99: at(0.99),
      p999: at(0.999),
      max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
      mean: sorted.length === 0 ? 0 : sum / sorted.length,
    };
  }
}

const nowMs = () => performance.now();
/** How long ops may run past the window before they are abandoned. */
const DRAIN_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Window {
  start: number;
  end: number;
  latencies: Latencies;
  errors: number;
  firstError?: string;
}

function record(window: Window, scheduledAt: number, error: unknown) {
  const endedAt = nowMs();
  // Completions inside the window count (throughput in steady state), whenever the op started.
  if (endedAt < window.start || endedAt > window.end) return;
  if (error === undefined) window.latencies.add(endedAt - scheduledAt);
  else {
    window.errors++;
    window.firstError ??= error instanceof Error ? error.message : String(error);
  }
}

async function closedLoop(op: Op, concurrency: number, window: Window): Promise<void> {
  const worker = async () => {
    while (nowMs() < window.end) {
      const startedAt = nowMs();
      let failure: unknown;
      try {
        await op();
      } catch (error) {
        failure = error ?? "error";
        // A failing server would otherwise spin this loop.
        await sleep(1);
      }
      record(window, startedAt, failure);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function fixedRate(
  op: Op,
  perSecond: number,
  maxInFlight: number,
  begin: number,
  window: Window,
  lag: Latencies,
) {
  const interval = 1000 / perSecond;
  let next = begin;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const queue: number[] = [];
  const slow = slowOpLog();
  const launch = (scheduledAt: number) => {
    inFlight++;
    const launchedAt = nowMs();
    if (launchedAt >= window.start && launchedAt <= window.end) lag.add(launchedAt - scheduledAt);
    const run = op().then(
      () => {
        record(window, scheduledAt, undefined);
        slow?.note(window, scheduledAt);
      },
      (error: unknown) => record(window, scheduledAt, error ?? "error"),
    );
    const tracked = run.finally(() => {
      inFlight--;
      pending.delete(tracked);
      while (queue.length > 0 && inFlight < maxInFlight) launch(queue.shift()!);
    });
    pending.add(tracked);
  };
  while (nowMs() < window.end) {
    const now = nowMs();
    while (next <= now) {
      if (inFlight < maxInFlight) launch(next);
      else queue.push(next);
      next += interval;
    }
    await sleep(Math.max(0, Math.min(5, next - nowMs())));
  }
  queue.length = 0;
  await Promise.all(pending);
  slow?.write(window);
}

/**
 * Diagnosis only (COGNATE_BENCH_SLOW_LOG=file): each open-loop run appends its operations slower than
 * 4 ms inside the window as "<scheduled epoch ms> <latency ms>", then "END <window start> <end> <ops>",
 * to line stalls up with GC or scheduler traces of the server and load processes (docs/benchmarks.md).
 */
function slowOpLog() {
  const file = process.env.COGNATE_BENCH_SLOW_LOG;
  if (!file) return undefined;
  const lines: string[] = [];
  const epoch = (at: number) => (performance.timeOrigin + at).toFixed(1);
  return {
    note(window: Window, scheduledAt: number) {
      const endedAt = nowMs();
      if (endedAt - scheduledAt > 4 && endedAt >= window.start && endedAt <= window.end)
        lines.push(`${epoch(scheduledAt)} ${(endedAt - scheduledAt).toFixed(2)}`);
    },
    write(window: Window) {
      lines.push(`END ${epoch(window.start)} ${epoch(window.end)} ${window.latencies.count}`, "");
      appendFileSync(file, lines.join("\n"));
    },
  };
}

export async function runLoad(input: {
  op: Op;
  mode: LoadMode;
  warmupMs: number;
  measureMs: number;
  serverPid: number;
  serverCore: number;
  databasePids: number[];
  /** Called when ops are still running DRAIN_MS after the window: abandon them (they no longer count). */
  abandon: () => Promise<void>;
}): Promise<LoadResult> {
  const begin = nowMs();
  const window: Window = {
    start: begin + input.warmupMs,
    end: begin + input.warmupMs + input.measureMs,
    latencies: new Latencies(),
    errors: 0,
  };
  const sample = () => ({
    wall: nowMs(),
    server: processCpuMs(input.serverPid),
    threads: threadCpuMs(input.serverPid),
    load: processCpuMs(process.pid),
    core: coreBusyMs(input.serverCore),
    database: processesCpuMs(input.databasePids),
  });
  const lag = new Latencies();
  let first: ReturnType<typeof sample> | undefined;
  let last: ReturnType<typeof sample> | undefined;
  const sampleStart = setTimeout(() => {
    first = sample();
  }, input.warmupMs);
  const sampleEnd = setTimeout(() => {
    last = sample();
  }, input.warmupMs + input.measureMs);
  const deadline = setTimeout(() => void input.abandon(), input.warmupMs + input.measureMs + DRAIN_MS);
  try {
    if (input.mode.type === "closed") await closedLoop(input.op, input.mode.concurrency, window);
    else await fixedRate(input.op, input.mode.perSecond, input.mode.maxInFlight, begin, window, lag);
  } finally {
    clearTimeout(sampleStart);
    clearTimeout(sampleEnd);
    clearTimeout(deadline);
  }
  const ops = window.latencies.count;
  // Ops are counted over exactly measureMs; CPU over the (slightly later-firing) sampling timers.
  const elapsedMs = input.measureMs;
  first ??= sample();
  last ??= sample();
  const sampledMs = last.wall - first.wall || elapsedMs;
  const serverCpuMs = last.server - first.server;
  const scale = elapsedMs / sampledMs;
  const perOp = (ms: number) => (ops === 0 ? 0 : (ms * scale) / ops);
  const threads: Record<string, number> = {};
  for (const [kind, ms] of Object.entries(last.threads))
    threads[kind] = perOp(ms - (first.threads[kind] ?? 0));
  return {
    ops,
    errors: window.errors,
    ...(window.firstError === undefined ? {} : { firstError: window.firstError }),
    elapsedMs,
    opsPerSec: (ops * 1000) / elapsedMs,
    latency: window.latencies.summary(),
    serverCpuMs,
    serverCpuMsPerOp: perOp(serverCpuMs),
    serverUtilisation: serverCpuMs / sampledMs,
    serverCoreOthers: Math.max(0, last.core - first.core - serverCpuMs) / sampledMs,
    databaseCpuMsPerOp: perOp(last.database - first.database),
    serverThreadsMsPerOp: threads,
    loadUtilisation: (last.load - first.load) / sampledMs,
    ...(lag.count > 0 ? { launchLag: lag.summary() } : {}),
  };
}
