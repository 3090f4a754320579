import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookSmsSender } from "../../src/integrations/messaging/webhook-sms-sender.js";
import { MessageDeliveryError, type SmsMessage } from "../../src/ports/message-sender.js";

interface Captured {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

async function startWebhook(respond: (request: IncomingMessage, response: ServerResponse) => void) {
  const captured: Captured[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      captured.push({
        method: request.method ?? "",
        path: request.url ?? "",
        contentType: request.headers["content-type"],
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      respond(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/sms`;
  return { server, url, captured };
}

const sms: SmsMessage = {
  userPoolId: "us-east-1_AAAAAAAAA",
  to: "+12065551234",
  body: "Your verification code is 123456. ",
  kind: "SignUp",
  code: "123456",
};

describe("webhook SMS sender", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
  const serve = async (respond: (request: IncomingMessage, response: ServerResponse) => void) => {
    const started = await startWebhook(respond);
    servers.push(started.server);
    return started;
  };

  it("POSTs {to, body, userPoolId, kind} as JSON, without the separate code field", async () => {
    const { url, captured } = await serve((_request, response) => response.writeHead(204).end());
    await createWebhookSmsSender({ url }).sendSms(sms);
    expect(captured).toEqual([
      {
        method: "POST",
        path: "/hooks/sms",
        contentType: "application/json",
        body: {
          to: "+12065551234",
          body: "Your verification code is 123456. ",
          userPoolId: "us-east-1_AAAAAAAAA",
          kind: "SignUp",
        },
      },
    ]);
  });

  it("accepts any 2xx answer", async () => {
    const { url } = await serve((_request, response) =>
      response.writeHead(202, { "content-type": "text/plain" }).end("queued"),
    );
    await expect(createWebhookSmsSender({ url }).sendSms(sms)).resolves.toBeUndefined();
  });

  it.each([400, 500, 302])("fails with MessageDeliveryError on HTTP %i", async (status) => {
    const { url } = await serve((_request, response) =>
      response.writeHead(status, { location: "/elsewhere" }).end("no"),
    );
    const sending = createWebhookSmsSender({ url }).sendSms(sms);
    await expect(sending).rejects.toBeInstanceOf(MessageDeliveryError);
    await expect(sending).rejects.toMatchObject({
      channel: "sms",
      message: `SMS webhook answered HTTP ${status}`,
    });
  });

  it("gives up after the timeout", async () => {
    const { url } = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const sending = createWebhookSmsSender({ url, timeoutMs: 300 }).sendSms(sms);
    await expect(sending).rejects.toMatchObject({
      channel: "sms",
      message: "SMS webhook did not answer within 300 ms",
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("fails with MessageDeliveryError when nothing listens", async () => {
    const sending = createWebhookSmsSender({ url: "http://127.0.0.1:1/sms" }).sendSms(sms);
    await expect(sending).rejects.toMatchObject({
      name: "MessageDeliveryError",
      message: expect.stringMatching(/unreachable/),
    });
  });

  it("defaults to a 5 second timeout", async () => {
    // A fetch that never answers and only ends when its signal aborts.
    const hangingFetch: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const started = Date.now();
    const sending = createWebhookSmsSender({
      url: "https://sms.example.com/send",
      fetch: hangingFetch,
    }).sendSms(sms);
    await expect(sending).rejects.toMatchObject({ message: "SMS webhook did not answer within 5000 ms" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(Date.now() - started).toBeLessThan(7000);
  });
});
