// Diagnosis preload (`node --import`): appends the process's GC pauses and event-loop stalls of 1 ms or
// more to $COGNATE_BENCH_EVENT_LOG_DIR/<pid>.log as "<epoch ms> <duration ms> <kind>", so that
// `bench/diagnose/slow-ops.ts` can line them up with the slow operations of a run.
// Plain JavaScript: the server runs under plain node, without tsx.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";

const file = join(process.env.COGNATE_BENCH_EVENT_LOG_DIR ?? "/tmp", `${process.pid}.log`);
const GC_KINDS = { 1: "minor-gc", 2: "major-gc", 4: "incremental-gc", 8: "weak-callbacks" };
const lines = [`ARGV ${process.argv.slice(1).join(" ")}`];
const epoch = (at) => (performance.timeOrigin + at).toFixed(1);

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.duration >= 1)
      lines.push(
        `${epoch(entry.startTime)} ${entry.duration.toFixed(2)} ${GC_KINDS[entry.detail?.kind] ?? "gc"}`,
      );
  }
}).observe({ entryTypes: ["gc"] });

// A 1 ms timer that fires more than 3 ms late: the event loop was busy (or the thread was not scheduled).
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - last > 4) lines.push(`${epoch(last)} ${(now - last - 1).toFixed(2)} stall`);
  last = now;
}, 1).unref();
setInterval(() => {
  if (lines.length === 0) return;
  appendFileSync(file, `${lines.join("\n")}\n`);
  lines.length = 0;
}, 500).unref();
