import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "../../../examples/triggers/lib/serve-as-webhook.mjs";

// A recording webhook: every event Cognate POSTs is kept (with its headers), and `respond` decides the
// answer. A respond that throws answers 500 {"message"}; one that returns {status, body} answers that.

export interface Recorded {
  // biome-ignore lint/suspicious/noExplicitAny: events are asserted field by field against Cognito's shapes.
  event: any;
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

export interface RawAnswer {
  status: number;
  body: string;
  delayMs?: number;
}

export type Responder = (event: Recorded["event"]) => unknown;

export interface RecordingWebhook {
  url: string;
  calls: Recorded[];
  /** Events of one triggerSource (or all), in arrival order. */
  // biome-ignore lint/suspicious/noExplicitAny: see Recorded.event.
  events(triggerSource?: string): any[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

export const raw = (status: number, body: string, delayMs?: number): RawAnswer & { raw: true } => ({
  raw: true,
  status,
  body,
  ...(delayMs !== undefined ? { delayMs } : {}),
});

/** By default the event comes back unchanged, as a trigger that does nothing returns it. */
export async function startRecordingWebhook(secret: string, responder: Responder = (event) => event) {
  let respond = responder;
  const calls: Recorded[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signature = request.headers["x-cognate-signature"];
      const event = JSON.parse(body);
      calls.push({
        event: JSON.parse(body),
        headers: request.headers,
        body,
        signatureValid: verifySignature(secret, typeof signature === "string" ? signature : undefined, body),
      });
      try {
        const answer = await respond(event);
        if (answer && typeof answer === "object" && "raw" in answer) {
          const rawAnswer = answer as unknown as RawAnswer;
          if (rawAnswer.delayMs) await new Promise((resolve) => setTimeout(resolve, rawAnswer.delayMs));
          if (response.destroyed) return;
          response.writeHead(rawAnswer.status, { "content-type": "application/json" });
          response.end(rawAnswer.body);
          return;
        }
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(answer ?? null));
      } catch (error) {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const webhook: RecordingWebhook = {
    url: `http://127.0.0.1:${port}/trigger`,
    calls,
    events: (source) =>
      calls.map((call) => call.event).filter((event) => !source || event.triggerSource === source),
    respondWith(next) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return webhook;
}
