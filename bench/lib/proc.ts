import { readFileSync, writeFileSync } from "node:fs";

// Reads a process's CPU time and memory from /proc (Linux only), per thread where it helps: the server's
// argon2 and RSA work runs on libuv pool threads, so the main thread's share tells event-loop cost apart.

const TICK_MS = 10; // USER_HZ is 100 on Linux

function parseStat(text: string): { cpuTicks: number } {
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return { cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** Total CPU milliseconds (user + system, all threads) of a process. */
export function processCpuMs(pid: number): number {
  return parseStat(readFileSync(`/proc/${pid}/stat`, "utf8")).cpuTicks * TICK_MS;
}

/**
 * CPU milliseconds of the main (event-loop) thread and of all other threads together (the libuv pool runs
 * argon2 and WebCrypto signing; V8 helpers run GC). Node 20 names every thread "node", so only the main
 * thread (tid = pid) can be told apart; "other threads" is the process total minus it.
 */
export function threadCpuMs(pid: number): Record<string, number> {
  const total = processCpuMs(pid);
  const main = parseStat(readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8")).cpuTicks * TICK_MS;
  return { main, "other threads": total - main };
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return match ? Number(match[1]) : 0;
}

export const rssMb = (pid: number) => statusKb(pid, "VmRSS") / 1024;
export const peakRssMb = (pid: number) => statusKb(pid, "VmHWM") / 1024;

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next peak reading covers one scenario. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Busy milliseconds of one CPU core since boot (every state but idle and iowait), from /proc/stat. */
export function coreBusyMs(core: number): number {
  const line = readFileSync("/proc/stat", "utf8")
    .split("\n")
    .find((candidate) => candidate.startsWith(`cpu${core} `));
  if (!line) return 0;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * TICK_MS;
}

/** CPU milliseconds of several processes together; those that are gone count as 0. */
export function processesCpuMs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += processCpuMs(pid);
    } catch {
      // ended
    }
  }
  return total;
}

/**
 * Waits until the process has (nearly) stopped using CPU: work queued by an earlier load must not be
 * charged to the next one. Gives up after `maxMs`.
 */
export async function waitForIdle(pid: number, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let before = processCpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = processCpuMs(pid);
    if (now - before <= 20) return;
    before = now;
  }
}
