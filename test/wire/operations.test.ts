import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerMetrics } from "../../src/http/ops/metrics.js";
import { createHttpServer } from "../../src/http/server.js";
import { createTestDatabase } from "../support/postgres.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

/** Value of the first sample of `metric` whose labels include every one of `labels` (0 when absent). */
function sample(exposition: string, metric: string, labels: Record<string, string>): number {
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(`${metric}{`)) continue;
    if (Object.entries(labels).every(([name, value]) => line.includes(`${name}="${value}"`))) {
      return Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return 0;
}

async function metricsText(server: TestServer): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  return response.text();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cognate exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`cognate did not answer ${url}/health within ${timeoutMs} ms`);
}

describe.each(backends)("operations endpoints on %s", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("GET /health answers 200 {status: ok}", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("GET /health/ready answers 200 while the database answers", async () => {
    const response = await fetch(`${server.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("GET /metrics counts requests by action and status and records their latency", async () => {
    const labels = { surface: "cognito-json", action: "ListUserPools", status: "400" };
    const before = await metricsText(server);
    const countBefore = sample(before, "cognate_requests_total", labels);
    const latencyBefore = sample(before, "cognate_request_duration_seconds_count", {
      action: "ListUserPools",
    });

    for (let i = 0; i < 2; i++) {
      const response = await server.postJson("ListUserPools", { MaxResults: 10 });
      expect(response.status).toBe(400);
    }

    const after = await metricsText(server);
    expect(after).toContain("# TYPE cognate_requests_total counter");
    expect(after).toContain("# TYPE cognate_request_duration_seconds histogram");
    expect(sample(after, "cognate_requests_total", labels)).toBe(countBefore + 2);
    expect(sample(after, "cognate_request_duration_seconds_count", { action: "ListUserPools" })).toBe(
      latencyBefore + 2,
    );
    expect(
      sample(after, "cognate_request_duration_seconds_bucket", { action: "ListUserPools", le: "+Inf" }),
    ).toBe(latencyBefore + 2);
    expect(after).toMatch(/^cognate_process_cpu_seconds_total /m);
  });

  it("answers a CORS preflight with the AWS headers browsers need", async () => {
    const response = await fetch(`${server.url}/`, {
      method: "OPTIONS",
      headers: {
        origin: "http://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://app.example.com");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "content-type,x-amz-target,x-amz-user-agent",
    );

    const bare = await fetch(`${server.url}/`, { method: "OPTIONS" });
    expect(bare.status).toBe(204);
    const allowed = (bare.headers.get("access-control-allow-headers") ?? "").split(/,\s*/);
    expect(allowed).toEqual(
      expect.arrayContaining([
        "content-type",
        "x-amz-target",
        "x-amz-user-agent",
        "authorization",
        "x-amz-date",
      ]),
    );

    const post = await server.postJson("ListUserPools", {}, { origin: "http://app.example.com" });
    expect(post.headers.get("access-control-allow-origin")).toBe("http://app.example.com");
    expect(post.headers.get("access-control-expose-headers")).toContain("x-amzn-errortype");
  });
});

describe.each(backends)("request logs on %s", (backend) => {
  const lines: string[] = [];
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: { COGNATE_LOG_LEVEL: "info" },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("are JSON lines with a requestId, and hold neither the secret key, the signature nor a password", async () => {
    const client = server.adminClient();
    let authorization = "";
    client.middlewareStack.add(
      (next) => async (args) => {
        authorization = String((args.request as { headers: Record<string, string> }).headers.authorization);
        return next(args);
      },
      { step: "deserialize", name: "captureAuthorization" },
    );
    let requestId: string | undefined;
    try {
      requestId = (await client.send(new ListUserPoolsCommand({ MaxResults: 10 }))).$metadata.requestId;
    } catch (error) {
      requestId = (error as { $metadata?: { requestId?: string } }).$metadata?.requestId;
    }
    const password = "Sup3r-Secret-Passw0rd!";
    await server.postJson("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "1example23456789",
      AuthParameters: { USERNAME: "someone", PASSWORD: password },
    });

    const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
    expect(signature).toBeDefined();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestRecords = records.filter((record) => record.msg === "request");
    expect(requestRecords.length).toBeGreaterThanOrEqual(2);
    for (const record of requestRecords) expect(record.requestId).toEqual(expect.any(String));
    expect(requestRecords).toContainEqual(expect.objectContaining({ requestId, action: "ListUserPools" }));

    const everything = lines.join("");
    expect(everything).not.toContain(server.adminCredentials.secretAccessKey);
    expect(everything).not.toContain(signature);
    expect(everything).not.toContain(password);
  });
});

describe("readiness when the database is gone", () => {
  it("GET /health/ready answers 503 when checkReady fails", async () => {
    const app = createHttpServer({
      logger: pino({ level: "silent" }),
      metrics: createServerMetrics(),
      jsonServices: [],
      checkReady: () => Promise.reject(new Error("database is gone")),
    });
    try {
      const ready = await app.inject({ method: "GET", url: "/health/ready" });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
      const live = await app.inject({ method: "GET", url: "/health" });
      expect(live.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it.runIf(backends.includes("postgres"))(
    "GET /health/ready answers 503 after the PostgreSQL database is dropped",
    async () => {
      const database = await createTestDatabase();
      const server = await startTestServer({ backend: "postgres", databaseUrl: database.url });
      try {
        expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
        await database.drop();
        const response = await fetch(`${server.url}/health/ready`);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
      } finally {
        await server.stop();
      }
    },
  );
});

describe.each(backends)("graceful shutdown on %s", (backend) => {
  it("`cognate serve` exits 0 soon after SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cognate-serve-"));
    const database = backend === "postgres" ? await createTestDatabase() : undefined;
    const port = await freePort();
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith("COGNATE_")) env[name] = value;
    }
    Object.assign(env, {
      COGNATE_PORT: String(port),
      COGNATE_DATA_DIR: dataDir,
      COGNATE_LOG_LEVEL: "warn",
      ...(database ? { COGNATE_DATABASE_URL: database.url } : {}),
    });
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/cognate.ts", "serve"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.resume();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, child, 20_000);
      const started = Date.now();
      child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000)),
      ]);
      expect(code, stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
