// Serves a Lambda trigger handler as a Cognate webhook: point a LambdaConfig field at this server's URL and
// the same handler that runs on Lambda (or as a Cognate module) answers over HTTP.
// - Checks X-Cognate-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>) and its
//   age (5 minutes), answering 401 when it does not match;
// - calls handler(event, context) (async, or with a callback), answers 200 with the returned event;
// - a thrown error becomes 500 {"message": ...}: Cognate reports it as the function's error.
//
//   import { serveAsWebhook } from "./lib/serve-as-webhook.mjs";
//   import { handler } from "./pre-sign-up-company-domain.mjs";
//   const server = await serveAsWebhook(handler, { secret: process.env.TRIGGER_SECRET, port: 4000 });

import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const MAX_AGE_SECONDS = 300;

export function verifySignature(secret, header, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const parts = Object.fromEntries(
    String(header ?? "")
      .split(",")
      .map((part) => part.split("=", 2)),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > MAX_AGE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, value) => (error ? reject(error) : resolve(value));
    try {
      const returned = handler.length >= 3 ? handler(event, context, callback) : handler(event, context);
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    } catch (error) {
      reject(error);
    }
  });
}

export function serveAsWebhook(
  handler,
  { secret, port = 0, host = "127.0.0.1", functionName = "webhook" } = {},
) {
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const reply = (status, value) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(value));
      };
      if (secret && !verifySignature(secret, request.headers["x-cognate-signature"], body)) {
        reply(401, { message: "bad signature" });
        return;
      }
      const context = {
        functionName,
        awsRequestId: randomUUID(),
        getRemainingTimeInMillis: () => 5000,
      };
      try {
        reply(200, (await runHandler(handler, JSON.parse(body), context)) ?? null);
      } catch (error) {
        reply(500, { message: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        url: `http://${host}:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
