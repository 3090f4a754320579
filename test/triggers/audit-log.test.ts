import { type CognitoIdentityProviderClient, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditTrail } from "../../src/app/audit/audit-trail.js";
import type { AuditEvent } from "../../src/ports/audit-log.js";
import { cliEnv, runCli } from "../support/cli.js";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { type RecordingWebhook, raw, startRecordingWebhook } from "./support/webhooks.js";

// The audit log: every trigger invocation leaves one event with its outcome (success, the function's
// error, a timeout, a malformed answer), read back with `cognate audit`; a failing audit write never
// fails what it audits.

const backends = await testBackends();
const SECRET = "audit-log-secret-0123456789abcdef";
const PASSWORD = "Corr3ct-Horse-Battery!";

describe.each(backends)("the audit log on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let hook: RecordingWebhook;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    admin = server.adminClient();
    hook = await startRecordingWebhook(SECRET);
  });
  afterAll(async () => {
    await server.stop();
    await hook.close();
  });

  it("records each trigger invocation's outcome, listed by `cognate audit`", async () => {
    const { userPoolId, clientId } = await createPoolAndClient(admin, {
      LambdaConfig: { PreSignUp: hook.url },
      UserPoolTags: { "cognate:trigger-secret": SECRET, "cognate:trigger-timeout-ms:PreSignUp": "400" },
    });
    const signUp = (username: string) =>
      admin.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }));

    hook.respondWith((event) => event);
    await signUp("ok-user");
    hook.respondWith(() => {
      throw new Error("sign-ups are closed");
    });
    await expect(signUp("refused-user")).rejects.toMatchObject({ name: "UserLambdaValidationException" });
    hook.respondWith(() => raw(200, "{}", 1500));
    await expect(signUp("slow-user")).rejects.toMatchObject({ name: "UnexpectedLambdaException" });
    hook.respondWith(() => raw(200, "<html>not json</html>"));
    await expect(signUp("garbage-user")).rejects.toMatchObject({ name: "InvalidLambdaResponseException" });

    const listed = await runCli(["audit", "--pool", userPoolId, "--json"], cliEnv(server));
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    const events = listed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const common = {
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      userPoolId,
      kind: "trigger.invoked",
      name: "PreSignUp",
      source: "PreSignUp_SignUp",
      target: "webhook",
      durationMs: expect.any(Number),
    };
    // Newest first.
    expect(events).toEqual([
      { ...common, outcome: "invalid_response", error: "the response body is not JSON" },
      { ...common, outcome: "timeout", error: "timeout" },
      { ...common, outcome: "function_error", error: "sign-ups are closed" },
      { ...common, outcome: "success", error: null },
    ]);
    expect(events[1].durationMs).toBeGreaterThanOrEqual(350);
    // Nothing of the event itself is kept: no username, password or secret in any entry.
    expect(listed.stdout).not.toContain("ok-user");
    expect(listed.stdout).not.toContain(PASSWORD);
    expect(listed.stdout).not.toContain(SECRET);

    const table = await runCli(["audit", "--pool", userPoolId, "--limit", "2"], cliEnv(server));
    const lines = table.stdout.trim().split("\n");
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      "TIME",
      "POOL",
      "KIND",
      "TRIGGER",
      "SOURCE",
      "OUTCOME",
      "MS",
      "ERROR",
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain("PreSignUp_SignUp");
    expect(lines[2]).toContain("invalid_response");
    expect(lines[3]).toContain("timeout");

    const other = await runCli(["audit", "--pool", "us-east-1_Nothing00"], cliEnv(server));
    expect(other.stdout).toBe("No audit events for us-east-1_Nothing00.\n");
  });
});

describe("audit writes", () => {
  it("never fail the caller: a failed insert is logged and dropped, and drain() waits for writes", async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const written: AuditEvent[] = [];
    let fail = true;
    const trail = createAuditTrail({
      auditLog: {
        async appendAuditEvent(event) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (fail) throw new Error("database is read-only");
          written.push(event);
        },
      },
      clock: { now: () => new Date("2030-01-02T03:04:05Z") },
      random: { bytes: (n) => new Uint8Array(n), uuid: () => "00000000-0000-4000-8000-000000000001" },
      logger: { info: () => {}, warn: (fields) => warnings.push(fields), error: () => {} },
    });
    const entry = {
      userPoolId: "us-east-1_Audit0001",
      kind: "trigger.invoked",
      name: "PreSignUp",
      source: "PreSignUp_SignUp",
      target: "module",
      outcome: "function_error",
      durationMs: 12,
      error: "x".repeat(2000),
    };
    expect(() => trail.record(entry)).not.toThrow();
    await trail.drain();
    expect(warnings).toEqual([
      { kind: "trigger.invoked", name: "PreSignUp", reason: "database is read-only" },
    ]);
    fail = false;
    trail.record(entry);
    expect(written).toEqual([]);
    await trail.drain();
    expect(written).toEqual([
      {
        ...entry,
        id: "00000000-0000-4000-8000-000000000001",
        at: new Date("2030-01-02T03:04:05Z"),
        error: "x".repeat(500),
      },
    ]);
  });
});
