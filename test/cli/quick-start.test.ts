import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, runCommand } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { testBackends } from "../support/server.js";

// The README's quick start, run as written: each command of its first shell block, in order, in the
// repository root. Only the environment differs: a free port, a temporary data dir (and a PostgreSQL
// database on that backend), and COGNATE_ENDPOINT so the sign-in script finds that port.
// `npm install` is skipped (the test runs in an installed checkout); a command ending in `&` runs in the
// background and the next command waits until /health answers.

const backends = await testBackends();

function quickStartCommands(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## Quick start$/m)[1]?.split(/^## /m)[0] ?? "";
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line !== "");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the server did not answer /health within 30 s");
}

describe.each(backends)("README quick start on %s", (backend) => {
  let background: ChildProcess | undefined;
  let dataDir: string | undefined;
  let database: TestDatabase | undefined;

  afterEach(async () => {
    if (background?.pid !== undefined && background.exitCode === null) {
      // The shell's whole process group (npm → tsx → node), which this test started.
      process.kill(-background.pid, "SIGTERM");
      await new Promise((resolve) => background?.once("exit", resolve));
    }
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("goes from nothing to a signed-in user", { timeout: 120_000 }, async () => {
    const commands = quickStartCommands();
    expect(commands).toHaveLength(5);
    expect(commands[0]).toBe("npm install");
    dataDir = mkdtempSync(join(tmpdir(), "cognate-quick-start-"));
    const port = await freePort();
    if (backend === "postgres") database = await createTestDatabase();
    const env: Record<string, string> = {
      COGNATE_PORT: String(port),
      COGNATE_DATA_DIR: join(dataDir, "data"),
      COGNATE_ENDPOINT: `http://localhost:${port}`,
      ...(database ? { COGNATE_DATABASE_URL: database.url } : {}),
    };
    const outputs: string[] = [];
    for (const command of commands.slice(1)) {
      if (command.endsWith("&")) {
        background = spawn("bash", ["-c", command.slice(0, -1)], {
          cwd: ROOT,
          env: { ...process.env, COGNATE_LOG_LEVEL: "warn", ...env },
          stdio: "ignore",
          detached: true,
        });
        await waitForHealth(`http://127.0.0.1:${port}`, background);
        continue;
      }
      const result = await runCommand("bash", ["-c", command], env);
      expect(result.code, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
      outputs.push(result.stdout);
    }
    // apply created the pool with its pinned id; user create made alice CONFIRMED; the SDK signed her in.
    expect(outputs[0]).toMatch(/userPool\s+loyalty-app\s+us-east-1_Loyalty01/);
    expect(outputs[1]).toMatch(/CONFIRMED\s+enabled\s+alice@example\.com/);
    expect(outputs[2]).toMatch(/^Signed in as alice@example\.com \(sub [0-9a-f-]{36}\)/m);
    expect(outputs[2]).toContain(`issued by http://localhost:${port}/us-east-1_Loyalty01`);
  });
});
