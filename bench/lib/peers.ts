import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunningProcess } from "./cognate.js";
import { createHttp } from "./http.js";
import { freePort, spawnPinned, stopChild, waitForHttp } from "./processes.js";
import { BENCH_PASSWORD, type BenchPool, createBenchPool, USER_PREFIX } from "./setup.js";
import { type AdminSigning, benchEmail } from "./types.js";

// The peers, started the same way as Cognate (pinned to the server core, own port, temp data dir):
// cognito-local and node-oidc-provider, both from npm, through the launchers in bench/peers/.

export interface CognitoLocalPeer extends RunningProcess {
  pool: BenchPool;
  dataDir: string;
}

async function launchCognitoLocal(dataDir: string, core: number): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawnPinned({
    core,
    nodeArgs: [resolve("bench/peers/cognito-local.mjs")],
    cwd: dataDir,
    env: { PATH: process.env.PATH, PORT: String(port), AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1" },
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/health`);
  return { pid: child.pid!, origin, core, stop: () => stopChild(child) };
}

/**
 * cognito-local with the bench pool holding `users` users. It keeps each pool in one JSON file that it
 * rewrites on every change, so the users are written into that file while it is stopped.
 */
export async function startCognitoLocal(input: {
  users: number;
  admin: AdminSigning;
  core: number;
}): Promise<CognitoLocalPeer> {
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-bench-cognito-local-"));
  let running = await launchCognitoLocal(dataDir, input.core);
  const http = createHttp(running.origin, 1);
  const pool = await createBenchPool(http, input.admin);
  await http.close();
  await running.stop();

  const file = join(dataDir, ".cognito", "db", `${pool.poolId}.json`);
  const data = JSON.parse(readFileSync(file, "utf8")) as { Users: Record<string, unknown> };
  const now = new Date().toISOString();
  for (let index = 0; index < input.users; index++) {
    const username = `${USER_PREFIX}${index}`;
    data.Users[username] = {
      Attributes: [
        { Name: "sub", Value: randomUUID() },
        { Name: "email", Value: benchEmail(USER_PREFIX, index) },
        { Name: "email_verified", Value: "true" },
      ],
      Enabled: true,
      Password: BENCH_PASSWORD,
      RefreshTokens: [],
      UserCreateDate: now,
      UserLastModifiedDate: now,
      Username: username,
      UserStatus: "CONFIRMED",
    };
  }
  writeFileSync(file, JSON.stringify(data));
  running = await launchCognitoLocal(dataDir, input.core);
  return {
    ...running,
    pool,
    dataDir,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OidcProviderPeer extends RunningProcess {
  clientId: string;
  clientSecret: string;
  scope: string;
  refreshTokens: string[];
}

export async function startOidcProvider(input: {
  core: number;
  refreshTokens: number;
}): Promise<OidcProviderPeer> {
  const port = await freePort();
  const clientId = "bench-client";
  const clientSecret = "bench-secret-0123456789";
  const child = spawnPinned({
    core: input.core,
    nodeArgs: [resolve("bench/peers/oidc-provider.mjs")],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      CLIENT_ID: clientId,
      CLIENT_SECRET: clientSecret,
      REFRESH_TOKENS: String(input.refreshTokens),
    },
    stdout: "pipe",
    // It warns that Node 20 is not a runtime it supports, and about its in-memory adapter (wanted here).
    stderr: "ignore",
  });
  const refreshTokens = await new Promise<string[]>((done, fail) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((candidate) => candidate.startsWith("BENCH-READY "));
      if (line)
        done((JSON.parse(line.slice("BENCH-READY ".length)) as { refreshTokens: string[] }).refreshTokens);
    });
    child.once("exit", (code) => fail(new Error(`oidc-provider exited at start (${code})`)));
  });
  return {
    pid: child.pid!,
    origin: `http://127.0.0.1:${port}`,
    core: input.core,
    stop: () => stopChild(child),
    clientId,
    clientSecret,
    scope: "api:read",
    refreshTokens,
  };
}
