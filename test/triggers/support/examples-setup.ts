import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import bcrypt from "bcryptjs";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
import { serveAsWebhook } from "../../../examples/triggers/lib/serve-as-webhook.mjs";
import { createPoolAndClient } from "../../support/pool-setup.js";
import { type Backend, testBackends } from "../../support/server.js";
import { useTestServer } from "../../support/suite-server.js";
import { startMailCatcher } from "./mail-catcher.js";
import { createTriggersDir, exampleHandler, type FunctionSettings } from "./trigger-modules.js";

export const backends = await testBackends();
export const SECRET = "examples-trigger-secret-0123456789";
export const PASSWORD = "Corr3ct-Horse-Battery!";

/**
 * The files and services the examples use, for the test file that awaits it (removed after its tests): the
 * profile and legacy-user SQLite files (the legacy users seeded for every backend and mode), a mail catcher,
 * and the settings that point the examples at them, in process.env too for the webhook variants.
 */
export async function exampleEnvironment() {
  const work = mkdtempSync(join(tmpdir(), "cognate-examples-"));
  const PROFILE_DB = join(work, "profiles.db");
  const LEGACY_DB = join(work, "legacy.db");
  const mail = await startMailCatcher();
  // The webhook variants run the handlers in this process: they read the same settings from process.env.
  Object.assign(process.env, { PROFILE_DB, LEGACY_DB, SMTP_URL: mail.url });
  const settings: FunctionSettings = {
    Environment: { Variables: { PROFILE_DB, LEGACY_DB, SMTP_URL: mail.url } },
  };

  const legacy = new Database(LEGACY_DB);
  legacy.exec(
    "CREATE TABLE legacy_users (username TEXT PRIMARY KEY, email TEXT NOT NULL, full_name TEXT, password_hash TEXT NOT NULL)",
  );
  const addLegacy = legacy.prepare("INSERT INTO legacy_users VALUES (?, ?, ?, ?)");
  for (const backend of backends) {
    for (const mode of ["module", "webhook"]) {
      const name = `legacy-${backend}-${mode}`;
      addLegacy.run(
        name,
        `${name}@legacy.example`,
        `Legacy ${mode}`,
        bcrypt.hashSync("Legacy-Passw0rd!x", 10),
      );
    }
  }
  legacy.close();

  afterAll(async () => {
    await mail.close();
    rmSync(work, { recursive: true, force: true });
  });

  return { PROFILE_DB, LEGACY_DB, mail, settings };
}

export const cases = backends.flatMap((backend) =>
  (["module", "webhook"] as const).map((mode) => [backend, mode] as const),
);

/**
 * A server for the enclosing describe block that finds trigger modules in a triggers dir and may call private
 * webhooks; `locate` places an example as a module or behind a webhook, `pool` makes a pool with triggers.
 */
export function useExampleServer(backend: Backend, mode: "module" | "webhook", settings: FunctionSettings) {
  const dir = createTriggersDir();
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
    dir.remove();
  });
  const ctx = useTestServer({
    backend,
    env: { COGNATE_TRIGGERS_DIR: dir.dir, COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" },
  });
  const admin = (): CognitoIdentityProviderClient => ctx.cognito;

  /** Where the pool finds `file`: an ARN for the module variant, a URL for the webhook variant. */
  async function locate(name: string, file: string): Promise<string> {
    if (mode === "module") return dir.example(name, file, settings);
    const webhook = await serveAsWebhook(await exampleHandler(file), { secret: SECRET });
    closers.push(webhook.close);
    return webhook.url;
  }

  const pool = (lambdaConfig: Record<string, unknown>, extra: Record<string, unknown> = {}, client = {}) =>
    createPoolAndClient(
      admin(),
      { LambdaConfig: lambdaConfig, UserPoolTags: { "cognate:trigger-secret": SECRET }, ...extra },
      client,
    );

  return {
    get server() {
      return ctx.server;
    },
    /** The admin SDK client. */
    get admin() {
      return admin();
    },
    locate,
    pool,
  };
}
