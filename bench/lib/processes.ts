import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";

// Child processes of a bench run, pinned to a core with taskset when the machine has two or more cores.
// Every child is remembered so that a failing run still stops them all.

const children = new Set<ChildProcess>();

function tasksetWorks(): boolean {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const canPin = tasksetWorks();

/** Pins this process (all its threads) to `core`, so the orchestrator stays off the server's core. */
export function pinSelf(core: number): void {
  if (!canPin) return;
  execFileSync("taskset", ["-a", "-p", "-c", String(core), String(process.pid)], { stdio: "ignore" });
}

/** Gives other processes (PostgreSQL's backends for the server) the measured processes' priority. */
export function boost(pids: readonly number[]): void {
  if (BOOST.length === 0 || pids.length === 0) return;
  try {
    execFileSync("renice", ["-n", "-10", "-p", ...pids.map(String)], { stdio: "ignore" });
  } catch {
    // a backend ended meanwhile
  }
}

export interface SpawnOptions {
  core: number;
  /** Arguments of `node` (the script and its flags). */
  nodeArgs: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  ipc?: boolean;
  /** Keep stdout (otherwise ignored). */
  stdout?: "pipe" | "ignore" | "inherit";
  /** Shown by default. */
  stderr?: "ignore" | "inherit";
}

/**
 * Measured processes get priority over other jobs on a shared machine when this runs as root: each starts
 * in its own session, whose scheduler autogroup is set to nice -10 (with autogroups on, a process's own
 * nice only ranks it within its session), and runs at nice -10 itself. CFS then gives it about 9 times the
 * share of a nice-0 competitor.
 */
export const BOOST = process.getuid?.() === 0 ? ["nice", "-n", "-10"] : [];

function boostAutogroup(pid: number): void {
  if (BOOST.length === 0) return;
  try {
    writeFileSync(`/proc/${pid}/autogroup`, "-10");
  } catch {
    // no autogroup support: the process's own nice applies
  }
}

/**
 * A process pinned to one core runs V8's garbage collector on its own thread, as docs/configuration.md
 * ("Running on one core") advises for Cognate: there the collector's helper threads can only take turns
 * with the thread they help, and a pause waits until they have been scheduled. Every pinned process gets
 * it, peers included, so the comparisons stay like for like.
 */
export const PINNED_NODE_ARGS = ["--single-threaded-gc"];

/** `taskset -c core nice -n -10 node …`: each execs the next, so the child's pid is node's pid. */
export function spawnPinned(options: SpawnOptions): ChildProcess {
  const command = canPin ? "taskset" : process.execPath;
  const args = canPin
    ? ["-c", String(options.core), ...BOOST, process.execPath, ...PINNED_NODE_ARGS, ...options.nodeArgs]
    : options.nodeArgs;
  const stdio: ("pipe" | "ignore" | "inherit" | "ipc")[] = [
    "ignore",
    options.stdout ?? "ignore",
    options.stderr ?? "inherit",
  ];
  if (options.ipc) stdio.push("ipc");
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio,
    // Its own session, so its autogroup can be boosted without touching this one's.
    detached: BOOST.length > 0,
  });
  if (child.pid !== undefined) boostAutogroup(child.pid);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function killAllChildren(): void {
  for (const child of children) child.kill("SIGKILL");
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers `status` (default 200). */
export async function waitForHttp(url: string, timeoutMs = 30_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === status) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (${last})`);
}
