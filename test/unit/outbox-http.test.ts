import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerDevOutboxRoutes } from "../../src/http/dev-outbox/dev-outbox-routes.js";
import { createServerMetrics } from "../../src/http/ops/metrics.js";
import { createHttpServer } from "../../src/http/server.js";
import { createFileDevOutbox, type FileDevOutbox } from "../../src/integrations/messaging/file-dev-outbox.js";

const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe("dev outbox HTTP endpoint", () => {
  let dataDir: string;
  let outbox: FileDevOutbox;
  let app: FastifyInstance;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cognate-outbox-http-"));
    let tick = Date.parse("2030-01-01T00:00:00Z");
    outbox = createFileDevOutbox({
      filePath: join(dataDir, "outbox.ndjson"),
      clock: {
        now: () => {
          tick += 1000;
          return new Date(tick);
        },
      },
      random: { bytes: (n) => new Uint8Array(n), uuid: () => randomUUID() },
      logger: silentLogger,
    });
    await outbox.sendEmail({
      userPoolId: "us-east-1_pool00001",
      to: "alice@example.com",
      subject: "Your verification code",
      textBody: "Your verification code is 111111. ",
      kind: "SignUp",
      code: "111111",
    });
    await outbox.sendSms({
      userPoolId: "us-east-1_pool00002",
      to: "+12065551234",
      body: "Your verification code is 222222. ",
      kind: "SignUp",
      code: "222222",
    });
    await outbox.sendEmail({
      userPoolId: "us-east-1_pool00001",
      to: "alice@example.com",
      subject: "Your verification code",
      textBody: "Your password reset code is 333333",
      kind: "ForgotPassword",
      code: "333333",
    });
  });
  afterEach(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const build = async (enabled: boolean) => {
    app = Fastify();
    registerDevOutboxRoutes(app, outbox, { enabled });
    await app.ready();
    return app;
  };

  it("is absent when disabled", async () => {
    await build(false);
    expect((await app.inject({ method: "GET", url: "/_dev/outbox" })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: "GET", url: "/_dev/outbox/latest?to=alice@example.com" })).statusCode,
    ).toBe(404);
  });

  it("lists every message newest first, uncached", async () => {
    await build(true);
    const response = await app.inject({ method: "GET", url: "/_dev/outbox" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const { messages } = response.json() as { messages: { code: string; at: string; channel: string }[] };
    expect(messages.map((m) => m.code)).toEqual(["333333", "222222", "111111"]);
    expect(messages[1]).toMatchObject({ channel: "sms", to: "+12065551234", kind: "SignUp" });
  });

  it("filters by recipient, pool and limit", async () => {
    await build(true);
    const codes = async (query: string) =>
      (
        (await app.inject({ method: "GET", url: `/_dev/outbox?${query}` })).json() as {
          messages: { code: string }[];
        }
      ).messages.map((m) => m.code);
    expect(await codes("to=alice%40example.com")).toEqual(["333333", "111111"]);
    expect(await codes("to=%2B12065551234")).toEqual(["222222"]);
    expect(await codes("userPoolId=us-east-1_pool00002")).toEqual(["222222"]);
    expect(await codes("to=alice%40example.com&limit=1")).toEqual(["333333"]);
    expect(await codes("to=nobody%40example.com")).toEqual([]);
  });

  it("answers the newest message for a recipient, or 404", async () => {
    await build(true);
    const latest = await app.inject({ method: "GET", url: "/_dev/outbox/latest?to=ALICE%40example.com" });
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toMatchObject({
      to: "alice@example.com",
      kind: "ForgotPassword",
      code: "333333",
      body: "Your password reset code is 333333",
      userPoolId: "us-east-1_pool00001",
    });
    const none = await app.inject({ method: "GET", url: "/_dev/outbox/latest?to=nobody%40example.com" });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ message: "no message in the dev outbox matches" });
  });

  it("sees messages written after it started", async () => {
    await build(true);
    await outbox.sendSms({
      userPoolId: "p",
      to: "+10000000000",
      body: "late 444444",
      kind: "ResendCode",
      code: "444444",
    });
    const latest = await app.inject({ method: "GET", url: "/_dev/outbox/latest?to=%2B10000000000" });
    expect(latest.json()).toMatchObject({ code: "444444", kind: "ResendCode" });
  });

  it.each(["limit=0", "limit=1001", "limit=abc", "to=a&to=b"])("rejects %s with 400", async (query) => {
    await build(true);
    const response = await app.inject({ method: "GET", url: `/_dev/outbox?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: expect.any(String) });
  });

  it("works when mounted on the real HTTP server (its body parsers and CORS hook)", async () => {
    app = createHttpServer({
      logger: pino({ level: "silent" }),
      metrics: createServerMetrics(),
      jsonServices: [],
      checkReady: async () => {},
    });
    registerDevOutboxRoutes(app, outbox, { enabled: true });
    await app.ready();
    const response = await app.inject({
      method: "GET",
      url: "/_dev/outbox/latest?to=%2B12065551234",
      headers: { origin: "http://localhost:3000" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    expect(response.json()).toMatchObject({ code: "222222" });
  });
});
