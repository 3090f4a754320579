import { spawn } from "node:child_process";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { type CognitoActions, localCognitoActions } from "../../src/app/config-as-code/cognito-actions.js";
import { loadConfig } from "../../src/config/config.js";
import { buildHandlers } from "../../src/http/cognito-json/action-table.js";
import { createCognitoIdpInputValidator } from "../../src/http/cognito-json/model/validate-input.js";
import { USER_POOL_ACTIONS } from "../../src/http/cognito-json/user-pools.actions.js";
import { type Application, buildApplication } from "../../src/main.js";
import type { TestServer } from "./server.js";

/** The repository root (commands run there, as a person following the README would). */
export const ROOT = join(import.meta.dirname, "..", "..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cognate ARGS` as a child process (through tsx, as `npm run cognate` does). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return runCommand(
    join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "src", "cli", "cognate.ts"), ...args],
    env,
    stdin,
  );
}

export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  stdin?: string,
  options: { shell?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, COGNATE_LOG_LEVEL: "error", ...env },
      stdio: ["pipe", "pipe", "pipe"],
      shell: options.shell === true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** The environment that points the CLI at a test server's storage. */
export function cliEnv(server: Pick<TestServer, "dataDir" | "databaseUrl">): Record<string, string> {
  return {
    COGNATE_DATA_DIR: server.dataDir,
    ...(server.databaseUrl ? { COGNATE_DATABASE_URL: server.databaseUrl } : {}),
  };
}

/** An application on a test server's storage, in this process (what the CLI commands build). */
export async function openLocal(
  server: Pick<TestServer, "dataDir" | "databaseUrl">,
): Promise<{ application: Application; actions: CognitoActions }> {
  const config = loadConfig({ ...cliEnv(server), COGNATE_LOG_LEVEL: "silent", COGNATE_PORT: "0" });
  const application = await buildApplication(config, { announceGeneratedCredentials: false });
  const actions = localCognitoActions(
    buildHandlers(USER_POOL_ACTIONS, application.dependencies),
    createCognitoIdpInputValidator(),
  );
  return { application, actions };
}

/** USER_PASSWORD_AUTH through the AWS SDK. */
export function passwordSignIn(
  url: string,
  clientId: string,
  username: string,
  password: string,
): Promise<InitiateAuthCommandOutput> {
  const client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
    maxAttempts: 1,
  });
  return client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

/** USER_SRP_AUTH with amazon-cognito-identity-js; resolves to the ID token's payload. */
export function srpSignIn(
  url: string,
  ids: { userPoolId: string; clientId: string },
  username: string,
  password: string,
): Promise<Record<string, unknown>> {
  const pool = new CognitoUserPool({
    UserPoolId: ids.userPoolId,
    ClientId: ids.clientId,
    endpoint: `${url}/`,
  });
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve(session.getIdToken().decodePayload()),
      onFailure: reject,
      newPasswordRequired: () => reject(new Error("NEW_PASSWORD_REQUIRED")),
    });
  });
}
