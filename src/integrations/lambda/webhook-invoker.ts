import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { TriggerInvocationResult } from "../../ports/trigger-invoker.js";
import { BlockedAddressError, guardedLookup, isPrivateAddress } from "./webhook-address-policy.js";

// A webhook trigger: the event is POSTed as JSON, exactly what the Lambda function would receive, and the
// answer is what the function would return (the event with `response` filled in).
// - Signed: X-Cognate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(pool secret, "<t>.<raw body>")>;
//   X-Cognate-Delivery is a fresh id per call (log it; there are no retries to dedupe, but proxies may).
// - 2xx: the body must be JSON. Non-2xx: the function "threw"; the error message is the body's `message`
//   (or `errorMessage`, as Lambda error payloads spell it), else its text.
// - Limits: a connect timeout, an overall timeout, a response size cap; redirects are not followed.
// - Never retried: a retry could deliver a user a second code.

export const SIGNATURE_HEADER = "x-cognate-signature";
export const MAX_WEBHOOK_RESPONSE_BYTES = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 2000;
const MAX_ERROR_TEXT = 1000;

export interface WebhookRequest {
  url: URL;
  trigger: string;
  userPoolId: string;
  body: string;
  secret: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Seconds since the epoch, for the signature. */
  now: number;
}

/** The X-Cognate-Signature value for `body`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

function errorMessageOf(status: number, text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const fields = parsed as Record<string, unknown>;
      for (const key of ["message", "errorMessage"]) {
        if (typeof fields[key] === "string") return fields[key];
      }
    }
  } catch {
    // not JSON: use the text
  }
  const trimmed = text.trim().slice(0, MAX_ERROR_TEXT);
  return trimmed === "" ? `HTTP ${status}` : trimmed;
}

export function invokeWebhook(request: WebhookRequest): Promise<TriggerInvocationResult> {
  const { url } = request;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!request.allowPrivate && isIP(host) && isPrivateAddress(host)) {
    return Promise.resolve({ outcome: "failed", detail: new BlockedAddressError(host).message });
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let done = false;
    const settle = (result: TriggerInvocationResult) => {
      if (done) return;
      done = true;
      clearTimeout(overall);
      req.destroy();
      resolve(result);
    };
    const req = client.request(url, {
      method: "POST",
      lookup: guardedLookup(request.allowPrivate),
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(request.body),
        "user-agent": "Cognate-Trigger/1",
        "x-cognate-trigger": request.trigger,
        "x-cognate-user-pool-id": request.userPoolId,
        "x-cognate-delivery": randomUUID(),
        [SIGNATURE_HEADER]: webhookSignature(request.secret, request.now, request.body),
      },
    });
    const overall = setTimeout(() => settle({ outcome: "timeout" }), request.timeoutMs);
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      const connectTimer = setTimeout(
        () =>
          settle({
            outcome: "failed",
            detail: `could not connect to ${url.host} within ${CONNECT_TIMEOUT_MS} ms`,
          }),
        Math.min(CONNECT_TIMEOUT_MS, request.timeoutMs),
      );
      socket.once("connect", () => clearTimeout(connectTimer));
      socket.once("secureConnect", () => clearTimeout(connectTimer));
      socket.once("close", () => clearTimeout(connectTimer));
    });
    req.on("error", (error) =>
      settle({
        outcome: "failed",
        detail: error instanceof BlockedAddressError ? error.message : `${url.host}: ${error.message}`,
      }),
    );
    req.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_WEBHOOK_RESPONSE_BYTES) {
          settle({
            outcome: "malformed",
            detail: `response larger than ${MAX_WEBHOOK_RESPONSE_BYTES} bytes`,
          });
          return;
        }
        chunks.push(chunk);
      });
      response.on("error", (error) => settle({ outcome: "failed", detail: error.message }));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (status >= 300 && status < 400) {
          settle({ outcome: "failed", detail: `HTTP ${status}: redirects are not followed` });
        } else if (status < 200 || status >= 300) {
          settle({ outcome: "function-error", message: errorMessageOf(status, text) });
        } else {
          try {
            settle({ outcome: "returned", value: text.trim() === "" ? null : JSON.parse(text) });
          } catch {
            settle({ outcome: "malformed", detail: "the response body is not JSON" });
          }
        }
      });
    });
    req.end(request.body);
  });
}
