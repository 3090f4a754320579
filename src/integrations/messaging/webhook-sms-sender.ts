import { MessageDeliveryError, type SmsMessage, type SmsSender } from "../../ports/message-sender.js";

/*
 * SMS through an HTTP webhook: POST {to, body, userPoolId, kind} as JSON to the configured URL.
 * - Any 2xx is success; another status (redirects are not followed), a network error or no answer within the timeout (5 s) is a
 *   MessageDeliveryError.
 * - The code field is not sent: it is already in the body.
 * Other providers implement SmsSender the same way.
 */

export interface WebhookSmsSenderOptions {
  url: string;
  timeoutMs?: number;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export function createWebhookSmsSender(options: WebhookSmsSenderOptions): SmsSender {
  const url = new URL(options.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error("the SMS webhook URL must be an http(s) URL");
  }
  const timeoutMs = options.timeoutMs ?? 5_000;
  const send = options.fetch ?? fetch;

  return {
    async sendSms(message: SmsMessage) {
      let response: Response;
      try {
        response = await send(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            to: message.to,
            body: message.body,
            userPoolId: message.userPoolId,
            kind: message.kind,
          }),
          signal: AbortSignal.timeout(timeoutMs),
          // A redirect is an answer other than 2xx, not an instruction to resend the message elsewhere.
          redirect: "manual",
        });
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        throw new MessageDeliveryError(
          "sms",
          timedOut
            ? `SMS webhook did not answer within ${timeoutMs} ms`
            : `SMS webhook unreachable: ${(error as Error).message}`,
          { cause: error },
        );
      }
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        throw new MessageDeliveryError("sms", `SMS webhook answered HTTP ${response.status}`);
      }
    },
  };
}
