import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canPin } from "../../bench/lib/processes.js";

// docs/configuration.md, "Running on one core": a server confined to one core without
// --single-threaded-gc says so in its log; with the flag, or with more cores, it stays quiet.

const HINT = "node --single-threaded-gc keeps GC pauses shorter";

/** Starts `cognate serve` (optionally under taskset), stops it once it serves, returns its log lines. */
async function serveAndStop(command: string[]): Promise<Array<{ msg?: string }>> {
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-gc-hint-"));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("COGNATE_")) env[name] = value;
  }
  Object.assign(env, { COGNATE_PORT: "0", COGNATE_DATA_DIR: dataDir, COGNATE_LOG_LEVEL: "info" });
  const [executable, ...args] = command;
  const child = spawn(executable as string, [...args, "--import", "tsx", "src/cli/cognate.ts", "serve"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cognate did not start: ${stderr}`)), 30_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('"cognate is serving"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`cognate exited with ${code}: ${stderr}`)));
    });
    child.kill("SIGTERM");
    expect(await exited, stderr).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg?: string });
}

describe.runIf(canPin)("the one-core GC hint", () => {
  it("is logged when the server may use one core and runs with V8's default collector", async () => {
    const lines = await serveAndStop(["taskset", "-c", "0", process.execPath]);
    expect(lines.map((line) => line.msg)).toContain("cognate stopped");
    expect(lines.filter((line) => line.msg?.includes(HINT))).toHaveLength(1);
  }, 60_000);

  it("is not logged with --single-threaded-gc", async () => {
    const lines = await serveAndStop(["taskset", "-c", "0", process.execPath, "--single-threaded-gc"]);
    expect(lines.map((line) => line.msg)).toContain("cognate is serving");
    expect(lines.filter((line) => line.msg?.includes(HINT))).toEqual([]);
  }, 60_000);

  it.runIf(availableParallelism() > 1)(
    "is not logged when the server may use more than one core",
    async () => {
      const lines = await serveAndStop([process.execPath]);
      expect(lines.map((line) => line.msg)).toContain("cognate is serving");
      expect(lines.filter((line) => line.msg?.includes(HINT))).toEqual([]);
    },
    60_000,
  );
});
