import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { loadConfig } from "../../src/config/config.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/main.js";
import { createTestDatabase, postgresReachable, type TestDatabase } from "./postgres.js";

export type Backend = "sqlite" | "postgres";

/**
 * The storage backends every storage behaviour is tested on. PostgreSQL is skipped only when no server
 * is reachable, and COGNATE_TEST_REQUIRE_POSTGRES=1 (set by .ci/run) turns that skip into a failure.
 */
export async function testBackends(): Promise<Backend[]> {
  if (await postgresReachable()) return ["sqlite", "postgres"];
  if (process.env.COGNATE_TEST_REQUIRE_POSTGRES === "1") {
    throw new Error(
      "PostgreSQL is required (COGNATE_TEST_REQUIRE_POSTGRES=1) but 127.0.0.1:5432 is unreachable",
    );
  }
  return ["sqlite"];
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
  json(): unknown;
}

export interface TestServer {
  backend: Backend;
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminCredentials: Credentials;
  /** SDK client signed with the admin credentials. */
  adminClient(): CognitoIdentityProviderClient;
  clientWith(credentials: Credentials): CognitoIdentityProviderClient;
  /** Unsigned AWS JSON 1.1 request with X-Amz-Target set to `target` (prefix added when missing). */
  postJson(target: string, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  /** Stops and starts again on the same data dir and database (new port). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestServerOptions extends StartOptions {
  backend: Backend;
  /** Extra COGNATE_* variables. */
  env?: Record<string, string>;
  /** Reuse an existing database (to start two servers on one PostgreSQL database). */
  databaseUrl?: string;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-test-"));
  let database: TestDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (options.backend === "postgres" && databaseUrl === undefined) {
    database = await createTestDatabase();
    databaseUrl = database.url;
  }
  const config = loadConfig({
    COGNATE_PORT: "0",
    COGNATE_DATA_DIR: dataDir,
    COGNATE_LOG_LEVEL: "silent",
    ...(databaseUrl ? { COGNATE_DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const launch = () => startServer(config, { clock: options.clock, logDestination: options.logDestination });
  let running: RunningServer = await launch();

  const clientWith = (credentials: Credentials) =>
    new CognitoIdentityProviderClient({
      region: config.region,
      endpoint: running.url,
      credentials,
      maxAttempts: 1,
    });

  const server: TestServer = {
    backend: options.backend,
    get url() {
      return running.url;
    },
    dataDir,
    databaseUrl,
    get adminCredentials() {
      return running.adminCredentials;
    },
    adminClient: () => clientWith(running.adminCredentials),
    clientWith,
    async postJson(target, body, headers = {}) {
      const fullTarget = target.includes(".") ? target : `AWSCognitoIdentityProviderService.${target}`;
      const response = await fetch(`${running.url}/`, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": fullTarget, ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text, json: () => JSON.parse(text) };
    },
    async restart() {
      await running.close();
      running = await launch();
    },
    async stop() {
      await running.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
