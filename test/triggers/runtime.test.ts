import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { createTriggersDir } from "./support/trigger-modules.js";
import { raw, startRecordingWebhook } from "./support/webhooks.js";

// How trigger code runs: module triggers in isolated workers (callback style, their own environment,
// console output in Cognate's log, memory cap, crashes, reloads), webhooks (signature, address policy,
// error bodies). Every outcome is the Cognito exception an app would see.

const backends = await testBackends();
const SECRET = "runtime-trigger-secret-0123456789";
const PASSWORD = "Corr3ct-Horse-Battery!";

describe.each(backends)("trigger runtime on %s", (backend) => {
  const dir = createTriggersDir();
  const logs: Array<Record<string, unknown>> = [];
  const closers: Array<() => Promise<void>> = [];
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer({
      backend,
      env: {
        COGNATE_TRIGGERS_DIR: dir.dir,
        COGNATE_WEBHOOK_ALLOW_PRIVATE: "true",
        COGNATE_LOG_LEVEL: "info",
        COGNATE_TRIGGER_TIMEOUT_MS: "10000",
      },
      logDestination: { write: (line: string) => void logs.push(JSON.parse(line)) },
    });
    admin = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
    for (const close of closers) await close();
    dir.remove();
  });

  /** A pool whose PreSignUp is `location`; signs up a fresh user and returns the outcome. */
  async function signUpThrough(location: string, tags: Record<string, string> = {}) {
    const ids = await createPoolAndClient(admin, {
      LambdaConfig: { PreSignUp: location },
      UserPoolTags: { "cognate:trigger-secret": SECRET, ...tags },
    });
    const username = `user${++counter}`;
    const send = () =>
      admin.send(new SignUpCommand({ ClientId: ids.clientId, Username: username, Password: PASSWORD }));
    return { ids, username, send };
  }

  it("runs callback-style handlers, and context.succeed, as Lambda's Node.js runtime does", async () => {
    const callback = dir.write(
      "callback-style",
      `export function handler(event, context, callback) {
        setTimeout(() => { event.response.autoConfirmUser = context.functionName === "callback-style"; callback(null, event); }, 5);
      }\n`,
    );
    expect((await (await signUpThrough(callback)).send()).UserConfirmed).toBe(true);
    // A CommonJS function (.cjs, found after .mjs and .js) finishing through context.succeed.
    writeFileSync(
      join(dir.dir, "context-succeed.cjs"),
      `exports.handler = function (event, context) { event.response.autoConfirmUser = true; context.succeed(event); };\n`,
    );
    expect((await (await signUpThrough(dir.arn("context-succeed"))).send()).UserConfirmed).toBe(true);
    const failing = dir.write(
      "callback-error",
      `export const handler = (event, context, callback) => callback(new Error("not today"));\n`,
    );
    await expect((await signUpThrough(failing)).send()).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreSignUp failed with error not today.",
    });
  });

  it("gives module triggers their own environment, not Cognate's", async () => {
    process.env.COGNATE_SECRET_THAT_MUST_NOT_LEAK = "leaked";
    const location = dir.write(
      "environment",
      `export const handler = async (event) => {
        if (process.env.COGNATE_SECRET_THAT_MUST_NOT_LEAK !== undefined) throw new Error("leak");
        if (process.env.GREETING !== "hello" || process.env.AWS_LAMBDA_FUNCTION_NAME !== "environment") throw new Error("env " + JSON.stringify(process.env));
        if (process.env.AWS_REGION !== "us-east-1" || process.env.COGNATE_TRIGGER_SECRET !== "${SECRET}") throw new Error("region or secret");
        event.response.autoConfirmUser = true;
        return event;
      };\n`,
      { Environment: { Variables: { GREETING: "hello" } } },
    );
    expect((await (await signUpThrough(location)).send()).UserConfirmed).toBe(true);
    delete process.env.COGNATE_SECRET_THAT_MUST_NOT_LEAK;
  });

  it("sends console output to Cognate's log, tagged with the trigger, and records each invocation", async () => {
    const location = dir.write(
      "chatty",
      `export const handler = async (event) => { console.log("checking %s", event.userName); console.error("careful"); return event; };\n`,
    );
    const attempt = await signUpThrough(location);
    await attempt.send();
    const tagged = logs.filter(
      (line) => (line.trigger as { function?: string } | undefined)?.function === "chatty",
    );
    expect(tagged).toContainEqual(
      expect.objectContaining({
        msg: `checking ${attempt.username}`,
        console: "log",
        trigger: { trigger: "PreSignUp", userPoolId: attempt.ids.userPoolId, function: "chatty" },
      }),
    );
    expect(tagged).toContainEqual(expect.objectContaining({ msg: "careful", console: "error", level: 40 }));
    expect(logs).toContainEqual(
      expect.objectContaining({
        audit: "trigger-invocation",
        userPoolId: attempt.ids.userPoolId,
        trigger: "PreSignUp",
        triggerSource: "PreSignUp_SignUp",
        target: "module",
        outcome: "success",
      }),
    );
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/cognate_trigger_invocations_total\{trigger="PreSignUp",outcome="success"\} \d+/);
    expect(metrics).toMatch(/cognate_trigger_duration_seconds_count\{trigger="PreSignUp"\} \d+/);
  });

  it("reports crashes, memory exhaustion and missing modules as UnexpectedLambdaException", async () => {
    const crash = dir.write(
      "crash",
      `export const handler = async () => { setTimeout(() => { throw new Error("kaboom"); }, 1); return new Promise(() => {}); };\n`,
    );
    await expect((await signUpThrough(crash)).send()).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: "PreSignUp invocation failed due to error Runtime exited with error: kaboom.",
    });
    const hog = dir.write(
      "hog",
      `export const handler = async () => { const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random())); };\n`,
      { MemorySize: 32, Timeout: 30 },
    );
    await expect((await signUpThrough(hog)).send()).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: "PreSignUp invocation failed due to error Runtime exited: out of memory (limit 32 MB).",
    });
    const missing = await signUpThrough(dir.arn("no-such-function"));
    await expect(missing.send()).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: expect.stringMatching(
        /^PreSignUp invocation failed due to error ResourceNotFoundException: no module .*no-such-function\.mjs/,
      ),
    });
    await expect(
      admin.send(new AdminGetUserCommand({ UserPoolId: missing.ids.userPoolId, Username: missing.username })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("picks up a module edited on disk without a restart, and keeps module state between warm calls", async () => {
    const source = (confirm: boolean) =>
      `let calls = 0;\nexport const handler = async (event) => { calls += 1; event.response.autoConfirmUser = ${confirm} && calls === 2; return event; };\n`;
    const location = dir.write("editable", source(false));
    const first = await signUpThrough(location);
    expect((await first.send()).UserConfirmed).toBe(false);
    dir.write("editable", source(true));
    const second = await signUpThrough(location);
    // Fresh module (calls = 1 again): not confirmed yet; the warm second call sees calls === 2.
    expect((await second.send()).UserConfirmed).toBe(false);
    const third = await signUpThrough(location);
    expect((await third.send()).UserConfirmed).toBe(true);
  });

  it("runs file:// modules and honours the pool's per-trigger timeout", async () => {
    const path = `${dir.dir}/slow.mjs`;
    dir.write(
      "slow",
      `export const handler = async (event) => { await new Promise((r) => setTimeout(r, 700)); return event; };\n`,
    );
    expect((await (await signUpThrough(`file://${path}`)).send()).UserConfirmed).toBe(false);
    const limited = await signUpThrough(`file://${path}`, { "cognate:trigger-timeout-ms:PreSignUp": "200" });
    await expect(limited.send()).rejects.toMatchObject({ name: "UnexpectedLambdaException" });
  });

  it("signs webhook calls with the pool secret and passes the webhook's error message through", async () => {
    const webhook = await startRecordingWebhook(SECRET, () => raw(403, "Sign-ups are closed today"));
    closers.push(webhook.close);
    await expect((await signUpThrough(webhook.url)).send()).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreSignUp failed with error Sign-ups are closed today.",
    });
    const call = webhook.calls[0];
    expect(call?.signatureValid).toBe(true);
    expect(call?.headers["content-type"]).toBe("application/json");
    expect(call?.headers["x-cognate-trigger"]).toBe("PreSignUp");
    expect(call?.headers["x-cognate-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.headers["x-cognate-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    webhook.respondWith(() => raw(500, JSON.stringify({ errorMessage: "lambda-style error" })));
    await expect((await signUpThrough(webhook.url)).send()).rejects.toMatchObject({
      message: "PreSignUp failed with error lambda-style error.",
    });
    webhook.respondWith(() => raw(302, ""));
    await expect((await signUpThrough(webhook.url)).send()).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: "PreSignUp invocation failed due to error HTTP 302: redirects are not followed.",
    });
    webhook.respondWith(() =>
      raw(200, JSON.stringify({ response: { autoConfirmUser: true }, padding: "x".repeat(1_100_000) })),
    );
    await expect((await signUpThrough(webhook.url)).send()).rejects.toMatchObject({
      name: "InvalidLambdaResponseException",
    });
  });

  it("reports an unreachable webhook as UnexpectedLambdaException", async () => {
    const closed = await startRecordingWebhook(SECRET);
    await closed.close();
    await expect((await signUpThrough(closed.url)).send()).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: expect.stringMatching(
        /^PreSignUp invocation failed due to error 127\.0\.0\.1:\d+: connect ECONNREFUSED/,
      ),
    });
  });
});

describe.each(backends)("webhook address policy on %s", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([
    "http://127.0.0.1:9/hook",
    "http://localhost:9/hook",
    "http://10.1.2.3/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]:9/hook",
    "http://[::ffff:192.168.0.1]/hook",
  ])("refuses %s unless COGNATE_WEBHOOK_ALLOW_PRIVATE is set", async (url) => {
    const admin = server.adminClient();
    const ids = await createPoolAndClient(admin, { LambdaConfig: { PreSignUp: url } });
    await expect(
      admin.send(new SignUpCommand({ ClientId: ids.clientId, Username: "probe", Password: PASSWORD })),
    ).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: expect.stringContaining(
        "is a private or reserved address (set COGNATE_WEBHOOK_ALLOW_PRIVATE=true",
      ),
    });
  });
});
