import { randomUUID } from "node:crypto";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Logger as PinoLogger } from "pino";
import type { DevOutbox } from "../ports/message-sender.js";
import { handleJsonRequest, type JsonService } from "./cognito-json/json-protocol.js";
import { registerDevOutboxRoutes } from "./dev-outbox/dev-outbox-routes.js";
import { registerWellKnownRoutes, type WellKnownDependencies } from "./oauth2/well-known.js";
import type { ServerMetrics } from "./ops/metrics.js";

export interface HttpServerOptions {
  logger: PinoLogger;
  metrics: ServerMetrics;
  jsonServices: readonly JsonService[];
  /** Resolves when the database answers; rejects otherwise. */
  checkReady(): Promise<void>;
  devOutbox?: DevOutbox;
  /** The dev outbox HTTP endpoint exposes codes: off unless COGNATE_DEV_OUTBOX_HTTP=true. */
  devOutboxHttp?: boolean;
  /** Serves each pool's JWKS at /{userPoolId}/.well-known/jwks.json. */
  wellKnown?: WellKnownDependencies;
}

const CORS_ALLOW_HEADERS =
  "content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, amz-sdk-request, " +
  "authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256";
const CORS_EXPOSE_HEADERS = "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage";

/** Mounts every surface; this is the one file where every route can be seen. */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: "requestId", disableRequestLogging: true }),
    bodyLimit: 4 * 1024 * 1024,
    forceCloseConnections: "idle",
  });

  // Raw text bodies: SigV4 hashes the exact bytes, and JSON 1.1 errors must be ours, not fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request, reply) => {
    reply.header("access-control-allow-origin", request.headers.origin ?? "*");
    reply.header("access-control-expose-headers", CORS_EXPOSE_HEADERS);
    reply.header("vary", "origin");
    if (request.method === "OPTIONS") {
      reply.header("access-control-allow-methods", "GET, POST, OPTIONS");
      reply.header(
        "access-control-allow-headers",
        request.headers["access-control-request-headers"] ?? CORS_ALLOW_HEADERS,
      );
      reply.header("access-control-max-age", "86400");
      return reply.code(204).send();
    }
  });

  app.post("/", async (request, reply) => {
    const started = process.hrtime.bigint();
    const response = await handleJsonRequest(
      {
        method: request.method,
        path: request.url.split("?")[0] ?? "/",
        rawQuery: request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "",
        headers: request.headers,
        rawBody: typeof request.body === "string" ? request.body : "",
        sourceIp: request.ip,
        requestId: request.id,
      },
      options.jsonServices,
      (error, action) => request.log.error({ err: error, action }, "unexpected error"),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    options.metrics.observeRequest("cognito-json", response.action, response.statusCode, seconds);
    request.log.info(
      {
        action: response.action,
        statusCode: response.statusCode,
        errorType: response.error?.type,
        ms: Math.round(seconds * 1e4) / 10,
      },
      "request",
    );
    // A Buffer keeps fastify from appending "; charset=utf-8" to the AWS content type.
    return reply.code(response.statusCode).headers(response.headers).send(Buffer.from(response.body, "utf8"));
  });

  app.get("/health", async () => ({ status: "ok" }));
  app.get("/health/ready", async (_request, reply) => {
    try {
      await options.checkReady();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable", reason: "database unreachable" });
    }
  });
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });

  if (options.wellKnown) registerWellKnownRoutes(app, options.wellKnown);
  if (options.devOutbox) {
    registerDevOutboxRoutes(app, options.devOutbox, { enabled: options.devOutboxHttp === true });
  }

  return app;
}
