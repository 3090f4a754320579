import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// `npx tsx bench/diagnose/slow-ops.ts <slow-log> <event-log-dir>`: for each open-loop window in the slow
// log (COGNATE_BENCH_SLOW_LOG), the share of slow operations, its largest bursts, and the GC pauses and
// event-loop stalls of each process (bench/diagnose/event-loop-log.mjs) that overlap each burst.

interface Event {
  at: number;
  ms: number;
  kind: string;
  process: string;
}

const [slowLog, eventDir] = process.argv.slice(2);
if (!slowLog || !eventDir) throw new Error("usage: slow-ops.ts <slow-log> <event-log-dir>");

const events: Event[] = [];
for (const name of readdirSync(eventDir).filter((file) => file.endsWith(".log"))) {
  const lines = readFileSync(join(eventDir, name), "utf8").split("\n");
  const argv = lines.find((line) => line.startsWith("ARGV ")) ?? "";
  const label = argv.includes("worker.ts") ? "load" : argv.includes("serve") ? "server" : name;
  for (const line of lines) {
    const [at, ms, kind] = line.split(" ");
    if (kind && at !== "ARGV") events.push({ at: Number(at), ms: Number(ms), kind, process: label });
  }
}

let slow: Array<[number, number]> = [];
for (const line of readFileSync(slowLog, "utf8").split("\n")) {
  const parts = line.split(" ");
  if (parts[0] !== "END") {
    if (parts.length === 2) slow.push([Number(parts[0]), Number(parts[1])]);
    continue;
  }
  const [start, end, ops] = parts.slice(1).map(Number) as [number, number, number];
  report(start, end, ops, slow);
  slow = [];
}

function report(start: number, end: number, ops: number, ops4ms: Array<[number, number]>) {
  console.log(
    `window of ${ops} ops: ${ops4ms.length} over 4 ms (${((100 * ops4ms.length) / ops).toFixed(2)}%)`,
  );
  // Bursts: slow operations scheduled less than 5 ms apart.
  const bursts: Array<{ from: number; to: number; worst: number; count: number }> = [];
  for (const [at, ms] of ops4ms.sort((a, b) => a[0] - b[0])) {
    const last = bursts.at(-1);
    if (last && at - last.to < 5)
      Object.assign(last, { to: at, worst: Math.max(last.worst, ms), count: last.count + 1 });
    else bursts.push({ from: at, to: at, worst: ms, count: 1 });
  }
  for (const burst of bursts.sort((a, b) => b.count - a.count).slice(0, 8)) {
    const overlapping = events
      .filter((event) => event.at + event.ms >= burst.from - 2 && event.at <= burst.to + burst.worst)
      .map(
        (event) =>
          `${event.process} ${event.kind} ${event.ms.toFixed(1)} ms at ${(event.at - burst.from).toFixed(0)}`,
      );
    console.log(
      `  +${(burst.from - start).toFixed(0)} ms: ${burst.count} slow ops, worst ${burst.worst.toFixed(1)} ms; ${overlapping.slice(0, 6).join("; ") || "no GC or stall logged"}`,
    );
  }
  for (const label of new Set(events.map((event) => event.process))) {
    const inside = events.filter((event) => event.process === label && event.at >= start && event.at <= end);
    const byKind = new Map<string, number>();
    for (const event of inside) byKind.set(event.kind, (byKind.get(event.kind) ?? 0) + event.ms);
    console.log(`  ${label}: ${[...byKind].map(([kind, ms]) => `${kind} ${ms.toFixed(0)} ms`).join(", ")}`);
  }
}
